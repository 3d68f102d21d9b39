"""CSV import: seconds to import N rows into a fresh database, against a 100-row baseline in the same run."""

import tempfile
import time
from pathlib import Path

from tracker import create_app, exports, geo, importer
from tracker import db as database

SIZES = (100, 1_000, 10_000)
ACTIONS_PER_MOTION = 5
STATUSES = ("campaign", "introduced", "in_committee", "scheduled", "passed")


def places(count):
    """Return (name, state) of the `count` most populous distinct US places in the gazetteer."""
    # The index is keyed by (folded name, state); its values no longer carry the state.
    found = sorted(geo._us_places().items(), key=lambda item: -item[1]["population"])
    return [(p["name"], state) for (_name, state), p in found if state in geo.states()][:count]


def make_csv(rows, bad_row=None):
    """Build a CSV of `rows` rows: motions of five dated actions each, spread over real places."""
    motions = -(-rows // ACTIONS_PER_MOTION)
    towns = places(max(1, motions // 2))
    lines = [",".join(exports.MOTION_COLUMNS)]
    for i in range(rows):
        motion, step = divmod(i, ACTIONS_PER_MOTION)
        name, state = towns[motion % len(towns)]
        cells = {
            "city": name,
            "state": state,
            "place_kind": "city",
            "council_seats": "9",
            "title": f"Resolution {motion}",
            "kind": "resolution",
            "aim": "restrict",
            "body": "City Council",
            "date": f"2020-{step + 1:02}-15",
            "status": STATUSES[step],
            "description": f"Step {step} of motion {motion}.",
        }
        if step == ACTIONS_PER_MOTION - 1:
            cells.update(vote_result="pass", yes="5", no="4", source_url=f"https://example.org/minutes/{motion}")
        if i == bad_row:
            cells["date"] = "2020-02-30"
        lines.append(
            ",".join(
                f'"{cells.get(c, "")}"' if "," in cells.get(c, "") else cells.get(c, "") for c in exports.MOTION_COLUMNS
            )
        )
    return "\r\n".join(lines) + "\r\n"


def timed_import(text):
    """Import text into a new database; return (seconds, report)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "DATABASE": str(path)})
        db = database.connect(path)
        database.init_db(db)
        with app.app_context():  # the forms' rules need one
            start = time.perf_counter()
            report = importer.run(db, text)
            seconds = time.perf_counter() - start
        db.conn.close()
    return seconds, report


def main():
    """Print import times per size and their ratio to the 100-row baseline."""
    geo.lookup("Durham", "NC")  # load the gazetteer before timing
    print(f"{'rows':>8}{'seconds':>10}{'rows/s':>10}{'x baseline':>12}  result")
    baseline = None
    for size in SIZES:
        seconds, report = timed_import(make_csv(size))
        baseline = baseline or seconds
        outcome = "; ".join(report.errors[:1]) or report.summary()
        print(f"{size:>8}{seconds:>10.2f}{size / seconds:>10.0f}{seconds / baseline:>12.1f}  {outcome[:90]}")
    seconds, report = timed_import(make_csv(SIZES[-1], bad_row=SIZES[-1] // 2))
    print(f"{SIZES[-1]:>8}{seconds:>10.2f}{'':>10}{seconds / baseline:>12.1f}  one bad row: {report.errors[0]}")
