import pytest

from contradict.stages.claims import attribution, extract, split_sentences
from contradict.types import Article

# Golden table: text -> the sentences it must split into.
SEGMENTATION = [
    ("The U.S. military said so. The group left.", ["The U.S. military said so.", "The group left."]),
    ("Maj. Gen. Smith arrived on Dec. 27 in Baghdad. He left a day later.",
     ["Maj. Gen. Smith arrived on Dec. 27 in Baghdad.", "He left a day later."]),
    ("It caught the U.S. by surprise. The officials said so.",
     ["It caught the U.S. by surprise.", "The officials said so."]),
    ("ISIS attacked the U.S. The group then fled.", ["ISIS attacked the U.S.", "The group then fled."]),
    ('"We will win," he said. "They will lose."', ['"We will win," he said.', '"They will lose."']),
    ('He said: "It is over." Then he left.', ['He said: "It is over."', "Then he left."]),
    ("These are pictures of officers in this meeting ... you are partners in this operation.",
     ["These are pictures of officers in this meeting ... you are partners in this operation."]),
    ("The numbers rose… Nobody knows why.", ["The numbers rose…", "Nobody knows why."]),
    ("John F. Kennedy was president. Dr. Jones disagreed.", ["John F. Kennedy was president.", "Dr. Jones disagreed."]),
    ("Prices rose 3.5 percent in 2014. Wages did not.", ["Prices rose 3.5 percent in 2014.", "Wages did not."]),
    ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
    ("Sen. Marco Rubio (R-Fla.) spoke. Gov. Jindal listened.", ["Sen. Marco Rubio (R-Fla.) spoke.", "Gov. Jindal listened."]),
    ("The E.U. and the U.N. met at 9 a.m. on Monday.", ["The E.U. and the U.N. met at 9 a.m. on Monday."]),
]


@pytest.mark.parametrize("text,expected", SEGMENTATION)
def test_segmentation_golden(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_long_unpunctuated_text_is_cut_into_bounded_spans():
    text = "word " * 5000
    spans = split_sentences(text)
    assert len(spans) > 5 and all(e - s <= 600 for s, e in spans)
    assert all(text[s:e].strip() == text[s:e] for s, e in spans)


ATTRIBUTION = [
    ("A senior U.S. official said the intelligence was shared with Iraqi forces.", "A senior U.S. official"),
    ("At least twelve people died, according to the regional emergency service.", "the regional emergency service"),
    ("The US armed the group, according to a 2006 U.S. State Department cable.", "a 2006 U.S. State Department cable"),
    ("According to the U.N. report, forty people died.", "the U.N. report"),
    ("The dam was unsafe, according to Dr. Okafor of the water board.", "Dr. Okafor of the water board"),
    ('"Sometimes I joke around," one of the fighters told the Post.', "one of the fighters"),
    ("Days of heavy rainfall caused the collapse, the emergency service said.", "the emergency service"),
    ("Now the US claims it has cornered ISIS.", "the US"),
    ("The operation was said to have been planned by Suleimani.", "unnamed sources"),
    ("Some discount these reports because they come from armed groups.", None),
    ("The dam failed on Tuesday morning.", None),
    ("Australian academic Tim Anderson has highlighted multiple reports from Iraqi politicians.", None),
    ("Iran has vehemently denied any involvement in the tanker incident.", "Iran"),
    ("Officials have strongly denied the report.", "Officials"),
    ("His family said the dam had been unsafe for years.", "His family"),  # a noun in -ly, not an adverb
    ("The US ally said the strikes would go on.", "The US ally"),
    ("Fox News reported on Friday that the dam had been inspected.", "Fox News"),
    ("The deal was ultimately announced on Friday.", None),  # no adverb-stripping into a passive
    ("The ministry said so, although she initially denied it.", "The ministry"),
]


@pytest.mark.parametrize("sentence,speaker", ATTRIBUTION)
def test_attribution(sentence, speaker):
    assert attribution(sentence) == speaker


def _article(text, aid="a1"):
    return Article(id=aid, title="", source="", date="", text=text)


def test_claims_keep_spans_kinds_speakers_and_context():
    text = ("Dam Failure Floods The Valley\n\n"
            "The Wall Street Journal in its report, \"Drama Catches U.S. Off Guard,\" stated:\n\n"
            "Officials were caught off guard by the swift collapse of the forces.\n\n"
            "The group was founded in Iraq in 2004. It grew during the war in Syria.\n\n"
            "Where did the fighters come from?\n\n"
            "Too short.\n\n"
            "Flood water covers the main square of the town.")
    art = Article(id="a1", title="", source="", date="", text=text, captions=((text.rindex("Flood"), len(text)),))
    cs = extract(art)
    assert [c.text for c in cs] == [
        "Dam Failure Floods The Valley",
        "Officials were caught off guard by the swift collapse of the forces.",
        "The group was founded in Iraq in 2004.",
        "It grew during the war in Syria.",
        "Flood water covers the main square of the town.",
    ]
    assert all(text[c.start:c.end] == c.text for c in cs)
    assert [c.position for c in cs] == list(range(5))
    assert cs[0].kind == "heading" and cs[0].context == ""
    assert cs[1].kind == "quote" and cs[1].speaker == "The Wall Street Journal"
    assert cs[3].context == "The group was founded in Iraq in 2004."
    assert cs[3].scored_text.startswith("The group was founded")
    assert cs[4].kind == "caption"
    assert cs[2].speaker == ""  # the article's own claim


def test_an_intro_that_issued_a_statement_names_its_issuer():
    """'Late Friday, the FBI released a statement that says, in part:' -> the FBI, not the whole lead."""
    text = ("Late Friday, the federal agency released a statement that says, in part:\n\n"
            "The review found no evidence of wrongdoing by any of the officers involved.")
    assert extract(_article(text))[-1].speaker == "the federal agency"


def test_claim_ids_are_stable_and_independent_of_position():
    a = extract(_article("The dam failed on Tuesday morning.\n\nThe rain fell for five days."))
    b = extract(_article("The rain fell for five days.\n\nThe dam failed on Tuesday morning."))
    assert {c.id for c in a} == {c.id for c in b}


def test_disputed_quote_is_not_the_articles_own_claim():
    text = ("Governor Elena Marsh said the dam had been inspected last year and found safe. "
            "That claim is false: the last inspection took place in 2019.")
    cs = extract(_article(text))
    assert cs[0].speaker == "Governor Elena Marsh"
    assert cs[1].speaker == ""


def test_boilerplate_sentences_are_not_claims():
    text = ("We are making such material available under the provisions of fair use to our readers. "
            "The Centre will not be responsible for any inaccurate statement in this article. "
            "The dam failed on Tuesday morning after heavy rain. "
            "Hide Caption 3 of 12 Photos: The flood in pictures Rescue boats wait near the broken wall of the dam. "
            "The flooded valley is seen from the air in a photo by Jane Roe/Getty Images on Wednesday. "
            "Valley News' Jane Roe and Reuters contributed to this report. "
            "This story has been updated with additional developments Thursday.")
    assert [c.text for c in extract(_article(text))] == ["The dam failed on Tuesday morning after heavy rain."]


def test_bylines_tag_lists_video_links_and_embeds_are_not_claims_but_title_case_headlines_are():
    text = ("Cruz Loses Filibuster Bid\n\nEditorial Board, Washington Post\n\nSenate / Filibuster / Cruz / Budget\n\n"
            "MUST WATCH Senator speaks after the vote 01:47\n\n"
            "Aaron Montes and Rick Jervis\n\n"
            "Skip Twitter post by @someone The vote was a disgrace and everyone knows it.\n\n"
            "( PHOTOS: Scenes from the Senate floor during the long night)\n\n"
            "The Capitol dome is pictured in Washington on May 25, 2018.\n\n"
            "Terrible vote in the #Senate tonight, #filibuster is dead for good.\n\n"
            "The Senate voted 60 to 40 to end the debate.")
    assert [c.text for c in extract(_article(text))] == ["Cruz Loses Filibuster Bid",
                                                         "The Senate voted 60 to 40 to end the debate."]


def test_document_titles_are_not_claims_but_headlines_naming_a_statement_are():
    text = ("Statement of the Regional Office on the Merrow Dam\n\n"
            "Remarks by the Governor at the Carrow Town Hall\n\n"
            "Statement from the Regional Office contradicts the engineers\n\n"
            "The dam failed on Tuesday morning after heavy rain.")
    cs = extract(_article(text))
    assert [c.text for c in cs] == ["Statement from the Regional Office contradicts the engineers",
                                    "The dam failed on Tuesday morning after heavy rain."]


def test_name_labels_and_credits_are_not_claims_but_headlines_about_officials_are():
    labels = ["Russian President Vladimir Putin", "Congresswoman Judy Chu of California", "The Honorable Ken Salazar",
              "Former Virginia Governor Tim Kaine", "Photo by Jane Roe", "Additional reporting by John Doe in Delhi",
              "Special to USA TODAY", "Follow CNN Opinion Join us on Twitter and Facebook",
              "Warrant Affidavit by J Roe on Scribd"]
    headlines = ["Governor Signs Dam Bill", "Ohio Senator Vulnerable For Health Law Support",
                 "Critics Fault BJP's Candidate For Indian Prime Minister", "President Obama Speaks On Iraq",
                 "Dam Failure Floods Carrow Valley"]
    text = "\n\n".join(labels + headlines)
    assert [c.text for c in extract(_article(text))] == headlines


SHORT_HEADINGS = [  # (heading, is a claim): a heading of 3 or 4 words needs something verb-like
    ("US and Saudi weapons", False), ("The war in Syria", False), ("Guns and mental health", False),
    ("Rumors of peace treaty", False), ("Clouds over solar", False),
    ("Cruz Loses Filibuster Bid", True), ("Obama Signs Budget Bill", True), ("Republicans hold the Senate", True),
    ("Sanders wins elections", True), ("'We're not there yet'", True), ("Turbulence isn't over", True),
    ("Made in America", True),
]


@pytest.mark.parametrize("heading,claim", SHORT_HEADINGS)
def test_short_headings_are_claims_only_with_a_verb(heading, claim):
    cs = extract(_article(heading + "\n\nThe dam failed on Tuesday morning after heavy rain."))
    assert (cs[0].text == heading) is claim


def test_a_linked_name_pop_up_of_related_headlines_is_removed():
    from contradict.inputs.ingest import clean

    raw = ("Speaker Jane Doe Jane DoeOvernight Energy: Panel advances dam bill | Rivers rise again "
           "Why the valley must be rebuilt MORE (D-Ore.) said the dam would be rebuilt.")
    assert clean(raw).text == "Speaker Jane Doe (D-Ore.) said the dam would be rebuilt."


def test_labelled_seed_contradictions_name_the_sentences_meant():
    """benchmarks/seeds_contradictions.json names claims by id; each id must still be a claim of the seeds and
    the sentence its label describes (a few of its words are stored beside it), not a neighbour."""
    import json

    from contradict.inputs.ingest import load

    from .conftest import ROOT, shared_path

    seeds = shared_path("seeds")
    labels = json.loads((ROOT / "benchmarks" / "seeds_contradictions.json").read_text())["contradictions"]
    arts, _ = load([seeds])
    claims = {c.id: c for art in arts for c in extract(art)}
    assert len(labels) == 12
    for x in labels:
        for side, word in zip("ab", x["words"]):
            assert x[side] in claims, (x["why"], side)
            assert word.lower() in claims[x[side]].text.lower(), (x["why"], side)
        assert claims[x["a"]].article_id != claims[x["b"]].article_id


def test_demo_labels_name_cross_article_claims_of_the_demo():
    """benchmarks/demo_labels.json (for benchmarks/demo_precision.py) names claims of examples/ by id."""
    import json

    from contradict.inputs.ingest import load

    from .conftest import EXAMPLES, ROOT

    labels = json.loads((ROOT / "benchmarks" / "demo_labels.json").read_text())
    arts, _ = load([EXAMPLES])
    claims = {c.id: c for art in arts for c in extract(art)}
    pairs = labels["contradictions"] + labels["either_way"]
    assert len(labels["contradictions"]) == 7 and len({tuple(sorted((x["a"], x["b"]))) for x in pairs}) == len(pairs)
    for x in pairs:
        assert x["a"] in claims and x["b"] in claims, x["why"]
        assert claims[x["a"]].article_id != claims[x["b"]].article_id


def test_a_he_said_is_the_person_the_paragraphs_before_named():
    from contradict.stages.claims import extract
    from contradict.types import Article

    text = ("Rep. Kevin McCarthy spoke on Sunday about the budget talks in the House.\n\n"
            "The talks have stalled for weeks over the spending caps.\n\n"
            "\"The election is over,\" he said on the Sunday program.")
    got = {c.text: c.speaker for c in extract(Article("a", "", "", "", text))}
    assert got["\"The election is over,\" he said on the Sunday program."] == "Rep. Kevin McCarthy"


def test_speaker_phrases_are_names_not_clauses():
    from contradict.stages.claims import attribution

    assert attribution("“It isn’t hard for me,” said Rep. Steve King (R-Iowa).") == "Rep. Steve King"
    assert attribution("WASHINGTON — President Trump said Saturday he had been busy with the trip.") == "President Trump"
    assert attribution("Yet by the time Schumer said Monday that Democrats would vote, his support had turned.") is None
    assert attribution("The bomb was ignited with a light, law enforcement officials told The Associated Press.") \
        == "law enforcement officials"
