"""The product apart from model-making: contradict never imports contradict.lab, and the lab's commands
say which extra they need when it is missing."""

import subprocess
import sys

from click.testing import CliRunner

from contradict.cli import main

from .conftest import ROOT

PRODUCT_RUN = """
import sys
from click.testing import CliRunner
from contradict.cli import main
for args in (["--help"], ["report", "--help"], ["index", "--help"], ["batch", "--help"]):
    assert CliRunner().invoke(main, args).exit_code == 0
import contradict.runs.pipeline, contradict.runs.batch, contradict.report.render, contradict.report.terminal, contradict.runs.query
print(sorted(m for m in sys.modules if m.startswith("contradict.lab")))
"""


def test_the_product_never_imports_model_making():
    out = subprocess.run([sys.executable, "-c", PRODUCT_RUN], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_help_lists_the_lab_commands_without_loading_them():
    r = CliRunner().invoke(main, ["--help"])
    assert r.exit_code == 0 and all(c in r.output for c in ("train-nli", "eval", "bench", "report", "batch"))


def test_a_lab_command_without_the_train_extra_is_one_clear_line(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "psutil" else real(name, *a))
    for cmd in (["eval", "x.jsonl"], ["train-nli", "--recipe", "minilm"], ["bench", "nli"]):
        r = CliRunner().invoke(main, cmd)
        assert r.exit_code == 1, r.output
        assert "needs the 'train' extra" in r.output and "pip install 'contradict[train]'" in r.output
        assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
