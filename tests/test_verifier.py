"""The finding verifier (issue 36): features of a pair, fitting, and its JSON form. No model is loaded."""

import datetime as dt
import json

import numpy as np
import pytest

from contradict.stages.verifier import FEATURES, Verifier, features
from contradict.types import Claim, Kind, Pair, Reason, Route


def claim(article, text, kind="sentence", speaker=""):
    return Claim(Claim.make_id(article, text), article, 0, 0, len(text), text, speaker=speaker, kind=kind)


def pair(a, b, pc=0.8, kind=Kind.FACTUAL, reasons=()):
    probs = {"contradiction": pc, "entailment": 0.1, "neutral": 1 - pc - 0.1}
    return Pair(a=a, b=b, label="contradiction", probs=probs, similarity=0.7, score=pc * 0.9, reasons=reasons,
                story="s1", kind=kind)


def test_features_read_the_flags_a_reader_would():
    a = claim("x", "Loretta Sanchez won the race.", kind="heading")
    b = claim("y", "Linda Sanchez won the race, the party said.", speaker="the party")
    row = dict(zip(FEATURES, features(pair(a, b, reasons=(Reason(Route.FACT, "same fact: race"),)),
                                      {"x": dt.date(2019, 1, 3), "y": dt.date(2019, 1, 10)})))
    assert row["heading"] == 1 and row["quoted"] == 1 and row["same_fact"] == 1 and row["same_story"] == 1
    assert row["kind_factual"] == 1 and row["days_apart"] == pytest.approx(7 / 30) and row["undated"] == 0
    assert row["differs_name"] == 1 and 0 < row["restated_ratio"] < 1


def test_fit_learns_the_direction_and_reads_back_from_json():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, len(FEATURES)))
    y = (x[:, 0] + 0.2 * rng.normal(size=400) > 0).astype(int)
    v = Verifier.fit(x, y, c=1.0, threshold=0.6)
    p = v.probabilities(x)
    assert np.mean((p >= 0.5) == y) > 0.9
    back = Verifier.from_json(json.loads(json.dumps(v.to_json())))
    assert np.allclose(back.probabilities(x), p, atol=1e-4) and back.threshold == 0.6


def test_a_verifier_of_other_features_is_refused():
    d = Verifier.fit(np.eye(len(FEATURES)), [0, 1] * (len(FEATURES) // 2) + [0] * (len(FEATURES) % 2)).to_json()
    d["features"] = d["features"][:-1]
    with pytest.raises(ValueError, match="refit"):
        Verifier.from_json(d)
