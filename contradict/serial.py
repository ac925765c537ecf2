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

The JSON Schema of a class is :func:`contradict.serial_schema.schema`.

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
    origin, args = args_of(hint)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in args if a is not type(None)]
        if len(arms) == 1:
            e = _encoder(arms[0], opts)
            return None if e is None else (lambda v: None if v is None else e(v))
        arm_encs = {a: _encoder(a, opts if typing.get_args(a) else Key()) for a in arms}  # tuple[()]: a list

        def by_arm(v: Any) -> Any:  # the arm is chosen by the value
            if v is None:
                return None
            e = arm_encs[_arm(arms, v)]
            return v if e is None else e(v)

        return by_arm
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
        if variadic(args):
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
    return None  # Any, or a type written as it is


def _record_encoder(hint: Any, names: tuple[str, ...]) -> Any:
    encs = tuple(zip(names, [_encoder(a) for a in typing.get_args(hint)], strict=True))
    return lambda v: {n: x if e is None else e(x) for (n, e), x in zip(encs, v, strict=True)}


def _decoder(hint: Any, opts: Key = Key()) -> Any:
    """A function from a JSON value to a value of type ``hint``, or None for a value read as it is."""
    origin, args = args_of(hint)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in args if a is not type(None)]
        if len(arms) == 1:
            d = _decoder(arms[0], opts)
            return None if d is None else (lambda v: None if v is None else d(v))
        arm_decs = {a: _decoder(a, opts if typing.get_args(a) else Key()) for a in arms}
        records = [a for a in arms if typing.get_args(a)]

        def by_arm(v: Any) -> Any:  # a record (``names``) is the arm that has values; else chosen by the value
            if v is None:
                return None
            d = arm_decs[records[0] if isinstance(v, dict) and records else _arm(arms, v)]
            return v if d is None else d(v)

        return by_arm
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
        if variadic(args):
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
    return None


def _record_decoder(hint: Any, names: tuple[str, ...]) -> Any:
    decs = tuple(zip(names, [_decoder(a) for a in typing.get_args(hint)], strict=True))
    return lambda v: tuple(v[n] if d is None else d(v[n]) for n, d in decs)


def args_of(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    """A type hint's origin and arguments: (tuple, (str, Ellipsis)) for tuple[str, ...]."""
    return typing.get_origin(hint), typing.get_args(hint)


def variadic(args: tuple[Any, ...]) -> bool:
    """Whether a tuple's arguments make it tuple[X, ...]."""
    return len(args) == 2 and args[1] is Ellipsis


def _arm(arms: list[Any], v: Any) -> Any:
    """The arm of a union that fits ``v`` (a tuple by its length)."""
    for a in arms:
        origin, args = args_of(a)
        if origin is tuple and isinstance(v, tuple | list):
            if variadic(args) or len(args) == len(v) or (args == () and not v):
                return a
        elif isinstance(a, type) and isinstance(v, a):
            return a
    return arms[0]


def from_json(cls: type[T], data: dict, **given: Any) -> T:
    """An instance of ``cls`` from its JSON value; keys an older version did not write take their defaults.
    ``given``: values of fields the JSON does not hold (``key(skip=True)``)."""
    return (_READERS.get(cls) or _reader(cls))(data, given)


def _allows_none(hint: Any) -> bool:
    return type(None) in typing.get_args(hint)


class Json:
    """``obj.to_json()`` and ``cls.from_json(data)`` for a dataclass: this module's functions."""

    def to_json(self) -> dict:
        return to_json(self)

    @classmethod
    def from_json(cls: type[T], data: dict) -> T:
        return from_json(cls, data)
