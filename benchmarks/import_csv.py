"""CSV import: time, rows/s, peak memory and write-lock time per file size, each import in a fresh process.

Every size is imported into a new database by a process of its own, so its peak memory (ru_maxrss) is the
import's alone; the figure printed is the growth over the same process just before the import (app loaded,
gazetteer read). The write lock is the time between BEGIN IMMEDIATE and COMMIT, traced on the connection: while
it lasts, every other write (a login, an editor's save) waits.
"""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tracker import create_app, exports, geo, importer
from tracker import db as database

SIZES = (1_000, 20_000, 60_000)
ACTIONS_PER_MOTION = 5
STATUSES = ("campaign", "introduced", "in_committee", "scheduled", "passed")


def places(count):
    """Return (name, state) of the `count` most populous distinct US places in the gazetteer."""
    # The index is keyed by (folded name, state); its values no longer carry the state.
    found = sorted(geo._us_places().items(), key=lambda item: -item[1]["population"])
    return [(p["name"], state) for (_name, state), p in found if state in geo.states()][:count]


def make_csv(rows, bad_row=None):
    """Build a CSV of `rows` rows: motions of five dated actions each, spread over real places.

    Each motion's last action is its vote, with the minutes as its source, as in an export of the record.
    """
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


def measure(csv_path):
    """Import a CSV file into a new database in this process; return its figures as a dict."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "DATABASE": str(path)})
        db = database.connect(path)
        database.init_db(db)
        geo.lookup("Durham", "NC")  # load the gazetteer before measuring
        locks, begun = [], []

        def trace(statement):
            """Time each write transaction."""
            if statement.startswith("BEGIN IMMEDIATE"):
                begun.append(time.perf_counter())
            elif statement in ("COMMIT", "ROLLBACK") and begun:
                locks.append(time.perf_counter() - begun.pop())

        db.conn.set_trace_callback(trace)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with app.app_context(), open(csv_path, encoding="utf-8-sig", newline="") as source:  # the forms need one
            start = time.perf_counter()
            report = importer.run(db, source)
            seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        db.conn.close()
    return {
        "seconds": seconds,
        "lock": max(locks, default=0.0),
        "memory": (peak - before) / 1024,  # KiB -> MiB
        "outcome": "; ".join(report.errors[:1]) or report.summary(),
    }


def in_fresh_process(text):
    """Write the CSV to a file and import it in a new Python process; return its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "import.csv"
        csv_path.write_text(text, encoding="utf-8", newline="")
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.import_csv", str(csv_path)],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(done.stdout.splitlines()[-1])


def main():
    """Print each size's figures and its time against the smallest size."""
    print(f"{'rows':>8}{'seconds':>10}{'rows/s':>10}{'x base':>8}{'peak MiB':>10}{'lock s':>8}  result")
    baseline = None
    for size in SIZES:
        figures = in_fresh_process(make_csv(size))
        seconds = figures["seconds"]
        baseline = baseline or seconds / size
        print(
            f"{size:>8}{seconds:>10.2f}{size / seconds:>10.0f}{seconds / size / baseline:>8.2f}"
            f"{figures['memory']:>10.0f}{figures['lock']:>8.2f}  {figures['outcome'][:80]}"
        )
    size = SIZES[1]
    figures = in_fresh_process(make_csv(size, bad_row=size // 2))
    print(
        f"{size:>8}{figures['seconds']:>10.2f}{'':>10}{'':>8}{figures['memory']:>10.0f}{figures['lock']:>8.2f}"
        f"  one bad row: {figures['outcome'][:70]}"
    )
    print("(x base: seconds per row against the smallest file; peak MiB: memory growth during the import)")


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
