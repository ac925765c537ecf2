import functools
import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# converted models (contradict.backends.embed.cache_dir) go to a directory of this test session, not the user's cache
os.environ.setdefault("CONTRADICT_CACHE_DIR", tempfile.mkdtemp(prefix="contradict-test-cache-"))

pytest_plugins = ["pytester"]  # tests/test_unit_layer.py runs a test session of its own

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
    from contradict.runs.pipeline import Pipeline
    from contradict.settings import Settings

    d = tmp_path_factory.mktemp("demo") / "index"
    s = Settings.from_env(index_dir=d)
    pipe = Pipeline(s)
    stats = pipe.index([EXAMPLES])
    pipe.close()
    return s, stats


# ---------------------------------------------------------------- the two layers
# Unit tests (not marked slow) may not load a model: they use tests/fakes.py. Every model loader is wrapped for the
# whole session, and refuses while a unit test runs (its setup, call or teardown): a model loaded by a fixture of any
# scope (module, session) fails the unit test whose setup builds it, so a unit test that needs a model shows up at
# once. Integration tests that use the real models are marked ``slow`` (``pytest -m "not slow"`` runs the unit
# layer alone).


class ModelLoadInUnitTest(AssertionError):
    pass


_RUNNING: list[pytest.Item | None] = [None]  # the test whose setup, call or teardown runs now


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _RUNNING[0] = item


def refuse_in_unit_tests(what: str) -> None:
    """Raise :class:`ModelLoadInUnitTest` when the test running now is a unit test."""
    item = _RUNNING[0]
    if item is not None and not item.get_closest_marker("slow"):
        raise ModelLoadInUnitTest(f"{item.nodeid} loads a model ({what}): mark it slow or use tests/fakes.py")


def _guard(owner, name: str) -> None:
    """Wrap ``owner.name`` (a function, method or classmethod) so that it refuses in unit tests."""
    raw = owner.__dict__[name]
    func = raw.__func__ if isinstance(raw, (classmethod, staticmethod)) else raw
    what = f"{getattr(owner, '__name__', owner)}.{name}"

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        refuse_in_unit_tests(what)
        return func(*args, **kwargs)

    setattr(owner, name, type(raw)(guarded) if isinstance(raw, (classmethod, staticmethod)) else guarded)


def _guard_model_loaders() -> None:
    import contradict.backends.embed as embed
    import contradict.backends.nli as nli
    import contradict.stages.frame_reader as frame_reader
    import contradict.stages.frames as frames

    # load_spacy where SpacyReader calls it (frame_reader) and where callers import it from (frames)
    for owner, name in ((frames, "load_spacy"), (frame_reader, "load_spacy"), (frames.SpacyReader, "_workers"),
                        (embed.SentenceTransformerEncoder, "__init__"), (embed.OpenVinoEncoder, "load"),
                        (embed, "_convert_in_child"),
                        (nli.OnnxScorer, "__init__"), (nli.CrossEncoderScorer, "__init__")):
        _guard(owner, name)


_guard_model_loaders()


@pytest.fixture(autouse=True)
def _rule_frames_in_unit_tests(request, monkeypatch):
    """The unit layer reads frames by rule (tests/fakes.FakeFrameReader), not with spaCy."""
    if request.node.get_closest_marker("slow"):
        return
    import contradict.stages.frames as frames

    from .fakes import FakeFrameReader

    monkeypatch.setattr(frames, "SpacyReader", FakeFrameReader)


def pytest_collection_modifyitems(items):
    """Tests that read the demo index (built with the real models) are integration tests."""
    for item in items:
        if "demo_index" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
