"""Servers for the endpoint benchmark: gunicorn as production runs it, pinned to one CPU, always stopped again.

Each server gets its own process group, so stopping it stops its workers too, and a socket bound before it starts
(gunicorn's fd:// bind), so no port can be taken between choosing and binding it.
"""

import os
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_split():
    """Return (server CPUs, load generator CPUs): the last CPU for the servers, the others for the load.

    With a single CPU there is nothing to split, and both are None (no pinning).
    """
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return None, None
    return {cpus[-1]}, set(cpus[:-1])


class Server:
    """One gunicorn master (and its worker) serving one app on a socket of its own."""

    def __init__(self, name, app, env, cpus, log_dir, threads=8):
        """Start gunicorn: one gthread worker, `threads` threads, keep-alive as in production."""
        self.name = name
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        self.base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.log = Path(log_dir) / f"{name}.log"
        argv = [sys.executable, "-m", "gunicorn", "-w", "1", "-k", "gthread", "--threads", str(threads)]
        argv += ["--keep-alive", "5", "--bind", f"fd://{sock.fileno()}", "--log-level", "warning", app]
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(
                argv,
                cwd=ROOT,
                env={**os.environ, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=(sock.fileno(),),
                preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
                start_new_session=True,  # its own process group: stop() reaches the worker too
            )
        sock.close()  # gunicorn holds its own copy

    def wait_ready(self, path, timeout=60):
        """Wait until path answers 200 (the worker has loaded the app), or raise with the server's log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.base + path, timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.HTTPError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start; its log says:\n{self.tail()}")

    def tail(self, lines=20):
        """The last lines of the server's log."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def worker(self):
        """The pid of gunicorn's worker: the master's child (None when there is none)."""
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                return int(pid)
        return None

    def cpu_seconds(self, pid=None):
        """CPU time the worker (or another of the server's processes) has used so far, user + system."""
        try:
            fields = Path(f"/proc/{pid or self.worker()}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / TICKS

    def total_cpu_seconds(self):
        """CPU time the master and its worker have used so far."""
        return self.cpu_seconds(self.proc.pid) + self.cpu_seconds()

    def wait_idle(self, quiet=0.3, limit=30.0):
        """Wait until the worker stops using CPU: requests the last load left queued must not slow the next one."""
        deadline, last = time.monotonic() + limit, self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.cpu_seconds()
            if now == last:
                return True
            last = now
        return False

    def memory(self):
        """The worker's resident memory now and at its peak, in MiB, from /proc/<pid>/status."""
        found = {}
        try:
            for line in Path(f"/proc/{self.worker()}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0]) / 1024
        except OSError:
            pass
        return found.get("VmRSS"), found.get("VmHWM")

    def stop(self):
        """Stop the server's whole process group: gunicorn's quick shutdown (SIGQUIT), then SIGKILL for stragglers."""
        # SIGTERM would be gunicorn's graceful shutdown, which waits up to 30 s for slow requests in flight.
        for sig, grace in ((signal.SIGQUIT, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:  # nothing left in the group
                break
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                continue


def machine_cpu_seconds():
    """CPU time every process on the machine has used since boot (all CPUs, idle and I/O wait left out)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / TICKS


def own_cpu_seconds(servers):
    """CPU time this process, its finished children (the load generators) and the servers have used so far."""
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime
    return used + sum(server.total_cpu_seconds() for server in servers)


def others_loading():
    """Servers and load generators this run did not start: they share the CPUs and make figures noisy."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(pid) != os.getpid() and any(word in cmd for word in ("gunicorn", "wrk ", "datasette serve", "uvicorn")):
            found.append(f"  {pid}: {cmd[:100]}")
    return found
