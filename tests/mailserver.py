"""A real SMTP server for the tests (aiosmtpd on a free port of 127.0.0.1) that keeps the messages it accepts."""

import email
import email.policy
import re
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collector:
    """An aiosmtpd handler keeping each accepted message; with accept=n, the server stops after n messages."""

    def __init__(self, accept=None):
        """Start with no messages."""
        self.messages, self.raw, self.accept, self.lock = [], [], accept, threading.Lock()
        self.server = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        """Keep the message, or refuse it (421, closing) once the limit is reached and the server is stopping."""
        with self.lock:
            if self.accept is not None and len(self.messages) >= self.accept:
                return "421 4.3.2 Service shutting down"
            self.raw.append(envelope.content)
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
            if self.accept is not None and len(self.messages) >= self.accept:
                # Stopped from another thread: the server's own loop cannot wait for itself.
                threading.Thread(target=self.server.stop, daemon=True).start()
        return "250 Message accepted for delivery"


class MailServer:
    """A running aiosmtpd server: its port, its messages, and stop()."""

    def __init__(self, accept=None, port=None):
        """Start the server on port (a free one by default)."""
        self.port = port or free_port()
        self.handler = Collector(accept)
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.handler.server = self
        self.controller.start()
        self.stopped = False

    @property
    def messages(self):
        """The messages accepted so far."""
        return list(self.handler.messages)

    def stop(self):
        """Stop the server (once)."""
        if not self.stopped:
            self.stopped = True
            self.controller.stop()

    @property
    def url(self):
        """The TRACKER_SMTP_URL of this server."""
        return f"smtp://127.0.0.1:{self.port}"


def body(message):
    """The plain-text body of a message."""
    return message.get_body(("plain",)).get_content()


def link(message, path):
    """The first address in a message's body whose path starts with path (e.g. /alerts/confirm/)."""
    found = re.search(r"https?://[^/\s]+(" + re.escape(path) + r"\S+)", body(message))
    assert found, f"no {path} link in:\n{body(message)}"
    return found.group(1)
