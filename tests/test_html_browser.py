"""The HTML report as users read it: in headless Chromium (Debian's `chromium`; `make test` installs it where
it can). The filters run in the page: a filter given in the address hides the findings that do not match."""

import re
import shutil
import subprocess
from dataclasses import replace

import pytest

from contradict.report import render
from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings

from .fakes import FakeEncoder, FakeScorer
from .test_workbench import ARTICLES as BASE

# the two articles of one story; their numeric pair (40 / 25 trucks) is the finding to keep
ARTICLES = [dict(BASE[0], text=BASE[0]["text"] + " The council approved repairs."),
            dict(BASE[1], text=BASE[1]["text"] + " The council never approved repairs.")]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (`make test` installs it)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _page(tmp_path):
    import json

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    pipe = Pipeline(Settings(index_dir=tmp_path / "index"), encoder=FakeEncoder(), scorer=FakeScorer())
    pipe.index([d])
    report = pipe.report(top=0)
    pipe.close()
    # a second finding of another kind beside the numeric one, to filter away
    numeric = report.pairs[0]
    other = replace(numeric, kind="factual", explain="", a=replace(numeric.a, id=numeric.a.id + "x"))
    report = replace(report, pairs=(numeric, other))
    path = tmp_path / "report.html"
    path.write_text(render.to_html(report))
    return path, report


def _chromium(tmp_path, *args):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)


def test_the_filters_run_in_the_browser(tmp_path):
    path, report = _page(tmp_path)
    kinds = {p.kind for p in report.pairs}
    assert "numeric" in kinds and len(report.pairs) >= 2
    dom = _chromium(tmp_path, "--dump-dom", f"file://{path}#kind=numeric").stdout
    findings = re.findall(r'<div class="finding"[^>]*>', dom)
    hidden = [f for f in findings if " hidden" in f]
    numeric = [f for f in findings if 'data-kind="numeric"' in f]
    assert findings and numeric and all(" hidden" not in f for f in numeric)
    assert len(hidden) == len(findings) - len(numeric)
    assert f"{len(numeric)} of {len(findings)} findings on this page shown" in dom
    assert 'href="#article-north"' in dom and 'id="article-north"' in dom  # findings link to the article list
    dom = _chromium(tmp_path, "--dump-dom", f"file://{path}#since=2999-01-01").stdout
    assert "0 of 2 findings on this page shown" in dom and '<section class="story-section" hidden' in dom  # empty stories fold


def test_a_screenshot_of_the_report(tmp_path):
    path, _ = _page(tmp_path)
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", f"file://{path}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a rendered page, not a blank one
