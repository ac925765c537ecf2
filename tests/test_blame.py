"""Blame (issue 39): each article's central threat and sponsor, and articles on one subject that blame different
actors. Frames made by hand; no model."""

import json
from pathlib import Path

import jsonschema
import pytest

from contradict.stages.blame import MIN_SALIENCE, blamed, central_cast, frame_actors, tensions
from contradict.types import Claim, Frame, FrameEvidence, Relation


def claim(art, n, text, kind="sentence", speaker=""):
    return Claim(f"{art}:{n}", art, n, 0, len(text), text, speaker=speaker, kind=kind)


def frame(art, actor, target, rel, *claims, p=0.9):
    return Frame(art, actor, target, rel, 0.0, tuple(FrameEvidence(c.id, p, 0.5 if c.speaker else 1.0, "w")
                                                    for c in claims))


IRAN_HEAD = claim("x", 0, "How Iran is making it impossible to beat ISIS", kind="heading")
IRAN_BODY = claim("x", 5, "Iran is waging war on the US in Iraq.")
IRAN_QUOTED = claim("x", 9, "The US supports the militias, a cleric said.", speaker="a cleric")
US_HEAD = claim("y", 0, "Made in America: the ISIS conquest of Mosul", kind="heading")
US_BODY = claim("y", 4, "US-supplied weapons armed ISIS fighters.")
ISIS = claim("y", 6, "ISIS threatens the Iraqi state.")
CLAIMS = {c.id: c for c in (IRAN_HEAD, IRAN_BODY, IRAN_QUOTED, US_HEAD, US_BODY, ISIS)}
FRAMES = [
    frame("x", "iran", "us", Relation.THREATENS, IRAN_HEAD, IRAN_BODY),
    frame("x", "us", "militias", Relation.SUPPORTS, IRAN_QUOTED),  # quoted, once, in the body: not central
    frame("y", "us", "isis", Relation.SUPPORTS, US_HEAD, US_BODY),
    frame("y", "isis", "iraq", Relation.THREATENS, ISIS),
]


def test_central_cast_ranks_by_salience_and_stays_silent_below_it():
    cast = central_cast(FRAMES, CLAIMS)
    x = {(r.role, r.actor): r for r in cast["x"]}
    assert ("threat", "iran") in x and x[("threat", "iran")].of == "us"
    assert x[("threat", "iran")].claims[0] == IRAN_HEAD.id  # the heading carries it most
    assert ("sponsor", "us") not in x  # one quoted body claim: 0.9 x 0.5 < MIN_SALIENCE
    assert 0.9 * 0.5 < MIN_SALIENCE
    y = {(r.role, r.actor): r for r in cast["y"]}
    assert y[("sponsor", "us")].of == "isis" and y[("sponsor", "us")].salience > y[("threat", "isis")].salience


def test_two_articles_blaming_different_actors_make_a_tension_with_both_halves():
    cast = central_cast(FRAMES, CLAIMS)
    threats = {r.actor for rs in cast.values() for r in rs if r.role == "threat"}
    assert blamed(cast["y"], threats).actor == "us"  # the sponsor of a threat outweighs the threat itself
    (t,) = tensions(cast, {"x": "s1", "y": "s1"})
    assert (t.a.article, t.a.role, t.a.actor, t.a.of) == ("x", "threat", "iran", "us")
    assert (t.b.article, t.b.role, t.b.actor, t.b.of) == ("y", "sponsor", "us", "isis")
    assert t.story == "s1" and t.score > 0


def test_no_tension_when_both_blame_the_same_actor_or_share_no_subject():
    same = FRAMES + [frame("y", "iran", "us", Relation.THREATENS, claim("y", 1, "Iran threatens the US."),
                           claim("y", 2, "Iran threatens US troops."), claim("y", 3, "Iran menaces the US."))]
    cl = dict(CLAIMS, **{f"y:{n}": claim("y", n, "t") for n in (1, 2, 3)})
    assert tensions(central_cast(same, cl), {"x": "s1", "y": "s1"}) == []
    # other stories, and casts that share only one actor: no common subject
    lone = [FRAMES[0], frame("y", "russia", "ukraine", Relation.THREATENS, US_HEAD, US_BODY)]
    assert tensions(central_cast(lone, CLAIMS), {"x": "s1", "y": "s2"}) == []


def test_sponsoring_something_no_one_casts_as_a_threat_is_no_blame():
    # x also casts the US as a sponsor, but of Iraq (no threat): x still disagrees with y on whom to blame
    extra = claim("x", 1, "The US backs the Iraqi government.")
    more = claim("x", 2, "Washington supports Baghdad with advisers.")
    cl = dict(CLAIMS, **{extra.id: extra, more.id: more})
    found = FRAMES + [frame("x", "us", "iraq", Relation.SUPPORTS, extra, more)]
    (t,) = tensions(central_cast(found, cl), {"x": "s1", "y": "s1"})
    assert (t.a.actor, t.b.actor) == ("iran", "us")


def test_articles_blaming_alike_join_one_side_of_one_finding():
    # z casts the US as ISIS's sponsor as y does: one finding, y and z on one side, x on the other
    z_head = claim("z", 0, "Washington armed ISIS", kind="heading")
    z_body = claim("z", 3, "US weapons reached ISIS fighters.")
    cl = dict(CLAIMS, **{z_head.id: z_head, z_body.id: z_body})
    found = FRAMES + [frame("z", "us", "isis", Relation.SUPPORTS, z_head, z_body, p=0.8)]
    (t,) = tensions(central_cast(found, cl), {"x": "s1", "y": "s1", "z": "s1"})
    assert (t.a.article, t.a.actor, t.b.article, t.b.actor) == ("x", "iran", "y", "us")
    assert [(r.article, r.role, r.actor, r.of) for r in t.also_b] == [("z", "sponsor", "us", "isis")]
    assert t.also_a == ()


def test_a_grouped_finding_in_one_sentence_with_claims_per_side_in_every_format():
    from rich.console import Console

    from contradict.report import render, terminal
    from contradict.report.build import BlameRow, ClaimRow, Report, RoleRow, Summary

    def role(art, role, actor, of, *texts):
        quotes = tuple(ClaimRow(f"{art}:{i}", art, text, "article", "sentence", i, (0, len(text)))
                       for i, text in enumerate(texts))
        return RoleRow(art, role, actor, of, 1.8, tuple(q.id for q in quotes), quotes)

    b = BlameRow("blame|x|y|iran|us", role("x", "threat", "Iran", "United States", "Iran wages war on the US.",
                                           "Tehran aims to defeat Washington."),
                 role("y", "sponsor", "United States", "ISIS", "US arms reached ISIS.", "US-trained fighters joined ISIS."),
                 1.5, also_b=(role("z", "sponsor", "United States", "ISIS", "Washington armed ISIS."),))
    assert b.sentence == ("x casts Iran as the central threat (to United States); y and z cast United States as the "
                          "sponsor (of ISIS)")
    summary = Summary(3, 6, 0, (("contradiction", 0), ("entailment", 0), ("neutral", 0)), 0, 0.5, "fake", "fake")
    report = Report(articles=(), pairs=(), tensions=(), duplicates=(), summary=summary, blame=(b,))
    data = report.to_json()
    schema = json.loads((Path(__file__).resolve().parents[1] / "contradict/schema/report.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert data["blame_tensions"][0]["sentence"] == b.sentence and data["blame_tensions"][0]["b_also"][0]["article"] == "z"
    assert Report.from_json(data).blame == (b,)
    md = render.to_markdown(report)
    first = md.index(b.sentence)
    for text in ("Iran wages war on the US.", "Tehran aims to defeat Washington.", "US arms reached ISIS.",
                 "US-trained fighters joined ISIS.", "Washington armed ISIS."):
        assert md.index(text) > first  # both halves, each with its claims, under the sentence
    assert b.sentence in render.to_html(report)
    con = Console(record=True, width=200)
    terminal.blame(con, report, 10)
    text = con.export_text()
    assert b.sentence in text and "Washington armed ISIS." in text


def test_blame_and_frames_from_an_index_with_fakes(tmp_path):
    """The whole path with the fake models: two articles of one story, one blaming Vexor (a threat), the other
    Karlan (the sponsor of that threat), each in its own voice once and through officials once; the report carries
    the blame tension and `frames` names its columns."""
    from rich.console import Console

    from contradict.report.terminal_views import render_frames
    from contradict.runs.pipeline import Pipeline
    from contradict.settings import Settings

    from .fakes import FakeEncoder, FakeFrameReader, FakeScorer

    d = tmp_path / "in"
    d.mkdir()
    (d / "one.txt").write_text("Vexor Threatens Dalmia Along The Winding River Road\n\nIn spring Vexor threatens Dalmia along the river.\n\n"
                               "Officials say Vexor attacks Dalmia every spring.\n\n"
                               "The paper adds that Karlan watched from the hills.")
    (d / "two.txt").write_text("Karlan Funds Vexor\n\nIn fact Karlan funds Vexor through a trust.\n\n"
                               "Officials say Karlan arms Vexor every spring.\n\n"
                               "The paper adds that Vexor threatens Dalmia near the hills.")
    pipe = Pipeline(Settings(index_dir=tmp_path / "index", story_threshold=0.0), encoder=FakeEncoder(),
                    scorer=FakeScorer(), frame_reader=FakeFrameReader())
    pipe.index([d])
    report = pipe.report(top=0)
    pipe.close()
    assert [(b.a.actor, b.a.role, b.b.actor, b.b.role) for b in report.blame] == [("Vexor", "threat", "Karlan",
                                                                                   "sponsor")]
    assert len(report.blame[0].a.quotes) >= 2 and len(report.blame[0].b.quotes) >= 2
    con = Console(record=True, width=120)
    render_frames(con, report)
    text = con.export_text()
    assert "1: Vexor Threatens Dalmia Along The Winding River Road (one)" in text and "2: two" in text  # columns
    # numbered, the legend names them (by title and id; by id when untitled)
    con = Console(record=True, width=100)
    from contradict.report.terminal import render as render_report

    render_report(con, report, 10)
    text = con.export_text()
    assert text.index("Blame") < text.index("Contradictions") < text.index("How each article casts the actors")
    quoted = [line.strip().split(":")[0] for line in text.splitlines() if line.startswith("   Vexor")]
    assert quoted and set(quoted) == {"Vexor Threatens Dalmia…"}  # shortened at a word, never mid-word


def test_force_and_obstacles_cast_a_threat_a_quarrel_does_not_and_blame_casts_its_target():
    from contradict.stages.blame import conflict_kind

    assert [conflict_kind(w) for w in ("war", "attacked", "Impossible", "criticized", "sued", "blamed", "accused")] == [
        "force", "force", "force", "verbal", "verbal", "accuse", "accuse"]
    war = claim("s", 3, "Iran wages war on the US.")
    quarrel = claim("s", 4, "The US criticized Iran.")
    quarrel2 = claim("s", 5, "The US rejected Iran's offer.")
    blames = claim("s", 6, "Riyadh blamed Iran for the attacks.")
    blames2 = claim("s", 7, "Riyadh accused Iran of the strikes.")

    def opp(actor, target, c, word):
        return Frame("s", actor, target, Relation.OPPOSES, 0.0, (FrameEvidence(c.id, 0.9, 1.0, word),))

    found = [opp("iran", "us", war, "war"), opp("us", "iran", quarrel, "criticized"), opp("us", "iran", quarrel2, "rejected"),
             opp("saudi", "iran", blames, "blamed"), opp("saudi", "iran", blames2, "accused")]
    cl = {c.id: c for c in (war, quarrel, quarrel2, blames, blames2)}
    (threat,) = central_cast(found, cl)["s"]
    assert (threat.role, threat.actor) == ("threat", "iran")  # the US's quarrel casts no threat; Riyadh's blame casts Iran
    assert threat.of == "saudi" and set(threat.claims) == {war.id, blames.id, blames2.id}
    assert threat.claims[:2] in ((blames.id, blames2.id), (blames2.id, blames.id))  # the claims about its "of" first


def test_a_threat_is_cast_against_whom_the_obstacle_and_the_war_are_aimed():
    # "Iran makes it impossible for the US to beat ISIS" is read Iran opposes US (the obstacle) and the US opposes
    # ISIS by a verbal "beat" (no threat): with "Iran wages war on the US", Iran is the threat to the US
    head = claim("h", 0, "How Iran makes it impossible for the US to beat ISIS", kind="heading")
    war = claim("h", 4, "Iran is waging war on the US in Iraq.")
    goal = claim("h", 6, "Tehran's objective is to defeat Washington.")
    fights = claim("h", 9, "Iran's militias fight ISIS near Tikrit.")


    found = [Frame("h", "iran", "us", Relation.OPPOSES, 0.0, (FrameEvidence(head.id, 0.7, 1.0, "impossible"),
                                                              FrameEvidence(war.id, 0.7, 1.0, "war"),
                                                              FrameEvidence(goal.id, 0.56, 1.0, "defeat"))),
             Frame("h", "us", "isis", Relation.OPPOSES, 0.0, (FrameEvidence(head.id, 0.56, 1.0, "Beat"),)),
             Frame("h", "iran", "isis", Relation.OPPOSES, 0.0, (FrameEvidence(fights.id, 0.9, 1.0, "fight"),))]
    cl = {c.id: c for c in (head, war, goal, fights)}
    cast = central_cast(found, cl)["h"]
    assert [(r.role, r.actor, r.of) for r in cast] == [("threat", "iran", "us")]
    assert cast[0].claims[:3] == (head.id, war.id, goal.id)


def test_the_cast_table_names_articles_by_whole_id_outlet_and_date_on_a_narrow_terminal():
    from rich.console import Console

    from contradict.report import terminal
    from contradict.report.build import ArticleRow, CastRow, Report, Summary

    long_id = "abp-00ZME4ZkHAEIC7dP_long_article_identifier"
    arts = (ArticleRow(long_id, "A title", "Politico", 30, "2012-11-21", "x"),)
    summary = Summary(1, 30, 0, (("contradiction", 0), ("entailment", 0), ("neutral", 0)), 0, 0.5, "fake", "fake")
    report = Report(articles=arts, pairs=(), tensions=(), duplicates=(), summary=summary,
                    casts=(CastRow(long_id, sponsor=("United States",), threat=("Iran",)),))
    con = Console(record=True, width=80)
    terminal.casts(con, report, 10)
    text = con.export_text()
    assert f"{long_id} (Politico, 2012-11-21): threat: Iran · sponsor: United States" in text


def test_one_blaming_the_actor_the_other_casts_as_the_victim_is_one_subject_across_stories():
    # x: Iran the threat to the US; y: the US the sponsor of ISIS; other stories, one actor shared (the US)
    cast = central_cast(FRAMES, CLAIMS)
    actors = [{r.actor for r in cast[a]} | {r.of for r in cast[a]} for a in ("x", "y")]
    assert actors[0] & actors[1] == {"us"}
    about = {"x": {"iran", "us", "isis", "iraq"}, "y": {"us", "isis", "iraq"}}  # what their frames relate
    (t,) = tensions(cast, {"x": "s1", "y": "s2"}, about=about)
    assert (t.a.actor, t.a.of, t.b.actor, t.b.of, t.story) == ("iran", "us", "us", "isis", "")
    # frames relating fewer actors in common: two articles about other things (abp_lcr, BASIL: six such pairs)
    assert tensions(cast, {"x": "s1", "y": "s2"}, about={"x": {"iran", "us"}, "y": {"us", "isis"}}) == []
    assert tensions(cast, {"x": "s1", "y": "s2"}) == []
    # no such link: what a sponsor backs is not its victim
    other = [FRAMES[0], frame("y", "russia", "isis", Relation.SUPPORTS, US_HEAD, US_BODY), FRAMES[3]]
    assert tensions(central_cast(other, CLAIMS), {"x": "s1", "y": "s2"}, about=about) == []


def test_sponsors_of_different_proteges_and_mirror_images_are_no_rival_blame():
    """Issue 39 (abp_5k's top findings, all false): two endorsements of different candidates, each of whom some
    article of another story casts as a threat, are not one subject; "the US fights ISIS" and "ISIS threatens the
    US" are adversaries, not rival blame."""
    def cl(art, n):
        return claim(art, n, "t", kind="heading" if n == 0 else "sentence")

    cls = {c.id: c for art in "xyzw" for c in (cl(art, 0), cl(art, 1))}
    endorse = [frame("x", "biden", "clinton", Relation.SUPPORTS, cls["x:0"], cls["x:1"]),
               frame("y", "sanders", "biden", Relation.SUPPORTS, cls["y:0"], cls["y:1"]),
               frame("x", "obama", "clinton", Relation.SUPPORTS, cls["x:1"]),
               frame("y", "obama", "biden", Relation.SUPPORTS, cls["y:1"]),
               # other stories cast both proteges as threats to someone
               frame("z", "clinton", "trump", Relation.THREATENS, cls["z:0"], cls["z:1"]),
               frame("w", "biden", "trump", Relation.THREATENS, cls["w:0"], cls["w:1"])]
    stories = {"x": "s1", "y": "s2", "z": "s3", "w": "s4"}
    found = tensions(central_cast(endorse, cls), stories, about=frame_actors(endorse))
    assert not [t for t in found if {t.a.article, t.b.article} == {"x", "y"}]
    # two sponsors of one threat in one story are rival blame
    rival = [frame("x", "us", "isis", Relation.SUPPORTS, cls["x:0"], cls["x:1"]),
             frame("y", "saudi", "isis", Relation.SUPPORTS, cls["y:0"], cls["y:1"]),
             frame("y", "isis", "iraq", Relation.THREATENS, cls["y:1"])]
    (t,) = tensions(central_cast(rival, cls), {"x": "s1", "y": "s1"})
    assert {t.a.actor, t.b.actor} == {"us", "saudi"}
    mirror = [frame("x", "us", "isis", Relation.THREATENS, cls["x:0"], cls["x:1"]),
              frame("y", "isis", "us", Relation.THREATENS, cls["y:0"], cls["y:1"])]
    assert tensions(central_cast(mirror, cls), {"x": "s1", "y": "s1"}) == []


@pytest.mark.slow
def test_the_seeds_first_blame_finding_states_both_halves_of_the_mission_example():
    """Issue 39: on the seed articles (the spaCy reader, no NLI: blame needs none) the first blame finding casts
    Iran as the central threat to the United States in 004 and the United States as ISIS's sponsor in 002, each
    side carried by at least two claims that name both of its actors."""
    from contradict.inputs import ingest
    from contradict.stages import claims as claims_mod
    from contradict.stages import frames

    from .conftest import shared_path

    arts, _ = ingest.load([str(shared_path("seeds"))], 500_000_000, 200_000)
    cls = [c for a in sorted(arts, key=lambda a: a.id) for c in claims_mod.extract(a)]
    reads = frames.read_claims(frames.SpacyReader(), cls)
    found_actors, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in cls},
                                               positions={c.id: c.position for c in cls})
    names = {a.id: a.name for a in found_actors}
    cl = {c.id: c for c in cls}
    found = frames.frames(reads, cl, key_to_actor)
    first = tensions(central_cast(found, cl), about=frame_actors(found))[0]
    sides = {r.article[:3]: r for r in (first.a, first.b)}
    iran, us = sides["004"], sides["002"]
    assert (iran.role, names[iran.actor], names[iran.of]) == ("threat", "Iran", "United States")
    assert (us.role, names[us.actor], names[us.of]) == ("sponsor", "United States", "ISIS")
    for side, words in ((iran, (("Iran", "Tehran"), ("US", "Washington"))), (us, (("US",), ("ISIS",)))):
        carrying = [i for i in side.claims[:3] if all(any(w in cl[i].text for w in alts) for alts in words)]
        assert len(carrying) >= 2, [cl[i].text[:80] for i in side.claims[:3]]


def test_a_role_only_quoted_sources_or_reported_accusations_carry_is_not_central():
    """Issue 39, fourth pass: "Trump blamed Iran" reports the accuser's view and a quoted source speaks for
    itself; the article casts an actor centrally only when at least one claim does so in its own voice."""
    quoted = [claim("q", n, "t", speaker="an official") for n in (1, 2, 3, 4)]
    own = claim("q", 5, "Russia shells Kyiv.")
    blames = [claim("b", n, "Trump blamed Iran for the strikes.") for n in (0, 1, 2)]
    cl = {c.id: c for c in (*quoted, own, *blames)}
    found = [frame("q", "russia", "ukraine", Relation.THREATENS, *quoted),  # 4 x 0.9 x 0.5 > MIN_SALIENCE
             frame("b", "trump", "iran", Relation.OPPOSES, *blames)]
    found = [Frame(f.article, f.actor, f.target, f.relation, 0.0,
                   tuple(FrameEvidence(e.claim, e.p, e.voice, "blamed" if f.article == "b" else "threatens")
                         for e in f.reads)) for f in found]
    assert central_cast(found, cl) == {}
    with_own = found + [frame("q", "russia", "ukraine", Relation.THREATENS, own)]
    (r,) = central_cast(with_own, cl)["q"]
    assert (r.role, r.actor, r.of) == ("threat", "russia", "ukraine")


def test_across_stories_articles_far_apart_in_time_are_not_on_one_subject():
    import datetime as dt

    from contradict.stages.blame import MAX_DAYS_APART

    cast = central_cast(FRAMES, CLAIMS)
    about = {"x": {"iran", "us", "isis", "iraq"}, "y": {"us", "isis", "iraq"}}
    near = {"x": dt.date(2016, 5, 1), "y": dt.date(2016, 5, 1) + dt.timedelta(days=MAX_DAYS_APART)}
    far = {"x": dt.date(2016, 5, 1), "y": dt.date(2020, 5, 1)}
    assert len(tensions(cast, {"x": "s1", "y": "s2"}, about=about, day_of=near)) == 1
    assert tensions(cast, {"x": "s1", "y": "s2"}, about=about, day_of=far) == []
    assert len(tensions(cast, {"x": "s1", "y": "s2"}, about=about, day_of={"x": None, "y": far["y"]})) == 1  # unknown
    assert len(tensions(cast, {"x": "s1", "y": "s1"}, day_of=far)) == 1  # one story: its own time
