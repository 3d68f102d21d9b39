"""Load generators for the endpoint benchmark: wrk when it is installed, else keep-alive Python clients.

Either runs as its own process pinned to the CPUs the servers do not use, keeps CONNECTIONS connections busy for
a number of seconds, and reports requests per second, p50/p99 latency in ms, errors (timeouts, broken
connections) and answers whose status was not the expected one. Run as a module it is the Python fallback:
`python -m benchmarks.loadgen BASE TEMPLATE MAXID SECONDS EXPECTED SEED [IF_NONE_MATCH]` prints one JSON line.
"""

import http.client
import json
import math
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

CONNECTIONS = 8
TIMEOUT = 10.0  # seconds: a slower answer counts as an error, so a pathological endpoint cannot stall the run
WRK = shutil.which("wrk")
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
ROOT = Path(__file__).resolve().parent.parent


def kind():
    """Name the load generator in use: wrk, or python when wrk is missing or BENCH_LOADGEN=python."""
    return "python" if os.environ.get("BENCH_LOADGEN") == "python" or not WRK else "wrk"


def run(base, template, maxid, seconds, expected, seed, etag=None, cpus=None):
    """Load base+template (with {id} in 1..maxid) for `seconds`; return rps, p50, p99, n, errors, unexpected.

    The seed picks the ids: give each load its own, or a page cache serves the ids an earlier load asked for.
    """
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    extra = [etag] if etag else []
    if kind() == "wrk":
        argv = [WRK, "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", f"--timeout={TIMEOUT:.0f}s"]
        argv += ["-s", str(LUA), base, "--", template, str(maxid), str(expected), str(seed), *extra]
    else:
        argv = [sys.executable, "-m", "benchmarks.loadgen", base, template, str(maxid), str(seconds), str(expected)]
        argv += [str(seed), *extra]
    done = subprocess.run(
        argv, capture_output=True, text=True, preexec_fn=pin, cwd=ROOT, timeout=seconds + TIMEOUT + 30, check=False
    )
    for line in done.stdout.splitlines():
        if line.startswith("WRKREPORT"):
            return from_wrk(line)
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"load generator failed ({done.returncode}): {done.stderr.strip()[-500:]}")


def from_wrk(line):
    """Read the line wrk_report.lua prints: counts, then p50 and p99 in microseconds."""
    fields = line.split()
    requests, micros, broken, timeouts, unexpected = (int(x) for x in fields[1:6])
    return {
        "rps": requests / (micros / 1e6) if micros else 0.0,
        "p50": float(fields[7]) / 1000 if requests else math.nan,
        "p99": float(fields[8]) / 1000 if requests else math.nan,
        "n": requests,
        # wrk drops what is still in flight when its time is up: with no answer at all, every connection's request
        # went unanswered for the whole window, and counts as an error as a timeout would.
        "errors": broken + timeouts + (CONNECTIONS if requests == 0 else 0),
        "unexpected": unexpected,
    }


def fetch(base, path, headers=None, timeout=TIMEOUT):
    """One GET on a new connection: (ms, status, headers), or (ms, None, {}) when it failed or timed out."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    start = time.perf_counter()
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return (time.perf_counter() - start) * 1000, response.status, dict(response.getheaders())
    except (OSError, http.client.HTTPException):
        return (time.perf_counter() - start) * 1000, None, {}
    finally:
        conn.close()


def client(base, template, maxid, deadline, expected, headers, seed):
    """One keep-alive connection sending requests until the deadline; return (latencies in s, errors, unexpected)."""
    url, rng = urlsplit(base), random.Random(seed)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=TIMEOUT)
    latencies, errors, unexpected = [], 0, 0
    while time.monotonic() < deadline:
        start = time.perf_counter()
        try:
            conn.request("GET", template.replace("{id}", str(rng.randint(1, maxid))), headers=headers)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()  # http.client reconnects on the next request
            continue
        latencies.append(time.perf_counter() - start)
        unexpected += response.status != expected
    conn.close()
    return latencies, errors, unexpected


def clients(args):
    """Run `count` clients as threads of this process; return their merged results."""
    base, template, maxid, deadline, expected, headers, first_seed, count = args
    results = [None] * count

    def one(i):
        """Run client i and keep what it returns."""
        results[i] = client(base, template, maxid, deadline, expected, headers, first_seed + i)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [x for r in results for x in r[0]], sum(r[1] for r in results), sum(r[2] for r in results)


def main(argv):
    """The Python load generator: one process per CPU it may use (the GIL caps one), threads for the rest."""
    base, template, maxid, seconds, expected = argv[0], argv[1], int(argv[2]), float(argv[3]), int(argv[4])
    seed = int(argv[5])
    headers = {"If-None-Match": argv[6]} if len(argv) > 6 else {}
    procs = min(CONNECTIONS, len(os.sched_getaffinity(0)))
    start = time.perf_counter()
    deadline = time.monotonic() + seconds  # one clock for every process of the pool
    shares = [CONNECTIONS // procs + (i < CONNECTIONS % procs) for i in range(procs)]
    jobs = [
        (base, template, maxid, deadline, expected, headers, 1000 * seed + 100 * i, n) for i, n in enumerate(shares)
    ]
    if procs == 1:
        parts = [clients(jobs[0])]
    else:
        with multiprocessing.Pool(procs) as pool:
            parts = pool.map(clients, jobs)
    elapsed = time.perf_counter() - start
    latencies = sorted(x for part in parts for x in part[0])

    def percentile(p):
        """The p-th percentile of the latencies, in ms."""
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else math.nan

    report = {
        "rps": len(latencies) / elapsed,
        "p50": percentile(0.50),
        "p99": percentile(0.99),
        "n": len(latencies),
        "errors": sum(part[1] for part in parts),
        "unexpected": sum(part[2] for part in parts),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
