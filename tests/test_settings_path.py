"""One settings path (issue 38): CONTRADICT_* variables are read by Settings.from_env alone, flags arrive as its
overrides, and one check refuses a bad value whichever way it came."""

import click
from click.testing import CliRunner

from contradict.cli import main
from contradict.cli.options import SettingOption
from contradict.settings import Settings


def _setting_flags() -> list[SettingOption]:
    out = []
    for cmd in main.commands.values():
        out += [p for p in cmd.params if isinstance(p, SettingOption)]
    return out


def test_no_flag_reads_the_environment_itself():
    """Every flag that names a CONTRADICT_* variable is a SettingOption (which never resolves it): a plain click
    option with envvar= would be a second path."""
    plain = [f"{name} {p.opts[0]}" for name, cmd in sorted(main.commands.items()) for p in cmd.params
             if isinstance(p, click.Option) and not isinstance(p, SettingOption) and p.envvar]
    assert plain == [] and len(_setting_flags()) > 20


def test_a_variable_is_checked_by_the_settings_in_one_line(tmp_path):
    r = CliRunner().invoke(main, ["articles", "--index-dir", str(tmp_path)], env={"CONTRADICT_TOP": "-1"})
    assert r.exit_code == 2 and "--top (or CONTRADICT_TOP) is -1" in r.output, r.output
    r = CliRunner().invoke(main, ["articles", "--index-dir", str(tmp_path)], env={"CONTRADICT_FORMAT": "pdf"})
    assert r.exit_code == 2 and "CONTRADICT_FORMAT" in r.output and "pdf" in r.output, r.output


def test_flags_win_over_the_environment_and_unset_flags_leave_it():
    env = {"CONTRADICT_TOP": "7", "CONTRADICT_FORMAT": "json", "RAY_ADDRESS": "auto", "CONTRADICT_QUERY_BUDGET": "50"}
    s = Settings.from_env(env, top=None, format=None)
    assert (s.top, s.format, s.ray_address, s.query_budget) == (7, "json", "auto", 50)
    assert Settings.from_env(env, top=3, format="html").top == 3
    assert Settings.from_env({"CONTRADICT_RAY_ADDRESS": "ray://h:10001", "RAY_ADDRESS": "auto"}).ray_address == \
        "ray://h:10001"


def test_the_shared_options_hold_before_the_command_and_the_commands_own_win(tmp_path, monkeypatch):
    """Global options on the root group (as hatch has them): ``contradict --index-dir A -v articles``; the same
    option after the command wins, -v counts in both places."""
    from contradict.cli import app

    seen: list[dict] = []

    def spy(**kw):
        seen.append(kw)
        raise click.exceptions.Exit(0)

    monkeypatch.setattr(app, "_make_ctx", spy)
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    for args in (["--index-dir", a, "articles"], ["--index-dir", a, "articles", "--index-dir", b],
                 ["-v", "--nli-gate", "none", "articles", "-v"], ["-q", "articles"], ["articles"]):
        assert CliRunner().invoke(main, args).exit_code == 0
    got = [(k.get("index_dir"), k.get("verbose"), k.get("quiet"), k.get("nli_gate")) for k in seen]
    assert got == [(tmp_path / "a", 0, False, None), (tmp_path / "b", 0, False, None), (None, 2, False, "none"),
                   (None, 0, True, None), (None, 0, False, None)]


def test_an_option_before_the_command_reads_the_same_index_as_after_it(tmp_path):
    before = CliRunner().invoke(main, ["--index-dir", str(tmp_path / "none"), "articles"])
    after = CliRunner().invoke(main, ["articles", "--index-dir", str(tmp_path / "none")])
    assert before.exit_code == after.exit_code != 0 and before.output == after.output and "none" in before.output
