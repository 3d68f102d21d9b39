"""Outgoing email: the SMTP settings, and one connection that sends messages through smtplib."""

import smtplib
import ssl
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

# Answers and failures that mean the server is gone or going (not that one message was refused): the batch stops
# there and the rest waits for the next run.
UNAVAILABLE = 421
TIMEOUT = 30


class MailSettingsError(ValueError):
    """The SMTP settings cannot be used as they are."""


@dataclass(frozen=True)
class Settings:
    """Where and how to send: host, port, login, STARTTLS, and the From address."""

    host: str
    port: int
    user: str | None
    password: str | None
    starttls: bool
    sender: str


def truthy(value):
    """Read a yes/no setting given as text or as a value."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def settings(config):
    """Return the SMTP Settings from the app's config, or None when no SMTP server is set (alerts are off)."""
    url = config.get("SMTP_URL")
    if url:
        parts = urlsplit(url)
        if parts.scheme != "smtp" or not parts.hostname:
            # The setting may hold a password: the message never repeats it.
            raise MailSettingsError("TRACKER_SMTP_URL must look like smtp://user:pass@host:587?starttls=1.")
        query = parse_qs(parts.query)
        host, port = parts.hostname, parts.port or 25
        user = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password else None
        starttls = truthy(query.get("starttls", ["0"])[0])
    elif config.get("SMTP_HOST"):
        host, user, password = config["SMTP_HOST"], config.get("SMTP_USER"), config.get("SMTP_PASSWORD")
        try:
            port = int(config.get("SMTP_PORT") or 25)
        except (TypeError, ValueError):
            raise MailSettingsError(
                f"TRACKER_SMTP_PORT must be a port number, not {config.get('SMTP_PORT')!r}."
            ) from None
        starttls = truthy(config.get("SMTP_STARTTLS", False))
    else:
        return None
    if user and not starttls and host not in ("localhost", "127.0.0.1", "::1"):
        raise MailSettingsError(
            "A password for the SMTP server is sent only over an encrypted connection: set starttls=1 in "
            "TRACKER_SMTP_URL (or TRACKER_SMTP_STARTTLS=true), or send through a server on this machine."
        )
    sender = config.get("MAIL_FROM")
    if not sender or "@" not in sender:
        raise MailSettingsError("TRACKER_MAIL_FROM must name the address alerts come from (alerts@example.org).")
    if not config.get("SITE_URL"):
        raise MailSettingsError(
            "TRACKER_SITE_URL must give the site's address (https://tracker.example.org) for links."
        )
    return Settings(host, port, user, password, starttls, sender)


class Unavailable(Exception):
    """The SMTP server cannot be reached or is closing: stop sending for this run."""


class Refused(Exception):
    """The SMTP server refused this one message (its recipient, say): try it again later, go on with the rest."""


class Connection:
    """One SMTP session for a run of sends, opened on the first message."""

    def __init__(self, mail_settings):
        """Remember the settings; connect lazily."""
        self.settings, self.smtp = mail_settings, None

    def open(self):
        """Connect, say EHLO, start TLS when asked, and log in when a user is set."""
        s = self.settings
        smtp = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT)
        if s.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if s.user:
            smtp.login(s.user, s.password or "")
        self.smtp = smtp

    def send(self, message):
        """Send one message; return once the server has accepted it, or raise Unavailable or Refused."""
        try:
            if self.smtp is None:
                self.open()
            # The recipient given as such, not read from the To header: one address, exactly as validated.
            self.smtp.send_message(message, to_addrs=[message["To"]])
        except smtplib.SMTPResponseException as error:
            if error.smtp_code == UNAVAILABLE or error.smtp_code < 400:
                self.close()
                raise Unavailable(f"{error.smtp_code} {error.smtp_error!r}") from error
            raise Refused(f"{error.smtp_code} {error.smtp_error!r}") from error
        except smtplib.SMTPRecipientsRefused as error:
            raise Refused(f"recipient refused: {list(error.recipients.values())!r}") from error
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise Unavailable(f"{type(error).__name__}: {error}") from error

    def close(self):
        """End the session (quietly: the server may already be gone)."""
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None
