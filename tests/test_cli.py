"""The command line: init-db, seed, and the database bootstrap that `make run` performs."""

import subprocess
import sys
from pathlib import Path

from tracker import db as database

from .conftest import make_app

ROOT = Path(__file__).resolve().parent.parent


def test_init_db_then_seed_then_again(tmp_path):
    runner = make_app(tmp_path / "cli.db").test_cli_runner()
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0 and "created" in result.output
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0 and "rows written" in result.output
    assert "up to date" in runner.invoke(args=["init-db"]).output
    assert "already present" in runner.invoke(args=["seed"]).output


def test_seed_without_a_schema_says_what_to_do(tmp_path):
    result = make_app(tmp_path / "none.db").test_cli_runner().invoke(args=["seed"])
    assert result.exit_code != 0
    assert "run `init-db` first" in result.output


def test_make_db_bootstraps_a_seeded_database_in_an_empty_instance_folder(tmp_path):
    path = tmp_path / "instance" / "tracker.db"
    bin_dir = Path(sys.executable).parent
    # -o: use the virtualenv running these tests as it is, never reinstall it.
    command = [
        "make",
        "--no-print-directory",
        "-C",
        str(ROOT),
        "-o",
        ".venv/.installed",
        "db",
        f"DB={path}",
        f"BIN={bin_dir}",
    ]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "created" in first.stdout and "rows written" in first.stdout
    second = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "up to date" in second.stdout and "Seed" not in second.stdout
    db = database.connect(path)
    assert db.execute("SELECT slug FROM city").fetchall() == [("durham-nc",)]


def test_the_console_script_runs_the_same_commands(tmp_path):
    script = Path(sys.executable).parent / "tracker"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True)
    for command in ("init-db", "seed", "run"):
        assert command in result.stdout
