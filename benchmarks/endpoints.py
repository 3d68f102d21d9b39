"""Throughput of every public endpoint under gunicorn at 1,000 and 100,000 motions, as ratios to Flask "hello".

A shared 2-core machine is noisy: raw requests per second move from one run to the next, ratios measured in the
same round hold. So each round loads every endpoint at every size and the hello floor, back to back, and the
table shows medians over rounds of same-round ratios: to hello, and from the smallest size to the largest
(growth). It also shows the first request to each endpoint after the server starts (what a cache hides), and the
worker's memory after the run.

Run: `python -m benchmarks.endpoints [SIZE ...]` (default 1000 100000). Settings: BENCH_ROUNDS (3),
BENCH_SECONDS (2 per endpoint per round), BENCH_WARMUP (1), BENCH_LOADGEN=python to skip wrk, BENCH_CACHE for
the built databases.
"""

import fcntl
import itertools
import math
import os
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import loadgen, synthetic
from .servers import Server, cpu_split, machine_cpu_seconds, others_loading, own_cpu_seconds

SIZES = (1_000, 100_000)
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "2"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "1"))
LOCK = Path(tempfile.gettempdir()) / "tracker-bench.lock"
CONDITIONAL = "/ If-None-Match"
MAP = "/map/places.json"


@dataclass
class Endpoint:
    """One URL of one server, and what it measured."""

    label: str
    path: str
    server: Server
    maxid: int = 1
    expected: int = 200
    etag: str | None = None
    cold: tuple = ()
    runs: list = field(default_factory=list)


def paths(slug):
    """The public endpoints as (label, path): {id} becomes a random published motion's id on each request."""
    return [
        ("/motions/{id}", "/motions/{id}"),
        ("/", "/"),
        ("/?status=passed", "/?status=passed"),
        ("/cities/<largest place>", f"/cities/{slug}"),
        ("/api/v1/motions/{id}", "/api/v1/motions/{id}"),
        ("/api/v1/motions?status=passed", "/api/v1/motions?status=passed"),
        ("/api/v1/motions?q=bike", "/api/v1/motions?q=bike"),
        ("/search?q=bike", "/search?q=bike"),
        (MAP, MAP),
        ("/feed.atom", "/feed.atom"),
        (CONDITIONAL, "/"),
    ]


def facts(path):
    """The largest motion id (every motion is published) and the slug of the place with the most motions."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        maxid, unpublished = conn.execute("SELECT max(id), count(*) - sum(published) FROM motion").fetchone()
        assert unpublished == 0, "the random ids assume every motion is published"
        slug = conn.execute(
            "SELECT slug FROM city JOIN motion ON motion.city_id = city.id GROUP BY city.id ORDER BY count(*) DESC"
        ).fetchone()[0]
    finally:
        conn.close()
    return maxid, slug


def median(values):
    """The median, or NaN when there is nothing to take it of."""
    values = [v for v in values if not math.isnan(v)]
    return statistics.median(values) if values else math.nan


def short(n):
    """1000 -> 1k, 100000 -> 100k."""
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def cold_requests(endpoints, notes):
    """Send the first request to each endpoint of a fresh server, in order; keep its time, status and ETag."""
    first_etag = None
    for e in endpoints:
        if e.label == CONDITIONAL:
            e.etag = first_etag or '"none"'  # without an ETag any value will do: the answer must be a 200
        headers = {"If-None-Match": e.etag} if e.etag else {}
        ms, status, answer = loadgen.fetch(e.server.base, e.path.replace("{id}", str((e.maxid + 1) // 2)), headers)
        e.cold = (ms, status)
        if e.path == "/" and e.label != CONDITIONAL:
            first_etag = answer.get("ETag")
            if not first_etag:
                notes.append(f"{e.server.name}: / sends no ETag, so the conditional request cannot get a 304.")
        e.server.wait_idle()


def load(e, seconds, cpus, seed):
    """Load one endpoint, then wait for its server to finish whatever the load left queued."""
    result = loadgen.run(e.server.base, e.path, e.maxid, seconds, e.expected, seed, e.etag, cpus)
    # Still busy 30 s later: the next endpoint's figure shares the CPU with this backlog (reported in the notes).
    result["backlog"] = not e.server.wait_idle()
    return result


def measure(hello, groups, client_cpus):
    """Warm every endpoint up, then load them in rounds; return hello's per-round floor."""
    # One seed per load, in the order of loads: a run repeats the last run's ids, no load repeats an earlier one's.
    seeds = itertools.count(1)
    print(f"warm-up: {WARMUP:g} s per endpoint", flush=True)
    for e in [hello, *(e for group in groups for e in group)]:
        load(e, WARMUP, client_cpus, next(seeds))
    floors = []
    for r in range(ROUNDS):
        # Rotate where each round starts and alternate which size goes first, so no endpoint always follows a
        # heavy one; hello opens the round and is loaded again halfway, its mean being the round's floor.
        order = groups[r % len(groups) :] + groups[: r % len(groups)]
        half = len(order) // 2
        first = load(hello, SECONDS, client_cpus, next(seeds))
        for i, group in enumerate(order):
            if i == half:
                second = load(hello, SECONDS, client_cpus, next(seeds))
            for e in reversed(group) if r % 2 else group:
                e.runs.append(load(e, SECONDS, client_cpus, next(seeds)))
        floors.append((first["rps"] + second["rps"]) / 2)
        hello.runs.extend([first, second])
        print(f"round {r + 1}/{ROUNDS} done (hello {floors[-1]:.0f} req/s)", flush=True)
    return floors


def print_cold(sizes, groups):
    """The first request per endpoint after the server started, per size."""
    print("\nfirst request after start (ms, status)")
    print(f"{'endpoint':<32}" + "".join(f"{'@' + short(n):>18}" for n in sizes))
    for group in groups:
        cells = "".join(f"{e.cold[0]:>12.1f} {e.cold[1] or 'fail'!s:>5}" for e in group)
        print(f"{group[0].label:<32}{cells}")


def print_table(sizes, hello, groups, floors):
    """Req/s, ratio to hello, p50/p99 per size; growth from the first size to the last; errors per size."""
    head = f"\n{'endpoint':<32}"
    for n in sizes:
        head += f"{'req/s@' + short(n):>12}{'x hello':>8}{'p50 ms':>8}{'p99 ms':>8}"
    head += f"{'growth':>8}" if len(sizes) > 1 else ""
    print(head + "  errors (per size)")
    print(f"{hello.label:<32}{median([x['rps'] for x in hello.runs]):>12.0f}{1:>8.3f}", end="")
    print(f"{median([x['p50'] for x in hello.runs]):>8.1f}{median([x['p99'] for x in hello.runs]):>8.1f}")
    for group in groups:
        line = f"{group[0].label:<32}"
        for e in group:
            rps = [x["rps"] for x in e.runs]
            line += f"{median(rps):>12.1f}{median([a / b for a, b in zip(rps, floors, strict=True)]):>8.3f}"
            line += f"{median([x['p50'] for x in e.runs]):>8.1f}{median([x['p99'] for x in e.runs]):>8.1f}"
        if len(sizes) > 1:
            pairs = zip(group[-1].runs, group[0].runs, strict=True)
            line += f"{median([b['rps'] / a['rps'] if a['rps'] else math.nan for b, a in pairs]):>8.3f}"
        print(line + "  " + "/".join(str(sum(x["errors"] + x["unexpected"] for x in e.runs)) for e in group))
    print(
        "x hello: req/s over the hello floor of the same round; growth: req/s at the largest size over the smallest,"
        "\nsame round (below 1: slower); both medians over rounds. errors: timeouts, failed connections, unexpected"
        " statuses."
    )


def report(groups, notes):
    """Add notes on the conditional request's 304s and on loads that left their server busy."""
    for group in groups:
        for e in group:
            backlog = sum(x["backlog"] for x in e.runs)
            if backlog:
                notes.append(
                    f"{e.server.name} {e.label}: busy 30 s after {backlog} loads; the next figures may be low."
                )
            if e.label != CONDITIONAL:
                continue
            answered = sum(x["unexpected"] for x in e.runs)
            if answered:
                notes.append(
                    f"{e.server.name}: {answered} conditional requests to / were answered in full instead of 304: "
                    "the 304 path is missing."
                )


def run(sizes, work):
    """Build, serve, measure and print; `work` is a temporary folder for the databases' copies and the logs."""
    server_cpus, client_cpus = cpu_split()
    busy = others_loading()
    if busy:
        print("warning: other servers or load generators are running; figures will be noisier:\n" + "\n".join(busy))
    dbs = {n: synthetic.ensure(n) for n in sizes}
    print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    servers, notes = [], []
    try:
        servers.append(Server("hello", "benchmarks.hello_app:app", {}, server_cpus, work))
        hello = Endpoint("hello (Flask floor)", "/", servers[0])
        by_size = {}
        for n in sizes:
            # A copy per run: whatever the app writes (caches, counters) never reaches the cached file.
            copy = Path(work) / f"tracker-{n}.db"
            shutil.copyfile(dbs[n], copy)
            env = {"TRACKER_DATABASE": str(copy), "TRACKER_SECRET_KEY": "bench"}
            servers.append(Server(f"tracker@{short(n)}", "tracker:create_app()", env, server_cpus, work))
            maxid, slug = facts(copy)
            by_size[n] = [
                Endpoint(label, path, servers[-1], maxid if "{id}" in path else 1, 304 if label == CONDITIONAL else 200)
                for label, path in paths(slug)
            ]
        servers[0].wait_ready("/")
        for server in servers[1:]:
            server.wait_ready("/healthz")  # not one of the measured endpoints: their first request stays cold
        for server in servers:
            server.wait_idle()
        for n in sizes:
            cold_requests(by_size[n], notes)
        groups = [list(group) for group in zip(*(by_size[n] for n in sizes), strict=True)]
        missing = [g for g in groups if g[0].label == MAP and any(e.cold[1] == 404 for e in g)]
        if missing:
            notes.append(f"{MAP} answered 404 (not built yet): skipped.")
            groups = [g for g in groups if g not in missing]
        # What the rest of the machine did meanwhile says how far to trust this run's figures.
        start, machine, own = time.monotonic(), machine_cpu_seconds(), own_cpu_seconds(servers)
        floors = measure(hello, groups, client_cpus)
        others = max(0.0, (machine_cpu_seconds() - machine) - (own_cpu_seconds(servers) - own))
        share = others / ((time.monotonic() - start) * len(os.sched_getaffinity(0)))
        notes.append(
            f"other processes used {others:.0f} CPU-seconds during the loads, {share:.0%} of the machine\n"
            "      (figures of a run where that is more than a few percent are noisier: compare ratios, not req/s)."
        )
        memory = {s.name: s.memory() for s in servers}
    finally:
        for server in servers:
            server.stop()
    report(groups, notes)
    print_cold(sizes, groups)
    print_table(sizes, hello, groups, floors)
    print("\nworker memory after the run (gunicorn worker, /proc/<pid>/status)")
    for name, (rss, peak) in memory.items():
        if rss is not None:
            print(f"  {name:<16} VmRSS {rss:7.1f} MiB   peak (VmHWM) {peak:7.1f} MiB")
    for note in notes:
        print(f"note: {note}")


def main(sizes=SIZES):
    """Run the benchmark for these motion counts, one benchmark on the machine at a time."""
    print(
        f"load: {loadgen.kind()} with {loadgen.CONNECTIONS} connections; {ROUNDS} rounds x {SECONDS:g} s per endpoint "
        f"after {WARMUP:g} s warm-up; servers on CPU {cpu_split()[0]}, load generator on {cpu_split()[1]}",
        flush=True,
    )
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` stops the servers
    with open(LOCK, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for {LOCK}: another run of this benchmark is going on ...", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with tempfile.TemporaryDirectory(prefix="tracker-bench-") as work:
                run(tuple(sizes), work)
        finally:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or SIZES)
