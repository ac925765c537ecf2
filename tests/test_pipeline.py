import json
import shutil

import pytest

from contradict.storage.store import Store

from .conftest import EXAMPLES
from .test_cli import run

pytestmark = pytest.mark.slow  # real models throughout


def _pairs(index_dir):
    r = run("report", "--index-dir", index_dir, "--format", "json", "--top", "0")
    assert r.exit_code == 0, r.output
    return {(p["a"]["id"], p["b"]["id"]): p["label"] for p in json.loads(r.output)["pairs"]}


def test_an_edited_article_keeps_the_pairs_of_its_unchanged_sentences(tmp_path):
    """Editing one sentence of an article used to drop every candidate pair of its other sentences: their ids
    did not change, so the pairs were 'known' and not selected again, then deleted with the old article."""
    inbox = tmp_path / "inbox"
    shutil.copytree(EXAMPLES, inbox)
    assert run("index", inbox, "--index-dir", tmp_path / "idx").exit_code == 0
    before = _pairs(tmp_path / "idx")
    herald = inbox / "herald_dam_collapse.txt"
    herald.write_text(herald.read_text() + "\n\nThe river was still rising at noon on Wednesday.\n")
    r = run("index", inbox, "--index-dir", tmp_path / "idx")
    assert r.exit_code == 0 and "1 changed" in r.output and "(1 new)" in r.output, r.output
    after = _pairs(tmp_path / "idx")
    assert before.items() <= after.items()  # nothing lost, no label changed
    store = Store(tmp_path / "idx" / "contradict.sqlite", create=False)
    new = [c.id for c in store.claims("herald_dam_collapse") if c.text.startswith("The river was still rising")]
    assert len(new) == 1 and store.candidates_touching(new)  # the new sentence was paired (whatever its labels)
    store.close()
    assert run("index", inbox, "--index-dir", tmp_path / "fresh").exit_code == 0
    assert after == _pairs(tmp_path / "fresh")  # the same as indexing the edited corpus from scratch


def test_an_index_built_under_older_claim_rules_reads_its_articles_again(tmp_path):
    from contradict.storage.store import Store

    assert run("index", EXAMPLES, "--index-dir", tmp_path / "idx").exit_code == 0
    reference = _pairs(tmp_path / "idx")
    s = Store(tmp_path / "idx" / "contradict.sqlite")
    with s.transaction():  # as if older rules had missed a sentence: its claim and pairs are not in the store
        (lost,) = [c for c in s.claims("herald_dam_collapse") if c.text.startswith("Residents received")]
        s.db.execute("DELETE FROM claims WHERE id = ?", (lost.id,))
        s.set_meta("claim_rules", "older")
    s.close()
    assert not any(lost.id in k for k in _pairs(tmp_path / "idx"))
    r = run("index", EXAMPLES, "--index-dir", tmp_path / "idx")
    assert r.exit_code == 0 and "6 stored articles read again" in r.output and "6 unchanged" in r.output, r.output
    assert _pairs(tmp_path / "idx") == reference  # the claim and its pairs are back; nothing else moved
    r = run("index", EXAMPLES, "--index-dir", tmp_path / "idx")
    assert "read again" not in r.output and "0 NLI scored" in r.output  # once only
