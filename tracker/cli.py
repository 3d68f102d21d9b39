"""Command-line interface: `flask --app tracker <command>` or the `tracker` console script."""

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

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
    db = database.connect(current_app.config["DATABASE"])
    try:
        if database.schema_version(db) != database.latest_version():
            raise click.ClickException("The database is missing or out of date: run `init-db` first.")
        before = db.execute("SELECT count(*) FROM change_log").fetchone()[0]
        seed_records.load(db)
        added = db.execute("SELECT count(*) FROM change_log").fetchone()[0] - before
    finally:
        db.conn.close()
    click.echo(f"Seed records loaded: {added} rows written." if added else "Seed records already present.")


def init_app(app):
    """Register the commands on the app."""
    app.cli.add_command(init_db_command)
    app.cli.add_command(seed_command)


def main():
    """Run the `tracker` console script (the flask CLI bound to this app)."""
    from . import create_app

    FlaskGroup(create_app=create_app)(prog_name="tracker")
