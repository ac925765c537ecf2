"""A report uses spaCy's English stop-word list without importing spaCy (which imports thinc and PyTorch: 5 to 7 s
of a report that loads no model; issue 38)."""

import subprocess
import sys

import pytest

from .conftest import ROOT

CHECK = """
import sys
from contradict.stages import aggregate
words = aggregate._spacy_stop_words()
aggregate.shared_terms("They would have voted", "They would have won")
print(sorted(m for m in ("spacy", "thinc", "torch") if m in sys.modules))
from spacy.lang.en.stop_words import STOP_WORDS
print(words == STOP_WORDS and len(words) > 300)
"""


@pytest.mark.slow  # a subprocess that imports spaCy to compare
def test_the_stop_words_are_spacys_and_reading_them_imports_neither_spacy_nor_torch():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "True"], out
