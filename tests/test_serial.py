"""The generic serializer (contradict.serial) on small dataclasses: key names, order, omitted keys, objects from
pairs and records, defaults for missing keys, rounding, and the schema it derives."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum

import jsonschema
import pytest

from contradict import serial
from contradict.serial import key
from contradict.serial_schema import schema


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True)
class Inner(serial.Json):
    name: str
    colour: Colour = Colour.RED


@dataclass(frozen=True)
class Outer(serial.Json):
    id: str
    inner: Inner
    items: tuple[Inner, ...] = field(default=(), metadata=key(name="things"))
    counts: tuple[tuple[str, int], ...] = field(default=(), metadata=key(mapping=True))
    diff: tuple[str, str] | tuple[()] = field(default=(), metadata=key(omit_empty=True, or_missing=True,
                                                                      names=("left", "right")))
    words: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), metadata=key(names=("kind", "words")))
    note: str = field(default="", metadata=key(omit_empty=True))
    score: float = field(default=0.0, metadata=key(round_to=2))
    level: int = field(default=0, metadata=key(missing=7))
    maybe: float | None = None

    JSON_KEYS = ("label", "id", "inner", "items", "counts", "diff", "words", "note", "score", "level", "maybe")

    @property
    def label(self) -> str:
        """The id in capitals."""
        return self.id.upper()


def _outer(**kw) -> Outer:
    base = dict(id="x", inner=Inner("a", Colour.BLUE), items=(Inner("b"),), counts=(("n", 2), ("m", 1)),
                diff=("1", "2"), words=(("num", ("3", "4")),), note="hi", score=0.12345, level=3, maybe=None)
    return Outer(**{**base, **kw})


def test_keys_come_in_the_declared_order_with_properties_names_and_shapes():
    d = _outer().to_json()
    assert list(d) == ["label", "id", "inner", "things", "counts", "diff", "words", "note", "score", "level", "maybe"]
    assert d["label"] == "X" and d["inner"] == {"name": "a", "colour": "blue"} and d["things"] == [
        {"name": "b", "colour": "red"}]
    assert d["counts"] == {"n": 2, "m": 1} and list(d["counts"]) == ["n", "m"]
    assert d["diff"] == {"left": "1", "right": "2"} and d["words"] == [{"kind": "num", "words": ["3", "4"]}]
    assert d["score"] == 0.12 and d["maybe"] is None


def test_empty_keys_are_left_out_and_read_back_as_their_defaults():
    d = _outer(diff=(), note="").to_json()
    assert "diff" not in d and "note" not in d
    assert Outer.from_json(d) == _outer(diff=(), note="", score=0.12)


def test_a_round_trip_gives_the_same_value_and_the_same_text():
    o = _outer(score=0.25)
    text = json.dumps(o.to_json())
    assert Outer.from_json(json.loads(text)) == o and json.dumps(Outer.from_json(json.loads(text)).to_json()) == text


def test_keys_an_older_version_lacks_take_their_missing_value_and_a_required_one_raises():
    o = Outer.from_json({"id": "y", "inner": {"name": "c"}, "diff": {}})
    assert (o.level, o.diff, o.items, o.inner.colour) == (7, (), (), Colour.RED)
    with pytest.raises(KeyError):
        Outer.from_json({"id": "y"})


def test_a_class_whose_key_order_forgets_a_field_is_refused():
    @dataclass(frozen=True)
    class Bad(serial.Json):
        a: int
        b: int
        JSON_KEYS = ("a",)

    with pytest.raises(TypeError, match="lacks"):
        Bad(1, 2).to_json()


def test_the_schema_requires_the_keys_always_written_and_validates_the_json():
    s = schema(Outer, "outer")
    assert s["required"] == ["label", "id", "inner", "things", "counts", "words", "score", "level", "maybe"]
    assert s["properties"]["label"]["description"] == "The id in capitals."
    assert s["$defs"]["Inner"]["properties"]["colour"] == {"type": "string", "enum": ["red", "blue"]}
    jsonschema.validate(_outer().to_json(), s)
    jsonschema.validate(_outer(diff=(), note="", maybe=0.5).to_json(), s)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**_outer().to_json(), "counts": {"n": "two"}}, s)
