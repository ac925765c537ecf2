"""CLI tests on the demo corpus with the real models (packaged MiniLM, shipped NLI model)."""

import json

import pytest
from click.testing import CliRunner

from contradict.cli import main

from .conftest import EXAMPLES


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_json(demo_index):
    s, _ = demo_index
    r = run("report", "--index-dir", s.index_dir, "--format", "json", "--top", "0")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _texts(report, label):
    return [(p["a"]["claim"], p["b"]["claim"]) for p in report["pairs"] if p["label"] == label]


def test_json_schema_and_order(demo_json):
    r = demo_json
    assert list(r)[:4] == ["articles", "stories", "pairs", "tensions"]
    assert {a["id"] for a in r["articles"]} == {"herald_dam_collapse", "valley_voice_no_warning",
                                                  "regional_office_statement", "wire-0301", "wire-0302",
                                                  "carrow_bulletin_office_blame"}
    assert list(r)[5:9] == ["actors", "frames", "framing_tensions", "frame_summaries"]
    assert [(t["actor"], t["target"]) for t in r["framing_tensions"]] == [("Regional Office", "Carrow")]
    for a in r["articles"]:
        assert set(a) >= {"id", "title", "source", "claims"}
    kinds = [p["kind"] for p in r["pairs"]]
    assert kinds == sorted(kinds, key=lambda x: x == "agreement")  # disagreements first
    contra = [p["score"] for p in r["pairs"] if p["kind"] != "agreement"]
    assert contra == sorted(contra, reverse=True)
    assert [s["articles"] for s in r["stories"]] and all(p["story"] for p in r["pairs"])  # the demo: one story
    for p in r["pairs"]:
        assert set(p) >= {"id", "kind", "story", "label", "probs", "similarity", "score", "a", "b"}
        assert set(p["probs"]) == {"contradiction", "entailment", "neutral"}
        assert abs(sum(p["probs"].values()) - 1) < 0.01
        assert set(p["a"]) >= {"article", "claim", "speaker"} and p["a"]["article"] != p["b"]["article"]
        assert p["reasons"]
    scores = [t["score"] for t in r["tensions"]]
    assert scores == sorted(scores, reverse=True)
    for t in r["tensions"]:
        assert set(t) >= {"articles", "topic", "contradictions", "agreements", "score"}


def _has(pairs, x, y):
    return any((x in a and y in b) or (y in a and x in b) for a, b in pairs)


def test_planted_contradiction_is_found(demo_json):
    contra = _texts(demo_json, "contradiction")
    assert _has(contra, "Residents received no warning", "evacuation warning two hours")


def test_planted_death_toll_contradiction_is_found(demo_json):
    assert _has(_texts(demo_json, "contradiction"), "No one was killed in the flood", "twelve")


def test_no_boilerplate_and_quotes_are_attributed(demo_json, demo_index):
    from contradict.storage.store import Store

    s, _ = demo_index
    claims = Store(s.store_path).claims()
    texts = " ".join(c.text for c in claims)
    for junk in ("Subscribe", "©", "All rights reserved", "Follow us", "window.analytics", "font-family"):
        assert junk not in texts
    marsh = [c for c in claims if "Elena Marsh said" in c.text]
    assert marsh and marsh[0].speaker == "Regional governor Elena Marsh"


def test_report_is_deterministic(demo_index, demo_json):
    s, _ = demo_index
    again = json.loads(run("report", "--index-dir", s.index_dir, "--format", "json", "--top", "0").stdout)
    assert again == demo_json


def test_top_caps_each_kind(demo_index):
    s, _ = demo_index
    r = json.loads(run("report", "--index-dir", s.index_dir, "--format", "json", "--top", "1").stdout)
    assert sum(p["label"] == "contradiction" for p in r["pairs"]) <= 1
    assert sum(p["label"] == "entailment" for p in r["pairs"]) <= 1


def test_markdown_html_and_rich_outputs(demo_index, tmp_path):
    s, _ = demo_index
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    assert run("report", "--index-dir", s.index_dir, "--format", "markdown", "-o", md).exit_code == 0
    assert run("report", "--index-dir", s.index_dir, "--format", "html", "-o", html).exit_code == 0
    assert "## Contradictions" in md.read_text()
    h = html.read_text()
    assert h.startswith("<!doctype html>") and "Tension matrix" in h
    # self-contained: one inline script (the filters), nothing loaded from elsewhere
    assert h.count("<script") == 1 and "<script src" not in h and "http://" not in h and "https://" not in h
    r = run("report", "--index-dir", s.index_dir, "--top", "3", env={"NO_COLOR": "1", "COLUMNS": "90"})
    assert r.exit_code == 0 and "Contradictions" in r.output and "\x1b[" not in r.output


def test_query_finds_contradicting_claim(demo_index):
    s, _ = demo_index
    r = run("query", "At least twelve people were killed when the dam collapsed.", "--index-dir", s.index_dir,
            "--format", "json")
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert any("No one was killed" in x["claim"]["claim"] for x in res["contradicting"][:3])
    assert all(x["label"] == "contradiction" for x in res["contradicting"])


def test_query_support_runs_one_way_the_claim_implies_the_query(demo_index):
    """A corpus claim that says more than the query supports it, though the query does not imply it back."""
    s, _ = demo_index
    r = run("query", "The dam collapsed on Tuesday.", "--index-dir", s.index_dir, "--format", "json")
    assert r.exit_code == 0, r.output
    sup = {x["claim"]["claim"]: x for x in json.loads(r.stdout)["supporting"]}
    hit = next(x for c, x in sup.items() if c.startswith("The Merrow Dam above the town of Carrow collapsed"))
    assert hit["implies_query"] > 0.9 and hit["label"] == "entailment"
    assert all(x["implies_query"] > 0.5 or x["probs"]["entailment"] >= x["probs"]["neutral"] for x in sup.values())


def test_pair_by_id_and_by_path(demo_index):
    s, _ = demo_index
    r = run("pair", "herald_dam_collapse", EXAMPLES / "regional_office_statement.html", "--index-dir", s.index_dir,
            "--format", "json")
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert {a["id"] for a in res["articles"]} == {"herald_dam_collapse", "regional_office_statement"}
    assert all({p["a"]["article"], p["b"]["article"]} == {"herald_dam_collapse", "regional_office_statement"}
               for p in res["pairs"])
    assert res["tensions"] and res["tensions"][0]["contradictions"] >= 1


def test_user_errors_are_one_line_without_traceback(tmp_path, demo_index):
    s, _ = demo_index
    r = run("report", "--index-dir", tmp_path / "nothing-here")
    assert r.exit_code == 1 and "no index" in r.output and "Traceback" not in r.output
    r = run("report", "--format", "pdf")
    assert r.exit_code == 2
    r = run("query", "  ", "--index-dir", s.index_dir)
    assert r.exit_code == 2 and "empty" in r.output
    r = run("pair", "nope", "herald_dam_collapse", "--index-dir", s.index_dir)
    assert r.exit_code == 2 and "no article 'nope'" in r.output
    r = run("report", "--index-dir", s.index_dir, "--nli-model", tmp_path / "missing-model")
    assert r.exit_code == 1 and "does not exist" in r.output and "Traceback" not in r.output
    assert len([ln for ln in r.output.splitlines() if ln.strip()]) == 1


@pytest.mark.slow
def test_index_exit_code_says_inputs_were_skipped(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("The dam failed on Tuesday morning after days of rain in the valley.")
    (tmp_path / "in" / "bad.json").write_text("{broken")
    r = run("index", tmp_path / "in", "--index-dir", tmp_path / "idx")
    assert r.exit_code == 4
    assert "bad.json: malformed JSON" in r.output and "1 new" in r.output
    r = run("index", tmp_path / "in" / "ok.txt", "--index-dir", tmp_path / "idx")
    assert r.exit_code == 0 and "1 unchanged" in r.output and "0 NLI scored" in r.output


def test_settings_env_and_flags(monkeypatch, tmp_path):
    from contradict.settings import Settings

    monkeypatch.setenv("CONTRADICT_TOP", "7")
    monkeypatch.setenv("CONTRADICT_INDEX_DIR", str(tmp_path))
    s = Settings.from_env()
    assert s.top == 7 and s.index_dir == tmp_path
    assert Settings.from_env(top=3).top == 3


@pytest.mark.slow
def test_pair_budget_flag_overrides_the_environment(tmp_path):
    env = {"CONTRADICT_ALL_PAIRS_LIMIT": "0", "CONTRADICT_PAIR_BUDGET": "50"}
    r = run("index", EXAMPLES, "--index-dir", tmp_path / "idx", "--pair-budget", "3", "-v", env=env)
    assert r.exit_code == 0, r.output
    r = run("report", "--index-dir", tmp_path / "idx", "--format", "json", "--top", "0", env=env)
    assert r.exit_code == 0
    s = json.loads(r.stdout)["summary"]
    assert s["pairs_scored"] == 3 + s["fact_pairs_read"]  # pairs within a fact are read ahead of the budget


@pytest.mark.slow
def test_quiet_prints_errors_only_and_the_exit_code_says_an_input_was_skipped(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "mixed.txt").write_text("The dam failed on Tuesday morning after days of rain in the valley.\n\n"
                                               "Плотина прорвалась во вторник утром после дождей в долине.")
    (tmp_path / "in" / "empty.txt").write_text("")
    r = run("index", tmp_path / "in", "--index-dir", tmp_path / "idx", "-q")
    assert r.exit_code == 4
    assert r.stderr == ""  # -q: errors only (issue 42); the skipped input is in the exit code


def test_train_nli_mpnet_recipe_needs_a_base_and_the_minilm_recipe_refuses_one(tmp_path):
    snli = tmp_path / "snli.jsonl"
    snli.write_text('{"sentence1": "A dog runs.", "sentence2": "An animal moves.", "gold_label": "entailment"}\n')
    r = run("train-nli", "--snli", snli, "--extra-dir", tmp_path, "--recipe", "mpnet", "--out", tmp_path / "o")
    assert r.exit_code == 1 and "needs --base" in r.output and "make mpnet-base" in r.output
    r = run("train-nli", "--snli", snli, "--extra-dir", tmp_path, "--recipe", "mpnet-6n", "--out", tmp_path / "o")
    assert r.exit_code == 1 and "--recipe mpnet-6n needs --base" in r.output
    for name in ("minilm", "minilm-5n"):
        r = run("train-nli", "--snli", snli, "--extra-dir", tmp_path, "--recipe", name, "--base", tmp_path, "--out", tmp_path / "o")
        assert r.exit_code == 1 and "--base is for the MPNet recipes" in r.output
    r = run("train-nli", "--snli", snli, "--extra-dir", tmp_path, "--recipe", "mpnet", "--base", tmp_path, "--out", tmp_path / "o")
    assert r.exit_code == 1 and "no model in" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "o" / "pass1").exists()


def test_train_nli_precision_reaches_every_training_step_and_leaves_the_soup(tmp_path, monkeypatch):
    from contradict.lab import recipes, train

    seen = []
    monkeypatch.setattr(train, "assemble_base", lambda base, out: out)
    monkeypatch.setattr(recipes, "run_recipe", lambda steps: seen.extend(steps) or tmp_path / "final")
    snli = tmp_path / "snli.jsonl"
    snli.write_text('{"sentence1": "A dog runs.", "sentence2": "An animal moves.", "gold_label": "entailment"}\n')
    r = run("train-nli", "--snli", snli, "--extra-dir", tmp_path, "--recipe", "mpnet-6n", "--base", tmp_path, "--out", tmp_path / "o",
            "--precision", "bf16")
    assert r.exit_code == 0, r.output
    configs = [s for s in seen if isinstance(s, train.TrainConfig)]
    assert len(configs) == 6 and {c.precision for c in configs} == {"bf16"}
    assert sum(isinstance(s, recipes.Soup) for s in seen) == 1
    seen.clear()
    assert run("train-nli", "--snli", snli, "--extra-dir", tmp_path, "--out", tmp_path / "m").exit_code == 0
    assert {s.precision for s in seen} == {"fp32"}


@pytest.mark.slow
def test_eval_json_normal_and_reversed(tmp_path):
    f = tmp_path / "tiny.jsonl"
    rows = [("A man is playing a guitar on stage.", "A man is playing an instrument.", "entailment"),
            ("A man is playing a guitar on stage.", "A man is sleeping in his bed.", "contradiction")]
    f.write_text("".join(json.dumps({"premise": p, "hypothesis": h, "label": lab}) + "\n" for p, h, lab in rows))
    r = run("eval", f, "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["n"] == 2 and set(d["per_class"]) == {"contradiction", "entailment", "neutral"} and "accuracy" in d
    r = run("eval", f, "--reversed", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert "accuracy" not in d and 0 <= d["reversed_false_contradiction_rate"] <= 1
    assert d["reversed_contradiction_recall"] == 1.0  # "sleeping in his bed" vs the guitarist, either way round
    r = run("eval", f, "--reversed", "--shuffled")
    assert r.exit_code == 2 and r.output.count("\n") == 1 and "do not combine" in r.output
