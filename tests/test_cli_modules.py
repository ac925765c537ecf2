"""The CLI as one module per command (issue 38): every command builds its pipeline through
``contradict.cli.app.pipeline`` (the one factory tests replace), and ``app.opened`` stops the progress and closes
the pipeline however its block ends."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from contradict.cli import LAB_COMMANDS, app, main
from contradict.errors import ContradictError


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    """Each product command with the arguments that get it as far as its pipeline."""
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    return {"index": ["index", str(inbox)], "report": ["report"], "mark": ["mark", "a|b", "wrong"],
            "calibrate": ["calibrate"], "articles": ["articles"], "facts": ["facts"], "stories": ["stories"],
            "frames": ["frames"], "query": ["query", "The dam held."], "pair": ["pair", "a", "b"],
            "batch": ["batch", str(inbox)]}


def test_every_command_builds_its_pipeline_through_app_pipeline(tmp_path, monkeypatch):
    calls: list[tuple[int, dict]] = []

    def no_pipeline(ctx, *args, **kwargs):
        calls.append((len(args), kwargs))
        raise ContradictError("no pipeline here")

    monkeypatch.setattr("contradict.cli.app.pipeline", no_pipeline)
    commands = _commands(tmp_path)
    assert set(commands) == set(main.commands) - set(LAB_COMMANDS)  # a new command is added here too
    for name, args in commands.items():
        calls.clear()
        r = CliRunner().invoke(main, [*args, "--index-dir", str(tmp_path / "index")])
        assert r.exit_code == 1 and "no pipeline here" in r.output, (name, r.output)
        assert len(calls) == 1, name
        progress, kwargs = calls[0]
        assert kwargs == ({"engine": True} if name in ("index", "batch") else {}), name
        assert progress == (1 if name in ("index", "batch", "report", "pair") else 0), name


class _Tick:
    def __init__(self, events):
        self.events = events

    def __call__(self, stage, done, total):
        pass

    def stop(self):
        self.events.append("stop")


class _Pipe:
    def __init__(self, events):
        self.events = events

    def close(self):
        self.events.append("close")


class _App:
    def __init__(self, events):
        self.events = events

    def progress(self):
        return _Tick(self.events)


@pytest.mark.parametrize("progress", [True, False])
def test_opened_stops_the_progress_then_closes_the_pipeline_when_its_block_fails(monkeypatch, progress):
    events: list[str] = []
    monkeypatch.setattr(app, "pipeline", lambda ctx, *a, **k: _Pipe(events))
    with pytest.raises(RuntimeError, match="mid-run"), app.opened(_App(events), progress=progress) as pipe:
        assert isinstance(pipe, _Pipe)
        raise RuntimeError("mid-run")
    assert events == (["stop", "close"] if progress else ["close"])


def test_each_cli_module_stays_under_400_lines():
    cli_dir = Path(app.__file__).parent
    long = {p.name: n for p in sorted(cli_dir.glob("*.py")) if (n := len(p.read_text().splitlines())) >= 400}
    assert not long


def test_pair_and_batch_say_on_stderr_what_was_left_out_as_report_does(tmp_path, monkeypatch):
    """Two articles of other days whose one line the scorer reads as a contradiction of two hearing times: left
    out as two occasions; `pair` and `batch` say so on stderr, as `report` does, and print only the report on stdout."""
    import json

    from contradict.runs.pipeline import Pipeline

    from .fakes import FakeEncoder, FakeScorer

    class HearingTimes(FakeScorer):
        def label(self, premise, hypothesis):
            if premise != hypothesis and premise.startswith("The hearing starts") and hypothesis.startswith("The hearing"):
                return "contradiction"
            return super().label(premise, hypothesis)

    def fake_pipeline(ctx, progress=None, engine=False):
        return Pipeline(ctx.settings, encoder=FakeEncoder(), scorer=HearingTimes(), progress=progress)

    monkeypatch.setattr("contradict.cli.app.pipeline", fake_pipeline)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.json").write_text(json.dumps({"id": "a", "title": "Court Diary", "date": "2014-12-02", "text":
                                              "The hearing starts at 1 p.m. ET.\n\nApples sold well at the fair."}))
    (inbox / "b.json").write_text(json.dumps({"id": "b", "title": "Senate Notes", "date": "2013-09-19", "text":
                                              "The hearing starts at 9:30 ET.\n\nThe river rose after the storm."}))
    index = ["--index-dir", str(tmp_path / "index")]
    runner = CliRunner()
    batch = runner.invoke(main, ["batch", str(inbox), "--reports-dir", str(tmp_path / "reports"), *index])
    assert batch.exit_code == 0, batch.output
    assert "1 NLI contradiction left out (1 of a recurring line)" in batch.stderr
    pair = runner.invoke(main, ["pair", "a", "b", "--format", "json", *index])
    assert pair.exit_code == 0, pair.output
    assert "1 NLI contradiction left out (1 of a recurring line)" in pair.stderr
    assert json.loads(pair.stdout)["summary"]["occasions"] == 1  # stdout holds only the JSON
