"""The relation model as the parse's second reader (issue 39): which links it keeps, what it is asked, how an index
records it. Logic with a fake scorer; the shipped model's readings in the slow tests at the end."""

from __future__ import annotations

import numpy as np
import pytest

from contradict.backends import relations
from contradict.backends.relations import RELATIONS, mark
from contradict.errors import ContradictError
from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings, validate
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


def test_the_confirmed_reader_reads_with_its_inner_reader_and_keeps_the_order():
    claims = [_claim("The report says Atlantis funds Borduria.", 1), _claim("Then Carthage attacks Borduria.", 2)]
    sure = {"The report says @ Atlantis @ funds # Borduria #.": "supports"}
    reader = ConfirmedReader(FakeFrameReader(), FakeRelations(sure))
    reads = reader.read([(c, "") for c in claims])
    assert [r.claim_id for r in reads] == ["a:0001", "a:0002"]
    assert [len(r.links) for r in reads] == [1, 0]
    assert reader.nlp is None  # the fake has no pipeline: speakers then read by rule, as before


def test_a_relation_model_setting_that_names_no_model_is_a_usage_error(tmp_path):
    with pytest.raises(ContradictError) as e:
        validate(Settings(index_dir=tmp_path, relation_model=str(tmp_path / "nothing")))
    assert e.value.exit_code == 2 and "CONTRADICT_RELATION_MODEL" in str(e.value)
    validate(Settings(index_dir=tmp_path, relation_model="none"))
    validate(Settings(index_dir=tmp_path, relation_model="default"))


def test_an_index_read_without_the_model_is_read_again_with_it(tmp_path):
    """The frame reads are stored under the rules and the model that confirmed them: switching the model on reads
    the claims again, and the manifest says which model and threshold."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text("Aid\n\nThe report says Atlantis funds Borduria.\n")
    (d / "b.txt").write_text("War\n\nOfficials say Carthage attacks Borduria.\n")
    reader = FakeFrameReader()

    def pipe(model: str) -> Pipeline:
        s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports", relation_model=model)
        return Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer(), frame_reader=reader)

    p = pipe("none")
    p.index([d])
    assert p.ws.frame_rules == relations_free_rules()
    assert p.ws.manifest()["frame_confirm"] is None
    p.close()
    before = reader.claims_read
    p = pipe("default")
    p.report()
    assert reader.claims_read - before == 2  # read again under the model's key
    assert p.ws.frame_rules.endswith(relations.model_key("default"))
    p.close()


def relations_free_rules() -> str:
    from contradict.stages import frames

    return frames.RULES_VERSION
