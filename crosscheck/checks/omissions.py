"""Omissions: which claims that only one outlet makes are worth listing.

Every sentence that no other outlet states is a candidate; this check keeps those
that carry a claim a fact-checker would want to verify, and drops scraps: very short
lines, questions, and sentences without a single content word.

Passing (listed): "In Ukraine's Kherson region, three people were killed and 10 more were
injured." (only one outlet says it; a concrete claim)

Failing (not listed): "Here's a round-up." (too short to be a claim)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from crosscheck.checks import Claim, Context, Param

PARAMS = {
    "min_words": Param(
        int, 6, "shortest sentence (in words) worth listing; shorter ones are scraps or headings"
    ),
    "skip_questions": Param(bool, True, "leave out sentences that end in a question mark"),
}

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def keep(claim: Claim, params: Mapping[str, Any], context: Context) -> bool:
    """True when ``claim`` (stated by one outlet only) belongs in the report's list."""
    text = claim.text.strip()
    if len(_WORD.findall(text)) < params["min_words"]:
        return False
    return not (params["skip_questions"] and text.rstrip("\"'”’ ").endswith("?"))
