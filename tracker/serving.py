"""Production serving: `tracker serve` runs the app under gunicorn; the lock that says a process serves a database."""

import fcntl
import os
from pathlib import Path

from . import db as database

# Seconds the longest request we allow may take: a 16 MB CSV import through /editor/import (TRACKER_REQUEST_TIMEOUT).
# gthread workers run requests in threads and report alive meanwhile, so gunicorn replaces only a worker that
# stops answering for this long; a stop or restart waits this long for requests in flight; and the proxy in
# front (deploy/) waits a little longer than this for an answer.
DEFAULT_TIMEOUT = 75


def default_workers():
    """Worker processes from the CPU count: one per core and one more, as gunicorn advises, at least two."""
    return max(2, (os.cpu_count() or 1) + 1)


def gunicorn_options(bind, workers, threads, timeout):
    """Return gunicorn's settings for tracker."""
    return {
        "bind": bind,
        "workers": workers,
        # Threads share a worker's memory (its page cache) and keep their SQLite connections (db.thread_connection).
        "worker_class": "gthread",
        "threads": threads,
        "timeout": timeout,
        # On SIGTERM (systemctl stop, restart) requests in flight get as long to finish as any request may take.
        "graceful_timeout": timeout,
        "keepalive": 5,
        # One line per request on standard output, for the journal; errors on standard error.
        "accesslog": "-",
        "errorlog": "-",
        # The app's ProxyFix (TRACKER_PROXIES) is the one place that decides which forwarded headers to believe:
        # gunicorn itself believes none, so it never sets the scheme from a header the app would not trust.
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        # Nothing written beside the code or in the home folder (gunicorn's control socket); workers' heartbeat
        # files go to the system's temporary folder.
        "control_socket_disable": True,
    }


def serve(app, bind, workers, threads, timeout):
    """Run app under gunicorn until it is stopped (SIGTERM stops it gracefully, SIGQUIT at once)."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        """gunicorn serving the one app created in this process (its workers are forks of it)."""

        def load_config(self):
            """Apply tracker's settings (gunicorn's command-line and config files are not read)."""
            for key, value in gunicorn_options(bind, workers, threads, timeout).items():
                self.cfg.set(key, value)

        def load(self):
            """Return the WSGI app."""
            return app

    Server().run()


def lock_path(path):
    """The lock file beside a database (a path or a `file:` URI): serving processes hold it shared, a restore wants
    it alone."""
    return Path(f"{database.file_of(path)}.lock")


class ServingLock:
    """A shared lock on a database's lock file, held by a thread's connection for as long as it is open.

    A restore takes the lock exclusively, so while any serving process holds one, restore knows the database is in
    use and refuses (unless forced). The kernel drops the lock when the process ends, however it ends.
    """

    def __init__(self, path):
        """Take the shared lock (waiting for a restore's swap to finish); without one (a read-only folder), go on."""
        try:
            self.fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            self.fd = None
            return
        fcntl.flock(self.fd, fcntl.LOCK_SH)

    def close(self):
        """Let go of the lock."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __del__(self):
        """Let go of the lock when the connection that held it is dropped."""
        self.close()


def server_running(path):
    """Return an open file holding the exclusive lock if no server uses the database, else None."""
    file = open(lock_path(path), "a")  # noqa: SIM115 - returned to the caller, who closes it
    try:
        fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        file.close()
        return None
    return file
