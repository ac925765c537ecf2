"""The claim encoder: OpenVINO (the default backend) and bf16 autocast (where the CPU computes it natively)
give the sentence-transformers fp32 vectors."""

from types import SimpleNamespace

import numpy as np
import pytest

from contradict.embed import OpenVinoEncoder, SentenceTransformerEncoder, Unsupported, load_encoder, native_bf16
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
