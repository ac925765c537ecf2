import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# converted models (contradict.embed.cache_dir) go to a directory of this test session, not the user's cache
os.environ.setdefault("CONTRADICT_CACHE_DIR", tempfile.mkdtemp(prefix="contradict-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_path(*parts) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available (../shared is only on development machines)")
    return p


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory):
    """The demo corpus indexed once with the real models; tests read it, never write it."""
    from contradict.pipeline import Pipeline
    from contradict.settings import Settings

    d = tmp_path_factory.mktemp("demo") / "index"
    s = Settings.from_env(index_dir=d)
    pipe = Pipeline(s)
    stats = pipe.index([EXAMPLES])
    pipe.close()
    return s, stats


# ---------------------------------------------------------------- the two layers
# Unit tests (not marked slow) may not load a model: they use tests/fakes.py. This fixture makes every
# model loader fail in them, so a unit test that needs a model shows up at once; integration tests that
# use the real models are marked ``slow`` (``pytest -m "not slow"`` runs the unit layer alone).


class ModelLoadInUnitTest(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_models_in_unit_tests(request, monkeypatch):
    if request.node.get_closest_marker("slow"):
        return

    def refuse(*args, **kwargs):
        raise ModelLoadInUnitTest(f"{request.node.nodeid} loads a model: mark it slow or use tests/fakes.py")

    import contradict.embed as embed
    import contradict.frames as frames
    import contradict.nli as nli

    from .fakes import FakeFrameReader

    monkeypatch.setattr(frames, "load_spacy", refuse)
    monkeypatch.setattr(frames, "SpacyReader", FakeFrameReader)  # the unit layer reads frames by rule
    monkeypatch.setattr(embed.SentenceTransformerEncoder, "__init__", refuse)
    monkeypatch.setattr(nli.OnnxScorer, "__init__", refuse)
    monkeypatch.setattr(nli.CrossEncoderScorer, "__init__", refuse)


def pytest_collection_modifyitems(items):
    """Tests that read the demo index (built with the real models) are integration tests."""
    for item in items:
        if "demo_index" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
