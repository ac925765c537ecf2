"""The claim encoder: bf16 autocast (where the CPU computes it natively) gives the fp32 vectors."""

import numpy as np
import pytest

from contradict.embed import SentenceTransformerEncoder, native_bf16

pytestmark = pytest.mark.slow

TEXTS = ["The dam failed early on Tuesday morning after days of heavy rain.",
         "Residents received no warning before the dam failed.",
         "The House voted 396-9 on Wednesday to affirm the national motto."]


def test_bf16_vectors_are_the_fp32_vectors():
    fp32 = SentenceTransformerEncoder(precision="fp32")
    bf16 = SentenceTransformerEncoder(precision="bf16")
    assert not fp32.bf16 and bf16.bf16
    a, b = fp32.encode(TEXTS), bf16.encode(TEXTS)
    assert a.dtype == b.dtype == np.float32 and a.shape == b.shape == (3, 384)
    assert float((a * b).sum(1).min()) > 0.999


def test_auto_uses_bf16_only_where_the_cpu_has_it():
    assert SentenceTransformerEncoder(precision="auto").bf16 is native_bf16()
