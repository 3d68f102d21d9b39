"""Command-line interface: `flask --app tracker <command>` or the `tracker` console script."""

import fcntl
import sqlite3
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from . import alerts, auth, backups, forms, freeze, importer, mail, queries, records, serving
from . import db as database
from . import seed as seed_records


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database from schema.sql, or migrate an older one in place (never loses data)."""
    db = database.connect(current_app.config["DATABASE"])
    try:
        outcome = database.init_db(db)
    finally:
        db.conn.close()
    click.echo(f"Database {current_app.config['DATABASE']}: {outcome}.")


@click.command("seed")
@with_appcontext
def seed_command():
    """Load the sourced seed records (the Durham 2018 record); running it again changes nothing."""
    db = open_db()
    try:
        added = seed_records.load(db)
    finally:
        db.conn.close()
    click.echo(f"Seed records loaded: {added} rows written." if added else "Seed records already present.")


def read_new_password(email):
    """Ask for a new password twice (or read it from piped standard input) and check it."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt="Password again")
    else:
        lines = sys.stdin.read().splitlines()
        password = lines[0] if lines else ""
        if len(lines) > 1 and lines[1] != password:
            raise click.ClickException("The two passwords do not match.")
    problem = forms.password_problem(password, email)
    if problem:
        raise click.ClickException(problem)
    return password


def open_db():
    """Open the app's database, refusing one that init-db has not brought up to date."""
    db = database.connect(current_app.config["DATABASE"])
    if database.schema_version(db) != database.latest_version():
        db.conn.close()
        raise click.ClickException("The database is missing or out of date: run `init-db` first.")
    return db


def existing_account(db, email):
    """Return the account for an email, or stop with a message saying there is none."""
    account = queries.get_user_by_email(db, email)
    if account is None:
        raise click.ClickException(f"There is no account for {email}.")
    return account


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(auth.ROLES), required=True, help="What the account may do.")
@with_appcontext
def create_user_command(email, role):
    """Create an account; the password is asked twice (or read from standard input when piped)."""
    email = email.strip().lower()
    if not forms.EMAIL.match(email):
        raise click.ClickException(f"{email!r} is not an email address.")
    db = open_db()
    try:
        if queries.email_taken(db, email):
            raise click.ClickException(f"An account for {email} already exists.")
        password = read_new_password(email)
        records.create_user(db, email, auth.hash_password(password), role)
    finally:
        db.conn.close()
    click.echo(f"Created {role} account {email}.")


@click.command("set-password")
@click.argument("email")
@with_appcontext
def set_password_command(email):
    """Set an account's password (asked twice, or piped) and log it out everywhere."""
    db = open_db()
    try:
        account = existing_account(db, email)
        password = read_new_password(account["email"])
        records.set_password(db, account["id"], auth.hash_password(password))
    finally:
        db.conn.close()
    click.echo(f"Password changed for {account['email']}; its sessions are ended.")


@click.command("deactivate-user")
@click.argument("email")
@with_appcontext
def deactivate_user_command(email):
    """Deactivate an account: it can no longer log in and its sessions end."""
    db = open_db()
    try:
        account = existing_account(db, email)
        records.set_account(db, account["id"], {"active": 0})
    finally:
        db.conn.close()
    click.echo(f"Deactivated {account['email']}.")


@click.command("import-csv")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--dry-run", is_flag=True, help="Validate and report what would change; write nothing.")
@with_appcontext
def import_csv_command(file, dry_run):
    """Import motions from a CSV in the format of /exports/motions.csv (all rows validated first)."""
    db = open_db()
    try:
        # The file is read as a stream, row by row: a large one is never held whole in memory.
        report = importer.run(db, file, dry_run=dry_run)
    except sqlite3.OperationalError as error:  # busy past the timeout, or read-only: the transaction rolled back
        message = f"The database cannot take the import now ({error}); nothing was written."
        raise click.ClickException(message) from error
    finally:
        db.conn.close()
    if report.errors:
        for line in report.errors:
            click.echo(line, err=True)
        if report.more_errors():
            click.echo(f"… and {report.more_errors()} more problems.", err=True)
        raise click.ClickException(f"{report.error_count} problem(s) found; nothing was written.")
    if dry_run:
        for line in report.details():
            click.echo(line)
        if report.more_details():
            click.echo(f"… and {report.more_details()} more rows.")
    click.echo(("Dry run: " if dry_run else "") + report.summary())


EXPORTS = (
    ("motions.csv", "/exports/motions.csv"),
    ("votes.csv", "/exports/votes.csv"),
    ("cities.geojson", "/exports/cities.geojson"),
    ("feed.atom", "/feed.atom"),
)


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace files the directory already holds.")
@with_appcontext
def export_command(directory, force):
    """Write motions.csv, votes.csv, cities.geojson and feed.atom into a directory."""
    target = Path(directory)
    present = [name for name, _url in EXPORTS if (target / name).exists()]
    if present and not force:
        raise click.ClickException(
            f"{target} already holds {', '.join(present)}; use --force to replace them, or choose another folder."
        )
    site = current_app.config.get("SITE_URL")
    if not site:
        click.echo(
            "Warning: TRACKER_SITE_URL is not set, so the files link to http://localhost; set it to the site's "
            "public address (e.g. https://tracker.example.org).",
            err=True,
        )
    target.mkdir(parents=True, exist_ok=True)
    client = current_app.test_client()
    for name, url in EXPORTS:
        with client.get(url, base_url=site or "http://localhost") as response:
            if response.status_code != 200:
                raise click.ClickException(f"{url} answered {response.status_code}")
            (target / name).write_bytes(response.get_data())
        click.echo(f"Wrote {target / name}")


def listed(label, lines, shown=5):
    """Return "label (n): the first few lines, and how many more", or nothing when there are none."""
    if not lines:
        return None
    more = f"; and {len(lines) - shown} more" if len(lines) > shown else ""
    return f"{label} ({len(lines)}): " + "; ".join(lines[:shown]) + more


@click.command("freeze")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace everything the directory already holds.")
@click.option(
    "--base-url",
    help="The mirror's public address, for the absolute links in feeds and the API "
    "(default: TRACKER_SITE_URL, else http://localhost/).",
)
@with_appcontext
def freeze_command(directory, force, base_url):
    """Write the public site into a directory as static files that any static host serves at the same URLs."""
    base_url = base_url or current_app.config.get("SITE_URL")
    if not base_url:
        base_url = "http://localhost/"
        click.echo(
            "Warning: neither --base-url nor TRACKER_SITE_URL is set, so feeds and the API link to http://localhost; "
            "set one to the mirror's public address (e.g. https://tracker.example.org).",
            err=True,
        )
    db = open_db()
    try:
        required, optional = freeze.site_urls(db, current_app)
    finally:
        db.conn.close()
    try:
        report = freeze.freeze(current_app, directory, base_url, required, optional, force=force)
    except freeze.FreezeError as error:
        raise click.ClickException(str(error)) from error
    # One line per place would bury the summary; the first few name what is missing.
    redirects = [f"{url} -> {to}" for url, to in report.redirects.items()]
    for line in filter(None, (listed("Skipped", report.skipped), listed("Not written (a redirect)", redirects))):
        click.echo(line)
    for url, pages in report.broken.items():
        click.echo(f"Broken link: {url} (linked from {', '.join(pages)})", err=True)
    for line in report.problems:
        click.echo(f"Problem: {line}", err=True)
    if not report.ok:
        raise click.ClickException(
            f"{len(report.broken)} broken link(s) and {len(report.problems)} other problem(s); "
            f"{directory} was left as it was."
        )
    click.echo(
        f"Froze {report.files} files ({report.bytes / 1e6:.1f} MB) into {directory} in {report.seconds:.1f} seconds."
    )


@click.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(destination):
    """Copy the database to DESTINATION with SQLite's online backup (safe while the site is serving)."""
    target = Path(destination)
    if target.exists():
        raise click.ClickException(f"{target} exists already; choose a new file name.")
    if not target.parent.is_dir():
        raise click.ClickException(f"The folder {target.parent} does not exist; create it first (nothing was written).")
    open_db().conn.close()
    ok = backups.copy_database(current_app.config["DATABASE"], target)
    if ok != "ok":
        target.unlink()
        raise click.ClickException(f"The copy failed its integrity check ({ok}) and was deleted: nothing is backed up.")
    click.echo(f"Backed up {current_app.config['DATABASE']} to {target} (integrity check: {ok}).")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Restore even while a server uses the database (restart it right after).")
@with_appcontext
def restore_command(source, force):
    """Replace the database with the backup SOURCE (checked first); the replaced file is kept aside."""
    path = current_app.config["DATABASE"]
    try:
        aside, outcome = backups.restore(source, path, force=force)
    except backups.RestoreError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {source} into {path} ({outcome}).")
    if aside:
        click.echo(f"The database it replaced is kept as {aside}.")
    if force:
        click.echo("Restart the server now: its workers still hold the replaced file open.")


@click.command("serve")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="Address and port (or unix:PATH).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=serving.default_workers,
    show_default="CPU count + 1",
    help="Worker processes.",
)
@click.option("--threads", type=click.IntRange(min=1), default=4, show_default=True, help="Threads per worker.")
@with_appcontext
def serve_command(bind, workers, threads):
    """Serve the site in production with gunicorn (the serve extra): gthread workers, access log on stdout."""
    try:
        import gunicorn  # noqa: F401
    except ImportError as error:
        raise click.ClickException("gunicorn is not installed: pip install 'tracker[serve]'.") from error
    open_db().conn.close()  # a missing or old database is said now, not on the first request
    timeout = current_app.config["REQUEST_TIMEOUT"]
    if not isinstance(timeout, int) or isinstance(timeout, bool) or timeout < 1:
        raise click.ClickException(f"TRACKER_REQUEST_TIMEOUT must be a number of seconds (say 75), not {timeout!r}.")
    # Held from the start by the master (its workers inherit it), so that a restore refuses from the moment the
    # server runs, not only once it has answered a request.
    lock = serving.ServingLock(current_app.config["DATABASE"])
    try:
        serving.serve(current_app._get_current_object(), bind, workers, threads, timeout)
    finally:
        lock.close()


@click.command("send-alerts")
@with_appcontext
def send_alerts_command():
    """Queue alerts for the changes since the last run and send the emails that are due (run it every few minutes)."""
    mail_settings = mail.settings(current_app.config)
    if mail_settings is None:
        raise click.ClickException("Email alerts are off: set TRACKER_SMTP_URL (or TRACKER_SMTP_HOST) first.")
    site = SiteLinks(current_app.config["SITE_URL"], current_app.config["SECRET_KEY"])
    # One run at a time (a timer's and one started by hand, say): two would send the same queue twice.
    with open(f"{database.file_of(current_app.config['DATABASE'])}.alerts.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise click.ClickException("Another send-alerts is running; nothing was sent by this one.") from None
        db = open_db()
        try:
            outcome = alerts.send_alerts(db, mail_settings, site)
        finally:
            db.conn.close()
    click.echo(
        f"Alerts: {outcome['events']} new changes queued; {outcome['sent']} emails sent, {outcome['failed']} failed "
        f"(retried later); {outcome['waiting']} waiting."
    )


class SiteLinks:
    """What alert emails need of the site: its address and the key that signs confirmation links."""

    def __init__(self, url, secret):
        """Keep the address and the key."""
        self.url, self.secret = url, secret


def init_app(app):
    """Register the commands on the app."""
    for command in (
        init_db_command,
        seed_command,
        create_user_command,
        set_password_command,
        deactivate_user_command,
        import_csv_command,
        export_command,
        freeze_command,
        backup_command,
        restore_command,
        serve_command,
        send_alerts_command,
    ):
        app.cli.add_command(command)


def main():
    """Run the `tracker` console script (the flask CLI bound to this app)."""
    from . import create_app

    FlaskGroup(create_app=create_app)(prog_name="tracker")
