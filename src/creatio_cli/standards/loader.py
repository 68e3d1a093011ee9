"""YAML → Standard: safe loading, ``extends:`` layering, and errors that name file and key path."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from creatio_cli.errors import StandardError
from creatio_cli.standards import limits, yamlsafe
from creatio_cli.standards.model import Standard

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


def resolve(ref: str | Path | None, relative_to: Path | None = None) -> Path:
    """A standard reference (shipped id or YAML path) → the file to read."""
    ref = DEFAULT_STANDARD if ref is None else ref
    text = str(ref)
    candidate = Path(text)
    if relative_to is not None and not candidate.is_absolute():
        near = relative_to.parent / candidate
        if near.suffix in (".yaml", ".yml") and near.exists():
            problem = yamlsafe.not_regular(near)
            if problem:
                raise StandardError(near, problem)
            return near
    if candidate.suffix in (".yaml", ".yml") or candidate.exists() or "/" in text or "\\" in text:
        # A folder, device or FIFO is refused here by name, before anything tries to open it.
        problem = yamlsafe.not_regular(candidate)
        if problem:
            raise StandardError(text, problem)
        return candidate
    shipped = shipped_dir() / f"{text}.yaml"
    if not shipped.exists():
        raise StandardError(text, f"no such standard (shipped: {', '.join(shipped_ids())})")
    return shipped


def load_standard(ref: str | Path | None = None) -> Standard:
    """Load and validate a standard by shipped id or path; raises StandardError naming the key."""
    path = resolve(ref)
    return _load_cached(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _load_cached(path: str, _mtime: int) -> Standard:
    data = _merged_data(Path(path), chain=())
    _check_rule_trees(path, data)
    try:
        return Standard.model_validate(data)
    except ValidationError as exc:
        raise _to_standard_error(path, data, exc) from None


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
                raise StandardError(path, f"more than {max_nodes:,} rules in one rule tree "
                                          f"{limits.raise_hint('rule_nodes')}", key=top)
            if depth > max_depth:
                raise StandardError(path, f"rules nested more than {max_depth} levels deep "
                                          f"{limits.raise_hint('rule_depth')}", key=key)
            subrules = rule.get("rules") if isinstance(rule, dict) else None
            if isinstance(subrules, list):
                stack.extend((sub, f"{key}.rules[{i}]", depth + 1) for i, sub in reversed(list(enumerate(subrules))))


def _read_yaml(path: Path) -> dict[str, Any]:
    raw = yamlsafe.read_bounded(path)
    try:
        data = yamlsafe.load(path, raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise StandardError(path, "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise StandardError(path, f"{where}{problem}") from None
    except RecursionError:  # only PyYAML's pure-Python parser recurses; libyaml stops at 1,000 levels
        raise StandardError(path, "nested too deeply") from None
    if not isinstance(data, dict):
        raise StandardError(path, "a standard must be a YAML mapping (id, title, fields, indicators …)")
    return data


def _merged_data(path: Path, chain: tuple[str, ...]) -> dict[str, Any]:
    """Read ``path`` and layer it over the standard it ``extends`` (recursively)."""
    key = str(path.resolve())
    if key in chain:
        raise StandardError(path, "extends: circular reference", key="extends")
    data = _read_yaml(path)
    parent_ref = data.pop("extends", None)
    if parent_ref is None:
        return data
    if not isinstance(parent_ref, str):
        raise StandardError(path, "must be a standard id or a path", key="extends")
    try:
        parent_path = resolve(parent_ref, relative_to=path)
    except StandardError as exc:
        raise StandardError(path, f"{parent_ref}: {exc.reason}", key="extends") from None
    base = _merged_data(parent_path, (*chain, key))
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
                raise StandardError(path, f"unknown indicator {ind_id!r}", key="remove_indicators")
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


def _to_standard_error(path: str, data: dict[str, Any], exc: ValidationError) -> StandardError:
    first = exc.errors()[0]
    key = key_path(data, first["loc"])
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    elif first["type"] == "finite_number":
        message = "must be a finite number, not .nan or .inf"
    elif first["type"] == "union_tag_invalid":
        message = f"unknown rule kind {first.get('input', {}).get('kind')!r}" if isinstance(
            first.get("input"), dict) else message
    more = len(exc.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return StandardError(path, message, key=key or None)


def key_path(data: Any, loc: tuple[Any, ...]) -> str:
    """Render a pydantic error location as a YAML key path, naming indicators by id.

    Discriminator tags that pydantic inserts (``threshold`` in ``rule.threshold.value``) are not
    keys of the YAML and are dropped.
    """
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = f"[{node['id']}]"
            parts.append(label)
            continue
        if isinstance(node, dict) and item in node:
            node = node[item]
        elif isinstance(node, dict) and node.get("kind") == item:
            continue  # a union tag, not a YAML key
        elif isinstance(node, dict) and isinstance(item, str) and item.startswith(("function-", "tagged-union")):
            continue
        elif not isinstance(node, dict):
            continue  # a union member's label (``float``, ``list[…]``): a scalar or list has no named keys
        parts.append(("." if parts else "") + str(item))
    return "".join(parts)
