import json

import pytest
from click.testing import CliRunner

from contradict.cli import main

pytestmark = pytest.mark.slow  # real models throughout


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _pairs(tmp_path, n=12):
    f = tmp_path / "pairs.jsonl"
    rows = [{"premise": f"A man is playing guitar number {k}.", "hypothesis": "A man is making music.",
             "label": "entailment"} for k in range(n)]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return f


def test_bench_nli_runs_on_a_fresh_install_without_the_training_runs_fp32_weights(tmp_path):
    r = run("bench", "nli", "--pairs", _pairs(tmp_path), "-n", 12)
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert lines[0] == "pairs: 12"
    assert lines[1].startswith("(a) CrossEncoder fp32 PyTorch:") and "[weights dequantized from the int8 model]" in lines[1]
    assert lines[2].startswith("(b) ONNX int8 onnxruntime:") and lines[2].endswith(("[u8 x s8]", "saturates on this CPU)]"))
    assert float(lines[3].split(":")[1]) >= 0.9  # label agreement: the same weights, fp32 against int8
    assert lines[-1].startswith("ratio: ") and float(lines[-1].split()[1]) > 0


def test_bench_nli_without_an_onnx_model_or_fp32_weights_is_one_clear_error(tmp_path):
    hf = tmp_path / "hf"
    hf.mkdir()
    (hf / "config.json").write_text("{}")
    r = run("bench", "nli", "--pairs", _pairs(tmp_path), "-n", 4, "--nli-model", hf)
    assert r.exit_code == 1 and "no fp32 model to compare" in r.output and "Traceback" not in r.output
