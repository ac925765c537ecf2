"""The claim encoder: OpenVINO (the default backend) and bf16 autocast (where the CPU computes it natively)
give the sentence-transformers fp32 vectors."""

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from contradict.backends.embed import (
    OpenVinoEncoder,
    SentenceTransformerEncoder,
    Unsupported,
    _converted_key,
    cache_dir,
    load_encoder,
    native_bf16,
)
from contradict.errors import ContradictError

TEXTS = ["The dam failed early on Tuesday morning after days of heavy rain.",
         "Residents received no warning before the dam failed.",
         "The House voted 396-9 on Wednesday to affirm the national motto.",
         "Iran",
         "  Leading and trailing spaces are stripped, as sentence-transformers does.  ",
         "A much longer claim, one that runs on for a while and names several actors, the United States, Iran, "
         "the Iraqi government and the militias it has armed, to make the batch pad its shorter members."]


def test_unknown_backend_is_one_clear_error():
    with pytest.raises(ContradictError, match="unknown embedding backend"):
        load_encoder(backend="tensorflow")


def test_a_model_openvino_cannot_pool_falls_back():
    """Only transformer + mean pooling (+ normalize) is compiled; anything else says why, and "auto" then
    uses sentence-transformers."""
    with pytest.raises(Unsupported, match="mean pooling"):
        OpenVinoEncoder(SimpleNamespace(model=[object()], name="x", dim=3))


@pytest.mark.slow
def test_openvino_vectors_are_the_sentence_transformers_vectors():
    st = SentenceTransformerEncoder(precision="fp32")
    ov = load_encoder()
    assert isinstance(ov, OpenVinoEncoder) and ov.name == st.name and ov.dim == 384
    a, b = st.encode(TEXTS), ov.encode(TEXTS)
    assert b.dtype == np.float32 and b.shape == a.shape == (len(TEXTS), 384)
    assert float((a * b).sum(1).min()) > 0.999
    assert np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-4)


@pytest.mark.slow
def test_openvino_vector_does_not_depend_on_batch_mates():
    """Batches are padded to their longest member: a text's vector is the same alone or with others."""
    ov = load_encoder(backend="openvino")
    together = ov.encode(TEXTS)
    for k, text in enumerate(TEXTS):
        assert np.allclose(ov.encode([text])[0], together[k], atol=2e-3)
    assert ov.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_torch_backend_is_sentence_transformers():
    assert isinstance(load_encoder(backend="torch"), SentenceTransformerEncoder)


@pytest.mark.slow
def test_bf16_vectors_are_the_fp32_vectors():
    fp32 = SentenceTransformerEncoder(precision="fp32")
    bf16 = SentenceTransformerEncoder(precision="bf16")
    assert not fp32.bf16 and bf16.bf16
    a, b = fp32.encode(TEXTS), bf16.encode(TEXTS)
    assert a.dtype == b.dtype == np.float32 and a.shape == b.shape == (len(TEXTS), 384)
    assert float((a * b).sum(1).min()) > 0.999


@pytest.mark.slow
def test_auto_uses_bf16_only_where_the_cpu_has_it():
    assert SentenceTransformerEncoder(precision="auto").bf16 is native_bf16()
    assert load_encoder(precision="auto").bf16 is native_bf16()


def test_only_local_models_get_a_conversion_key(tmp_path):
    """A hub name's files are unknown before loading: it is converted every time, never read from the cache."""
    assert _converted_key("sentence-transformers/all-mpnet-base-v2") is None
    (tmp_path / "config.json").write_text("{}")
    key = _converted_key(str(tmp_path))
    assert key and _converted_key(str(tmp_path)) == key
    (tmp_path / "config.json").write_text('{"changed": 1}')  # other files: another key
    assert _converted_key(str(tmp_path)) != key


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CONTRADICT_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("CONTRADICT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x" / "contradict"


_READ_BACK = """
import json, sys
from contradict.backends.embed import load_encoder
enc = load_encoder()
vecs = enc.encode(json.loads(sys.argv[1]))
print(json.dumps({"torch": "torch" in sys.modules, "st": "sentence_transformers" in sys.modules,
                  "vecs": vecs.tolist(), "type": type(enc).__name__}))
"""


@pytest.mark.slow
def test_model_is_converted_in_a_child_and_read_back_without_torch(monkeypatch, tmp_path):
    """This process never loads PyTorch for the OpenVINO encoder: a child converts, the cache keeps it."""
    def load():
        out = subprocess.run([sys.executable, "-c", _READ_BACK, json.dumps(TEXTS)], capture_output=True, text=True,
                             env={**os.environ, "CONTRADICT_CACHE_DIR": str(tmp_path)}, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    reference = SentenceTransformerEncoder(precision="fp32").encode(TEXTS)
    for _ in range(2):  # converted by a child, then read back
        got = load()
        assert got["type"] == "OpenVinoEncoder" and not got["torch"] and not got["st"]
        assert float((np.array(got["vecs"], dtype=np.float32) * reference).sum(1).min()) > 0.999
    (entry,) = (tmp_path / "openvino").iterdir()
    assert sorted(p.name for p in entry.iterdir()) == ["meta.json", "model.bin", "model.xml", "tokenizer.json"]

    (entry / "model.bin").write_bytes(b"damaged")  # a damaged entry: converted again, the same vectors
    again = load()
    assert again["type"] == "OpenVinoEncoder" and not again["torch"]
    assert np.allclose(again["vecs"], got["vecs"], atol=1e-6)
    assert (entry / "model.bin").stat().st_size > 1_000_000

    monkeypatch.setenv("CONTRADICT_CACHE_DIR", str(tmp_path))  # in this process: the same encoder
    assert np.allclose(load_encoder().encode(TEXTS), np.array(got["vecs"], dtype=np.float32), atol=1e-6)

def test_batches_hold_at_most_so_many_rows_and_tokens():
    from contradict.backends.embed import _batches

    lengths = [5, 5, 5, 10, 10, 40, 300]
    got = _batches(list(range(7)), lengths, rows=3, tokens=40)
    assert got == [[0, 1, 2], [3, 4], [5], [6]]  # a text longer than the budget runs alone
    assert [i for b in got for i in b] == list(range(7))


def test_a_model_the_child_cannot_convert_is_not_tried_again_here(monkeypatch, tmp_path):
    """The child's reason comes back; this process runs sentence-transformers without converting a second time."""
    import contradict.backends.embed as embed

    class Fake:
        name, dim = "local", 3

        def __init__(self, *a, **k):
            pass

    def never(*a, **k):
        raise AssertionError("converted twice")

    monkeypatch.setattr(embed, "_converted_key", lambda name: "k")
    monkeypatch.setattr(embed, "cache_dir", lambda: tmp_path)
    monkeypatch.setattr(embed, "_cached", lambda entry, precision, threads: None)  # nothing converted yet
    monkeypatch.setattr(embed, "_convert_in_child", lambda name, entry: "the model is not mean pooling")
    monkeypatch.setattr(embed, "SentenceTransformerEncoder", Fake)
    monkeypatch.setattr(embed, "OpenVinoEncoder", never)
    assert isinstance(load_encoder("local"), Fake)
    with pytest.raises(ContradictError, match="not mean pooling"):
        load_encoder("local", backend="openvino")
