"""Property-based tests: cleaning and segmentation never crash, spans map back, no boilerplate claims."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contradict.inputs.ingest import clean, decode
from contradict.stages.claims import extract, is_boilerplate, split_sentences
from contradict.types import Article

pieces = st.sampled_from([
    "The U.S. said so.", " Maj. Gen. Smith left on Dec. 27.", "\n\n", "\n", " ", "...", "…", "\"", "“", "”", "?",
    "[link](http://x.y/a_(b))", "<b>bold</b>", "Copyright © 2014 Site", "Subscribe to our newsletter.",
    "Image: a caption here.", "ISIS", " and", "fighting the government", "افغانستان", "Плотина", "12,000",
    "www.example.com", "a@b.co", "\t", "(", ")", "*", "#", "Disclaimer: nothing.", "He added:",
])
texts = st.one_of(st.text(max_size=400), st.lists(pieces, max_size=40).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_clean_and_extract_never_crash_and_spans_map_back(raw):
    c = clean(raw)
    art = Article(id="x", title="", source="", date="", text=c.text, captions=c.captions)
    for s, e in c.captions:
        assert 0 <= s <= e <= len(c.text)
    for cl in extract(art):
        assert cl.text and cl.text.strip() == cl.text
        assert art.text[cl.start:cl.end] == cl.text
        assert not is_boilerplate(cl.text)
        for marker in ("Copyright", "©", "Subscribe", "www.", "Disclaimer"):
            assert marker not in cl.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_sentence_spans_are_ordered_non_overlapping_and_stripped(text):
    prev = 0
    for s, e in split_sentences(text):
        assert prev <= s < e <= len(text)
        assert text[s:e].strip() == text[s:e]
        prev = e


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_random_bytes_never_crashes(data):
    text, note = decode(data)
    assert text is None or isinstance(text, str)
