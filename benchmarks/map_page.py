"""The home page in Chromium as the number of places grows: time until the map's markers are drawn, and sizes.

Ratios are against a 10-place baseline measured in the same run. The map reads its compact layer
(/map/places.json); the full GeoJSON download is measured beside it for comparison.
"""

import logging
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from werkzeug.serving import make_server

from tracker import create_app, geo, records
from tracker import db as database

from .import_csv import places

SIZES = (10, 1_000, 5_000)
REPEAT = 5
STATUSES = ("introduced", "passed", "failed", "scheduled", "vetoed")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build(path, count):
    """A database with `count` real places, each with one published motion."""
    db = database.connect(path)
    database.init_db(db)
    with database.transaction(db):
        for i, (name, state) in enumerate(places(count)):
            lat, lon = geo.lookup(name, state)
            city_id = records.create_city(
                db,
                {
                    "slug": geo.slug(name, state),
                    "name": name,
                    "state": state,
                    "lat": lat,
                    "lon": lon,
                    "council_seats": 9,
                },
            )
            motion_id = records.create_motion(
                db, {"city_id": city_id, "kind": "resolution", "published": 1, "title": f"Resolution {i}"}
            )
            records.add_action(
                db, motion_id, {"date": "2022-03-01", "classification": STATUSES[i % len(STATUSES)], "description": "x"}
            )
    db.conn.close()


def size(url):
    """Bytes of a resource (uncompressed)."""
    with urllib.request.urlopen(url) as response:
        return len(response.read())


def measure(browser, url):
    """Median seconds from navigation until the map's markers are drawn, and bytes of the page, layer and GeoJSON."""
    times = []
    for _ in range(REPEAT):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("#map[data-ready=true]", timeout=60_000)
        times.append(time.perf_counter() - start)
        context.close()
    return statistics.median(times), size(url), size(url + "map/places.json"), size(url + "exports/cities.geojson")


def main():
    """Print load times and sizes per city count, with ratios to the baseline."""
    from playwright.sync_api import sync_playwright

    if not Path("/usr/bin/chromium").exists():
        print("skipped: no /usr/bin/chromium (apt-get install -y chromium)")
        return
    geo.lookup("Durham", "NC")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log in the figures
    print(f"{'places':>7}{'load s':>9}{'x base':>8}{'page KB':>9}{'layer KB':>10}{'geojson KB':>12}")
    baseline = None
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for count in SIZES:
            path = Path(tmp) / f"{count}.db"
            build(path, count)
            app = create_app({"SECRET_KEY": "bench", "DATABASE": str(path)})
            server = make_server("127.0.0.1", 0, app, threaded=True)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            seconds, page_bytes, layer_bytes, geojson_bytes = measure(
                browser, f"http://127.0.0.1:{server.server_port}/"
            )
            server.shutdown()
            baseline = baseline or seconds
            print(
                f"{count:>7}{seconds:>9.2f}{seconds / baseline:>8.2f}{page_bytes / 1024:>9.1f}"
                f"{layer_bytes / 1024:>10.1f}{geojson_bytes / 1024:>12.1f}"
            )
        browser.close()
