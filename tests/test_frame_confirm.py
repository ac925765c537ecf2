"""The relation model as the parse's second reader (issue 39): which links it keeps, what it is asked, how an index
records it. Logic with a fake scorer; at the end a slow test exports a MiniLM relation net as
benchmarks/frame_learned.py does and reads it with the onnxruntime scorer."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from contradict.backends import relations
from contradict.backends.relations import RELATIONS, mark
from contradict.errors import ContradictError
from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings, relation_model_setting, validate
from contradict.stages.frame_confirm import ConfirmedReader, ConfirmParams, confirm
from contradict.types import Claim, ClaimRead, Link, Mention, Relation

from .fakes import FakeEncoder, FakeFrameReader, FakeScorer


class FakeRelations:
    """Gives the relation of ``sure`` (text -> relation) probability 0.9 and every other relation 0.025; records
    what it was asked."""

    name = "fake-relations"

    def __init__(self, sure: dict[str, str]):
        self.sure, self.asked = sure, []

    def score(self, texts):
        self.asked += list(texts)
        out = np.full((len(texts), len(RELATIONS)), 0.025, dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, RELATIONS.index(self.sure.get(t, "none"))] = 0.9
        return out


def _claim(text: str, n: int = 1) -> Claim:
    return Claim(f"a:{n:04d}", "a", n, 0, len(text), text)


def _m(text: str, at: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = at.index(text, start + 1)
    return Mention(text, "GPE", start, start + len(text))


def test_mark_puts_the_markers_the_model_was_trained_with_around_every_span():
    text = "Iran said Iran backs Hezbollah."
    assert mark(text, [(0, 4), (10, 14)], [(21, 30)]) == "@ Iran @ said @ Iran @ backs # Hezbollah #."


def test_a_link_the_model_does_not_read_goes_and_one_it_reads_stays_with_every_mention():
    text = "Iran backs Hezbollah but Israel attacks Iran."
    iran, hez, isr = _m("Iran", text), _m("Hezbollah", text), _m("Israel", text)
    iran2 = _m("Iran", text, 1)
    links = (Link(iran, hez, Relation.SUPPORTS, 0.9, "backs"), Link(isr, iran2, Relation.OPPOSES, 0.9, "attacks"))
    read = ClaimRead("a:0001", (iran, hez, isr, iran2), links)
    sure = {"@ Iran @ backs # Hezbollah # but Israel attacks @ Iran @.": "supports"}
    scorer = FakeRelations(sure)
    out = confirm([read], {"a:0001": text}, scorer)
    assert [x.evidence for x in out[0].links] == ["backs"]
    assert out[0].mentions == read.mentions
    # both mentions of Iran are marked as the source, as the model was trained
    assert scorer.asked[0] == "@ Iran @ backs # Hezbollah # but Israel attacks @ Iran @."
    assert scorer.asked[1] == "# Iran # backs Hezbollah but @ Israel @ attacks # Iran #."


def test_the_threshold_decides_and_a_read_the_model_keeps_whole_is_the_same_object():
    text = "Iran backs Hezbollah."
    read = ClaimRead("a:0001", (_m("Iran", text), _m("Hezbollah", text)),
                     (Link(_m("Iran", text), _m("Hezbollah", text), Relation.SUPPORTS, 0.9, "backs"),))
    scorer = FakeRelations({})  # 0.025 for "supports"
    assert confirm([read], {"a:0001": text}, scorer, ConfirmParams(threshold=0.02))[0] is read
    assert confirm([read], {"a:0001": text}, scorer, ConfirmParams(threshold=0.1))[0].links == ()


def test_an_alliance_is_read_in_either_order():
    text = "Russia allied with Syria."
    ru, sy = _m("Russia", text), _m("Syria", text)
    read = ClaimRead("a:0001", (ru, sy), (Link(ru, sy, Relation.ALLIED, 0.9, "allied"),))
    scorer = FakeRelations({"# Russia # allied with @ Syria @.": "allied with"})
    assert confirm([read], {"a:0001": text}, scorer)[0].links == read.links
    assert len(scorer.asked) == 2


def test_a_link_to_an_actor_of_the_sentence_before_is_not_asked_and_stays():
    text = "It backs Hezbollah."
    link = Link(Mention("Iran", "GPE"), _m("Hezbollah", text), Relation.SUPPORTS, 0.9, "backs")
    read = ClaimRead("a:0001", (_m("Hezbollah", text),), (link,))
    scorer = FakeRelations({})
    assert confirm([read], {"a:0001": text}, scorer)[0].links == (link,)
    assert scorer.asked == []


def test_a_surname_and_its_full_name_are_one_actor_and_overlapping_actors_are_not_asked():
    text = "Ted Cruz said Trump backs Cruz."
    cruz, trump, cruz2 = (dataclasses.replace(_m(x, text, k), label="PERSON") for x, k in
                          (("Ted Cruz", 0), ("Trump", 0), ("Cruz", 1)))
    read = ClaimRead("a:0001", (cruz, trump, cruz2), (Link(trump, cruz2, Relation.SUPPORTS, 0.9, "backs"),))
    scorer = FakeRelations({})
    confirm([read], {"a:0001": text}, scorer)
    assert scorer.asked == ["# Ted Cruz # said @ Trump @ backs # Cruz #."]
    text = "Islamic State fights Syria."
    whole, part = Mention("Islamic State", "ORG", 0, 13), Mention("State fights Syria", "ORG", 8, 26)
    read = ClaimRead("a:0001", (whole, part), (Link(whole, part, Relation.OPPOSES, 0.9, "fights"),))
    assert confirm([read], {"a:0001": text}, scorer)[0] is read and len(scorer.asked) == 1


def test_a_country_and_its_capital_are_one_actor_and_a_place_is_no_surname():
    text = "Iran says Tehran backs Hezbollah, and Sudan attacks South Sudan."
    iran, tehran, hez = _m("Iran", text), _m("Tehran", text), _m("Hezbollah", text)
    sudan, south = _m("Sudan", text), _m("South Sudan", text)
    links = (Link(tehran, hez, Relation.SUPPORTS, 0.9, "backs"), Link(sudan, south, Relation.OPPOSES, 0.9, "attacks"))
    read = ClaimRead("a:0001", (iran, tehran, hez, sudan, south), links)
    scorer = FakeRelations({})
    confirm([read], {"a:0001": text}, scorer)
    assert scorer.asked == ["@ Iran @ says @ Tehran @ backs # Hezbollah #, and Sudan attacks South Sudan.",
                            "Iran says Tehran backs Hezbollah, and @ Sudan @ attacks # South Sudan #."]


def test_the_confirmed_reader_reads_with_its_inner_reader_and_keeps_the_order():
    claims = [_claim("The report says Atlantis funds Borduria.", 1), _claim("Then Carthage attacks Borduria.", 2)]
    sure = {"The report says @ Atlantis @ funds # Borduria #.": "supports"}
    inner = FakeFrameReader()
    reader = ConfirmedReader(inner, FakeRelations(sure))
    reads = reader.read([(c, "") for c in claims])
    assert [r.claim_id for r in reads] == ["a:0001", "a:0002"]
    assert [len(r.links) for r in reads] == [1, 0]
    assert reader.inner is inner and not hasattr(reader, "nlp")  # the pipeline is the inner reader's
    assert reader.rules == f"{relations_free_rules()} fake-relations t=0.5"


def _model_dir(tmp_path, revision="r1"):
    d = tmp_path / "relmodel"
    d.mkdir(parents=True, exist_ok=True)
    for f in ("model.onnx", "tokenizer.json"):
        (d / f).write_text("x")
    (d / "config.json").write_text(f'{{"revision": "{revision}"}}')
    return d


def test_the_relation_model_setting_is_read_one_way_and_a_partial_directory_is_a_usage_error(tmp_path):
    for word in ("Default", " default ", ""):
        assert relation_model_setting(word) == "default" and relations.model_dir(word) == relations.model_dir("default")
    assert relation_model_setting(" NONE ") == "none" and not relations.wanted("None")
    d = _model_dir(tmp_path)
    (d / "tokenizer.json").unlink()
    with pytest.raises(ContradictError) as e:
        validate(Settings(index_dir=tmp_path, relation_model=str(d)))
    assert e.value.exit_code == 2 and "CONTRADICT_RELATION_MODEL" in str(e.value) and "tokenizer.json" in str(e.value)
    with pytest.raises(ContradictError) as e:
        validate(Settings(index_dir=tmp_path, relation_model=str(tmp_path / "nothing")))
    assert e.value.exit_code == 2
    validate(Settings(index_dir=tmp_path, relation_model="none"))
    validate(Settings(index_dir=tmp_path, relation_model=str(_model_dir(tmp_path / "whole"))))
    if not (relations.model_dir("default") / "model.onnx").exists():
        with pytest.raises(ContradictError, match="ships no relation model") as e:
            validate(Settings(index_dir=tmp_path, relation_model="Default"))
        assert e.value.exit_code == 2


def test_a_model_directory_of_ones_own_is_keyed_by_its_files():
    import os
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        d = _model_dir(Path(tmp))
        first = relations.model_key(str(d))
        assert first.startswith("relmodel@r1#")
        os.utime(d / "model.onnx", (1, 1))  # exported again in the same place
        assert relations.model_key(str(d)) != first


def test_the_model_set_confirms_the_reader_it_builds_and_loads_the_model_only_to_score(tmp_path):
    from contradict.runs.modelset import ModelSet

    d = _model_dir(tmp_path)
    models = ModelSet(Settings(index_dir=tmp_path / "i", relation_model=str(d)))
    reader = models.frame_reader
    assert isinstance(reader, ConfirmedReader) and models.parse_reader is reader.inner
    assert models.frame_rules == reader.rules and " relmodel@r1#" in models.frame_rules
    assert models.frame_rules.endswith(f" t={ConfirmParams().threshold:g}")
    assert reader.scorer._scorer is None  # nothing asked yet: no model loaded (a report from a built index)
    off = ModelSet(Settings(index_dir=tmp_path / "i", relation_model="none"))
    assert not isinstance(off.frame_reader, ConfirmedReader) and off.frame_rules == relations_free_rules()


def _engine_models(tmp_path, reader_class):
    """A model set asking for a relation model, whose engine gives readers of ``reader_class``."""
    from contradict.runs.modelset import ModelSet

    class Engine:
        def reader(self):
            return reader_class()

        def close(self):
            pass

    return ModelSet(Settings(index_dir=tmp_path / "i", relation_model=str(_model_dir(tmp_path))), engine=Engine())


def test_the_inner_reader_keeps_its_pipeline_and_its_claim_split(tmp_path):
    class Parsing(FakeFrameReader):
        nlp = "a pipeline"

        def extract(self, articles, max_claims):
            return {}

    models = _engine_models(tmp_path, Parsing)
    assert isinstance(models.frame_reader, ConfirmedReader)
    assert models.speaker_nlp == "a pipeline" and models.slot_parser is not None
    assert getattr(models.parse_reader, "extract", None) is not None  # the claim split in worker processes


def test_an_engine_reader_without_a_pipeline_leaves_the_rule_reads_unanchored(tmp_path):
    models = _engine_models(tmp_path, FakeFrameReader)
    assert isinstance(models.frame_reader, ConfirmedReader)  # confirmed on the driver, whoever parsed
    assert models.slot_parser is None and models.speaker_nlp is None


def test_ray_workers_parse_only(tmp_path):
    from contradict.runs.ray_engine import _Worker

    w = _Worker(Settings(index_dir=tmp_path / "i", relation_model=str(_model_dir(tmp_path))))
    assert w.models.s.relation_model == "none"


def _corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text("Aid\n\nThe report says Atlantis funds Borduria.\n")
    (d / "b.txt").write_text("War\n\nOfficials say Carthage attacks Borduria.\n")
    return d


def _pipe(tmp_path, reader) -> Pipeline:
    s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports",
                 relation_model=str(_model_dir(tmp_path / "m")))  # the setting asks for a model
    return Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer(), frame_reader=reader)


def test_reads_are_stored_under_what_read_them_and_read_again_when_that_changes(tmp_path):
    """An injected reader's reads are stored under its own rules whatever the setting says; a confirmed reader's
    under the model and threshold; switching reads the claims again, and the model's verdict shows in the links."""
    d = _corpus(tmp_path)
    plain = FakeFrameReader()
    p = _pipe(tmp_path, plain)  # the setting asks for a model; the injected reader confirms nothing
    p.index([d])
    assert p.store.get_meta("frame_rules") == relations_free_rules()
    assert sum(len(r.links) for r in p.store.frame_reads()) == 2
    p.close()
    inner = FakeFrameReader()
    confirmed = ConfirmedReader(inner, FakeRelations({"The report says @ Atlantis @ funds # Borduria #.": "supports"}))
    p = _pipe(tmp_path, confirmed)
    p.report()
    assert inner.claims_read == 2  # read again under the model's key
    assert p.store.get_meta("frame_rules") == confirmed.rules
    assert sum(len(r.links) for r in p.store.frame_reads()) == 1  # Carthage attacks Borduria: not confirmed
    p.report()
    assert inner.claims_read == 2
    p.close()


def relations_free_rules() -> str:
    from contradict.stages import frames

    return frames.RULES_VERSION


@pytest.mark.slow
def test_an_exported_relation_net_reads_as_torch_does_in_any_batch(tmp_path):
    """The export path of benchmarks/frame_learned.py (int8 weights per channel) and OnnxRelationScorer (int8
    activations per token): the net's probabilities, in input order, the same for a text alone or among others."""
    import importlib.util
    import sys
    from pathlib import Path

    import torch

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location("frame_learned", root / "benchmarks" / "frame_learned.py")
        fl = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(fl)
    finally:
        sys.path.remove(str(root / "benchmarks"))
    torch.manual_seed(0)
    tok, net = fl._net()  # an untrained head on the packaged MiniLM: the path, not the readings, under test
    torch.save(net.state_dict(), tmp_path / "net.pt")
    fl.export(tmp_path / "net.pt", tmp_path / "model", "test")
    texts = ["@ Atlantis @ funds # Borduria # through a trust set up last spring.", "@ A @ fights # B #.",
             "Officials say @ Carthage @ attacks # Borduria # every winter, and # Borduria # answers."]
    scorer = relations.load_relation_scorer(str(tmp_path / "model"), threads=1)
    got = scorer.score(texts)
    assert got.shape == (3, len(RELATIONS)) and np.allclose(got.sum(1), 1, atol=1e-5)
    assert np.array_equal(np.stack([scorer.score([t])[0] for t in texts]), got)
    net.eval()
    with torch.no_grad():
        enc = tok(texts, padding=True, return_tensors="pt")
        want = torch.softmax(net(enc["input_ids"], enc["attention_mask"]), -1).numpy()
    assert np.abs(want - got).max() < 0.05
    assert len({row.tobytes() for row in got}) == 3  # each text its own row (the exact equality above holds the order)
    assert scorer.name.startswith("model@test#")
