from contradict.report.build import Report
from contradict.report.render import to_html, to_markdown


def _claim(article, text):
    return {"id": f"{article}:x", "article": article, "claim": text, "speaker": "", "kind": "sentence",
            "position": 0, "span": [0, len(text)]}


REPORT = {
    "articles": [{"id": a, "title": f"Title {a}", "source": "S", "claims": 2} for a in ("a1", "a2", "a3")],
    "pairs": [
        {"label": "contradiction", "probs": {"contradiction": 0.9, "entailment": 0.05, "neutral": 0.05},
         "similarity": 0.8, "score": 0.72, "agreement": 0.04, "reasons": ["neighbours"], "shared": [],
         "a": _claim("a1", "The dam held."), "b": _claim("a2", "The dam failed.")},
        {"label": "entailment", "probs": {"contradiction": 0.05, "entailment": 0.9, "neutral": 0.05},
         "similarity": 0.9, "score": 0.04, "agreement": 0.81, "reasons": ["neighbours"], "shared": [],
         "a": _claim("a1", "The rain fell."), "b": _claim("a3", "It rained.")},
    ],
    "tensions": [{"articles": ["a1", "a2"], "topic": "dam", "contradictions": 1, "agreements": 0, "score": 0.72},
                 {"articles": ["a1", "a3"], "topic": "rain", "contradictions": 0, "agreements": 1, "score": 0.0}],
    "summary": {"articles": 3, "claims": 6, "pairs_scored": 2, "contradictions": 1, "threshold": 0.35,
                "nli_model": "m", "embed_model": "e"},
}


R = Report.from_json(REPORT)


def test_markdown_lists_tensions_first_and_articles_last():
    md = to_markdown(R)
    assert md.index("## Tensions") < md.index("## Contradictions") < md.index("## Articles")
    tensions = md[md.index("## Tensions"):md.index("## Contradictions")]
    # articles are named for a reader: outlet, date, shortened title (ids stay in JSON and in the hints)
    assert "S: Title a1 vs S: Title a2" in tensions and "Title a3" not in tensions
    assert "1 more article pair only agrees" in tensions


def test_html_lists_only_contradicting_article_pairs_as_tensions():
    page = to_html(R)
    tensions = page[page.index('<h2 id="tensions">Tensions</h2>'):page.index('<h2 id="contradictions">')]
    assert "S: Title a1 vs S: Title a2" in tensions and "Title a3" not in tensions
    assert page.index('<h2 id="contradictions">') < page.index('<h2 id="articles">')


def test_terminal_table_lists_only_contradicting_article_pairs():
    from rich.console import Console

    from contradict.report.terminal import tensions

    con = Console(record=True, width=120)
    tensions(con, R, top=10)
    text = con.export_text()
    assert "S: Title a1 vs S: Title a2" in text and "Title a3" not in text
    assert "1 more article pair only agrees" in text


def test_counts_agree_with_their_nouns():
    md = to_markdown(R)
    assert "3 articles, 6 claims, 2 claim pairs scored" in md and "; 1 contradiction at score" in md
    assert "dam: 1 contradiction, 0 agreements (score" in md
    page = to_html(R)
    assert "; 1 contradiction at score" in page and "1 contradiction, 0 agreements" in page
    assert "1 contradictions" not in md + page


def test_an_agreement_read_one_way_shows_that_direction():
    from copy import deepcopy

    from contradict.report.render import entailment_text

    one_way = deepcopy(REPORT)
    p = one_way["pairs"][1]
    p["probs"] = {"contradiction": 0.01, "entailment": 0.49, "neutral": 0.5}
    p["entailment_one_way"] = 0.97
    one_way = Report.from_json(one_way)
    assert entailment_text(one_way.pairs[1]) == "0.49 (0.97 one way)"
    assert "entailment 0.49 (0.97 one way)" in to_markdown(one_way)
    assert "0.97 one way" in to_html(one_way)
    assert entailment_text(R.pairs[1]) == "0.90"  # no one-way figure (older reports): the mean alone
    assert entailment_text(one_way.pairs[0]) == "0.05"  # a contradiction never shows one


def test_claims_name_their_articles_title_and_date():
    from copy import deepcopy

    dated = deepcopy(REPORT)
    dated["articles"][0]["date"] = "2026-03-03"
    dated["articles"][1]["title"] = "A very long title " * 5
    labels = Report.from_json(dated).article_labels(width=30)
    assert labels["a1"] == "Title a1 · 2026-03-03"
    assert labels["a2"].endswith("…") and len(labels["a2"]) == 30
    assert "(Title a1 · 2026-03-03)" in to_markdown(Report.from_json(dated))
    dated["articles"][2]["title"] = ""
    untitled = Report.from_json(dated)
    assert untitled.article_labels()["a3"] == "a3" and untitled.article_labels(untitled_as_id=False)["a3"] == ""


def test_the_matrix_numbers_its_rows_whatever_the_cells_hold():
    from rich.console import Console

    from contradict.report.terminal import matrix

    con = Console(record=True, width=160)
    matrix(con, R)
    rows = [ln for ln in con.export_text().splitlines() if " a1" in ln or " a2" in ln or " a3" in ln]
    assert [r.split("│")[1].strip().split()[0] for r in rows] == ["1", "2", "3"]


def test_a_tension_topic_is_never_function_words():
    from contradict.stages.aggregate import shared_terms

    # "because" and a curly "don’t" are function words; the content word both claims use is the topic
    assert shared_terms("Baby, because I don’t want the baby to cry", "The baby cried because they don’t sleep") == [
        "baby"]
    assert shared_terms("They would have voted", "They would have won") == []
