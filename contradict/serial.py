"""One serializer for the frozen dataclasses the program writes as JSON, driven by their type hints.

``to_json(obj)`` gives the JSON value, ``from_json(cls, data)`` reads one back and ``schema(cls)`` gives its JSON
Schema. A field says how it is written through :func:`key` in its metadata:

- ``name``: the JSON key when it differs from the field's name;
- ``omit_empty``: left out when empty (false: "", (), 0, None);
- ``mapping``: a tuple of (key, value) pairs written as an object;
- ``names``: a tuple record (or each record of a tuple of them) written as an object with these keys;
- ``missing``: the value read when a report made by an older version lacks the key (else the field's default);
  ``or_missing``: an empty value read as missing too;
- ``doc``, ``schema``: the key's description and more of its JSON Schema ({"minimum": 0}); a property's
  description is its docstring's first line.

A class may list its keys in order (``JSON_KEYS``: field or property names; a property is written, never read);
otherwise its fields are written in their order. A field with ``key(skip=True)`` is not written.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")
_UNSET: Any = object()
_NONE: dict[str, Any] = {}  # no given values (never written to)


@dataclasses.dataclass(frozen=True)
class Key:
    name: str = ""
    omit_empty: bool = False
    mapping: bool = False
    names: tuple[str, ...] = ()
    missing: Any = _UNSET
    or_missing: bool = False
    round_to: int | None = None
    skip: bool = False
    doc: str = ""
    schema: Any = None  # more of the key's JSON Schema: {"enum": [...]}, {"minimum": 0}


def key(**opts: Any) -> dict[str, Key]:
    """Field metadata: ``dataclasses.field(default=(), metadata=key(name="quotes", omit_empty=True))``."""
    return {"json": Key(**opts)}


@dataclasses.dataclass(frozen=True)
class _Slot:
    attr: str  # the field or property
    key: str
    hint: Any
    opts: Key
    is_field: bool
    required: bool  # a field without a default nor a ``missing`` value
    default: Any


def _hints(obj: Any) -> dict[str, Any]:
    return typing.get_type_hints(obj)


def plan(cls: type) -> tuple[_Slot, ...]:
    """The keys of ``cls`` in the order they are written (worked out once per class)."""
    return _PLANS.get(cls) or _PLANS.setdefault(cls, _plan(cls))


_PLANS: dict[type, tuple[_Slot, ...]] = {}

# per class, made once from its plan: a function that writes an instance, one that reads one (see _writer)
_WRITERS: dict[type, Any] = {}
_READERS: dict[type, Any] = {}


def _writer(cls: type) -> Any:
    """``cls``'s writer: Python source made from its plan (one line per key, as a hand-written one would read),
    compiled once; a key's encoder is called only for a value not written as it is."""
    ns: dict[str, Any] = {}
    lines = ["def write(obj):", "    out = {}"]
    for i, s in enumerate(plan(cls)):
        enc = _encoder(s.hint, s.opts)
        ns[f"e{i}"] = enc
        value = "v" if enc is None else f"e{i}(v)"
        lines.append(f"    v = obj.{s.attr}")
        lines.append(f"    if v: out[{s.key!r}] = {value}" if s.opts.omit_empty else f"    out[{s.key!r}] = {value}")
    lines.append("    return out")
    exec("\n".join(lines), ns)  # noqa: S102 (source made here from field names)
    return _WRITERS.setdefault(cls, ns["write"])


def _reader(cls: type) -> Any:
    """``cls``'s reader, made as :func:`_writer` makes its writer: a missing key (or an empty one, with
    ``or_missing``) takes its default; a required one raises KeyError."""
    ns: dict[str, Any] = {"cls": cls}
    lines = ["def read(data, given):", "    get = data.get"]
    args = {}
    for i, s in enumerate(x for x in plan(cls) if x.is_field):
        dec = _decoder(s.hint, s.opts)
        ns[f"d{i}"], ns[f"m{i}"] = dec, s.default
        lines.append(f"    v = get({s.key!r})")
        lines.append("    if not v:" if s.opts.or_missing else "    if v is None:")
        fallback = f"raise KeyError({s.key!r})" if s.required else f"a{i} = m{i}"
        if _allows_none(s.hint):
            lines += [f"        if v is None and {s.key!r} in data:", f"            a{i} = None", "        else:",
                      f"            {fallback}"]
        else:
            lines.append(f"        {fallback}")
        lines += ["    else:", f"        a{i} = {'v' if dec is None else f'd{i}(v)'}"]
        args[s.attr] = f"a{i}"
    skipped = [f.name for f in dataclasses.fields(cls) if f.name not in args]
    if skipped:  # fields the JSON does not hold come from ``given``
        lines.append(f"    return cls(**given, {', '.join(f'{k}={a}' for k, a in args.items())})")
    else:  # positional, in the fields' order: the quickest call
        lines.append(f"    return cls({', '.join(args[f.name] for f in dataclasses.fields(cls))})")
    exec("\n".join(lines), ns)  # noqa: S102 (source made here from field names)
    return _READERS.setdefault(cls, ns["read"])


def _plan(cls: type) -> tuple[_Slot, ...]:
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    order = getattr(cls, "JSON_KEYS", None) or tuple(fields)
    slots = []
    for attr in order:
        f = fields.get(attr)
        if f is None:  # a property: written, never read
            prop = getattr(cls, attr)
            hint = _hints(prop.fget).get("return", Any)
            doc = " ".join((prop.__doc__ or "").strip().split("\n\n")[0].split())
            slots.append(_Slot(attr, attr, hint, Key(doc=doc), False, False, _UNSET))
            continue
        opts = f.metadata.get("json", Key())
        if opts.skip:
            continue
        default = (opts.missing if opts.missing is not _UNSET else f.default
                   if f.default is not dataclasses.MISSING else _UNSET)
        slots.append(_Slot(attr, opts.name or attr, hints[attr], opts, True, default is _UNSET, default))
    missing = {f for f, x in fields.items() if not x.metadata.get("json", Key()).skip} - set(order)
    if missing:
        raise TypeError(f"{cls.__name__}.JSON_KEYS lacks {sorted(missing)}")
    return tuple(slots)


def to_json(obj: Any) -> Any:
    """The JSON value (dicts, lists, strings, numbers) of a dataclass instance."""
    cls = type(obj)
    return (_WRITERS.get(cls) or _writer(cls))(obj)


def _encoder(hint: Any, opts: Key = Key()) -> Any:
    """A function from a value of type ``hint`` to its JSON value, or None for a value written as it is."""
    origin, args = _args(hint)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in args if a is not type(None)]
        if len(arms) == 1:
            e = _encoder(arms[0], opts)
            return None if e is None else (lambda v: None if v is None else e(v))
        return lambda v: _out(v, hint, opts)  # the arm is chosen by the value
    if hint is float:
        r = opts.round_to
        return None if r is None else (lambda v: v if v is None else round(v, r))
    if hint in (str, int, bool):
        return None
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return to_json
        if issubclass(hint, enum.Enum):
            return lambda v: v.value
        if hint is dict:
            return dict
    if origin is tuple:
        if _variadic(args):
            item = args[0]
            if opts.mapping:
                ve = _encoder(typing.get_args(item)[1])
                return dict if ve is None else (lambda v: {k: ve(x) for k, x in v})
            if opts.names:
                re_ = _record_encoder(item, opts.names)
                return lambda v: [re_(x) for x in v]
            ie = _encoder(item)
            return list if ie is None else (lambda v: [ie(x) for x in v])
        if opts.names:
            return _record_encoder(hint, opts.names)
        encs = [_encoder(a) for a in args]
        if all(e is None for e in encs):
            return list
        return lambda v: [x if e is None else e(x) for e, x in zip(encs, v, strict=True)]
    return lambda v: _out(v, hint, opts)


def _record_encoder(hint: Any, names: tuple[str, ...]) -> Any:
    encs = tuple(zip(names, [_encoder(a) for a in typing.get_args(hint)], strict=True))
    return lambda v: {n: x if e is None else e(x) for (n, e), x in zip(encs, v, strict=True)}


def _decoder(hint: Any, opts: Key = Key()) -> Any:
    """A function from a JSON value to a value of type ``hint``, or None for a value read as it is."""
    origin, args = _args(hint)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in args if a is not type(None)]
        if len(arms) == 1:
            d = _decoder(arms[0], opts)
            return None if d is None else (lambda v: None if v is None else d(v))
        return lambda v: _in(v, hint, opts)
    if hint in (str, int, bool, float) or hint is Any:
        return None
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return lambda v: (_READERS.get(hint) or _reader(hint))(v, _NONE)
        if issubclass(hint, enum.Enum):
            return hint
        if hint is dict:
            return dict
    if origin is tuple:
        if _variadic(args):
            item = args[0]
            if opts.mapping:
                vd = _decoder(typing.get_args(item)[1])
                if vd is None:
                    return lambda v: tuple(v.items())
                return lambda v: tuple((k, vd(x)) for k, x in v.items())
            if opts.names:
                rd = _record_decoder(item, opts.names)
                return lambda v: tuple([rd(x) for x in v])
            idd = _decoder(item)
            return tuple if idd is None else (lambda v: tuple([idd(x) for x in v]))
        if opts.names:
            return _record_decoder(hint, opts.names)
        decs = [_decoder(a) for a in args]
        if all(d is None for d in decs):
            return tuple
        return lambda v: tuple(x if d is None else d(x) for d, x in zip(decs, v, strict=True))
    if origin is dict:
        return dict
    return lambda v: _in(v, hint, opts)


def _record_decoder(hint: Any, names: tuple[str, ...]) -> Any:
    decs = tuple(zip(names, [_decoder(a) for a in typing.get_args(hint)], strict=True))
    return lambda v: tuple(v[n] if d is None else d(v[n]) for n, d in decs)


def _args(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    return typing.get_origin(hint), typing.get_args(hint)


def _variadic(args: tuple[Any, ...]) -> bool:
    return len(args) == 2 and args[1] is Ellipsis


def _arm(hint: Any, v: Any) -> Any:
    """The arm of a union that fits ``v``."""
    arms = [a for a in typing.get_args(hint) if a is not type(None)]
    if len(arms) == 1:
        return arms[0]
    for a in arms:
        origin, args = _args(a)
        if origin is tuple and isinstance(v, tuple | list):
            if _variadic(args) or len(args) == len(v) or (args == () and not v):
                return a
        elif isinstance(a, type) and isinstance(v, a):
            return a
    return arms[0]


def _out(v: Any, hint: Any, opts: Key = Key()) -> Any:
    if v is None:
        return None
    if dataclasses.is_dataclass(v):
        return to_json(v)
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, float):
        return round(v, opts.round_to) if opts.round_to is not None else v
    if isinstance(v, str | int | bool):
        return v
    if isinstance(v, dict):
        return dict(v)
    origin, args = _args(hint)
    if origin in (typing.Union, types.UnionType):
        return _out(v, _arm(hint, v), opts)
    if origin is tuple or isinstance(v, tuple | list):
        if _variadic(args):
            item = args[0]
            if opts.mapping:
                vt = typing.get_args(item)[1] if typing.get_args(item) else Any
                return {k: _out(x, vt) for k, x in v}
            if opts.names:
                return [_record(x, item, opts.names) for x in v]
            return [_out(x, item) for x in v]
        if opts.names:
            return _record(v, hint, opts.names)
        return [_out(x, args[i] if i < len(args) else Any) for i, x in enumerate(v)]
    return v


def _record(v: Any, hint: Any, names: tuple[str, ...]) -> dict:
    args = typing.get_args(hint)
    return {n: _out(x, args[i] if i < len(args) else Any) for i, (n, x) in enumerate(zip(names, v, strict=True))}


def from_json(cls: type[T], data: dict, **given: Any) -> T:
    """An instance of ``cls`` from its JSON value; keys an older version did not write take their defaults.
    ``given``: values of fields the JSON does not hold (``key(skip=True)``)."""
    return (_READERS.get(cls) or _reader(cls))(data, given)


def _allows_none(hint: Any) -> bool:
    return type(None) in typing.get_args(hint)


def _in(v: Any, hint: Any, opts: Key = Key()) -> Any:
    if v is None:
        return None
    origin, args = _args(hint)
    if origin in (typing.Union, types.UnionType):
        if opts.names and isinstance(v, dict):
            arms = [a for a in args if typing.get_args(a)]
            return _in(v, arms[0], opts)
        return _in(v, _arm(hint, v), opts)
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return from_json(hint, v)
        if issubclass(hint, enum.Enum):
            return hint(v)
        if hint is dict:
            return dict(v)
        return v
    if origin is tuple:
        if _variadic(args):
            item = args[0]
            if opts.mapping:
                vt = typing.get_args(item)[1] if typing.get_args(item) else Any
                return tuple((k, _in(x, vt)) for k, x in v.items())
            if opts.names:
                return tuple(_unrecord(x, item, opts.names) for x in v)
            return tuple(_in(x, item) for x in v)
        if opts.names:
            return _unrecord(v, hint, opts.names)
        return tuple(_in(x, args[i] if i < len(args) else Any) for i, x in enumerate(v))
    if origin is dict:
        return dict(v)
    return v


def _unrecord(v: dict, hint: Any, names: tuple[str, ...]) -> tuple:
    args = typing.get_args(hint)
    return tuple(_in(v[n], args[i] if i < len(args) else Any) for i, n in enumerate(names))


# ---- JSON Schema ---------------------------------------------------------------------------------------------

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
    origin, args = _args(hint)
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
        if _variadic(args):
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




class Json:
    """``obj.to_json()`` and ``cls.from_json(data)`` for a dataclass: this module's functions."""

    def to_json(self) -> dict:
        return to_json(self)

    @classmethod
    def from_json(cls: type[T], data: dict) -> T:
        return from_json(cls, data)
