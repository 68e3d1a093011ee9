"""YAML → Standard: safe loading, ``extends:`` layering, and errors that name file and key path."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from creatio_cli.errors import StandardError
from creatio_cli.messages import msg
from creatio_cli.standards import limits, yamlsafe
from creatio_cli.standards.model import Standard, Text
from creatio_cli.standards.validation import key_path, to_standard_error

__all__ = ["DEFAULT_STANDARD", "checkable", "key_path", "load_standard", "merge", "resolve", "shipped_dir",
           "shipped_ids"]

DEFAULT_STANDARD = "liugeyi-sidabiao"


def shipped_dir() -> Path:
    """Folder of the shipped standards: package data in a wheel, the repo's standards/ in a checkout."""
    installed = Path(__file__).resolve().parents[1] / "standards_data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "standards"


def shipped_ids() -> list[str]:
    """Ids of the shipped standards, sorted."""
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def resolve(ref: str | Path | None, relative_to: Path | None = None, option: str | None = None) -> Path:
    """A standard reference (shipped id or YAML path) → the file to read. ``option`` is the command-line
    option that gave ``ref`` (``--standard``): an empty value or a folder is refused naming it."""
    ref = DEFAULT_STANDARD if ref is None else ref
    text = str(ref)
    if not text.strip():  # Path("") is the current folder: said as what it is, an empty reference
        expected = msg("option.expects_standard", shipped=shipped_ids())
        if option:
            raise StandardError("", "option.empty", {"option": option, "expected": expected})
        raise StandardError("", "standard.empty_ref", {"expected": expected})
    candidate = Path(text)
    if relative_to is not None and not candidate.is_absolute():
        near = relative_to.parent / candidate
        if near.suffix in (".yaml", ".yml") and near.exists():
            problem = yamlsafe.not_regular(near)
            if problem:
                raise StandardError(near, problem.code, problem.params)
            return near
    if candidate.suffix in (".yaml", ".yml") or candidate.exists() or "/" in text or "\\" in text:
        # A folder, device or FIFO is refused here by name, before anything tries to open it.
        folder = msg("option.is_folder", option=option, expected=msg("option.expects_standard",
                                                                      shipped=shipped_ids())) if option else None
        problem = yamlsafe.not_regular(candidate, folder)
        if problem:
            raise StandardError(text, problem.code, problem.params)
        return candidate
    shipped = shipped_dir() / f"{text}.yaml"
    if not shipped.exists():
        raise StandardError(text, "standard.unknown_id", {"shipped": shipped_ids()})
    return shipped


def load_standard(ref: str | Path | None = None, option: str | None = None) -> Standard:
    """Load and validate a standard by shipped id or path; raises StandardError naming the key. ``option``:
    the command-line option ``ref`` came from, named when it is empty or a folder."""
    path = resolve(ref, option=option)
    return _load_cached(str(path.resolve()), path.stat().st_mtime_ns)


def checkable(std: Standard) -> Standard:
    """``std`` if it can check a ledger, else StandardError: a standard without indicators is a field library
    (common-fields) for others to extend. Loading allows it (``standards validate``, the matcher and the
    templates read its fields); checking, scoring and drafting notices with it would call every
    community compliant, having assessed nothing."""
    if not std.indicators:
        raise StandardError(std.source or std.id, "standard.no_indicators", {"id": std.id}, key="indicators")
    return std


@lru_cache(maxsize=16)
def _load_cached(path: str, _mtime: int) -> Standard:
    layers: list[dict[str, Any]] = []
    data = _merged_data(Path(path), chain=(), layers=layers)
    _check_rule_trees(path, data)
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


def _check_rule_trees(path: str, data: dict[str, Any]) -> None:
    """Refuse a rule tree too big or too deep to validate and evaluate (``limits.rule_nodes/rule_depth``).

    Runs on the merged data before pydantic sees it, and stops counting at the limit, so even a tree
    that aliases share a billion times over costs at most ``rule_nodes`` steps.
    """
    max_nodes, max_depth = limits.value("rule_nodes"), limits.value("rule_depth")
    indicators = data.get("indicators")
    if not isinstance(indicators, list):
        return
    for n, indicator in enumerate(indicators):
        if not isinstance(indicator, dict) or "rule" not in indicator:
            continue
        label = indicator["id"] if isinstance(indicator.get("id"), str) else n
        top = f"indicators[{label}].rule"
        count = 0
        stack: list[tuple[Any, str, int]] = [(indicator["rule"], top, 1)]
        while stack:
            rule, key, depth = stack.pop()
            count += 1
            if count > max_nodes:
                raise StandardError(path, "standard.rule_nodes", {"limit": max_nodes,
                                                                  "variable": limits.variable("rule_nodes")}, key=top)
            if depth > max_depth:
                raise StandardError(path, "standard.rule_depth", {"limit": max_depth,
                                                                  "variable": limits.variable("rule_depth")}, key=key)
            subrules = rule.get("rules") if isinstance(rule, dict) else None
            if isinstance(subrules, list):
                stack.extend((sub, f"{key}.rules[{i}]", depth + 1) for i, sub in reversed(list(enumerate(subrules))))


def _read_yaml(path: Path) -> dict[str, Any]:
    raw = yamlsafe.read_bounded(path)
    try:
        data = yamlsafe.load(path, raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise StandardError(path, "standard.not_utf8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        if mark is None:
            raise StandardError(path, "standard.yaml_syntax", {"problem": problem}) from None
        raise StandardError(path, "standard.yaml_syntax_at", {"line": mark.line + 1, "column": mark.column + 1,
                                                               "problem": problem}) from None
    except RecursionError:  # only PyYAML's pure-Python parser recurses; libyaml stops at 1,000 levels
        raise StandardError(path, "standard.nested_too_deeply") from None
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
    _check_ids_once(path, data)
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


def _check_ids_once(path: Path, data: dict[str, Any]) -> None:
    """One file names each indicator once. Merging matches an extension's indicators to the inherited ones
    by id, so a second item of the same id would silently replace the first; refused here, per file, before
    merging (the merged list cannot tell a repeated id from an inherited one being overridden)."""
    indicators = data.get("indicators")
    if not isinstance(indicators, list):
        return
    seen: set[str] = set()
    for item in indicators:
        ind_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ind_id, str):
            continue
        if ind_id in seen:
            raise StandardError(path, "standard.indicator_twice", {"id": ind_id}, key="indicators")
        seen.add(ind_id)


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
        elif key == "fields" and isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merge_fields(result[key], value, path)
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


# A field's wording lists grow down an `extends` chain: a district adds its own headers to the city's.
_ADDITIVE = ("aliases", "group_aliases", "leaf_aliases", "terms", "exclude", "title_exclude", "fillers")


def _merge_fields(base: dict[str, Any], override: dict[str, Any], path: Path | str) -> dict[str, Any]:
    """Fields merge key by key, except the wording lists, which are *added* to the inherited ones;
    ``replace: [aliases, …]`` on a field replaces those lists instead."""
    result = copy.deepcopy(base)
    for name, spec in override.items():
        inherited = result.get(name)
        if not isinstance(spec, dict) or not isinstance(inherited, dict):
            result[name] = copy.deepcopy(spec)
            continue
        spec = dict(spec)
        replace = spec.pop("replace", [])
        if not isinstance(replace, list) or any(k not in _ADDITIVE for k in replace):
            raise StandardError(path, "standard.bad_replace", {"keys": list(_ADDITIVE)}, key=f"fields.{name}.replace")
        merged = merge(inherited, {k: v for k, v in spec.items() if k not in _ADDITIVE}, path)
        for key in _ADDITIVE:
            if key in spec:
                added = spec[key] if isinstance(spec[key], list) else [spec[key]]
                old = [] if key in replace else list(inherited.get(key, []))
                merged[key] = old + [v for v in added if v not in old]
        if "precedence" not in spec and isinstance(merged.get("precedence"), list) and "aliases" in replace:
            # Inherited tiers name only the aliases still there (replaced aliases take their tiers with them).
            kept = set(merged.get("aliases") or [])
            tiers = [[a for a in tier if a in kept] for tier in merged["precedence"] if isinstance(tier, list)]
            merged["precedence"] = [t for t in tiers if t]
        result[name] = merged
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
