"""The real production server for tests: `tracker serve` (gunicorn) on a database of the test's, started the way
the README says, on a socket of its own, and always stopped again."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def tracker_command(prefix=None):
    """The `tracker` console script of a virtualenv (this one by default)."""
    return str(Path(prefix or sys.prefix) / "bin" / "tracker")


class Response:
    """What a server answered: status, the raw header list (repeats kept) and the body."""

    def __init__(self, status, headers, body):
        """Keep the answer."""
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        """Every value of a header, in the order sent."""
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def text(self):
        """The body as text."""
        return self.body.decode("utf-8", errors="replace")


class Served:
    """`tracker serve` on a free port with a given database; environment and working folder of the test's."""

    def __init__(self, database, workdir, workers=1, threads=4, env=None, command=None, timeout=30, user=None):
        """Start the server (as user, when given) and wait until /healthz answers 200 (or raise with its log)."""
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        self.port = sock.getsockname()[1]
        self.log = self.workdir / f"serve-{self.port}.log"
        # The socket is handed over (gunicorn's fd:// bind), so no other process can take the port in between.
        argv = [command or tracker_command(), "serve", "--bind", f"fd://{sock.fileno()}"]
        argv += ["--workers", str(workers), "--threads", str(threads)]
        settings = {
            "TRACKER_DATABASE": str(database),
            "TRACKER_SECRET_KEY": "serving-test-secret",
            "TRACKER_INSTANCE": str(self.workdir / "instance"),
        }
        try:
            with open(self.log, "wb") as log:
                self.proc = subprocess.Popen(
                    argv,
                    cwd=self.workdir,
                    env={**os.environ, **settings, **(env or {})},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=(sock.fileno(),),
                    start_new_session=True,  # its own process group: stop() reaches the workers too
                    user=user,
                )
        finally:
            sock.close()  # gunicorn holds its own copy
        try:
            self.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def wait_ready(self, timeout):
        """Wait until /healthz answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"tracker serve did not start; its log says:\n{self.tail()}")

    def get(self, path, headers=None, method="GET"):
        """Send one request on a new connection; return the Response."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, headers=headers or {})
            answer = conn.getresponse()
            return Response(answer.status, answer.getheaders(), answer.read())
        finally:
            conn.close()

    def tail(self, lines=30):
        """The last lines of the server's log."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        """Stop the whole process group: gunicorn's quick shutdown (SIGQUIT), then SIGKILL for stragglers."""
        for sig, grace in ((signal.SIGQUIT, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(grace)
                break
            except subprocess.TimeoutExpired:
                continue
