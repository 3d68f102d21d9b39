"""deploy/ agrees with the code: the units run commands and options that exist, with settings the app reads, the
proxy examples forward to where the service listens, and the backup unit's shell keeps the newest copies."""

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from .serving import tracker_command

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
UNITS = ("tracker.service", "tracker-backup.service")


def unit_lines(name, key):
    """The values of a key (ExecStart, Environment, ...) in a unit file."""
    return [line.split("=", 1)[1] for line in (DEPLOY / name).read_text().splitlines() if line.startswith(f"{key}=")]


def systemd_unescaped(value):
    """A command line as systemd hands it over: $$ and %% become $ and %."""
    return value.replace("$$", "$").replace("%%", "%")


@pytest.mark.parametrize("unit", UNITS)
def test_the_units_run_tracker_commands_that_exist(app, unit):
    commands = set(app.cli.list_commands(app.app_context()))
    text = (DEPLOY / unit).read_text()
    used = re.findall(r"/bin/tracker (\S+)", text)
    assert used and set(used) <= commands, used
    for call in re.findall(r"/bin/tracker ([^'\n\"]+)", text):
        words = shlex.split(call)
        options = [w for w in words if w.startswith("--")]
        help_text = app.test_cli_runner().invoke(args=[words[0], "--help"]).output
        assert all(option in help_text for option in options), (call, help_text)


@pytest.mark.parametrize("unit", UNITS)
def test_the_units_set_only_settings_the_app_reads(app, unit):
    for value in unit_lines(unit, "Environment"):
        name = value.split("=", 1)[0]
        if name.startswith("TRACKER_"):
            assert name == "TRACKER_INSTANCE" or name.removeprefix("TRACKER_") in app.config, name


def test_the_proxies_forward_to_where_the_service_listens():
    (start,) = unit_lines("tracker.service", "ExecStart")
    bind = start.split("--bind ", 1)[1].split()[0]
    assert f"reverse_proxy {bind}" in (DEPLOY / "Caddyfile").read_text()
    assert f"proxy_pass http://{bind};" in (DEPLOY / "nginx.conf").read_text()
    assert "TRACKER_PROXIES=1" in unit_lines("tracker.service", "Environment")


def test_the_backup_unit_makes_a_dated_copy_and_keeps_the_newest(app, tmp_path):
    state = tmp_path / "state"
    (state / "backups").mkdir(parents=True)
    old = [state / "backups" / f"tracker-202001{day:02d}T000000Z.db" for day in range(1, 16)]
    for path in old:
        path.write_text("an older copy")
    env = {"TRACKER_DATABASE": app.config["DATABASE"], "TRACKER_INSTANCE": str(state), "KEEP": "14"}
    env["PATH"] = "/usr/bin:/bin"
    for key in ("ExecStart", "ExecStartPost"):
        (line,) = unit_lines("tracker-backup.service", key)
        line = systemd_unescaped(line).replace("/opt/tracker/venv/bin/tracker", tracker_command())
        line = line.replace("/var/lib/tracker", str(state))
        subprocess.run(shlex.split(line), env=env, check=True, timeout=60)
    kept = sorted(p.name for p in (state / "backups").iterdir())
    assert len(kept) == 14 and kept[-1].startswith("tracker-2") and kept[-1] not in {p.name for p in old}
    assert kept[0] == old[2].name  # the two oldest went
