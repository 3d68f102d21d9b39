"""How the public pages grow with the data: time per request at N cities against the 1-city baseline."""

import statistics
import tempfile
import time
from pathlib import Path

from tracker import create_app, records, seed
from tracker import db as database

SIZES = (1, 100, 1000)
PATHS = ("/", "/?state=TX", "/motions/1", "/cities/durham-nc")
REPEAT = 15


def grow_to(db, cities):
    """Add Texas towns (each with a motion and an action) until the database holds `cities` cities."""
    have = db.execute("SELECT count(*) FROM city").fetchone()[0]
    with database.transaction(db):
        for i in range(have, cities):
            city_id = records.create_city(
                db,
                {
                    "slug": f"town-{i}-tx",
                    "name": f"Town {i}",
                    "state": "TX",
                    "lat": 30.0,
                    "lon": -97.0,
                    "council_seats": 9,
                },
            )
            motion_id = records.create_motion(
                db, {"city_id": city_id, "kind": "resolution", "title": f"Motion {i}", "published": 1}
            )
            records.add_action(
                db, motion_id, {"date": "2020-01-01", "classification": "introduced", "description": "Introduced."}
            )


def median_ms(client, path):
    """Return the median time of REPEAT requests for path, in milliseconds."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times)


def main():
    """Print a table of median request times and their ratio to the 1-city baseline."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "DATABASE": str(path)})
        db = database.connect(path)
        database.init_db(db)
        seed.load(db)
        client = app.test_client()
        baseline = {}
        print(f"{'path':<22}{'cities':>8}{'median ms':>12}{'x baseline':>12}")
        for size in SIZES:
            grow_to(db, size)
            for page in PATHS:
                ms = median_ms(client, page)
                baseline.setdefault(page, ms)
                print(f"{page:<22}{size:>8}{ms:>12.2f}{ms / baseline[page]:>12.2f}")
        db.conn.close()
