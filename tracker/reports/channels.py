"""Where change reports go: one small class per channel, in a registry keyed
by the name of its table in ``tracker.toml`` (``[report.email]``,
``[report.webhook]``, ``[report.outbox]``).

Each class's docstring is the user's documentation of that channel. A
channel checks its table when it is built, raising ``InputError`` that names
the key at fault, so a typo shows up before any report is due; ``send``
raises :class:`DeliveryError` with one line, which the delivery loop records
before it moves on to the next delivery.
"""

import hashlib
import hmac
import json
import os
import re
import smtplib
import ssl
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

import requests

from tracker.errors import InputError, TrackerError
from tracker.model import Report
from tracker.reports.render import (
    render_html,
    render_json,
    render_markdown,
    render_text,
    report_document,
)

SIGNATURE_HEADER = "X-Tracker-Signature"
TIMESTAMP_HEADER = "X-Tracker-Timestamp"
KEY_HEADER = "X-Tracker-Report-Key"
# How far a receiver should let a signed request's timestamp stray from its
# own clock (README: "Checking a webhook"); older requests are replays.
SIGNATURE_TOLERANCE_SECONDS = 300
USER_AGENT = "tracker (change reports)"


class DeliveryError(TrackerError):
    """A report could not be delivered on one channel; the message says why."""


class Channel:
    """A place reports go. Subclasses set ``name`` and the keys they take."""

    name: ClassVar[str]
    required: ClassVar[tuple[str, ...]] = ()
    optional: ClassVar[tuple[str, ...]] = ()

    def __init__(self, table: dict):
        check_keys(self.name, table, self.required, self.optional)
        self.table = dict(table)

    def send(self, report: Report) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of anything held between sends (a connection pool)."""


CHANNEL_TYPES: dict[str, type[Channel]] = {}


def register(cls: type[Channel]) -> type[Channel]:
    CHANNEL_TYPES[cls.name] = cls
    return cls


def make_channel(name: str, table: dict) -> Channel:
    """The channel called ``name``, built (and checked) from its table."""
    if name not in CHANNEL_TYPES:
        raise InputError(f"unknown report channel {name!r} (use {', '.join(CHANNEL_TYPES)})")
    return CHANNEL_TYPES[name](table)


@register
class EmailChannel(Channel):
    """``[report.email]``: each report as an email with a plain-text and an
    HTML part; the subject is the report's title.

    - ``host`` (required): the SMTP server.
    - ``from`` (required): the sender address.
    - ``to`` (required): a list of recipient addresses (or one address).
    - ``security``: ``"starttls"`` (default), ``"tls"`` (implicit TLS) or ``"none"``.
    - ``port``: default 587 with starttls, 465 with tls, 25 with none.
    - ``username`` and ``password_env``: log in as ``username`` with the
      password held in the environment variable named by ``password_env``
      (the password itself never goes in the file).
    - ``timeout``: seconds to wait for the server (default 30).

    The Message-ID is derived from the report's key, so a message sent again
    after a failure is recognisably the same message.
    """

    name = "email"
    required = ("host", "from", "to")
    optional = ("port", "security", "username", "password_env", "timeout")
    PORTS: ClassVar[dict[str, int]] = {"none": 25, "starttls": 587, "tls": 465}

    def __init__(self, table: dict):
        super().__init__(table)
        self.host = text_key(self.name, table, "host")
        self.sender = text_key(self.name, table, "from")
        self.to = address_list(table["to"])
        self.security = table.get("security", "starttls")
        if self.security not in self.PORTS:
            raise InputError(f"[report.email] security must be one of "
                             f"{', '.join(self.PORTS)}, not {self.security!r}")
        self.port = port_key(table.get("port", self.PORTS[self.security]))
        self.timeout = timeout_key(self.name, table, default=30.0)
        self.username = table.get("username")
        self.password = None
        if self.username:
            if not table.get("password_env"):
                raise InputError("[report.email] has username but no password_env "
                                 "(the environment variable holding the password)")
            self.password = env_secret(self.name, table["password_env"])

    def send(self, report: Report) -> None:
        message = self.message(report)
        try:
            with self._connect() as smtp:
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(message, to_addrs=self.to)
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(f"email via {self.host}:{self.port}: {one_line(error)}") from None

    def message(self, report: Report) -> EmailMessage:
        message = EmailMessage()
        message["Subject"] = one_line(report.title)
        message["From"] = self.sender
        message["To"] = ", ".join(self.to)
        message["Date"] = format_datetime(_moment(report.created_at))
        message["Message-ID"] = message_id(report.key, self.sender)
        message[KEY_HEADER] = one_line(report.key)
        message.set_content(render_text(report.payload))
        message.add_alternative(render_html(report.payload, email=True), subtype="html")
        return message

    def _connect(self) -> smtplib.SMTP:
        if self.security == "tls":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                    context=ssl.create_default_context())
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            try:
                smtp.starttls(context=ssl.create_default_context())
            except BaseException:
                smtp.close()
                raise
        return smtp


@register
class WebhookChannel(Channel):
    """``[report.webhook]``: each report POSTed as JSON (the payload plus the
    report's ``id``, ``key`` and ``created_at``); any 2xx answer is success.

    - ``url`` (required): where to POST (http or https; redirects are not followed).
    - ``secret_env``: the environment variable holding a shared secret; with
      it, ``X-Tracker-Signature: sha256=<hex>`` carries the HMAC-SHA256 of
      ``<timestamp>.<key>.<body>``: the ``X-Tracker-Timestamp`` header (Unix
      seconds when this attempt was sent), the ``X-Tracker-Report-Key``
      header as sent, and the exact body bytes. So the receiver can check
      that the report came from this tracker, that nobody changed its key,
      and that it is not an old request played again (refuse a timestamp
      more than 5 minutes from your clock).
    - ``timeout``: seconds to wait for the answer (default 10).

    ``X-Tracker-Report-Key`` (also the body's ``key``) names the report: the
    receiver's idempotency key. A report can arrive twice (a crash between
    the send and its record, or a send that outlasted the delivery lease);
    a receiver that keeps the keys it has handled can ignore the repeat.
    """

    name = "webhook"
    required = ("url",)
    optional = ("secret_env", "timeout")

    def __init__(self, table: dict, session: requests.Session | None = None,
                 clock: Callable[[], float] = time.time):
        super().__init__(table)
        self.clock = clock
        self.url = text_key(self.name, table, "url")
        if not self.url.lower().startswith(("http://", "https://")):
            raise InputError(f"[report.webhook] url must be http or https, not {self.url!r}")
        self.timeout = timeout_key(self.name, table, default=10.0)
        secret_env = table.get("secret_env")
        self.secret = env_secret(self.name, secret_env).encode() if secret_env else None
        self.owns_session = session is None
        self.session = session or requests.Session()

    def send(self, report: Report) -> None:
        body = self.body(report)
        try:
            response = self.session.post(self.url, data=body, headers=self.headers(report, body),
                                         timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as error:
            raise DeliveryError(f"webhook {self.url}: {one_line(error)}") from None
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"webhook {self.url} answered HTTP {response.status_code}")

    def close(self) -> None:
        if self.owns_session:
            self.session.close()

    @staticmethod
    def body(report: Report) -> bytes:
        document = report_document(report)
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"),
                          sort_keys=True).encode("utf-8")

    def headers(self, report: Report, body: bytes) -> dict[str, str]:
        """The headers of one attempt; each attempt is signed at its own time,
        so a retry an hour later still falls inside the receiver's window."""
        key = quote(report.key, safe=":/@._-~")
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "User-Agent": USER_AGENT, KEY_HEADER: key}
        if self.secret:
            timestamp = str(int(self.clock()))
            headers[TIMESTAMP_HEADER] = timestamp
            headers[SIGNATURE_HEADER] = "sha256=" + signature(self.secret, timestamp, key,
                                                              body)
        return headers


@register
class OutboxChannel(Channel):
    """``[report.outbox]``: each report written as two files in a folder,
    ``<id>-<title>.md`` (Markdown) and ``<id>-<title>.json`` (the webhook body,
    indented), for a static site, a git repository or a person to read; a
    report narrowed for a subscription gets ``-for-<subscription>`` before
    the dot.

    - ``folder`` (required): where to write (made when missing; a relative
      path is taken from the current folder).

    Files are written whole or not at all (a temporary file, then a rename),
    and a file that already holds the same text is left untouched.
    """

    name = "outbox"
    required = ("folder",)

    def __init__(self, table: dict):
        super().__init__(table)
        self.folder = Path(text_key(self.name, table, "folder")).expanduser()

    def send(self, report: Report) -> None:
        stem = f"{report.id}-{slugify(report.title)}"
        if report.subscription:  # one report, narrowed for two subscriptions: two files
            stem += f"-for-{slugify(report.subscription)}"
        files = {f"{stem}.md": render_markdown(report.payload),
                 f"{stem}.json": render_json(report_document(report))}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                write_if_changed(self.folder / name, text)
        except OSError as error:
            raise DeliveryError(f"outbox {self.folder}: {one_line(error)}") from None


# -- helpers -----------------------------------------------------------------

def check_keys(channel: str, table: dict, required: tuple, optional: tuple) -> None:
    """Missing and unknown keys, named, before anything is sent."""
    if not isinstance(table, dict):
        raise InputError(f"[report.{channel}] must be a table")
    for key in required:
        if table.get(key) in (None, "", []):
            raise InputError(f"[report.{channel}] needs the key {key!r}")
    unknown = set(table) - set(required) - set(optional)
    if unknown:
        raise InputError(f"[report.{channel}] unknown key(s) {', '.join(sorted(unknown))} "
                         f"(use {', '.join((*required, *optional))})")


def text_key(channel: str, table: dict, key: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"[report.{channel}] {key} must be a non-empty string")
    return value.strip()


def address_list(value) -> list[str]:
    addresses = [value] if isinstance(value, str) else value
    if not isinstance(addresses, list) or not all(
            isinstance(a, str) and "@" in a for a in addresses):
        raise InputError("[report.email] to must be a list of email addresses")
    return addresses


def port_key(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 65536:
        raise InputError(f"[report.email] port must be a number from 1 to 65535, not {value!r}")
    return value


def timeout_key(channel: str, table: dict, default: float) -> float:
    value = table.get("timeout", default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise InputError(f"[report.{channel}] timeout must be a positive number of seconds")
    return float(value)


def env_secret(channel: str, variable: str) -> str:
    """A secret from the environment; the file only names the variable."""
    value = os.environ.get(variable) if isinstance(variable, str) else None
    if not value:
        raise InputError(f"[report.{channel}] the environment variable {variable!r} "
                         "is not set")
    return value


def signature(secret: bytes, timestamp: str, key: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of ``<timestamp>.<key>.<body>``, as ``X-Tracker-Signature``
    carries it. The body alone would let anyone who saw one request send it
    again at any time, or under another report key."""
    signed = f"{timestamp}.{key}.".encode() + body
    return hmac.new(secret, signed, hashlib.sha256).hexdigest()


def message_id(key: str, sender: str) -> str:
    """``<digest.report@sender-domain>``: the same report, the same id."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "tracker.invalid"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}.report@{domain}>"


def slugify(title: str, limit: int = 60) -> str:
    """Lower-case words joined by hyphens, safe as part of a file name."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:limit].rstrip("-") or "report"


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless the file already holds it; True if written."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the file from a web server
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def one_line(error: object) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _moment(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
