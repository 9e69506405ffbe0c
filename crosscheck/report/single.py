"""What each outlet alone reports, grouped for the human-readable reports.

A report lists one-source claims (``Report.omissions``: sentences no other outlet
states) and one-source details (``Report.details``: spans inside shared sentences that
no other outlet gives). Markdown and HTML show both per outlet, in the sources' order,
each detail under the whole sentence it sits in.

>>> import datetime as dt
>>> from crosscheck.types import Report, Sentence, Source
>>> a = Source("a", "a.txt", "A", "Outlet A", dt.date(2025, 6, 2))
>>> s = Sentence("a", 0, "The ferry sailed at noon, an hour late.", 0, 39)
>>> part = Sentence("a", 0, "an hour late.", 26, 39)
>>> report = Report((a,), (s,), (), (), (), (), details=(part,))
>>> [(g.source.id, g.claims, [(w.index, [p.text for p in ps]) for w, ps in g.details])
...  for g in by_outlet(report)]
[('a', (), [(0, ['an hour late.'])])]
"""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.types import Report, Sentence, Source


@dataclass(frozen=True, slots=True)
class OutletAlone:
    """One outlet's claims and details that no other outlet gives."""

    source: Source
    claims: tuple[Sentence, ...]
    # (the whole shared sentence, its spans no other outlet gives), in sentence order.
    details: tuple[tuple[Sentence, tuple[Sentence, ...]], ...]


def by_outlet(report: Report) -> list[OutletAlone]:
    """Per source with anything of its own, in the sources' order."""
    whole = {s.ref: s for s in report.sentences}
    groups = []
    for source in report.sources:
        claims = tuple(s for s in report.omissions if s.source == source.id)
        spans: dict[tuple[str, int], list[Sentence]] = {}
        for span in report.details:
            if span.source == source.id:
                spans.setdefault(span.ref, []).append(span)
        if claims or spans:
            details = tuple((whole[ref], tuple(parts)) for ref, parts in sorted(spans.items()))
            groups.append(OutletAlone(source, claims, details))
    return groups
