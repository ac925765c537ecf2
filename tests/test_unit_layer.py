"""The unit layer loads no model (issue 38): the guard in tests/conftest.py fails a unit test that loads one,
whatever the scope of the fixture that does it, while a test marked slow may."""

import pytest

from .conftest import ROOT

TESTS = '''
import pytest

from contradict.backends.embed import load_encoder
from contradict.stages.frames import load_spacy
from contradict.backends.nli import load_scorer


@pytest.fixture(scope="module")
def module_scorer():
    return load_scorer("default")


@pytest.fixture(scope="session")
def session_encoder():
    return load_encoder()


def test_module_scoped_model(module_scorer):
    pass


def test_session_scoped_model(session_encoder):
    pass


def test_model_in_the_test():
    load_spacy("en_core_web_sm")


def test_no_model():
    pass


@pytest.mark.slow
def test_slow_may(monkeypatch):
    import contradict.backends.nli as nli

    monkeypatch.setattr(nli.OnnxScorer, "__init__", lambda self, *a, **k: None)  # no real load, just allowed
    load_scorer("default")
'''


@pytest.mark.slow  # a pytest session in a subprocess (the inner tests' own marks decide what their guard allows)
def test_a_unit_test_that_loads_a_model_fails_whatever_the_fixture_scope(pytester):
    tests = ROOT / "tests"
    pytester.makepyfile(**{"tests/__init__.py": "", "tests/conftest.py": (tests / "conftest.py").read_text(),
                           "tests/fakes.py": (tests / "fakes.py").read_text(), "tests/test_models.py": TESTS})
    pytester.makeini("[pytest]\nmarkers =\n    slow: real models\n")
    got = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA", "tests")
    got.assert_outcomes(passed=2, errors=2, failed=1)
    out = got.stdout.str()
    for name in ("test_module_scoped_model", "test_session_scoped_model", "test_model_in_the_test"):
        assert f"ModelLoadInUnitTest: tests/test_models.py::{name} loads a model" in out, out
    assert "PASSED tests/test_models.py::test_no_model" in out and "PASSED tests/test_models.py::test_slow_may" in out
