"""The Ray engine (issue 24): the same report as the local engine, a worker killed mid-stage, and one clear
line without Ray. Ray runs locally with two worker processes, started by the tests; the models are the fakes
(this is orchestration), built in the workers from tests/fakes.py."""

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from contradict.cli import main
from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings
from contradict.storage.store import Store

from .conftest import EXAMPLES
from .fakes import FakeEncoder, FakeFrameReader, FakeModels, FakeScorer

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "data" / "news" / "basil_triplets.jsonl"


def test_ray_engine_without_ray_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails as where the extra is not installed
    r = CliRunner().invoke(main, ["index", str(EXAMPLES), "--index-dir", str(tmp_path / "i"), "--engine", "ray"])
    assert r.exit_code == 2, r.output
    assert "Ray" in r.output and "contradict[ray]" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "i" / "contradict.sqlite").exists()


@pytest.mark.parametrize("address, says", [("127.0.0.1:1", "no Ray cluster answers"),
                                           ("nonsense", "is not HOST:PORT")])
def test_a_ray_address_nobody_answers_is_one_line_at_once(tmp_path, address, says):
    pytest.importorskip("ray")
    r = CliRunner().invoke(main, ["index", str(EXAMPLES), "--index-dir", str(tmp_path / "i"), "--engine", "ray",
                                  "--ray-address", address])
    assert r.exit_code in (1, 2) and says in r.output and "Traceback" not in r.output, r.output
    assert not (tmp_path / "i" / "contradict.sqlite").exists()


ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})  # the workers import tests.fakes
    yield
    ray.shutdown()


def _report(settings, paths, engine=None):
    from contradict.runs.ray_engine import RayEngine

    kw = {"encoder": FakeEncoder(), "scorer": FakeScorer(), "frame_reader": FakeFrameReader()}
    if engine is not None:
        kw = {"engine": RayEngine(settings, workers=2, factories=engine)}
    pipe = Pipeline(settings, **kw)
    try:
        st = pipe.index(paths)
        return st, pipe.report(top=0).to_json()
    finally:
        pipe.close()


def _same(a, b):
    for rep in (a, b):
        rep.pop("generated_at", None)
    assert a == b


def _settings(tmp_path, name):
    return replace(Settings(), index_dir=tmp_path / name, nli_model="fake-nli", nli_prefilter="none")


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["examples", "basil"])
def test_ray_engine_gives_the_local_report(local_ray, tmp_path, corpus):
    paths = [EXAMPLES] if corpus == "examples" else [BASIL]
    if not paths[0].exists():
        pytest.skip(f"{paths[0]} not found (../shared)")
    st_local, local = _report(_settings(tmp_path, "local"), paths)
    st_ray, remote = _report(_settings(tmp_path, "ray"), paths, FakeModels())
    assert st_ray.claims == st_local.claims > 0 and st_ray.pairs_scored == st_local.pairs_scored > 0
    _same(local, remote)


@pytest.mark.slow
def test_a_worker_killed_mid_stage_is_replaced_and_the_run_completes(local_ray, tmp_path):
    _, local = _report(_settings(tmp_path, "local"), [EXAMPLES])
    marker = tmp_path / "died"
    _, remote = _report(_settings(tmp_path, "ray"), [EXAMPLES], FakeModels(die_once=str(marker)))
    assert marker.exists()  # a worker did die in the embedding stage
    _same(local, remote)


@pytest.mark.slow
def test_workers_that_keep_dying_stop_the_run_and_change_nothing_stored(local_ray, tmp_path):
    s = _settings(tmp_path, "ray")
    _report(s, [EXAMPLES / "herald_dam_collapse.txt"])  # an index with one article
    store = Store(s.store_path)
    before = store.checksum()
    store.close()
    from contradict.errors import ContradictError

    with pytest.raises(ContradictError, match="Ray worker failed"):
        _report(s, [EXAMPLES], FakeModels(die_always=True))
    store = Store(s.store_path)
    assert store.checksum() == before
    store.close()
    _, remote = _report(s, [EXAMPLES], FakeModels())  # the next run completes the work
    local = _settings(tmp_path, "local")  # the same two runs, locally (story ids keep the first run's)
    _report(local, [EXAMPLES / "herald_dam_collapse.txt"])
    _same(_report(local, [EXAMPLES])[1], remote)


@pytest.mark.slow
def test_a_worker_scores_without_the_gate_so_the_driver_gates_once(tmp_path):
    """The driver puts the gate in front of the workers' scorer (it holds the claims' vectors): a worker that
    gated too stored every score under a name with the gate twice, apart from a local run's."""
    from contradict.backends.nli import scorer_name
    from contradict.runs.ray_engine import _Worker
    from contradict.settings import Settings

    s = Settings(index_dir=tmp_path / "index")
    worker = _Worker(s)
    local = scorer_name(s)
    assert "(gate" in local and "(gate" not in worker.scorer.name and local.startswith(worker.scorer.name)
