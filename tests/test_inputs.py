
"""Hostile inputs: each is reported in one line, good inputs are still processed."""

import json

import pytest
from click.testing import CliRunner

from contradict.cli import main
from contradict.inputs import ingest
from contradict.stages.claims import extract

GOOD = "The dam failed on Tuesday morning after five days of heavy rain in the valley."


@pytest.mark.slow
def test_huge_text_file_is_read_up_to_the_limit_and_truncated(tmp_path):
    f = tmp_path / "huge.txt"
    para = "The council approved budget number {} for the harbour after a long debate on Monday.\n\n"
    with open(f, "w") as fh:
        for k in range(100 * 1024 * 1024 // len(para) + 1):
            fh.write(para.format(k))
    assert f.stat().st_size >= 100 * 1024 * 1024
    arts, probs = ingest.load([f], max_bytes=50_000_000, max_chars=200_000)
    (art,) = arts
    assert len(art.text) <= 200_000
    msgs = " ".join(str(p) for p in probs)
    assert "only the first 50,000,000 read" in msgs and "truncated" in msgs
    assert len(extract(art, max_claims=400)) == 400


def test_one_long_line_without_punctuation(tmp_path):
    f = tmp_path / "line.txt"
    f.write_text(" ".join(["the council and the mayor argued over the budget of the harbour"] * 32_000))  # 2 MB
    arts, probs = ingest.load([f])
    (art,) = arts
    cs = extract(art)
    assert cs and all(len(c.text) <= 600 for c in cs)
    assert any("truncated" in str(p) for p in probs)


def test_other_languages_are_skipped_whole(tmp_path):
    (tmp_path / "ar.txt").write_text("انهار السد صباح الثلاثاء بعد أيام من الأمطار الغزيرة في الوادي.\n\nقال المسؤولون إن لا أحد قتل.")
    (tmp_path / "fa.txt").write_text("سد صبح سه‌شنبه پس از چند روز باران شدید فرو ریخت.")
    (tmp_path / "ru.txt").write_text("Плотина рухнула во вторник утром после нескольких дней сильных дождей в долине.")
    (tmp_path / "en.txt").write_text(GOOD)
    arts, probs = ingest.load([tmp_path])
    assert [a.id for a in arts] == ["en"]
    assert sum("no English text, skipped" in str(p) for p in probs) == 3


def test_encodings(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Le café était fermé. The café was closed on Tuesday after the flood.".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    arts, probs = ingest.load([tmp_path])
    by = {a.id: a for a in arts}
    assert "café was closed" in by["latin1"].text
    assert by["utf16"].text == GOOD
    assert any("not valid UTF-8" in str(p) and not p.skipped and p.partial for p in probs)


def test_jsonl_with_oversized_and_binary_lines(tmp_path):
    f = tmp_path / "feed.jsonl"
    with open(f, "wb") as fh:
        fh.write(json.dumps({"id": "a", "text": GOOD}).encode() + b"\n")
        fh.write(b'{"id": "big", "text": "' + b"x" * 5000 + b'"}\n')
        fh.write(b"\x00\x01\x02\x03 binary junk\n")
        fh.write(json.dumps({"id": "b", "text": GOOD.replace("Tuesday", "Monday")}).encode() + b"\n")
    arts, probs = ingest.load([f], max_bytes=1000)
    assert [a.id for a in arts] == ["a", "b"]
    msgs = " ".join(str(p) for p in probs)
    assert "feed.jsonl:2: line longer than 1,000 bytes" in msgs and "feed.jsonl:3: binary" in msgs


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(GOOD)
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD)
    real_open = open

    def guarded(path, *a, **k):
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr("builtins.open", guarded)
    arts, probs = ingest.load([tmp_path])
    assert [a.id for a in arts] == ["ok"]
    assert any("secret.txt: cannot read (Permission denied)" in str(p) for p in probs)


@pytest.mark.slow
def test_cli_bad_inputs_one_line_each_and_exit_4(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD)
    (d / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (d / "empty.md").write_text("")
    (d / "bad.json").write_text("[{")
    r = CliRunner().invoke(main, ["index", str(d), str(tmp_path / "nope"), "--index-dir", str(tmp_path / "idx")])
    assert r.exit_code == 4, r.output
    warnings = [ln for ln in r.output.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 4
    assert "Traceback" not in r.output and "1 new" in r.output
