"""Speakers from the parse (issue 40): a golden table of sentences written for these tests, the quote and
pronoun logic on fakes, and claims that stay the same claims whichever way their speakers are read."""

import pytest

from contradict import quotes, speakers
from contradict.claims import extract
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
    for form in ("said", "says", "told", "denied", "denies", "argued", "warning", "accuses", "tweeted"):
        assert form in speakers.FORMS, form
    assert speakers.has_cue("The senator warned on Monday that it would fail.")
    assert speakers.has_cue("Prices rose, according to the bank.")
    assert not speakers.has_cue("The dam failed on Tuesday morning after heavy rain.")


def test_without_a_pipeline_the_rule_speakers_stand():
    cs = extract(_article('"The dam will hold," the engineer said on Monday.'))
    assert cs[0].speaker == "the engineer"


# ---------------------------------------------------------------- the real parse

@pytest.fixture(scope="module")
def nlp():
    from contradict.frames import DEFAULT_SPACY_MODEL, load_spacy

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
    from contradict.pipeline import Pipeline
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
