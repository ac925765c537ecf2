"""Frames (issue 23): actor merging, aggregation into frames and framing tensions, the stage in the pipeline,
the report and `contradict frames`. Pure logic with hand-made reads and the rule-based fake reader; the
spaCy reader's readings are in the slow tests at the end."""

from __future__ import annotations

import dataclasses
import json

import pytest

from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings
from contradict.stages import frames
from contradict.types import Claim, ClaimRead, Frame, FrameEvidence, Link, Mention, Relation

from .fakes import FakeEncoder, FakeFrameReader, FakeScorer


def claim(article: str, n: int, text: str, speaker: str = "") -> Claim:
    return Claim(f"{article}:{n:04d}", article, n, 0, len(text), text, speaker=speaker)


def m(text: str, label: str = "ORG") -> Mention:
    return Mention(text, label)


def read(c: Claim, *links: tuple[str, str, str], p: float = 0.9, extra: tuple[str, ...] = ()) -> ClaimRead:
    names = {x for a, _, b in links for x in (a, b)} | set(extra)
    return ClaimRead(c.id, tuple(m(x) for x in sorted(names)),
                     tuple(Link(m(a), m(b), Relation(rel), p, rel) for a, rel, b in links))


# ---------------------------------------------------------------- the filter before parsing

def test_the_letters_case_folding_makes_ascii_are_the_ones_the_word_test_leaves_to_the_pattern():
    """re.IGNORECASE matches a few letters outside ASCII to an ASCII letter (long s, the Kelvin sign, dotted and
    dotless i): the word test, which lowercases, must hand every claim holding one to the pattern."""
    import re

    from contradict.stages import frame_lexicon

    partners = {chr(c) for c in range(128, 0x110000) if re.fullmatch(r"[a-z]", chr(c), re.I)}
    assert partners and all(frame_lexicon._ODD_CASES.search(ch) for ch in partners)


@pytest.mark.parametrize("text", [
    "Iran backs the Houthis.", "The US-backed rebels took Aleppo.", "IRAN ARMED THE MILITIA.", "He went after Obama.",
    "Trump lashed out at Comey.", "They went on after that.", "Putin’s ally Assad spoke.", "Support for Kiev grew.",
    "ſupport for Kiev grew.", "Kelvin said so.", "It rained in Paris and Rome.", "Obama spoke on behalf of Biden.",
    "Obama spoke on behalf Biden.", "The backer's name", "backed-up", "unbacked claims", "",
])
def test_the_word_test_finds_what_the_relation_pattern_finds(text):
    from contradict.stages import frame_lexicon
    assert frame_lexicon.has_trigger(text) == bool(frame_lexicon._trigger_re().search(text))


# ---------------------------------------------------------------- spellings and actors

@pytest.mark.parametrize("text, key", [
    ("the U.S.'s", "us"), ("U.S.", "us"), ("President Barack Obama", "barack obama"), ("Bashar al-Assad", "bashar al assad"),
    ("The Islamic State", "islamic state"), ("Iran’s", "iran"), ("ISIS", "isis"),
])
def test_mention_key_ignores_spelling(text, key):
    assert frames.mention_key(text) == key


@pytest.mark.parametrize("spelling, country", [
    ("us", "United States"), ("america", "United States"), ("american", "United States"),
    ("americans", "United States"), ("washington", "United States"), ("tehran", "Iran"), ("iranian", "Iran"),
    ("uk", "United Kingdom"), ("british", "United Kingdom"), ("syrian", "Syria"), ("damascus", "Syria"),
])
def test_country_table_from_countryinfo(spelling, country):
    assert frames.country_table()[spelling] == country


def test_two_letter_codes_that_are_words_are_not_countries():
    table = frames.country_table()
    assert "in" not in table and "it" not in table and "is" not in table


PEOPLE = {"Obama", "Clinton"}


def _reads_naming(*groups: tuple[str, ...]) -> tuple[list[ClaimRead], dict[str, str]]:
    """One claim per group of spellings, each in an article of its own."""
    reads, article_of = [], {}
    for i, names in enumerate(groups):
        c = claim(f"a{i}", 0, " ".join(names))
        reads.append(ClaimRead(c.id, tuple(Mention(n, "PERSON" if n.split()[-1] in PEOPLE else "ORG") for n in names)))
        article_of[c.id] = c.article_id
    return reads, article_of


def test_actors_merge_acronyms_short_names_surnames_and_countries():
    reads, article_of = _reads_naming(
        ("Islamic State of Iraq and the Levant", "Washington"), ("ISIL", "U.S."), ("Islamic State", "American"),
        ("Barack Obama",), ("Obama",))
    found, key_to_actor = frames.actors(reads, article_of)
    by_name = {a.name: a for a in found}
    isil = key_to_actor["isil"]
    assert key_to_actor["islamic state of iraq and the levant"] == isil == key_to_actor["islamic state"]
    assert key_to_actor["washington"] == key_to_actor["us"] == key_to_actor["american"] == "actor-united-states"
    assert by_name["United States"].articles == 3
    assert key_to_actor["obama"] == key_to_actor["barack obama"]
    assert by_name["Barack Obama"].variants == ("Barack Obama", "Obama")


def test_an_ambiguous_surname_stays_apart_and_one_article_is_not_enough():
    reads, article_of = _reads_naming(("Bill Clinton",), ("Hillary Clinton", "Bill Clinton"), ("Clinton",),
                                      ("Clinton", "Hillary Clinton"), ("Zorvath",))
    found, key_to_actor = frames.actors(reads, article_of)
    assert key_to_actor["clinton"] == "actor-clinton"
    assert key_to_actor["bill clinton"] != key_to_actor["hillary clinton"]
    assert "zorvath" not in key_to_actor  # named in one article only
    assert {a.name for a in found} == {"Bill Clinton", "Hillary Clinton", "Clinton"}


# ---------------------------------------------------------------- frames and tensions

def _corpus():
    a1 = claim("a1", 0, "Atlantis funds Borduria.")
    a2 = claim("a1", 1, "Atlantis arms Borduria.")
    b1 = claim("b2", 0, "Atlantis fights Borduria.")
    c1 = claim("c3", 0, "Atlantis attacks Borduria.", speaker="a minister")
    d1 = claim("d4", 0, "Atlantis fights Borduria.")
    d2 = claim("d4", 1, "Borduria threatens Atlantis.")
    claims = [a1, a2, b1, c1, d1, d2]
    reads = [read(a1, ("Atlantis", "supports", "Borduria")), read(a2, ("Atlantis", "supports", "Borduria")),
             read(b1, ("Atlantis", "opposes", "Borduria")), read(c1, ("Atlantis", "opposes", "Borduria")),
             read(d1, ("Atlantis", "opposes", "Borduria")), read(d2, ("Borduria", "threatens", "Atlantis"))]
    return claims, reads


def test_frames_sum_claims_and_weigh_the_articles_own_voice_over_a_quote():
    claims, reads = _corpus()
    _, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in claims})
    found = frames.frames(reads, {c.id: c for c in claims}, key_to_actor)
    by = {(f.article, f.relation): f for f in found}
    assert by[("a1", Relation.SUPPORTS)].strength == pytest.approx(1.8)
    assert by[("a1", Relation.SUPPORTS)].claims == ("a1:0000", "a1:0001")
    assert by[("c3", Relation.OPPOSES)].strength == pytest.approx(0.45)  # a quoted minister: half weight


def test_tensions_pair_opposite_polarities_only_and_a_lone_quote_takes_no_side():
    claims, reads = _corpus()
    _, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in claims})
    found = frames.frames(reads, {c.id: c for c in claims}, key_to_actor)
    got = frames.tensions(found, {"a1": "story-1", "b2": "story-1"})
    assert [t.articles for t in got] == [("a1", "d4")]  # b2 says it once: no side, even within the story
    assert got[0].story == ""
    first = got[0]
    assert (first.a.relation, first.b.relation) == (Relation.SUPPORTS, Relation.OPPOSES)
    assert first.a.claims == ("a1:0000", "a1:0001") and first.b.claims == ("d4:0000", "d4:0001")
    assert first.score == pytest.approx((1.8 * 1.8) ** 0.5)
    assert not any("c3" in t.articles for t in got)  # c3 only quotes a minister
    assert not any(set(t.articles) == {"b2", "d4"} for t in got)  # both cast conflict: no tension
    assert first.id == "a1|d4|actor-atlantis|actor-borduria"


def test_across_stories_one_passing_sentence_is_not_a_frame():
    claims, reads = _corpus()
    _, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in claims})
    found = frames.frames(reads, {c.id: c for c in claims}, key_to_actor)
    assert [t.articles for t in frames.tensions(found)] == [("a1", "d4")]  # b2 says it once, in another story


def test_within_a_story_a_side_needs_two_claims_or_a_heading():
    """Issue 39, abp_5k (the training corpus): the five framing tensions whose sides were one sentence each, within
    a story, were all false ("withdrawn their financial support" read as support, a debate preview's "confront");
    the seeds' sides are five claims and a headline."""
    claims, reads = _corpus()
    _, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in claims})
    alone = frames.tensions(frames.frames(reads, {c.id: c for c in claims}, key_to_actor),
                            {"a1": "story-1", "b2": "story-1"})
    assert ("a1", "b2") not in [t.articles for t in alone]  # one sentence of b2's: no side (review 19)
    b2 = claim("b2", 1, "Atlantis blockades Borduria.")
    reads = reads + [read(b2, ("Atlantis", "opposes", "Borduria"))]
    claims = claims + [b2]
    _, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in claims})
    found = frames.frames(reads, {c.id: c for c in claims}, key_to_actor)
    got = frames.tensions(found, {"a1": "story-1", "b2": "story-1"})
    assert ("a1", "b2") in [t.articles for t in got]
    assert next(t for t in got if t.articles == ("a1", "b2")).story == "story-1"
    claims, reads = _corpus()  # b2's one sentence again, now its headline
    cl = {c.id: (dataclasses.replace(c, kind="heading") if c.id == "b2:0000" else c) for c in claims}
    found = frames.frames(reads, cl, key_to_actor)
    assert ("a1", "b2") in [t.articles for t in frames.tensions(found, {"a1": "story-1", "b2": "story-1"})]


def test_a_claim_that_tells_history_frames_nothing():
    """Issue 39, abp_5k: "After the U.S. invasion of Iraq in 2003 ..." in an article of 2019 is no frame of 2019's
    United States and Iraq; a year of the article's own time, or none, frames as before."""
    import datetime as dt

    assert frames.past("After the U.S. invasion of Iraq in 2003 turned into a mess", dt.date(2019, 7, 19))
    assert not frames.past("The U.S. has backed Iraq since 2003 and still does in 2019", dt.date(2019, 7, 19))
    assert not frames.past("In 2018 the U.S. armed Iraq", dt.date(2019, 7, 19))
    assert not frames.past("The U.S. arms Iraq", dt.date(2019, 7, 19))
    assert not frames.past("After the invasion of 2003", None)
    assert frames.past("On March 20, 2003, the U.S. invaded Iraq", dt.date(2019, 7, 19))
    assert frames.past("I didn't believe that was possible in 2003 when the United States was invading Iraq",
                       dt.date(2019, 7, 19))
    for text in ("Russia sent 2000 troops to support Assad.",  # a count, a sum, a time, a code: no year (review 19)
                 "Atlantis gave Borduria $1999 in aid.", "The strike came at 1930 GMT.", "Under Resolution 2003",
                 "NATO has backed Kosovo since 1999.",  # still going on
                 "Twenty years after the 1999 bombing, Serbia still opposes NATO."):  # an anniversary: today's frame
        assert not frames.past(text, dt.date(2019, 7, 19)), text
    claims, reads = _corpus()
    _, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in claims})
    cl = {c.id: c for c in claims}
    day = {c.article_id: dt.date(2019, 7, 19) for c in claims}
    assert frames.frames(reads, cl, key_to_actor, day) == frames.frames(reads, cl, key_to_actor)
    old = claim("a1", 0, "In 2003 Atlantis funded Borduria.")
    reads2 = [read(old, ("Atlantis", "supports", "Borduria")) if r.claim_id == old.id else r for r in reads]
    got = {(f.article, f.relation): f for f in frames.frames(reads2, {**cl, old.id: old}, key_to_actor, day)}
    assert got[("a1", Relation.SUPPORTS)].claims == ("a1:0001",)  # the 2003 claim is history


def test_a_line_of_the_pages_furniture_frames_nothing():
    """Issue 39, abp_5k: the report's one blame finding rested on a BBC video caption standing as a heading
    ("Media playback is unsupported on your device Media caption It's not the first time North Korea ...")."""
    claims, reads = _corpus()
    caption = claim("a1", 0, "Media playback is unsupported on your device Media caption Atlantis funds Borduria")
    reads2 = [read(caption, ("Atlantis", "supports", "Borduria")) if r.claim_id == caption.id else r for r in reads]
    _, key_to_actor = frames.actors(reads2, {c.id: c.article_id for c in claims})
    cl = {**{c.id: c for c in claims}, caption.id: caption}
    got = {(f.article, f.relation): f for f in frames.frames(reads2, cl, key_to_actor)}
    assert got[("a1", Relation.SUPPORTS)].claims == ("a1:0001",)  # the caption is no claim of the article's


def test_tensions_do_not_depend_on_input_order():
    claims, reads = _corpus()
    _, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in claims})
    one = frames.tensions(frames.frames(reads, {c.id: c for c in claims}, key_to_actor))
    _, key2 = frames.actors(reads[::-1], {c.id: c.article_id for c in claims})
    two = frames.tensions(frames.frames(reads[::-1], {c.id: c for c in claims}, key2))
    assert [t.id for t in one] == [t.id for t in two] and [t.score for t in one] == [t.score for t in two]


def test_a_tension_casts_one_actor_both_ways_unless_one_side_is_an_alliance():
    """Issue 39: "A opposes B" in one article and "B backs A" in another both hold (abp_5k: "Sanders battled
    Clinton" / "Clinton congratulated Sanders"); a tension needs the same actor cast both ways."""
    def side(art, actor, target, rel):
        ev = tuple(FrameEvidence(f"{art}:{n}", 0.9, 1.0, "w") for n in (1, 2))
        return Frame(art, actor, target, rel, 1.8, ev, True)

    swapped = [side("x", "a", "b", Relation.OPPOSES), side("y", "b", "a", Relation.SUPPORTS)]
    assert frames.tensions(swapped, {"x": "s", "y": "s"}) == []
    same_way = [side("x", "a", "b", Relation.OPPOSES), side("y", "a", "b", Relation.SUPPORTS)]
    assert len(frames.tensions(same_way, {"x": "s", "y": "s"})) == 1
    alliance = [side("x", "b", "a", Relation.OPPOSES), side("y", "a", "b", Relation.ALLIED)]
    assert len(frames.tensions(alliance, {"x": "s", "y": "s"})) == 1


def test_two_moments_of_one_relation_years_apart_are_no_tension_across_stories():
    """Issue 39, fourth pass: "the US invaded Iraq" (2003) and "the US trains Iraq's army" (2016) are both true."""
    import datetime as dt

    def side(art, rel):
        ev = tuple(FrameEvidence(f"{art}:{n}", 0.9, 1.0, "w") for n in (1, 2))
        return Frame(art, "us", "iraq", rel, 1.8, ev, True)

    found = [side("x", Relation.OPPOSES), side("y", Relation.SUPPORTS)]
    far = {"x": dt.date(2003, 3, 20), "y": dt.date(2016, 4, 15)}
    near = {"x": dt.date(2016, 3, 20), "y": dt.date(2016, 4, 15)}
    assert frames.tensions(found, {"x": "s1", "y": "s2"}, day_of=far) == []
    assert len(frames.tensions(found, {"x": "s1", "y": "s2"}, day_of=near)) == 1
    assert len(frames.tensions(found, {"x": "s1", "y": "s2"})) == 1  # days unknown: no evidence they are apart
    assert len(frames.tensions(found, {"x": "s", "y": "s"}, day_of=far)) == 1  # one story


def test_allied_is_symmetric():
    x = claim("a1", 0, "Atlantis allies with Borduria.")
    y = claim("b2", 0, "Borduria allies with Atlantis.")
    reads = [read(x, ("Atlantis", "allied with", "Borduria")), read(y, ("Borduria", "allied with", "Atlantis"))]
    _, key_to_actor = frames.actors(reads, {x.id: "a1", y.id: "b2"})
    found = frames.frames(reads, {x.id: x, y.id: y}, key_to_actor)
    assert {(f.actor, f.target) for f in found} == {("actor-atlantis", "actor-borduria")}


def test_summaries_name_sponsor_threat_and_victim():
    claims, reads = _corpus()
    _, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in claims})
    cast = frames.summaries(frames.frames(reads, {c.id: c for c in claims}, key_to_actor))
    assert cast["a1"] == {"sponsor": ["actor-atlantis"]}
    assert cast["d4"]["opponent"] == ["actor-atlantis"] and cast["d4"]["threat"] == ["actor-borduria"]


def test_claim_read_json_round_trip():
    c = claim("a1", 0, "Atlantis funds Borduria.")
    r = read(c, ("Atlantis", "supports", "Borduria"))
    assert ClaimRead.from_json(c.id, json.loads(json.dumps(r.to_json()))) == r


# ---------------------------------------------------------------- the stage, the report, the CLI

def _write(d, name, title, *sentences):
    (d / name).write_text(title + "\n\n" + "\n\n".join(sentences) + "\n")


def _corpus_dir(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    _write(d, "a.txt", "Aid for Borduria", "The report says Atlantis funds Borduria through a trust.",
           "Officials say Atlantis arms Borduria every spring.")
    _write(d, "b.txt", "War in the north", "Witnesses say Atlantis attacks Borduria along the river.",
           "The paper adds that Atlantis fights Borduria near the hills.")
    _write(d, "c.txt", "No names here", "the rain fell all week and the river rose.")
    return d


def _pipe(tmp_path, reader=None):
    s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports")
    return Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer(), frame_reader=reader or FakeFrameReader())


def test_index_reads_frames_and_the_report_shows_the_tension(tmp_path):
    pipe = _pipe(tmp_path)
    stats = pipe.index([_corpus_dir(tmp_path)])
    assert stats.frames_read == 5 and stats.frame_links == 4
    report = pipe.report()
    assert report.summary.framing_tensions == 1
    t = report.framing[0]
    assert (t.a.article, t.b.article) == ("a", "b") and (t.a.relation, t.b.relation) == ("supports", "opposes")
    assert t.headline == "a vs b on Atlantis -> Borduria"
    assert dict(report.summary.kinds)["framing"] == 1
    data = report.to_json()
    assert data["framing_tensions"][0]["relations"] == ["supports", "opposes"]
    assert len(data["framing_tensions"][0]["a"]["claims"]) == 2
    assert {f["relation"] for f in data["frames"]} == {"supports", "opposes"}
    read0 = next(f for f in data["frames"] if f["article"] == "a")["reads"][0]
    assert read0 == {"claim": read0["claim"], "speaker": "The report", "p": 0.9, "voice": 0.5, "words": "funds"}
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    jsonschema.validate(data, json.loads(files("contradict").joinpath("schema/report.schema.json").read_text()))
    from contradict.report.build import Report

    assert Report.from_json(data).framing == report.framing
    pipe.close()


def test_the_report_reads_a_claim_that_tells_history_as_no_frame(tmp_path):
    """Issue 39: the report passes each article's day to the frames (review 19: nothing tested the wiring)."""
    import json as json_mod

    def write(d, name, day, *sentences):
        (d / name).write_text(json_mod.dumps({"title": name, "date": day, "text": "\n\n".join(sentences)}))

    for when, listed in (("in 2003", 0), ("this spring", 1)):
        d = tmp_path / when.replace(" ", "_")
        d.mkdir()
        write(d, "a.json", "2019-07-19", f"The report says Atlantis funds Borduria {when}.",
              f"Officials say Atlantis arms Borduria {when}.")
        write(d, "b.json", "2019-07-20", "Witnesses say Atlantis attacks Borduria along the river.",
              "The paper adds that Atlantis fights Borduria near the hills.")
        s = Settings(index_dir=tmp_path / f"index_{listed}", reports_dir=tmp_path / f"reports_{listed}")
        pipe = Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer(), frame_reader=FakeFrameReader())
        pipe.index([d])
        assert pipe.report().summary.framing_tensions == listed, when
        pipe.close()


def test_the_nightly_run_reads_only_new_claims(tmp_path):
    reader = FakeFrameReader()
    pipe = _pipe(tmp_path, reader)
    d = _corpus_dir(tmp_path)
    pipe.index([d])
    before = reader.claims_read
    _write(d, "e.txt", "More aid", "In the spring Atlantis backs Borduria with grain.",
           "Officials say Atlantis funds Borduria every year.")  # two claims: a side (one sentence is none)
    pipe.index([d])
    assert reader.claims_read - before == 2
    assert pipe.report().summary.framing_tensions == 2
    pipe.close()


def test_claims_read_under_older_frame_rules_are_read_again(tmp_path, monkeypatch):
    reader = FakeFrameReader()
    pipe = _pipe(tmp_path, reader)
    d = _corpus_dir(tmp_path)
    pipe.index([d])
    monkeypatch.setattr(frames, "RULES_VERSION", "frames-test-next")
    before = reader.claims_read
    pipe.report()  # the report reads them now and stores the reads
    assert reader.claims_read - before == 5
    pipe.report()
    assert reader.claims_read - before == 5
    pipe.close()


def test_articles_read_again_keep_the_reads_of_claims_that_did_not_change(tmp_path, monkeypatch):
    from contradict.stages import claims as claims_mod

    reader = FakeFrameReader()
    pipe = _pipe(tmp_path, reader)
    d = _corpus_dir(tmp_path)
    pipe.index([d])
    first = pipe.report().to_json()
    monkeypatch.setattr(claims_mod, "RULES_VERSION", "claims-test-next")  # every article is read again
    before = reader.claims_read
    pipe.index([d])
    assert reader.claims_read == before  # same claims after the same sentences: no claim parsed again
    assert pipe.report().to_json()["frames"] == first["frames"]
    _write(d, "a.txt", "Aid for Borduria", "The report now says Atlantis funds Borduria through a trust.",
           "Officials say Atlantis arms Borduria every spring.")
    pipe.index([d])
    assert reader.claims_read - before == 2  # the edited claim, and the one after it (its context changed)
    assert pipe.report().summary.framing_tensions == 1
    pipe.close()


def test_frames_off_reads_nothing(tmp_path):
    s = Settings(index_dir=tmp_path / "index", frames="off")
    reader = FakeFrameReader()
    pipe = Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer(), frame_reader=reader)
    pipe.index([_corpus_dir(tmp_path)])
    assert reader.claims_read == 0 and not pipe.report().framing
    pipe.close()


def test_no_actors_one_article_actors_and_foreign_scripts_give_no_frame(tmp_path):
    d = tmp_path / "odd"
    d.mkdir()
    _write(d, "a.txt", "quiet", "the river rose and everyone went home.")
    _write(d, "b.txt", "Ελλάδα", "Η Αθήνα στηρίζει τη Σόφια.", "Zorvath funds Quellin once.")
    _write(d, "c.txt", "中国", "北京支持上海。")
    pipe = _pipe(tmp_path)
    pipe.index([d])
    report = pipe.report()
    assert not report.framing and not report.frames
    pipe.close()


def test_report_renderers_show_the_frames_section(tmp_path):
    from contradict.report import render

    pipe = _pipe(tmp_path)
    pipe.index([_corpus_dir(tmp_path)])
    report = pipe.report()
    md = render.to_markdown(report)
    assert md.index("## Frames") < md.index("## Tensions") < md.index("## Contradictions")
    # one sentence per finding, its claims shown under it, the cast table only after the findings (issue 39)
    sentence = ("a casts Atlantis as a backer of Borduria (2 claims); War in the north casts Atlantis as an opponent of "
                "Borduria")
    assert f"1. {sentence}" in md
    first = md.index(sentence)
    assert md.index("- **a**: The report says Atlantis funds Borduria", first) < md.index("## Tensions")
    assert md.index("## Agreements") < md.index("## How each article casts the actors") < md.index("## Articles")
    html = render.to_html(report)
    assert 'id="frames"' in html and 'data-kind="framing"' in html and "Atlantis <mark>funds</mark> Borduria" in html
    assert html.index('id="frames"') < html.index('id="contradictions"')
    assert html.index(sentence) < html.index('<details class="casts"><summary>How each article casts the actors')
    assert report.to_json()["framing_tensions"][0]["sentence"] == (  # ids in the JSON
        "a casts Atlantis as a backer of Borduria (2 claims); b casts Atlantis as an opponent of Borduria (2 claims)")
    pipe.close()


def test_frames_command_table_json_and_unknown_actor(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from contradict.cli import main

    pipe = _pipe(tmp_path)
    pipe.index([_corpus_dir(tmp_path)])
    pipe.close()
    monkeypatch.setattr("contradict.cli.app.pipeline", lambda ctx, progress=None: _pipe(tmp_path))
    r = CliRunner().invoke(main, ["frames", "--index-dir", str(tmp_path / "index")])
    assert r.exit_code == 0, r.output
    assert "Actors by article" in r.output and "supports Borduria" in r.output
    r = CliRunner().invoke(main, ["frames", "--actor", "borduria", "--format", "json",
                                  "--index-dir", str(tmp_path / "index")])
    data = json.loads(r.stdout)
    assert data["actor"]["name"] == "Borduria" and len(data["framing_tensions"]) == 1
    r = CliRunner().invoke(main, ["frames", "--actor", "Ruritania", "--index-dir", str(tmp_path / "index")])
    assert r.exit_code == 2 and "no single actor 'Ruritania'" in r.output and "Traceback" not in r.output


# ---------------------------------------------------------------- the spaCy reader (a real model)

READINGS = [  # sentence -> (source, relation, target) the reader must find, or None: nothing
    ("Russia supplies the Syrian government with weapons.", ("Russia", "supports", "Syrian")),
    ("Washington armed the Kurds fighting Damascus.", ("Washington", "supports", "Kurds")),
    ("Washington armed the Kurds fighting Damascus.", ("Kurds", "opposes", "Damascus")),
    ("Iran is locked in armed struggle with ISIS.", ("Iran", "opposes", "ISIS")),
    ("Tehran's real objective is to defeat Washington.", ("Tehran", "opposes", "Washington")),
    ("Hamas relied on Iranian and Syrian-trained engineers to build the tunnels.", ("Iranian", "supports", "Hamas")),
    ("Hamas relied on Iranian and Syrian-trained engineers to build the tunnels.", ("Syrian", "supports", "Hamas")),
    ("Senator Mark Smith accused Governor Jane Jones of lying about the budget.", ("Mark Smith", "opposes", "Jane Jones")),
    ("Hillary Clinton endorsed Bernie Sanders on Tuesday.", ("Hillary Clinton", "supports", "Bernie Sanders")),
    ("Japan and Australia signed an alliance last year.", ("Japan", "allied with", "Australia")),
    ("The U.S. – Iranian alliance transforms Iraq.", ("U.S.", "allied with", "Iranian")),
    ("Germany did not fund the rebels in Chad.", None),
    ("Democrats are never likely to embrace Trump.", None),
    ("Republicans are unlikely to defend Trump in the Senate.", None),
    ("They passed the bill without support from a single Republican in Congress.", None),
    ("North Korea threatens South Korea with missiles.", ("North Korea", "threatens", "South Korea")),
    ("The Islamic State of Iraq and the Levant (ISIL) attacked Kobani.",
     ("Islamic State of Iraq and the Levant", "opposes", "Kobani")),
    # an obstacle's subject opposes the would-be agent, not the agent's target (issue 39)
    ("Syria is making it impossible for Turkey to defeat the Kurds.", ("Syria", "opposes", "Turkey")),
    ("Syria is making it impossible for Turkey to defeat the Kurds.", ("Turkey", "opposes", "Kurds")),
    ("Russia prevents Turkey from defeating the Kurds.", ("Russia", "opposes", "Turkey")),
    ("Russia is blocking efforts by Turkey to defeat the Kurds.", ("Turkey", "opposes", "Kurds")),
    ("ISIS fighters carried US-supplied rifles into Mosul.", ("US", "supports", "ISIS")),
    # issue 39, second pass (abp_5k's failure classes): the accused is the doer of what it is blamed for; an
    # agent noun that says what its subject is; a bracket is no part of a name
    ("France blamed Syria for harboring Hezbollah.", ("Syria", "supports", "Hezbollah")),
    ("Laura Smith is a fierce critic of Paul Ryan.", ("Laura Smith", "opposes", "Paul Ryan")),
    ("He said [Hillary] Clinton had defeated Bernie Sanders in the primaries.",
     ("Hillary Clinton", "opposes", "Bernie Sanders")),
    # issue 39, fourth pass: a supporting noun received names its giver by "of", "from", "with" ...
    ("Mark Smith has the backing of Governor Jane Jones.", ("Jane Jones", "supports", "Mark Smith")),
    ("Mark Smith won the endorsement of Jane Jones last week.", ("Jane Jones", "supports", "Mark Smith")),
    ("Syria, with the support of Russia, retook the city of Aleppo.", ("Russia", "supports", "Syria")),
    ("Hezbollah receives funding from Iran.", ("Iran", "supports", "Hezbollah")),
    ("Mark Smith has Jane Jones's backing.", ("Jane Jones", "supports", "Mark Smith")),
    ("Russia and Iran formed an alliance against ISIS.", ("Russia", "allied with", "Iran")),
    ("Russia helps Syria against ISIS.", ("Russia", "supports", "Syria")),
    # ... and "yet" without "to" denies nothing
    ("Mark Smith endorsed Jane Jones yet again.", ("Mark Smith", "supports", "Jane Jones")),
    # a group's or a state's own organs still act for it (session 22's place rules keep them)
    ("Republican lawmakers criticized Obama.", ("Republican", "opposes", "Obama")),
    ("The Texas government sued the Obama administration.", ("Texas", "opposes", "Obama")),
    ("Sen. Mark Smith (R-Ky.) has defended President Jane Jones.", ("Mark Smith", "supports", "Jane Jones")),
    # ... and a country speaks through its own spokesman, campaign or lawmakers, by name or adjective; someone's
    # "people" are his agents; a capitalised heading ending in R, D or I before a dash is no party label (review)
    ("A US spokesman condemned Iran.", ("US", "opposes", "Iran")),
    ("Russia's air campaign backed Assad.", ("Russia", "supports", "Assad")),
    ("Iranian lawmakers condemned the United States.", ("Iranian", "opposes", "United States")),
    ("Trump's people attacked Comey.", ("Trump", "opposes", "Comey")),
    ("WORLD - Iran attacked Iraq on Tuesday.", ("Iran", "opposes", "Iraq")),
]

NOT_READ = [  # sentence -> a reading the reader must not make
    ("Iran is an impediment towards defeating ISIS.", ("Iran", "opposes", "ISIS")),
    ("Syria is making it impossible for Turkey to defeat the Kurds.", ("Syria", "opposes", "Kurds")),
    ("Many Republicans praised the bill for blocking federal funding for Planned Parenthood.",
     ("Republicans", "supports", "Planned Parenthood")),
]

NOT_READ_39 = [  # issue 39, second pass: abp_5k's failure classes, in sentences of our own
    # a poll's share is no sponsorship
    ("Registered Democrats back Mark Smith over Jane Jones by a 48% to 30% margin.",
     ("Democrats", "supports", "Mark Smith")),
    ("A new poll shows Republicans support Mark Smith, with Jane Jones far behind.",
     ("Republicans", "supports", "Mark Smith")),
    # a relation word as a noun of another sense
    ("Tom Hale was shot in the back by Officer Dan Reed.", ("Dan Reed", "supports", "Tom Hale")),
    # denied, asked, withheld, or not the one blamed
    ("Investigators found no evidence that Mark Smith had met or coordinated with Russia.",
     ("Mark Smith", "allied with", "Russia")),
    ("The inquiry asks whether Mark Smith colluded with Russia.", ("Mark Smith", "allied with", "Russia")),
    ("Trump placed a hold on military aid to Ukraine.", ("Trump", "supports", "Ukraine")),
    ("Pelosi: Democrats, not Russia, are to blame for the loss to Trump", ("Russia", "opposes", "Trump")),
    ("Pelosi: Democrats, not Russia, are to blame for the loss to Trump", ("Democrats", "opposes", "Trump")),
    # ceremony is no backing; an appeal to someone's supporters backs no one
    ("Hillary Clinton congratulated Bernie Sanders on a remarkable campaign.",
     ("Hillary Clinton", "supports", "Bernie Sanders")),
    ("Barack Obama thanked Bernie Sanders for his energy.", ("Barack Obama", "supports", "Bernie Sanders")),
    ("Joe Biden made an appeal to supporters of Bernie Sanders.", ("Joe Biden", "supports", "Bernie Sanders")),
    # the blamer is not the doer of the deed it blames; "over" names a topic
    ("France blamed Syria for harboring Hezbollah.", ("France", "supports", "Hezbollah")),
    ("Boris Johnson and Jeremy Corbyn clashed over the NHS.", ("Boris Johnson", "opposes", "NHS")),
    # issue 39, fourth pass: not yet, denied by the subject or a fronted "in no ..."; the backing "of" the giver
    ("Senator Mark Smith has yet to endorse Jane Jones.", ("Mark Smith", "supports", "Jane Jones")),
    ("Neither Mark Smith nor Tom Hale has endorsed Jane Jones.", ("Mark Smith", "supports", "Jane Jones")),
    ("Neither Mark Smith nor Tom Hale has endorsed Jane Jones.", ("Tom Hale", "supports", "Jane Jones")),
    ("No Republican senator has endorsed Jane Jones.", ("Republican", "supports", "Jane Jones")),
    ("In no respect does Atlantis qualify as a friend of Borduria.", ("Atlantis", "allied with", "Borduria")),
    ("Mark Smith has the backing of Governor Jane Jones.", ("Mark Smith", "supports", "Jane Jones")),
    ("Mark Smith won the endorsement of Jane Jones last week.", ("Mark Smith", "supports", "Jane Jones")),
    ("Syria has sought the support of Russia against Turkey.", ("Russia", "supports", "Turkey")),
    ("Syria has sought the support of Russia against Turkey.", ("Russia", "supports", "Syria")),
    ("Syria has sought the support of Russia against Turkey.", ("Syria", "supports", "Russia")),
    ("Mark Smith is seeking the Republican nomination.", ("Republican", "supports", "Mark Smith")),
    # a supporting or allying word is not aimed at its partner: "against", "on" name the enemy or the topic
    ("Russia and Iran formed an alliance against ISIS.", ("Russia", "allied with", "ISIS")),
    ("Russia helps Syria against ISIS.", ("Russia", "supports", "ISIS")),
    ("Brian Hook is a senior adviser to Pompeo on Iran.", ("Brian Hook", "supports", "Iran")),
    # session 22, from abp_5k's training labels: a place before a person's or a public's noun, a group before a
    # public's, a party-and-state label after a name name no actor
    ("The Vermont senator criticized Jane Jones on Tuesday.", ("Vermont", "opposes", "Jane Jones")),
    ("Houston voters rejected Mayor Jane Jones.", ("Houston", "opposes", "Jane Jones")),
    ("The Syrian people oppose Assad.", ("Syrian", "opposes", "Assad")),
    ("Sen. Mark Smith (R-Ky.) has defended President Jane Jones.", ("Ky.", "supports", "Jane Jones")),
    # ... the same after a preposition, and other dashes and parties (the session's review)
    ("The people of Syria oppose Assad.", ("Syria", "opposes", "Assad")),
    ("Voters in Houston rejected Mayor Jane Jones.", ("Houston", "opposes", "Jane Jones")),
    ("Sen. Mark Smith (R—Ga.) criticized Jane Jones.", ("Ga.", "opposes", "Jane Jones")),
    ("Sen. Mark Smith (DFL-Minn.) criticized Jane Jones.", ("Minn.", "opposes", "Jane Jones")),
]


@pytest.mark.slow
@pytest.mark.parametrize("sentence, wrong", NOT_READ)
def test_spacy_reader_does_not_read_an_obstacle_as_the_agent(sentence, wrong):
    got = frames.SpacyReader().read([(claim("x", 0, sentence), "")])[0]
    assert wrong not in {(k.source.text, k.relation.value, k.target.text) for k in got.links}


@pytest.mark.slow
@pytest.mark.parametrize("sentence, wrong", NOT_READ_39)
def test_spacy_reader_does_not_read_polls_denials_ceremonies_or_other_senses(sentence, wrong):
    got = frames.SpacyReader().read([(claim("x", 0, sentence), "")])[0]
    assert wrong not in {(k.source.text, k.relation.value, k.target.text) for k in got.links}
    assert all("[" not in m.text and "]" not in m.text for m in got.mentions)


@pytest.mark.slow
def test_spacy_reader_weighs_down_a_relation_under_suspicion():
    c = claim("x", 0, "Trump called the investigation into possible collusion between Moscow and his campaign a hoax.")
    got = frames.SpacyReader().read([(c, "")])[0]
    assert got.links and all(k.p <= 0.25 for k in got.links)


@pytest.mark.slow
@pytest.mark.parametrize("sentence, dateline", [
    ("HOUSTON — Texas officials said Mexico supports Guatemala.", "HOUSTON"),
    ("BEIRUT, Lebanon — Iran supports Hezbollah, officials said.", "BEIRUT"),
])
def test_a_dateline_is_no_actor(sentence, dateline):
    got = frames.SpacyReader().read([(claim("x", 0, sentence), "")])[0]
    assert dateline not in {m.text for m in got.mentions}
    assert got.links  # the claim's own actors are still read


@pytest.mark.slow
def test_an_organisation_before_a_dash_is_still_an_actor():
    got = frames.SpacyReader().read([(claim("x", 0, "ISIS — the group that seized Mosul — threatens Baghdad."), "")])[0]
    assert "ISIS" in {m.text for m in got.mentions}


@pytest.mark.slow
@pytest.mark.parametrize("sentence, want", READINGS)
def test_spacy_reader_golden_readings(sentence, want):
    c = claim("x", 0, sentence)
    got = frames.SpacyReader().read([(c, "")])[0]
    triples = {(k.source.text, k.relation.value, k.target.text) for k in got.links}
    if want is None:
        assert not triples or all(r != "supports" for _, r, _ in triples), triples
        return
    source, relation, target = want
    assert any(s == source and r == relation and (target is None or t == target) for s, r, t in triples), triples


@pytest.mark.slow
def test_spacy_reader_resolves_the_group_from_the_sentence_before():
    c = claim("x", 1, "The group then attacked Kobani.")
    got = frames.SpacyReader().read([(c, "Fighters of ISIS crossed the border from Syria.")])[0]
    assert ("ISIS", "opposes", "Kobani") in {(k.source.text, k.relation.value, k.target.text) for k in got.links}


@pytest.mark.slow
def test_spacy_reader_weighs_down_a_wish_or_a_possibility():
    c = claim("x", 0, "Some say Trump should work with Democrats on roads.")
    links = frames.SpacyReader().read([(c, "")])[0].links
    assert links and all(k.p <= 0.5 for k in links)


@pytest.mark.slow
def test_spacy_reader_weighs_down_what_the_writer_disputes():
    c = claim("x", 0, "While claiming to be enemies of ISIS, American planners helped Baghdad.")
    got = frames.SpacyReader().read([(c, "")])[0]
    enemies = [k for k in got.links if k.evidence == "enemies"]
    assert enemies and all(k.p <= 0.25 for k in enemies)


def _frames_report(tmp_path, paths):
    """Index with the fake encoder and scorer but the real spaCy frame reader: frames depend on nothing else."""
    pipe = Pipeline(Settings(index_dir=tmp_path / "index"), encoder=FakeEncoder(), scorer=FakeScorer())
    pipe.index(paths)
    report = pipe.frames()
    pipe.close()
    return report


@pytest.mark.slow
def test_seeds_cast_the_us_as_isis_sponsor_in_one_article_and_its_enemy_in_another(tmp_path):
    from .conftest import shared_path

    report = _frames_report(tmp_path, [shared_path("seeds")])
    names = {a.name for a in report.actors}
    assert {"United States", "ISIS", "Iran"} <= names
    us = report.find_actor("Washington")
    assert us.name == "United States" and {"US", "U.S.", "America"} <= set(us.variants)
    t = next(t for t in report.framing if {t.actor, t.target} == {"United States", "ISIS"})
    assert (t.a.article[:3], t.a.relation) == ("002", "supports") and (t.b.article[:3], t.b.relation) == ("004", "opposes")
    assert len(t.a.claim_ids) >= 3
    cast = {c.article[:3]: c for c in report.casts}
    assert "Iran" in cast["004"].threat + cast["004"].opponent


@pytest.mark.slow
def test_demo_bulletin_casts_the_regional_office_against_carrow(tmp_path):
    from .conftest import EXAMPLES

    report = _frames_report(tmp_path, [EXAMPLES])
    t = next(t for t in report.framing if {t.actor, t.target} == {"Regional Office", "Carrow"})
    sides = {t.a.article: t.a.relation, t.b.article: t.b.relation}
    assert sides == {"carrow_bulletin_office_blame": "threatens", "regional_office_statement": "supports"}


@pytest.mark.slow
def test_reading_in_two_processes_gives_the_same_reads_in_the_same_order():
    from contradict.inputs import ingest
    from contradict.stages import claims as claims_mod

    from .conftest import EXAMPLES

    arts, _ = ingest.load([str(EXAMPLES)], 10_000_000, 200_000)
    cls = [c for a in sorted(arts, key=lambda a: a.id) for c in claims_mod.extract(a)] * 12  # enough to go parallel
    one = frames.read_claims(frames.SpacyReader(processes=1), cls)
    reader = frames.SpacyReader(processes=2)
    reader.MIN_PARALLEL = 8
    two = frames.read_claims(reader, cls)
    reader.close()
    assert one == two and any(r.links for r in two)


def test_the_nightly_delta_lists_new_framing_tensions(tmp_path):
    from contradict.runs import batch

    d = _corpus_dir(tmp_path)
    reports = tmp_path / "reports"
    first = batch.run(_pipe(tmp_path), [d], reports, 0.35)
    assert [t["actor"] for t in first.delta["framing"]["new"]] == ["Atlantis"]
    _write(d, "e.txt", "More aid", "In the spring Atlantis backs Borduria with grain.",
           "Every year Atlantis funds Borduria again.")
    second = batch.run(_pipe(tmp_path), [d], reports, 0.35)
    new = second.delta["framing"]["new"]
    assert [tuple(t["articles"]) for t in new] == [("b", "e")] and not second.delta["framing"]["resolved"]
    md = (second.run_dir / "report.md").read_text()
    assert "### New framing tensions (1)" in md and "b vs e on Atlantis -&gt; Borduria" in md.replace("->", "-&gt;")


@pytest.mark.parametrize(("day_b", "listed"), [("2015-03-02", 1), ("2017-03-01", 0)])
def test_the_report_reads_two_moments_of_a_relation_years_apart_as_no_tension(tmp_path, day_b, listed):
    """Across stories, the report passes each article's day to the tensions: sides over a year apart are two
    moments of one relation (an ally then, an enemy later), not two framings."""
    d = tmp_path / "news"
    d.mkdir()
    rows = [{"id": "a", "title": "Aid for Borduria", "date": "2015-03-01",
             "text": "The report says Atlantis funds Borduria through a trust.\n\nOfficials say Atlantis arms Borduria "
                     "every spring."},
            {"id": "b", "title": "War in the north", "date": day_b,
             "text": "Witnesses say Atlantis attacks Borduria along the river.\n\nThe paper adds that Atlantis fights "
                     "Borduria near the hills."}]
    (d / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports", story_threshold=2.0)  # no stories
    pipe = Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer(), frame_reader=FakeFrameReader())
    pipe.index([d])
    report = pipe.report()
    pipe.close()
    assert report.summary.framing_tensions == listed and all(not t.story for t in report.framing)


def test_the_place_rules_word_tables_nest():
    """The place rules read "the public's nouns" and "a state's voices" as kinds of the person nouns, and these as
    actor heads (frame_links._names_no_actor returns early on any other head)."""
    from contradict.words import ACTOR_HEAD_NOUNS, PLACE_NOT_ACTOR_HEADS, PUBLIC_HEADS, STATE_VOICE_HEADS

    assert PUBLIC_HEADS <= PLACE_NOT_ACTOR_HEADS and STATE_VOICE_HEADS <= PLACE_NOT_ACTOR_HEADS
    assert PLACE_NOT_ACTOR_HEADS <= ACTOR_HEAD_NOUNS
