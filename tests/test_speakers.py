"""Speakers from the parse (issue 40): a golden table of sentences written for these tests, the quote and
pronoun logic on fakes, and claims that stay the same claims whichever way their speakers are read."""

import pytest

from contradict.stages import quotes, speakers
from contradict.stages.claims import extract
from contradict.types import Article


def _article(text: str, aid: str = "a1") -> Article:
    return Article(id=aid, title="t", source="s", date="2024-01-01", text=text)


# ---------------------------------------------------------------- logic without a model

def test_quote_mask_follows_curly_and_straight_quotes_over_sentences():
    mask, inside = quotes.quote_mask("“We lost. ", False)
    assert all(mask[:8]) and inside
    mask, inside = quotes.quote_mask("It is over,” she said.", True)
    assert mask[0] and not mask[-3] and not inside
    mask, inside = quotes.quote_mask('He said "no" twice.', False)
    assert [i for i, m in enumerate(mask) if m] == [8, 9, 10, 11] and not inside


def test_reporting_verb_forms_are_inflected_from_the_table():
    for form in ("said", "says", "told", "denied", "denies", "argued", "warning", "accuses", "tweeted", "admitted",
                 "quipped"):
        assert form in speakers.FORMS, form
    assert speakers.has_cue("The senator warned on Monday that it would fail.")
    assert speakers.has_cue("Prices rose, according to the bank.")
    assert not speakers.has_cue("The dam failed on Tuesday morning after heavy rain.")


def test_a_stray_quote_mark_quotes_nothing_but_a_quote_carried_over_paragraphs_stays():
    stray = ['" The senator said the bill would pass .', "The vote is on Thursday ."]
    masks = quotes.paragraph_masks(stray, next_opens=False)
    assert not any(masks[0][0]) and not any(masks[1][0]) and not masks[1][1]
    carried = quotes.paragraph_masks(["“We lost the vote.", "We will try again."], next_opens=True)
    assert all(carried[1][0]) and carried[1][1] and carried[1][2]
    closed = quotes.paragraph_masks(["“We lost.", "We will win,” she said."], next_opens=False)
    assert closed[1][1] and not closed[1][2]


def test_glued_link_headlines_are_blanked_for_the_parse_with_offsets_kept():
    text = "Rep. Jo Ames Joanne AmesHouse passes bill Ames seeks votes MORE (D-Ohio) said it would pass."
    out = speakers.for_parse(text)
    assert len(out) == len(text) and "AmesHouse" not in out and "MORE" not in out
    assert out.startswith("Rep. Jo Ames Joanne Ames ") and out.endswith("(D-Ohio) said it would pass.")
    assert speakers.for_parse("The McCain Institute said so.") == "The McCain Institute said so."


def test_without_a_pipeline_the_rule_speakers_stand():
    cs = extract(_article('"The dam will hold," the engineer said on Monday.'))
    assert cs[0].speaker == "the engineer"


# ---------------------------------------------------------------- the real parse

@pytest.fixture(scope="module")
def nlp():
    from contradict.stages.frames import DEFAULT_SPACY_MODEL, load_spacy

    return load_spacy(DEFAULT_SPACY_MODEL)


# text (paragraphs split by blank lines) -> the speaker of the claim that starts with the key ("" = the article);
# a speaker matches when it contains the wanted words
GOLDEN = [
    # the writer in the first person speaks for the article, not "an unnamed source (i)"
    ("I told the mayor that the old bridge over the river was unsafe.", "I told", ""),
    ("We asked the council whether the tunnel would reopen in the spring.", "We asked", ""),
    # a live-blog time stamp is no speaker ("52 p.m. -- Additional records disclosed ...")
    ("4:52 p.m. -- Additional records released Wednesday show the agency knew of the leak for months.",
     "4:52", ""),
    ("The filing said at 3 p.m. on Friday that the pipeline had been shut for repairs.", "The filing", "filing"),
    # a law does not speak ("quoting The 14th Amendment")
    ("The Fifth Amendment says no person shall be compelled to be a witness against himself.", "The Fifth", ""),
    ("The Clean Water Act states that the permits must be renewed every five years.", "The Clean", ""),
    ("“We will appeal,” said the governor, Ruth Lane. The Fifth Amendment says “no person shall be compelled in any "
     "criminal case to be a witness against himself, nor be deprived of life, liberty, or property, without due "
     "process of law.”", "The Fifth", ""),
    # a resident quoted over two sentences, named after the quote: not the article's own voice
    ("“We had no water for a week. The fighters took everything from the market,” said Omar Haddad, a "
     "resident of the old city.", "“We had no water", "Omar Haddad"),
    # the plain cases
    ("A senior defence official said the convoy had crossed the border overnight.", "A senior", "official"),
    ("The bridge will stay closed until March, according to the state transport agency.", "The bridge",
     "transport agency"),
    ("“The budget is balanced for the first time in a decade,” Governor Lena Marsh told reporters.", "“The budget",
     "Lena Marsh"),
    ("Mayor Tom Reyes defended the plan on Monday. He said the new line would carry 40,000 riders a day.",
     "He said", "Tom Reyes"),
    ("The ministry of health issued a warning on Sunday. It said the outbreak had spread to three provinces.",
     "It said", "ministry"),
    ("Forty percent of voters said they would back the measure in the autumn.", "Forty percent", ""),
    ("The storm flooded two villages and cut power to thousands of homes.", "The storm", ""),
    ("“We will rebuild the school by the summer,” said Ana Ortiz, the principal. “Every classroom will reopen before the first day of term.”",
     "“Every classroom", "Ana Ortiz"),
    ("The union’s leader, Maria Costa, warned that the strike would spread to the ports.", "The union",
     "Maria Costa"),
    # second round (issue 40, the second dev set's classes; sentences written for these tests)
    # a quotation's own named speaker replaces the speaker carried over to its first sentences; the name right before the verb when the parse took a quoted word for the subject
    ('The council voted on Monday. Critics say the new tax is unfair to renters.\n\n“Forty families lost their homes to the tax this spring. And who pays for it? The renters of this city,” Rep. Ana Reyes (D-Ohio) said at a hearing.',
     '“Forty', 'Reyes'),
    # a request ('asked engineers to come back') is an act, not a report
    ('In Spain, which has seen the worst floods in a century, the government has asked retired engineers to come back to work.',
     'In Spain', ''),
    # 'he' for a person named in another role in the sentences before
    ('Mr. Hale greeted the crowd in Dayton before dawn.\n\nRain fell on the square all morning.\n\nThe rally for Tom Hale drew fewer than a hundred people.\n\n“I entered the race to win it and I am leaving it for the same reason,” he wrote in a letter to donors.',
     '“I entered', 'Hale'),
    # a tag after a quote of several sentences speaks for all of them
    ('The council met on Monday.\n\n"The budget plan is dead in the water this year. Nobody in the council will '
     'vote for it in the spring."\n\nEarnest said.',
     '"The budget', "Earnest"),
    # a reporting verb the parse hangs under the quotation's root
    ('"The council confirms its firm refusal of any pressure and attempts to weaken it, whether by threatening to cut funds or by repeating false claims," the ministry said in a statement.',
     '"The council', 'ministry'),
    # a name the recogniser typed DATE
    ('In Duluth, police arrested two men at the fair, the Minneapolis StarTribune reported.',
     'In Duluth', 'StarTribune'),
    # a name tagged as a noun or a verb ('Trump conceded') is a person a 'he' may stand for
    ('Trump conceded that he had regrets about the campaign. But he said he would not change his tone.',
     'But he', 'Trump'),
    ('Trump on Friday echoed his allies, suggesting the case was closed and "nobody cares."',
     'Trump on', 'Trump'),
    # a person's name that is also a time word
    ('"We do not comment on pending cases," Col. Ann Day, the base commander, said on Monday.',
     '"We do', 'Day'),
    # an infinitive of purpose is no report; a name inside a relative clause of the subject is not its head
    ('On Tuesday night, at a dinner in a hotel in Dayton, one of the 40 or so farmers who had come to listen to Ruth Lane stood up to ask her a question.',
     'On Tuesday', ''),
    # a quote's speaker before 'according to' a record of it; a phrase quoted inside a report stays the report's
    ('"I am doing my best to find out what happened," Reed said, according to a transcript of the hearing.',
     '"I am', 'Reed'),
    ('The mayor, according to the audit, "routinely" ignored the rules on spending.',
     'The mayor', 'audit'),
    # 'she' for a description ('The candidate') names the person it describes
    ('Maria Lopez conceded that the plan had flaws.\n\nThe candidate toured Reno on Friday.\n\nWithout more money, she said, the plan would fail.',
     'Without more', 'Lopez'),
    # a short tag after a quote, in a paragraph of its own
    ('"We will not close the clinic before the winter ends."\n\nEarnest said.',
     '"We will', 'Earnest'),
    # a stray quote mark (pre-tokenised text, never closed) quotes nothing
    ('The council met on Tuesday.\n\n" Mayor Lin told reporters that the tunnel would reopen by June .',
     '" Mayor', 'Lin'),
    # a verb-first intro before a block quote
    ('The mayor visited the pier on Monday.\n\nSays one fisherman speaking with the Herald:\n\nThe harbour has been empty for three weeks and prices have doubled.',
     'The harbour', 'fisherman'),
    # a passive 'was announced' names no unnamed source
    ('The breach was announced on Monday, as the minister landed in Tokyo.',
     'The breach', ''),
    # a title joined to a name: the name
    ('"Every network is a target now," Postmaster General and CEO Ann Reed said.',
     '"Every', 'Reed'),
    # 'she' for a person noun the word list names ('the teacher')
    ('As the pupils watched, the teacher left a message on the answering machine. “He is not allowed to read that book here,” she said.',
     '“He is', 'teacher'),
    # 'wrote about' something quotes no one
    ('A local builder named Tom Avery wrote about the tax over at his blog.',
     'A local', ''),
    # a link's glued headlines up to 'MORE' are not read as the subject
    ('Sen. Jane Doe Jane Ann DoeSenate passes farm bill Doe pushes plan on wages MORE (D-Ohio) said the bill would pass.',
     'Sen.', 'Doe'),
    # 'agreeing to restore': an act, not a report
    ('Along the way, the governor moved to the left, agreeing to restore voting rights for parolees.',
     'Along', ''),    # third round (issue 40, dev4's classes; sentences written for these tests)
    # a transcript's label in capitals, when the article names the person elsewhere; a dateline is no label
    ('The reporter pressed Mayor Diaz on the budget at the briefing.\n\nDIAZ: The budget was balanced in every one of my four years.',
     'DIAZ:', 'Diaz'),
    ('LONDON: The government fell on Tuesday after a vote of no confidence in parliament.', 'LONDON', ''),
    ('The road was closed for a week.\n\nUPDATE: The road reopened on Friday after crews cleared the mud.', 'UPDATE', ''),
    # a person's name as a label
    ('The panel heard from two economists on Monday.\n\nProfessor Maria Lopez: Cities should welcome newcomers because they revive their economies.',
     'Professor', 'Lopez'),
    # the person asked answers ("X asked Y ..." / "..., he responded"), not the one who asked
    ('Reporter Mei Chen asked Governor Tom Reyes why the schools were still closed in May.\n\n'
     '“Well, the buildings are not safe for the children yet,” he responded.', '“Well', 'Reyes'),
    # "issued a statement saying": who issued it
    ('After the vote, the two unions issued a joint statement saying they "will not accept any cuts to pensions."',
     'After the vote', 'unions'),
    # an inverted tag the parse hangs on the name; "written by" is an author, not a tag
    ('“The plan is a disgrace to every family in this state,” tweeted Daily Star editor Maria Gomez, before deleting the post.',
     '“The plan', 'Gomez'),
    ('The study “Water and Towns,” written by Ana Ortiz and two colleagues, was published in the spring.',
     'The study', ''),
    # of two subjects the parse gives one verb, the one next to it ("Indian website The Wire reported")
    ('Local news site The Beacon reported that the mill would close in June.', 'Local news', 'Beacon'),
    # believe and recommend with a clause report; emphasize without one does not
    ('The museum’s founders believe that the collection should stay in the city for good.', 'The museum', 'founders'),
    ('Dr. Ana Petrov recommended that patients rest for two weeks after the surgery.', 'Dr. Ana', 'Petrov'),
    ('Senator Ruth Lane emphasizes jobs, schools and roads in her campaign for a second term.', 'Senator Ruth', ''),
    # a title in quotation marks is not the name of the source it follows
    ('According to Tom Avery’s book “The Long Winter,” the mill closed in 1931 after the flood.', 'According', 'Avery'),
    # an intro "X answered ... with this tweet:" gives the next paragraph its speaker
    ('The mayor answered the critics with this tweet:\n\nThe new bridge will open on time and on budget next year.',
     'The new bridge', 'mayor'),
    # fourth round. The tag next to a quote, not the outlet that passed it on ('"...," she said, X reported')
    ('Mayor Lena Ortiz spoke to reporters on Monday.\n\n“The budget is balanced for the first time in a decade,” she '
     'said, the Daily Ledger reported.', '“The budget', 'Ortiz'),
    # a tag set off by commas inside the sentence, and one at its end that the parse hangs on an earlier noun
    ('Ruth Kane lost the race in 2010.\n\nHer rival, she recalled, printed a photograph of the debate on every leaflet '
     'in the county.', 'Her rival', 'Kane'),
    ('The president will open a new center promoting trade in the capital, trade adviser Tom Reed revealed on Tuesday.',
     'The president', 'Reed'),
    ('The mayor will give a speech on housing and will attend the opening of a center promoting local trade, city '
     'adviser Tom Reed revealed on Tuesday.', 'The mayor', 'Reed'),
    # a clause after a name set off by commas keeps the sentence's subject ("..., the governor, Bill Lee, noting ...")
    ('Ortiz praised the mayor of Tela, Juan Soto, noting Soto had acted fast.', 'Ortiz', 'Ortiz'),
    # "she" stands for the last woman named, not the last man ("Mr.", or "he" after his name in the article)
    ('Maria Lopez runs the clinic on Main Street.\n\nMr. Tom Reed said the clinic would lose its funding in May. '
     '“We will keep the doors open for every family that needs us,” she said.', '“We will', 'Lopez'),
    ('Ana Ruiz chairs the board.\n\nBen Cole said he would vote against the plan. “The plan will raise the rent '
     'of every shop in town,” she said.', '“The plan', 'Ruiz'),
    # "X did Y by claiming that ...": X's claim
    ('Senator Ana Bloom surprised the committee by claiming that the dam had never been inspected.', 'Senator', 'Bloom'),
    # a name set off by commas before its verb ("..., Professor X, said")
    ('In a letter to the board, the head of the city’s water office, Engineer Paula Grant, said the pipes were safe.',
     'In a letter', 'Grant'),
    # an embedded post's signature names the author of the lines before it, over a split paragraph
    ('The senator answered at once.\n\nThe dam report was buried for two years.\n\nThat is a scandal. — Maria Lopez '
     '(@marialopez) March 3, 2021', 'The dam report', 'Lopez'),
    # a quotation carried over paragraphs after an intro without a tag: the speaker of the last report
    ('Governor Ada Stone raised eyebrows by claiming that the old port had saved the city.\n\n'
     '“We have to go back and rebuild it. It is not a luxury for a city that lives from the sea.”',
     'It is not', 'Stone'),
    # an excerpt introduced by its source ("From the X:", "As the X says:") and run over paragraphs in one quote
    ('From the Harbor Times:\n\nThe council voted to close the old pier after the storm damaged its supports.',
     'The council', 'Harbor Times'),
    ('As the audit’s summary says:\n\n“The office kept no record of the loans it approved in the first year.\n\n'
     'Staff were not trained to check the applications they received.”', 'Staff were', 'audit'),
    # a quotation inside such an excerpt keeps its own named speaker
    ('From the Harbor Times:\n\nThe pier closed on Monday. “We had no choice after the storm,” Mayor Ben Ortega wrote '
     'in a letter to residents.', '“We had', 'Ortega'),
    # an excerpt's stray open mark does not carry it over paragraphs that do not reopen with a mark
    ('From the Harbor Times:\n\nThe pier closed on Monday after “the storm.\n\nThe police chief announced on Tuesday '
     'that the road to the pier would stay closed.', 'The police chief', 'police chief'),
    # a surname ending in s keeps its gender ("Sanders ... he"): "she" is not given to him
    ('Maria Lopez runs the clinic on Main Street.\n\nTom Sanders said he would vote against the plan. “The plan will '
     'raise the rent of every shop in town,” she said.', '“The plan', 'Lopez'),
    # fifth round (issue 40): a "he" for the person of its own sentence's earlier clause
    ('Maria Lopez runs the clinic on Main Street.\n\nWhen Tom Sanders published his own budget, he said: “The town '
     'can pay for the new school without a tax rise.”', 'When Tom', 'Sanders'),
    # a "he" over a chain of sentences that call the same man "he", back to a name the article calls "he"
    ('Gordon Hale’s ambition shows in small ways. Through his speeches, he casts himself as the saviour of the town. '
     'His rivals laugh at him behind his back. At a council meeting last week, he said, “I am the one who fixed the '
     'roads.”\n\nHale said he would run again.', 'At a council', 'Hale'),
    ('Tom Sanders won the race. He beat Mike Jones by ten votes. He thanked his wife. “It was a long night,” he said.',
     '“It was', 'Sanders'),
    # (review) not the one a clause before the pronoun does something to, nor "his lawyer", nor a vocative
    ('Tom Sanders spoke at the rally. After the judge ruled against him, he said he would appeal.', 'After the judge',
     'Sanders'),
    ('Chief Omar Haddad toured the station. When a reporter asked him about the fire, he said the station was safe.',
     'When a reporter', 'Haddad'),
    ('Tom Sanders spoke at the rally. As his lawyer looked on, he said he would appeal.', 'As his', 'Sanders'),
    ('Jeb Bush turned to his rival. Donald, you are a chaos candidate, he said.', 'Donald', 'Bush'),
    ('Voss’s ambition shows in small ways. Through her speeches, she casts herself as the saviour of the town. '
     'At a council meeting last week, she said, “I am the one who fixed the roads.”\n\nVoss said she would run again.',
     'At a council', 'Voss'),
    # an embedded post's signature signs the few sentences before it, not a whole article of one paragraph
    ('Governor Ann Bell said the bridge would reopen in May. The council met on Monday. The road was closed. Workers '
     'repaired the rails. Trucks were sent around the town. The ferry ran twice an hour. Shops stayed open. “The '
     'bridge is safe now” — Rita Moss (@ritamoss) March 3, 2021', 'Governor Ann', 'Bell'),
    # (review) a plural noun is no "he" ("Police said he ..."); a signature after the writer's own line signs only
    # its post
    ('Police said he was arrested on Monday. The car was found on Tuesday. “I did nothing wrong,” he said.',
     '“I did', 'unnamed'),
    ('Governor Ann Bell said the bridge would reopen in May. The council met on Monday. The road was closed. Workers '
     'repaired the rails. Trucks were sent around the town. The ferry ran twice an hour. We reported last week that '
     'the bridge was unsafe. “The bridge is safe now” — Rita Moss (@ritamoss) March 3, 2021', 'Governor Ann', 'Bell'),
    # a name is not swapped for its apposition ("Democrat of Ohio")
    ('“We will fund it,” Tom O’Halleran, Democrat of Arizona, said.', '“We will', 'Halleran'),
    ('“We will fund the clinic,” Representative Tom Okafor, Democrat of Ohio and the author of the bill, said in a '
     'statement.', '“We will', 'Okafor'),
    # an office "of the Chief of Staff" is the office, not "Staff"
    ('The minister called a meeting of the cabinet, the Office of the Chief of Staff said in a statement.',
     'The minister', 'Office'),
    # "in the words of X", "X quoted Y as saying", "he continued", "proclaimed that"
    ('The plan was “a gift to the rich,” in the words of union leader Carla Diaz.', 'The plan', 'Diaz'),
    ('The city will close the bridge, the Harbor Times quoted a council official as saying.', 'The city',
     'council official'),
    ('“The talks have failed,” the agency quoted spokesman Ivan Petrov.', '“The talks', 'Petrov'),
    ('The contractor quoted a price of five thousand dollars for the roof.', 'The contractor', ''),
    ('“The storm was the worst in fifty years,” Mayor Ben Ortega said.\n\n“Nobody here has seen water this high,” '
     'he continued.', '“Nobody', 'Ortega'),
    ('In his speech to the guild, Ben Ortega proclaimed that “the age of the river port is over.”', 'In his', 'Ortega'),
    # an intro before a colon: the first reporting verb with a speaker before it; "As X told me:"
    ('When reporters asked about the leak, Ortega responded by telling them:\n\nThe pipes were replaced last year and '
     'the leak is somewhere else.', 'The pipes', 'Ortega'),
    ('As Ortega told me:\n\nThe river has flooded the lower town three times since the dam was built.', 'The river',
     'Ortega'),
    # a poll that finds a clause
    ('A recent Harbor Poll survey found 40 percent of residents support a new dam.', 'A recent', 'survey'),
    # sixth round: a speech act with content reports its subject's position; without content it is the article's
    ('Mayor Ben Ortega praised the engineers who rebuilt the dam in a single summer.', 'Mayor Ben', 'Ortega'),
    ('Senator Ruth Lane called for an inquiry into the failure of the dam.', 'Senator Ruth', 'Lane'),
    ('The soldiers defended the bridge through the night.', 'The soldiers', ''),
    # (review) a speech act needs a subject that can speak, and "call" a predicate that is no name
    ('High unemployment characterized the decade after the war.', 'High unemployment', ''),
    ('The forecast calls for heavy rain on Sunday.', 'The forecast', ''),
    ('The parents called the baby Ann.', 'The parents', ''),
    ('“Lincoln” depicts Abraham Lincoln as a shrewd politician.', '“Lincoln”', ''),
    # (review) a reporting verb beats "in the words of" his late father; "notified" needs what it notified
    ('Smith said the plan was, in the words of his late father, a waste of good money.', 'Smith said', 'Smith'),
    ('The museum notified the police after the painting vanished from the wall.', 'The museum', ''),
    # (review) an intro's later verb gives a speaker only as a short noun phrase; the first verb as before
    ('When officials denied it, Maliki responded:\n\nThe pictures show American officers at the meeting.',
     'The pictures', 'Maliki'),
    ('Police questioned the driver of the truck for three hours.', 'Police', ''),
    ('The mayor called on Tuesday morning.', 'The mayor', ''),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, start, want", GOLDEN)
def test_golden_speakers(nlp, text, start, want):
    cs = extract(_article(text), nlp=nlp)
    c = next(c for c in cs if c.text.startswith(start))
    if want == "":
        assert c.speaker == "", c.speaker
    else:
        assert want.lower() in c.speaker.lower(), c.speaker


@pytest.mark.slow
def test_the_articles_own_outlet_is_its_own_voice(nlp):
    text = "The Harbor Times has not independently confirmed the report. The Daily Star said it was false."
    for source in ("Harbor Times (News)", "Harbor Times - News"):
        art = Article(id="a1", title="t", source=source, date="2024-01-01", text=text)
        assert [c.speaker for c in extract(art, nlp=nlp)] == ["", "The Daily Star"]
    # (review) as written: "Hill" in The Hill is a person
    art = Article(id="a1", title="t", source="The Hill", date="2024-01-01", text="Hill said the bill would raise taxes.")
    assert [c.speaker for c in extract(art, nlp=nlp)] == ["Hill"]


@pytest.mark.slow
def test_a_later_verb_of_an_intro_gives_no_clause_as_a_speaker(nlp):
    text = "When officials denied it, the mayor pointed to a letter that residents wrote:\n\nThe pipes burst in March."
    assert "letter" not in extract(_article(text), nlp=nlp)[-1].speaker


@pytest.mark.slow
def test_a_quote_continued_in_the_next_paragraph_keeps_its_speaker(nlp):
    text = ("“The water came in the night,” said Omar Haddad, who lives by the river.\n\n"
            "“By morning the whole street was under a metre of mud and nobody came to help us.”")
    cs = extract(_article(text), nlp=nlp)
    assert [c.speaker for c in cs] == ["Omar Haddad", "Omar Haddad"]


@pytest.mark.slow
def test_the_parse_changes_speakers_only_not_claims(nlp):
    text = ("WASHINGTON — The senator said on Tuesday that the bill would pass. “It is done,” he added.\n\n"
            "According to the budget office, the plan costs $2 billion. I told him the numbers looked wrong.\n\n"
            "The Fourteenth Amendment says no state shall deny equal protection of the laws.")
    rules, parsed = extract(_article(text)), extract(_article(text), nlp=nlp)
    assert [(c.id, c.start, c.end, c.text, c.kind, c.position) for c in rules] == \
        [(c.id, c.start, c.end, c.text, c.kind, c.position) for c in parsed]


def test_the_pipeline_reads_speakers_with_the_frame_readers_own_pipeline(tmp_path):
    from contradict.runs.pipeline import Pipeline
    from contradict.settings import Settings

    class Reader:
        nlp = object()

        def read(self, items):
            return []

    def pipe(**settings):
        s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports", **settings)
        return Pipeline(s, frame_reader=Reader())

    assert pipe().speaker_nlp is Reader.nlp  # the same object: no second copy of the model
    assert pipe(frames="off").speaker_nlp is None  # frames off: no spaCy, the rule speakers
    s = Settings(index_dir=tmp_path / "i2", reports_dir=tmp_path / "r2")
    assert Pipeline(s).speaker_nlp is None  # a reader without a pipeline (the unit layer's fake)


@pytest.mark.slow
def test_claims_split_in_worker_processes_equal_those_split_in_one(monkeypatch):
    """The claims stage splits many articles in the frames' worker processes: the same claims, ids, speakers and
    order as one process gives (each article is split alone, whichever worker takes it)."""
    from pathlib import Path

    from contradict.inputs.ingest import load
    from contradict.stages.claims import extract
    from contradict.stages.frames import DEFAULT_SPACY_MODEL, SpacyReader

    root = Path(__file__).resolve().parents[1]
    articles, _ = load([root / "examples", root.parent / "shared" / "seeds"], 50_000_000, 200_000)
    if len(articles) < 6:
        pytest.skip("needs the examples and the seeds")
    monkeypatch.setattr(SpacyReader, "MIN_PARALLEL_ARTICLES", 4)
    monkeypatch.setattr(SpacyReader, "ARTICLES_PER_TASK", 3)
    reader = SpacyReader(DEFAULT_SPACY_MODEL, processes=2)
    try:
        got = reader.extract(articles, 400)
        want = {a.id: extract(a, 400, nlp=reader.nlp) for a in articles}
    finally:
        reader.close()
    assert got is not None and list(got) == list(want) and got == want
    assert any(c.speaker for cs in got.values() for c in cs)
    assert SpacyReader(DEFAULT_SPACY_MODEL, processes=1).extract(articles, 400) is None  # one process: the caller's


def test_gender_strips_a_possessive_not_a_final_s():
    from contradict.stages.speech import gender

    assert gender("Bernie Sanders", "Bernie Sanders said he would run. Sanders added that he was ready.") == "m"
    assert gender("Ann Ross's", "Ann Ross said she would run.") == "f"

