"""pydantic's validation errors → one catalogue message naming the YAML key, the root cause first.

A typo such as ``extend:`` makes pydantic report several errors (``fields`` missing, because nothing
was inherited, *and* ``extend`` not allowed); the unknown key is the cause a person must fix, so unknown
keys are reported first, with the nearest allowed key as a did-you-mean (``extend`` → ``extends``).
Errors are mapped by pydantic's error *type* (stable across versions), never by its English text.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from creatio_cli.errors import StandardError
from creatio_cli.messages import Message, msg

# pydantic error type → catalogue code; params come from the error's ``ctx`` (see _params).
_BY_TYPE: dict[str, str] = {
    "missing": "standard.key_required",
    "float_parsing": "standard.not_a_number", "float_type": "standard.not_a_number",
    "int_parsing": "standard.not_an_integer", "int_type": "standard.not_an_integer",
    "int_from_float": "standard.not_an_integer", "finite_number": "standard.not_finite",
    "string_type": "standard.not_text", "bool_parsing": "standard.not_yes_no", "bool_type": "standard.not_yes_no",
    "date_parsing": "standard.not_a_date", "date_type": "standard.not_a_date",
    "date_from_datetime_parsing": "standard.not_a_date", "date_from_datetime_inexact": "standard.not_a_date",
    "literal_error": "standard.not_one_of", "enum": "standard.not_one_of",
    "greater_than": "standard.must_exceed", "greater_than_equal": "standard.must_be_at_least",
    "less_than": "standard.must_be_below", "less_than_equal": "standard.must_be_at_most",
    "string_pattern_mismatch": "standard.bad_id", "too_short": "standard.too_short", "too_long": "standard.too_long",
    "list_type": "standard.not_a_list", "dict_type": "standard.not_a_mapping", "model_type": "standard.not_a_mapping",
    "model_attributes_type": "standard.not_a_mapping", "tuple_type": "standard.not_a_list",
    "union_tag_not_found": "standard.rule_kind_missing",
}


def to_standard_error(path: str, data: dict[str, Any], exc: ValidationError, root: type[BaseModel],
                      root_keys: tuple[str, ...] = ()) -> StandardError:
    """The one StandardError for ``exc``: the root cause, its key path, and how many more problems there are.

    ``root_keys``: top-level keys the loader reads itself before validation (``extends``), which a typo
    may be meant for.
    """
    errors = exc.errors()
    first = min(errors, key=lambda e: (e["type"] != "extra_forbidden", e["type"] != "union_tag_invalid"))
    loc = tuple(first["loc"])
    if first["type"].startswith("standard.") and "at" in (first.get("ctx") or {}):
        # A validator of a whole model names the key inside it that is wrong (schedule → schedule.deadline).
        ctx = dict(first["ctx"])
        loc += tuple(ctx.pop("at"))
        first = {**first, "ctx": ctx}
    message = _message(first, data, root, root_keys)
    if len(errors) > 1:
        message = msg("standard.with_more", problem=message, more=len(errors) - 1)
    return StandardError(path, message.code, message.params, key=key_path(data, loc) or None)


def _message(error: ErrorDetails, data: dict[str, Any], root: type[BaseModel], root_keys: tuple[str, ...]) -> Message:
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        allowed = allowed_keys(root, data, error["loc"][:-1]) + (list(root_keys) if len(error["loc"]) == 1 else [])
        near = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        return msg("standard.unknown_key_suggest", suggestion=near[0]) if near else msg("standard.unknown_key")
    if kind == "union_tag_invalid":
        ctx = error.get("ctx") or {}
        return msg("standard.unknown_rule_kind", kind=str(ctx.get("tag", "")), kinds=str(ctx.get("expected_tags", "")))
    if kind.startswith("standard."):  # our own validators raise catalogue codes (PydanticCustomError)
        return Message(kind, dict(error.get("ctx") or {}))
    code = _BY_TYPE.get(kind)
    if code is None:
        return msg("standard.invalid_value", detail=kind)
    return Message(code, _params(error))


def _params(error: ErrorDetails) -> dict[str, Any]:
    ctx = error.get("ctx") or {}
    out: dict[str, Any] = {"value": _short(error.get("input"))}
    for name in ("gt", "ge", "lt", "le"):
        if name in ctx:
            out["limit"] = ctx[name]
    if "expected" in ctx:
        out["expected"] = _choices(str(ctx["expected"]))
    if "pattern" in ctx:
        out["pattern"] = str(ctx["pattern"])
    if "min_length" in ctx:
        out["limit"] = ctx["min_length"]
    if "max_length" in ctx:
        out["limit"] = ctx["max_length"]
    return out


def _choices(expected: str) -> str | Message:
    """pydantic's list of allowed values (``'>=', '>' or '=='``, English) as a message that joins them in the
    reader's language (``'>='、'>' 或 '=='``); any other text as it is."""
    items = re.findall(r"'[^']*'", expected)
    if len(items) < 2 or expected != ", ".join(items[:-1]) + " or " + items[-1]:
        return expected
    return msg("standard.choices", items=items[:-1], last=items[-1])


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "…"


def allowed_keys(root: type[BaseModel], data: Any, loc: tuple[Any, ...]) -> list[str]:
    """The keys a YAML mapping at ``loc`` may hold: walk the model's annotations along the location
    (list items, mapping values, the rule kind named by ``kind:``), then list that model's fields."""
    annotation: Any = root
    node = data
    for item in loc:
        model = _model(annotation, node)
        if model is not None and isinstance(item, str) and item in model.model_fields:
            info = model.model_fields[item]
            # pydantic keeps Annotated metadata (rules.base.RuleKinds) beside the bare annotation
            annotation = typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
            node = node.get(item) if isinstance(node, dict) else None
            continue
        if isinstance(node, dict) and node.get("kind") == item:
            continue  # a union tag pydantic inserts, not a YAML key
        args = [a for a in typing.get_args(_unwrap(annotation)) if a is not type(None)]
        annotation = args[-1] if args else None
        node = node[item] if isinstance(node, (list, dict)) and _has(node, item) else None
    model = _model(annotation, node)
    return list(model.model_fields) if model is not None else []


def _has(node: list | dict, item: Any) -> bool:
    return item in node if isinstance(node, dict) else isinstance(item, int) and 0 <= item < len(node)


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _model(annotation: Any, node: Any) -> type[BaseModel] | None:
    """The model class ``annotation`` stands for here (a union of rule kinds: the one ``node`` names)."""
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in annotation.__metadata__:
            if hasattr(meta, "model_for"):  # rules.base.RuleKinds: the registry decides
                return meta.model_for(node)
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        kind = node.get("kind") if isinstance(node, dict) else None
        for model in models:
            field = model.model_fields.get("kind")
            if field is not None and kind in typing.get_args(field.annotation):
                return model
        return models[0] if len(models) == 1 else None
    return None


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
