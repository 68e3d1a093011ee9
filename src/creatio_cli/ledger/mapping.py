"""An office's own column mapping: ``--map "HEADER=field"``, ``--mapping FILE.yaml`` and a standard's
``columns:`` section — fixed in a minute, without code.

Precedence (design.md, "Additions"): ``--map`` > ``--mapping`` > the standard's ``columns:`` > the matcher.
A header is a leaf (``今年以来开展活动（次）``) or ``group/leaf``, compared after the matcher's folding
(widths, spaces, units and prefixes such as 其中：do not matter). A field of ``null`` (``HEADER=`` on the
command line) says "this column is no field". The file ``creatio inspect --write-mapping`` writes is one:

    columns:
      "社区综合服务设施/总面积（㎡）": service_area   # 0.95 alias …
      "志愿服务时长（小时）": null
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from creatio_cli.errors import UsageError
from creatio_cli.ledger.assign import _override as match_override
from creatio_cli.ledger.assign import override_key
from creatio_cli.messages import msg
from creatio_cli.results import Warning
from creatio_cli.standards.model import Standard

#: One override: (folded header key, field or None, where it came from).
Override = tuple[str, str | None, str]
_NONE = ("", "null", "none", "-", "~")


def build(standard: Standard, mapping_file: Path | None = None, maps: Sequence[str] = ()) -> tuple[Override, ...]:
    """The overrides for a run, later sources winning: the standard's columns, the file, then ``--map``."""
    out: dict[str, tuple[str | None, str]] = {}
    for header, name in standard.columns.items():
        out[override_key(header)] = (name, "columns")
    if mapping_file is not None:
        for header, name in read_file(mapping_file, standard).items():
            out[override_key(header)] = (name, "--mapping")
    for text in maps:
        header, name = parse_map(text, standard)
        out[override_key(header)] = (name, "--map")
    return tuple((key, name, origin) for key, (name, origin) in out.items() if key)


def parse_map(text: str, standard: Standard) -> tuple[str, str | None]:
    """``"今年以来开展活动（次）=activities"`` → (header, field); split on the last ``=``."""
    header, sep, name = text.rpartition("=")
    if not sep or not header.strip():
        raise UsageError("mapping.bad_map", {"value": text})
    return header.strip(), _field(name.strip(), standard, "--map")


def read_file(path: Path, standard: Standard) -> dict[str, str | None]:
    """A mapping file's ``columns`` (header → field or None); exit 2 naming the file and key when unusable."""
    import yaml

    from creatio_cli.standards import yamlsafe

    if not Path(path).exists():
        raise UsageError("file.not_found", file=path)
    try:
        # Bounded like a standard (size, aliases, nodes, not a FIFO); a folder is named as --mapping's.
        data = yamlsafe.load_file(Path(path), msg("option.is_folder", option="--mapping",
                                                  expected=msg("option.expects_mapping")))
    except (UnicodeDecodeError, yaml.YAMLError):
        raise UsageError("mapping.not_yaml", file=path) from None
    if isinstance(data, dict):
        _refuse_unknown_keys(data, path)
    columns: Any = data.get("columns", data) if isinstance(data, dict) else None
    if not isinstance(columns, dict):
        raise UsageError("mapping.not_mapping", file=path)
    out: dict[str, str | None] = {}
    for header, name in columns.items():
        if name is not None and not isinstance(name, str):
            raise UsageError("mapping.bad_field", {"field": str(name)}, file=path, key=str(header))
        out[str(header)] = _field(name, standard, str(path), key=str(header))
    return out


#: The keys a mapping file may have at its top (its other form is a bare header → field mapping).
TOP_KEYS: tuple[str, ...] = ("columns",)


def _refuse_unknown_keys(data: dict[Any, Any], path: Path) -> None:
    """Exit 2 naming a top-level key that is not ``columns`` — with the nearest allowed key, as the standards
    loader does. Without ``columns:`` a key is read as a header, so one whose value is a mapping or a list
    (``colums:`` and the entries under it) is a misspelt top key, never a header."""
    import difflib

    for key, value in data.items():
        if key in TOP_KEYS or ("columns" not in data and not isinstance(value, (dict, list))):
            continue
        near = difflib.get_close_matches(str(key), TOP_KEYS, n=1, cutoff=0.6)
        if near:
            raise UsageError("mapping.unknown_key_suggest", {"key": str(key), "suggestion": near[0]}, file=path)
        raise UsageError("mapping.unknown_key", {"key": str(key), "keys": list(TOP_KEYS)}, file=path)


def _field(name: str | None, standard: Standard, where: str, key: str | None = None) -> str | None:
    if name is None or name.strip().lower() in _NONE:
        return None
    if name not in standard.fields:
        raise UsageError("mapping.unknown_field", {"field": name, "fields": list(standard.fields)},
                         file=where, key=key)
    return name


def unmatched_entries(mapping_file: Path | None, standard: Standard, overrides: Sequence[Override],
                      used_by_file: Mapping[str, Iterable[str]]) -> list[Warning]:
    """One warning per ledger file naming the ``--mapping`` entries that no column of it matched.

    A mapping file is shared across an office's ledgers; a misspelt header in it would otherwise leave the
    user believing the correction was applied (``--map`` names one such header as an error, exit 2).
    ``used_by_file``: ledger file → the override keys its columns matched (``SheetInfo.used_overrides``).
    An entry that ``--map`` overrides is ``--map``'s, not the file's, and is left out.
    """
    if mapping_file is None:
        return []
    mine = {key for key, _name, origin in overrides if origin == "--mapping"}
    entries = {override_key(h): h for h in read_file(mapping_file, standard)}
    out = []
    for file, used in used_by_file.items():
        matched = set(used)
        missing = [f"“{header}”" for key, header in entries.items() if key in mine and key not in matched]
        if missing:
            out.append(Warning(msg("mapping.header_not_found", headers=missing, mapping=str(mapping_file)), file))
    return out


def keys_of_headers(headers: Iterable[str], overrides: Sequence[Override]) -> set[str]:
    """The override keys that columns headed ``headers`` (joined ``group/leaf`` texts, as ``inspect``
    reports them) match — the matching the reader does (``assign``) applied to each header's parts."""
    table = {key: (name, origin) for key, name, origin in overrides}
    out = set()
    for header in headers:
        hit = match_override([p for p in str(header).split("/") if p.strip()], table)
        if hit is not None:
            out.add(hit[0])
    return out


def unused_maps(overrides: Sequence[Override], used: set[str]) -> list[str]:
    """The ``--map`` keys no column of any sheet matched."""
    return [key for key, _name, origin in overrides if origin == "--map" and key not in used]
