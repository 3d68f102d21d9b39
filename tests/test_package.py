"""The installable package: a wheel built from the checkout, installed in a fresh virtualenv elsewhere, serves the
site with everything it needs (templates, schema, migrations, static files) from the package itself."""

import shutil
import sqlite3
import stat
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .serving import Served, tracker_command

ROOT = Path(__file__).resolve().parent.parent
# What the build needs from the checkout; the copy keeps build/ and *.egg-info out of the checkout.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "schema.sql", "templates", "tracker")


def run(argv, **options):
    """Run a command, failing the test with its output when it fails."""
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, **options)
    assert result.returncode == 0, f"{argv} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """Build the wheel from a copy of the checkout, without the network."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(work / "dist"), str(source)])
    (built,) = (work / "dist").glob("tracker-*.whl")
    return built


def test_the_wheel_holds_every_file_the_app_reads_as_files(wheel):
    with zipfile.ZipFile(wheel) as archive:
        entries = {info.filename: info for info in archive.infolist()}
    expected = ["tracker/schema.sql", "tracker/templates/base.html", "tracker/templates/errors/error.html"]
    expected += ["tracker/migrations/0001_initial.sql", "tracker/static/style.css", "tracker/static/favicon.ico"]
    expected += [f"tracker/templates/{p.relative_to(ROOT / 'templates')}" for p in (ROOT / "templates").rglob("*.html")]
    missing = [name for name in expected if name not in entries]
    assert not missing, missing
    links = [name for name, info in entries.items() if stat.S_ISLNK(info.external_attr >> 16)]
    assert not links, links
    assert entries["tracker/schema.sql"].file_size == (ROOT / "schema.sql").stat().st_size


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A fresh virtualenv outside the checkout holding the wheel; its dependencies read from this one's packages."""
    venv = tmp_path_factory.mktemp("installed") / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "--quiet", "install", "--no-deps", "--no-index", wheel])
    # A plain path line: this virtualenv's packages (Flask, gunicorn, ...) without its editable tracker, which is
    # installed by a .pth hook that a path line does not run.
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_the_installed_package_is_imported_from_the_new_virtualenv(installed, tmp_path):
    where = run([str(installed / "bin" / "python"), "-c", "import tracker; print(tracker.__file__)"], cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(installed), where
    assert not Path(where.strip()).resolve().is_relative_to(ROOT)


def test_the_installed_package_creates_seeds_and_serves_the_site(installed, tmp_path):
    database = tmp_path / "data" / "tracker.db"
    env = {"TRACKER_DATABASE": str(database), "TRACKER_INSTANCE": str(tmp_path / "instance"), "PATH": "/usr/bin:/bin"}
    tracker = tracker_command(installed)
    assert "created" in run([tracker, "init-db"], cwd=tmp_path, env=env)
    assert "rows written" in run([tracker, "seed"], cwd=tmp_path, env=env)
    conn = sqlite3.connect(database)
    motion_id = conn.execute("SELECT id FROM motion WHERE published ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    server = Served(database, tmp_path / "served", command=tracker, env=env)
    try:
        for path in ("/", f"/motions/{motion_id}", "/about", "/static/style.css", "/favicon.ico"):
            response = server.get(path)
            assert response.status == 200, (path, server.tail())
        missing = server.get("/nothing-here")
        assert missing.status == 404 and "There is nothing at this address." in missing.text
        assert "<footer" in missing.text  # our page, from the packaged templates
    finally:
        server.stop()
