"""Which outlet an article is shown under: a given name, a host through
``outlets.yaml``, what the file says; else the file's own name, never a stem passed
off as an outlet.
"""

from __future__ import annotations

import re
from pathlib import Path

from crosscheck.errors import CrosscheckError
from crosscheck.ingest.metadata import _title_from_stem, _url_site
from crosscheck.ingest.parsed import _Parsed
from crosscheck.settings import RULES_DIR
from crosscheck.yamlfile import YamlProblem, read_yaml

OUTLETS_FILE = "outlets.yaml"
# A file name standing in for an outlet is shown as "unknown outlet (file NAME)" when
# it looks machine-made: a run of 8+ hex digits mixing digits and letters (a hash or
# UUID part), or no letters at all. "northern-ledger" stays, "000_669a61a3c6b00fe6" goes.
_HASH_LIKE = re.compile(
    r"(?:^|[^0-9a-f])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}(?:$|[^0-9a-f])"
)


def outlet_names(*folders: Path | str) -> dict[str, str]:
    """Outlet names by web host from ``outlets.yaml`` in the shipped rules folder and
    in each of ``folders`` (later ones win for the same host).

    >>> outlet_names()["reuters.com"]
    'Reuters'
    """
    names: dict[str, str] = {}
    for folder in (RULES_DIR, *map(Path, folders)):
        path = Path(folder) / OUTLETS_FILE
        if not path.is_file():
            continue
        try:
            data = read_yaml(path)
        except YamlProblem as problem:
            raise CrosscheckError(f"invalid config: {path}: {problem}") from None
        hosts = data.get("hosts") if isinstance(data, dict) else None
        if not isinstance(hosts, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in hosts.items()
        ):
            raise CrosscheckError(
                f"invalid config: {path}: expected 'hosts:' mapping web host: outlet name"
            )
        names.update({_url_site(host) or host.lower(): v.strip() for host, v in hosts.items()})
    return names


def _outlet_for_host(site: str, names: dict[str, str]) -> str | None:
    """'edition.cnn.com' -> the name of 'cnn.com' when only the parent is listed."""
    labels = site.split(".")
    for n in range(len(labels) - 1):
        name = names.get(".".join(labels[n:]))
        if name:
            return name
    return None


def _named_outlet(item: _Parsed, names: dict[str, str], given: str | None) -> str:
    """The outlet to show: a name given with --outlet, a host mapped through
    outlets.yaml, the name ingest found; else the file's name as a file name.

    A file that names no outlet (no front matter, no address, no agency) is shown
    under its file name with the extension, ``harbour-post.txt``: a reader sees a
    file, not an outlet crosscheck made up from a stem; a machine-made name says
    ``unknown outlet (file 000_9f8e7d6c5b4a3f2e.txt)``.
    """
    if given:
        return given
    outlet = item.outlet
    if re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", outlet):
        return _outlet_for_host(outlet, names) or outlet
    if isinstance(item.path, Path) and outlet == _title_from_stem(item.path):
        machine_made = _HASH_LIKE.search(outlet.casefold()) or not re.search(r"[^\W\d_]", outlet)
        return f"unknown outlet (file {item.path.name})" if machine_made else item.path.name
    return outlet
