"""The JSON Schema of a class :mod:`contradict.serial` writes, from the same type hints and field metadata: every
key it always writes is required, a key left out when empty is not; nested classes go under ``$defs``."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from typing import Any

from contradict.serial import Key, args_of, plan, variadic

_PRIMITIVE = {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"},
              bool: {"type": "boolean"}, type(None): {"type": "null"}}


def schema(cls: type | tuple[type, ...], name: str, title: str = "", description: str = "") -> dict:
    """The JSON Schema (draft 2020-12) of ``cls``'s JSON (of any of them, for a tuple of classes), every class it
    holds under ``$defs``; ``name`` makes its ``$id``."""
    defs: dict[str, dict] = {}
    roots = [_object_schema(c, defs) for c in (cls if isinstance(cls, tuple) else (cls,))]
    out: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                           "$id": f"https://contradict.invalid/{name}.schema.json"}
    if title:
        out["title"] = title
    if description:
        out["description"] = description
    out.update(roots[0] if len(roots) == 1 else {"anyOf": roots})
    if defs:
        out["$defs"] = dict(sorted(defs.items()))
    return out


def _doc(cls: type) -> str:
    doc = (cls.__doc__ or "").strip()
    if not doc or doc.startswith(f"{cls.__name__}("):  # the dataclass's own signature
        return ""
    return " ".join(doc.split("\n\n")[0].split())


def _object_schema(cls: type, defs: dict[str, dict]) -> dict:
    props, required = {}, []
    for s in plan(cls):
        sub = _type_schema(s.hint, s.opts, defs)
        if s.opts.doc:
            sub = {**sub, "description": s.opts.doc}
        if s.opts.schema:
            sub = {**sub, **s.opts.schema}
        props[s.key] = sub
        if not s.opts.omit_empty:
            required.append(s.key)
    out: dict[str, Any] = {"type": "object"}
    if _doc(cls):
        out["description"] = _doc(cls)
    out["required"] = required
    out["properties"] = props
    return out


def _ref(cls: type, defs: dict[str, dict]) -> dict:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # a placeholder: a class that holds itself
        defs[name] = _object_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _type_schema(hint: Any, opts: Key, defs: dict[str, dict]) -> dict:
    origin, args = args_of(hint)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in args if not (opts.names and typing.get_origin(a) is tuple and not typing.get_args(a))]
        subs = [_type_schema(a, opts, defs) for a in arms]
        return subs[0] if len(subs) == 1 else {"anyOf": subs}
    if hint in _PRIMITIVE:
        return dict(_PRIMITIVE[hint])
    if hint is Any:
        return {}
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return _ref(hint, defs)
        if issubclass(hint, enum.Enum):
            return {"type": "string", "enum": [m.value for m in hint]}
        if hint is dict:
            return {"type": "object"}
    if origin is tuple:
        if variadic(args):
            item = args[0]
            if opts.mapping:
                vt = typing.get_args(item)[1]
                return {"type": "object", "additionalProperties": _type_schema(vt, Key(), defs)}
            if opts.names:
                return {"type": "array", "items": _record_schema(item, opts.names, defs)}
            return {"type": "array", "items": _type_schema(item, Key(), defs)}
        if opts.names:
            return _record_schema(hint, opts.names, defs)
        if not args:
            return {"type": "array", "maxItems": 0}
        subs = [_type_schema(a, Key(), defs) for a in args]
        if all(s == subs[0] for s in subs):
            return {"type": "array", "items": subs[0], "minItems": len(args), "maxItems": len(args)}
        return {"type": "array", "prefixItems": subs, "minItems": len(args), "maxItems": len(args)}
    if origin is dict:
        return {"type": "object"}
    raise TypeError(f"no JSON schema for {hint!r}")


def _record_schema(hint: Any, names: tuple[str, ...], defs: dict[str, dict]) -> dict:
    args = typing.get_args(hint)
    return {"type": "object", "required": list(names),
            "properties": {n: _type_schema(a, Key(), defs) for n, a in zip(names, args, strict=True)}}
