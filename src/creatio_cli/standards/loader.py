"""YAML → Standard: safe loading, ``extends:`` layering, and errors that name file and key path."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from creatio_cli.errors import StandardError
from creatio_cli.messages import os_reason
from creatio_cli.standards.model import Standard, Text
from creatio_cli.standards.validation import key_path, to_standard_error

__all__ = ["DEFAULT_STANDARD", "key_path", "load_standard", "merge", "resolve", "shipped_dir", "shipped_ids"]

DEFAULT_STANDARD = "liugeyi-sidabiao"
# libyaml's safe loader when PyYAML was built with it: same safe constructor, ~6× faster to parse.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_BYTES = 2_000_000  # a standard is a few kB; refuse anything absurd before parsing


def shipped_dir() -> Path:
    """Folder of the shipped standards: package data in a wheel, the repo's standards/ in a checkout."""
    installed = Path(__file__).resolve().parents[1] / "standards_data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "standards"


def shipped_ids() -> list[str]:
    """Ids of the shipped standards, sorted."""
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def resolve(ref: str | Path | None, relative_to: Path | None = None) -> Path:
    """A standard reference (shipped id or YAML path) → the file to read."""
    ref = DEFAULT_STANDARD if ref is None else ref
    text = str(ref)
    candidate = Path(text)
    if relative_to is not None and not candidate.is_absolute():
        near = relative_to.parent / candidate
        if near.suffix in (".yaml", ".yml") and near.exists():
            return near
    if candidate.suffix in (".yaml", ".yml") or candidate.exists() or "/" in text or "\\" in text:
        if not candidate.exists():
            raise StandardError(text, "file.not_found")
        if candidate.is_dir():
            raise StandardError(text, "standard.is_folder")
        return candidate
    shipped = shipped_dir() / f"{text}.yaml"
    if not shipped.exists():
        raise StandardError(text, "standard.unknown_id", {"shipped": shipped_ids()})
    return shipped


def load_standard(ref: str | Path | None = None) -> Standard:
    """Load and validate a standard by shipped id or path; raises StandardError naming the key."""
    path = resolve(ref)
    return _load_cached(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _load_cached(path: str, _mtime: int) -> Standard:
    layers: list[dict[str, Any]] = []
    data = _merged_data(Path(path), chain=(), layers=layers)
    try:
        std = Standard.model_validate(data)
    except ValidationError as exc:
        raise to_standard_error(path, data, exc, Standard, ("extends", "remove_indicators")) from None
    std._source = path
    std._basis_title = _basis_title(layers)
    return std


def _basis_title(layers: list[dict[str, Any]]) -> Text | None:
    """The title of the first layer of the ``extends`` chain (root first) that declares indicators: the
    document the indicators come from. A field library (common-fields) above it, and extensions below it
    that add aliases or tighten rules, are not that document."""
    for layer in layers:
        if layer.get("indicators"):
            try:
                return Text.model_validate(layer.get("title"))
            except ValidationError:
                return None
    return None


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StandardError(path, "file.unreadable", {"reason": os_reason(exc)}) from None
    if len(raw) > _MAX_BYTES:
        raise StandardError(path, "standard.too_large", {"size": len(raw), "limit": _MAX_BYTES})
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=_SafeLoader)
    except UnicodeDecodeError:
        raise StandardError(path, "standard.not_utf8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        if mark is None:
            raise StandardError(path, "standard.yaml_syntax", {"problem": problem}) from None
        raise StandardError(path, "standard.yaml_syntax_at", {"line": mark.line + 1, "column": mark.column + 1,
                                                               "problem": problem}) from None
    if not isinstance(data, dict):
        raise StandardError(path, "standard.not_mapping")
    return data


def _merged_data(path: Path, chain: tuple[str, ...], layers: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Read ``path`` and layer it over the standard it ``extends`` (recursively); ``layers`` collects each
    file's own data, root first."""
    key = str(path.resolve())
    if key in chain:
        raise StandardError(path, "standard.extends_circular", key="extends")
    data = _read_yaml(path)
    if layers is not None:
        layers.insert(0, {"title": data.get("title"), "indicators": data.get("indicators")})
    parent_ref = data.pop("extends", None)
    if parent_ref is None:
        return data
    if not isinstance(parent_ref, str):
        raise StandardError(path, "standard.extends_type", key="extends")
    try:
        parent_path = resolve(parent_ref, relative_to=path)
    except StandardError as exc:
        raise StandardError(path, "standard.extends_unusable", {"ref": parent_ref, "reason": exc.reason},
                            key="extends") from None
    base = _merged_data(parent_path, (*chain, key), layers)
    return merge(base, data, path)


def merge(base: dict[str, Any], override: dict[str, Any], path: Path | str = "<standard>") -> dict[str, Any]:
    """Layer ``override`` on ``base``: mappings merge key by key, indicators merge by id.

    ``remove_indicators: [id, …]`` in the override drops inherited indicators (a district that
    does not assess one item of the city standard).
    """
    result = copy.deepcopy(base)
    removed = override.get("remove_indicators", [])
    for key, value in override.items():
        if key == "remove_indicators":
            continue
        if key == "indicators" and isinstance(value, list):
            result[key] = _merge_indicators(result.get(key, []), value)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value, path)
        else:
            result[key] = copy.deepcopy(value)
    if removed:
        known = {i.get("id") for i in result.get("indicators", []) if isinstance(i, dict)}
        for ind_id in removed:
            if ind_id not in known:
                raise StandardError(path, "standard.unknown_indicator", {"id": ind_id}, key="remove_indicators")
        result["indicators"] = [i for i in result.get("indicators", []) if i.get("id") not in removed]
    return result


def _merge_indicators(base: list[Any], override: list[Any]) -> list[Any]:
    merged = [copy.deepcopy(i) for i in base]
    index = {i.get("id"): n for n, i in enumerate(merged) if isinstance(i, dict)}
    for item in override:
        if isinstance(item, dict) and item.get("id") in index:
            n = index[item["id"]]
            # A rule is replaced whole: merging two rules of different kinds makes no sense.
            merged[n] = {**merge(merged[n], {k: v for k, v in item.items() if k != "rule"})}
            if "rule" in item:
                merged[n]["rule"] = copy.deepcopy(item["rule"])
        else:
            merged.append(copy.deepcopy(item))
    return merged
