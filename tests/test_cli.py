"""The command line: init-db, seed, and the database bootstrap that `make run` performs."""

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import auth
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
    assert ("durham-nc",) in db.execute("SELECT slug FROM city").fetchall()
    assert db.execute("SELECT count(*) FROM city").fetchone()[0] >= 10


def test_the_console_script_runs_the_same_commands(tmp_path):
    script = Path(sys.executable).parent / "tracker"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True)
    for command in ("init-db", "seed", "run"):
        assert command in result.stdout


def user_row(app, email):
    """Return (role, active, session_version, password hash) of an account."""
    db = database.connect(app.config["DATABASE"])
    try:
        return db.execute(
            "SELECT role, active, session_version, password_hash FROM user WHERE email = ?", [email]
        ).fetchone()
    finally:
        db.conn.close()


def test_create_user_reads_a_piped_password(app):
    result = app.test_cli_runner().invoke(
        args=["create-user", "Ed@Example.org", "--role", "editor"], input="correct horse battery staple\n"
    )
    assert result.exit_code == 0, result.output
    assert "Created editor account ed@example.org." in result.output
    role, active, _, stored = user_row(app, "ed@example.org")
    assert (role, active) == ("editor", 1) and stored.startswith("$argon2id$")


def test_create_user_takes_a_long_passphrase_and_hashes_all_of_it(app):
    passphrase = "a quiet lantern over the Eno river at dusk " * 4
    result = app.test_cli_runner().invoke(
        args=["create-user", "long@example.org", "--role", "organizer"], input=passphrase + "\n"
    )
    assert result.exit_code == 0, result.output
    stored = user_row(app, "long@example.org")[3]
    assert auth.verify_password(stored, passphrase) and not auth.verify_password(stored, passphrase[:72])


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["create-user", "ed@example.org", "--role", "editor"], "too short\n", "Use at least 12 characters"),
        (["create-user", "ed@example.org", "--role", "editor"], "password1234\n", "too common"),
        (
            ["create-user", "ed@example.org", "--role", "editor"],
            "correct horse battery staple\nsomething else entirely\n",
            "do not match",
        ),
        (
            ["create-user", "not-an-email", "--role", "editor"],
            "correct horse battery staple\n",
            "is not an email address",
        ),
        (["create-user", "ed@example.org", "--role", "root"], "correct horse battery staple\n", "Invalid value"),
        (["set-password", "nobody@example.org"], "correct horse battery staple\n", "There is no account"),
        (["deactivate-user", "nobody@example.org"], "", "There is no account"),
    ],
)
def test_user_commands_refuse_bad_input_with_a_clear_message(app, args, password, message):
    result = app.test_cli_runner().invoke(args=args, input=password)
    assert result.exit_code != 0
    assert message in result.output
    assert user_row(app, "ed@example.org") is None


def test_an_existing_account_is_not_created_twice(app, accounts):
    result = app.test_cli_runner().invoke(
        args=["create-user", "editor@example.org", "--role", "admin"], input="correct horse battery staple\n"
    )
    assert result.exit_code != 0 and "already exists" in result.output


def test_set_password_and_deactivate_user(app, accounts):
    runner = app.test_cli_runner()
    _, _, version, old_hash = user_row(app, "editor@example.org")
    result = runner.invoke(args=["set-password", "editor@example.org"], input="a new long passphrase\n")
    assert result.exit_code == 0
    _, _, new_version, new_hash = user_row(app, "editor@example.org")
    assert new_hash != old_hash and new_version == version + 1
    result = runner.invoke(args=["deactivate-user", "editor@example.org"])
    assert result.exit_code == 0 and "Deactivated editor@example.org." in result.output
    assert user_row(app, "editor@example.org")[1] == 0


def test_backup_copies_the_database_online_readable_by_its_owner_only(app, tmp_path):
    target = tmp_path / "backups" / "tracker-copy.db"
    missing = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert missing.exit_code != 0 and "does not exist; create it first" in missing.output
    assert not (tmp_path / "backups").exists()
    (tmp_path / "backups").mkdir()
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0 and "integrity check: ok" in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # it holds password hashes
    copy = database.connect(target)
    assert copy.execute("SELECT slug FROM city").fetchall() == [("durham-nc",)]
    again = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert again.exit_code != 0 and "exists already" in again.output


def test_export_warns_without_a_site_address_and_never_overwrites_unasked(app, tmp_path):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["export", str(tmp_path / "out")])
    assert first.exit_code == 0
    assert "TRACKER_SITE_URL is not set" in first.stderr
    (tmp_path / "out" / "votes.csv").write_text("mine")
    again = runner.invoke(args=["export", str(tmp_path / "out")])
    assert again.exit_code != 0 and "use --force" in again.output
    assert (tmp_path / "out" / "votes.csv").read_text() == "mine"
    forced = runner.invoke(args=["export", "--force", str(tmp_path / "out")])
    assert forced.exit_code == 0
    assert (tmp_path / "out" / "votes.csv").read_text().startswith("city,state")
    app.config["SITE_URL"] = "https://tracker.example.org"
    quiet = runner.invoke(args=["export", "--force", str(tmp_path / "out")])
    assert "TRACKER_SITE_URL" not in quiet.stderr
    assert "https://tracker.example.org/motions/1" in (tmp_path / "out" / "feed.atom").read_text()


def test_a_dry_run_says_what_each_row_would_do_and_bad_choices_list_the_allowed_values(app, tmp_path):
    rows = [
        "city,state,council_seats,title,kind,date,status",
        "Chapel Hill,NC,9,Res 1,resolution,2020-01-01,introduced",
        "Chapel Hill,NC,9,Res 1,resolution,2020-02-01,passed",
    ]
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(rows) + "\n")
    result = app.test_cli_runner().invoke(args=["import-csv", "--dry-run", str(path)])
    assert result.exit_code == 0
    assert "row 2: would create 1 action, 1 city, 1 motion; would update nothing" in result.output
    assert "row 3: would create 1 action; would update nothing" in result.output
    path.write_text("\n".join([*rows, "Chapel Hill,NC,9,Res 2,decree,2020-02-30,passed"]) + "\n")
    refused = app.test_cli_runner().invoke(args=["import-csv", "--dry-run", str(path)])
    assert "row 4, column kind: Not a valid choice: use one of resolution, ordinance, statement," in refused.stderr
    assert refused.stderr.count("column date") == 1
