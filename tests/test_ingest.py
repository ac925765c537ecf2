import json

from contradict.inputs import ingest
from contradict.inputs.ingest import clean, decode, is_english


def test_markdown_links_become_text_and_escapes_are_removed():
    c = clean("Forces of [the Islamic State \\(ISIS\\)](#) swept into [Iraq](http://x.org/a_(b)).")
    assert c.text == "Forces of the Islamic State (ISIS) swept into Iraq."


def test_list_bullets_are_removed_but_a_leading_minus_is_not():
    assert clean("• Death toll rises in Haiti\n\n- The river rose overnight.").text == (
        "Death toll rises in Haiti\n\nThe river rose overnight.")
    assert clean("-5 degrees were recorded in the town.").text == "-5 degrees were recorded in the town."


def test_hard_wrapped_sentence_is_rejoined_but_headings_are_not():
    raw = ("A long sentence about the border that goes on and on to \"arm\" \"moderate\" militants\n\n"
           "fighting the government, the US claims.\n\nA Short Heading\n\nNext paragraph starts here.")
    paras = clean(raw).text.split("\n\n")
    assert paras[0].endswith("militants fighting the government, the US claims.")
    assert "A Short Heading" in paras


def test_headline_with_separator_is_not_joined_to_a_lowercase_line_after_it():
    raw = "Dam fails above the valley | Residents \u201cwere never warned\u201d\n\nfile photoThe dam in 2019."
    text = clean(raw).text
    assert text.split("\n\n")[0] == "Dam fails above the valley | Residents \u201cwere never warned\u201d"
    assert ingest._title_from(text) == "Dam fails above the valley | Residents \u201cwere never warned\u201d"


def test_long_line_cut_on_lowercase_word_is_rejoined():
    raw = ("the only blocs left in this long line of text are NATO and the GCC and their friends (Saudi Arabia and\n\n"
           "Qatar in particular).")
    assert clean(raw).text.endswith("(Saudi Arabia and Qatar in particular).")


def test_boilerplate_lines_are_dropped():
    raw = "\n\n".join([
        "Real reporting says the dam failed on Tuesday.",
        "Copyright © Someone, Some Site, 2014",
        "[Comment on Global Research Articles on our Facebook page](#)",
        "For media inquiries: publications@example.org",
        "Subscribe to our newsletter for daily updates.",
        "www.example.com",
        "Region: [Middle East & North Africa](#)",
        "Disclaimer: The contents of this article are of sole responsibility of the author(s). More text here.",
        "17",
        "Enlarge this image toggle caption Jane Roe/Getty Images Jane Roe/Getty Images",
        "Updated at 7:50 p.m. ET",
        "Posted on Monday, March 3",
        "You may opt-out at any time.",
        "The opinions expressed by columnists are their own and do not represent the views of Example.com.",
        "Get all the latest news delivered daily to your inbox.",
        "Follow the Ticker on Twitter: @SomeTicker",
    ])
    assert clean(raw).text == "Real reporting says the dam failed on Tuesday."


def test_a_short_sentence_that_starts_with_updated_is_kept():
    assert clean("Updated figures show 40 dead.").text == "Updated figures show 40 dead."


def test_lines_repeated_across_articles_are_dropped_only_when_listed():
    raw = "Become a patron of our site today\n\nThe dam failed on Tuesday."
    assert clean(raw, frozenset({"become a patron of our site today"})).text == "The dam failed on Tuesday."


def test_captions_are_marked_with_spans():
    c = clean("First paragraph here.\n\nImage: Flood water in the square.\n\nLast one.")
    (s, e), = c.captions
    assert c.text[s:e] == "Flood water in the square."


def test_non_english_lines_are_skipped_and_counted():
    raw = ("افغانستان آزاد ــ آزاد افغانستان\n\nЭто предложение написано по-русски и не должно попасть в отчёт.\n\n"
           "El gobierno dijo que la presa se rompió por la lluvia y que no hubo víctimas en la ciudad.\n\n"
           "The dam failed on Tuesday after days of rain.")
    c = clean(raw)
    assert c.text == "The dam failed on Tuesday after days of rain."
    assert c.skipped_lines == 3


def test_is_english_keeps_headlines_and_tag_lists():
    assert is_english("CIA / Iran / Iraq / ISIS / ISIL / Leftist betrayal / Samantha Power / US - Iranian Alliance")
    assert not is_english("Der Staudamm ist am Dienstag nach tagelangem Regen gebrochen und hat das Tal überflutet.")


def test_html_drops_scripts_styles_and_keeps_title():
    title, text = ingest.html_to_text("<html><head><title>T</title><style>p{}</style></head><body>"
                                      "<script>var x = 1;</script><p>One para.</p><p>Two &amp; three.</p></body></html>")
    assert title == "T"
    assert "var x" not in text and "p{}" not in text
    assert "One para." in text and "Two & three." in text


def test_decode_handles_bom_utf16_latin1_and_binary():
    assert decode("héllo".encode("utf-8-sig")) == ("héllo", None)
    assert decode("héllo wörld".encode("utf-16"))[0] == "héllo wörld"
    text, note = decode("caf\xe9 cr\xe8me".encode("latin-1"))
    assert text == "café crème" and "UTF-8" in note
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")[0] is None


def test_formats_and_ids(tmp_path):
    (tmp_path / "000_abc.txt").write_text("A Title Line Here\n\nThe dam failed on Tuesday morning.")
    (tmp_path / "one.json").write_text(json.dumps({"id": "j1", "title": "J", "text": "The rain fell for days."}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": "First of two stories here."},
                                                    {"id": 7, "text": "Second of two stories."}]))
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "l1", "title": "L", "source": "S", "date": "2026-01-01", "text": "Line one text.",
                    "bias": "left"}) + "\n")
    arts, probs = ingest.load([tmp_path])
    by = {a.id: a for a in arts}
    assert set(by) == {"000_abc", "j1", "many-0", "7", "l1"}
    assert by["000_abc"].title == "A Title Line Here"
    assert dict(by["l1"].meta) == {"bias": '"left"'}
    assert by["l1"].source == "S" and by["l1"].date == "2026-01-01"
    assert probs == []


def test_bad_inputs_are_reported_and_good_ones_kept(tmp_path):
    (tmp_path / "good.txt").write_text("The dam failed on Tuesday morning after the rain.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("   \n\n  \t ")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "broken.json").write_text('{"id": "x", "text": ')
    (tmp_path / "mixed.jsonl").write_text('{"id": "ok1", "text": "A fine line of text."}\n{not json}\n'
                                          '{"id": "bad", "text": 5}\n{"id": "nt"}\n')
    (tmp_path / "dup.json").write_text(json.dumps({"id": "ok1", "text": "Same id again here."}))
    arts, probs = ingest.load([tmp_path, tmp_path / "missing.txt"])
    assert sorted(a.id for a in arts) == ["good", "ok1"]
    msgs = "\n".join(str(p) for p in probs)
    for expected in ("empty.txt: empty file", "blank.txt: only whitespace", "image.txt: binary file",
                     "broken.json: malformed JSON", "mixed.jsonl:2: malformed JSON", "mixed.jsonl:3: field 'text' is not",
                     "mixed.jsonl:4: field 'text' is missing", "duplicate article id 'ok1'",
                     "missing.txt: no such file or directory"):
        assert expected in msgs, expected
    assert all(p.skipped for p in probs)


def test_symlink_loop_and_empty_dir(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text("The dam failed on Tuesday morning after the rain.")
    (d / "loop").symlink_to(d)
    (tmp_path / "empty").mkdir()
    arts, probs = ingest.load([d, tmp_path / "empty"])
    assert [a.id for a in arts] == ["a"]
    msgs = " ".join(str(p) for p in probs)
    assert "symlink loop" in msgs and "no article files" in msgs


def test_a_sign_up_line_in_a_large_inbox_is_boilerplate_from_twenty_articles(tmp_path):
    rows = []
    for i in range(3000):  # 1% of 3,000 would be 30: the cap of 20 applies
        lines = [f"Story {i} says the river rose by {i} centimetres overnight."]
        if i < 21:
            lines.append("Join our readers club for a weekly letter today")
        if 100 <= i < 119:
            lines.append("The mayor ordered the evacuation of the lower town")
        rows.append(json.dumps({"id": f"s{i}", "text": "\n\n".join(lines)}))
    (tmp_path / "inbox.jsonl").write_text("\n".join(rows))
    arts = {a.id: a for a in ingest.iter_articles([tmp_path]) if isinstance(a, ingest.Article)}
    assert "readers club" not in arts["s0"].text
    assert "evacuation of the lower town" in arts["s100"].text


def test_control_character_class_is_unicode_cc_but_the_whitespace_ones():
    """decode._CONTROLS (a regex, for speed) counts what unicodedata calls Cc, less tab, newline, form feed, return."""
    import unicodedata

    from contradict.inputs.decode import _CONTROLS

    for code in range(0x3000):
        ch = chr(code)
        want = unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f"
        assert bool(_CONTROLS.match(ch)) is want, hex(code)


def test_inline_cleanup_golden():
    from contradict.inputs.ingest import _inline

    table = [("A **bold** and *leaning* __word__", "A bold and leaning word"),
             ("See [the report](http://x.org/a_(b)) now", "See the report now"),
             ("<em>Said</em> it &amp; more", "Said it & more"),
             (r"An escaped \* star", "An escaped * star"),
             ("- a bullet", "a bullet"), ("-5 degrees", "-5 degrees"),
             ("Nancy Pelosi Nancy PelosiOvernight Health Care: x | y MORE (D-Calif.) said", "Nancy Pelosi (D-Calif.) said"),
             # the formal name, glued to the first headline, closes on the shown name's last word
             ("a plan that mirrors President Lee Dana Marie LeeSenators balk at a trial | Why it matters MORE’s plan",
              "a plan that mirrors President Lee’s plan"),
             ("said Rep. Al Brook Alexander (Al) N. Brook2020 hopefuls meet MORE (D-Texas).", "said Rep. Al Brook (D-Texas)."),
             ("Chairman Bo Vale Robert (Bo) William Vale‘Unfair’ rules, critics say MORE said", "Chairman Bo Vale said"),
             # an empty pop-up ends on its own MORE, not on the next pop-up's (review of the labels, session 19)
             ("from Lee Brook Leo (Lee) Al BrookMORE, President Vale Dana Ann ValeVale says x MORE’s top adviser.",
              "from Lee Brook, President Vale’s top adviser."),
             ("chief of staff Jo Kell Jo Francis KellMORE told reporters", "chief of staff Jo Kell told reporters"),
             ("Nan Pell Nan PellMORE (D-Calif.) said", "Nan Pell (D-Calif.) said"),
             # not a pop-up: words in capitals, a name glued to a plain quotation mark (review 19b)
             ('Lee tweeted: "THE DEMOCRATS WANT THEM TO PAY MORE IN TAXES!"',
              'Lee tweeted: "THE DEMOCRATS WANT THEM TO PAY MORE IN TAXES!"'),
             ('Supporters chanted "Lee Lee Lee" at the rally. READ MORE', 'Supporters chanted "Lee Lee Lee" at the rally. READ MORE'),
             ("Apple unveiled the Mac Pro MacBook Air and iPad on Monday. READ MORE: Apple event",
              "Apple unveiled the Mac Pro MacBook Air and iPad on Monday. READ MORE: Apple event"),
             # not a pop-up: no name glued to a headline, or no MORE to close it
             ("Lee Dana Marie Lee met voters. Read MORE", "Lee Dana Marie Lee met voters. Read MORE"),
             ("President Lee Dana Marie LeeSenators balk at the plan", "President Lee Dana Marie LeeSenators balk at the plan"),
             # a possessive is no glue: all-caps or title-case text that names one person twice stays
             ("BREAKING: TRUMP SAYS TRUMP'S WALL WILL COST MORE THAN PLANNED",
              "BREAKING: TRUMP SAYS TRUMP'S WALL WILL COST MORE THAN PLANNED"),
             ("Coach Saban Said Saban's Team Needs MORE Time", "Coach Saban Said Saban's Team Needs MORE Time")]
    for raw, want in table:
        assert _inline(raw) == want, raw


# one line for each alternative of ingest._BOILER (and of words.NOTICE_PHRASES): each must still be found with
# the keyword check in front of the pattern
BOILERPLATE_LINES = [
    "Copyright 2019 The Gazette", "© Reuters", "(c) 2014 Acme Media", "All Rights Reserved.", "Disclaimer: none",
    "The views expressed are the author's own.", "The original source of this article is Global Research",
    "Comment on this article on our Facebook page", "Become a member today", "Articles by: Jane Roe",
    "Media inquiries: press@x.org", "Share buttons below", "Forward this article to friends", "Crosspost from X",
    "Subscribe now", "Sign up for our daily brief", "Our newsletter", "Follow us everywhere", "Click here to read",
    "Share this story", "Featured image: a tank", "Note to readers: please", "Support our work",
    "Support independent media", "Donate now", "Read more: the sequel", "Related: the prequel", "Advertisement",
    "Region: Middle East", "Theme: War", "In-depth report: Iraq", "Tags: war, peace", "Filed under: News",
    "Categories: World", "By John Smith", "Region: Asia Theme: Trade", "Story continued below",
    "Photo credit: AP", "Image courtesy of NASA", "(AP Photo/Jane Roe)", "Reuters photo of the scene",
    "toggle caption", "Enlarge this image", "You can opt-out at any time", "Special offers inside",
    "Opinions expressed by contributors are their own", "They do not necessarily reflect the views of the editors",
    "Delivered to your inbox", "Consider making a contribution", "Any financial contribution helps",
    "This is a rush transcript.", "This copy may not be in its final form.", "Must watch: the clip",
    "Hide caption", "Offered without charge to any eligible reader", "Visit our homepage for more stories",
    "Contributing: Jane Roe", "Support Vox's explanatory journalism", "Check out our shop",
    "Skip Twitter post by BBC", "The Editorial Board, Times", "Follow the author on Twitter @x",
    "Updated: 5:30 p.m.", "Last updated on March 3, 2019", "Posted at 10:00 ET",
    "DİSCLAIMER: dotted capital I", "ſubscribe with a long s", "Clic\u212a here, with a Kelvin sign",
]


def test_every_boilerplate_alternative_passes_the_keyword_check():
    from contradict.inputs.ingest import _BOILER, _boilerplate

    for line in BOILERPLATE_LINES:
        assert _BOILER.search(line), line  # the line is boilerplate by the pattern itself
        assert _boilerplate(line), line  # and the keyword check in front of it lets it through


def test_the_keyword_check_changes_no_verdict_on_ordinary_lines():
    from contradict.inputs.ingest import _BOILER, _boilerplate

    lines = ["The minister resigned on Friday.", "Bystanders filmed the arrest.", "He said: no comment.",
             "Obama spoke in Ohio.", "Opposition leaders met in Baghdad.", "Ever since, byelections have failed."]
    for line in lines + BOILERPLATE_LINES:
        assert _boilerplate(line) == bool(_BOILER.search(line)), line
