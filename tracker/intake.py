"""One SOURCE (a file, an http(s) URL, or ``-`` for standard input) into
statement text.

Everything here happens before the database is opened, so input that cannot
be used is refused without touching it.
"""

import sys
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import InputError
from tracker.text import canonical_text

TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FORMATS = ("auto", "html", "text")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_HTML_HINTS = (b"<!doctype html", b"<html", b"<body", b"<p>", b"<p ", b"<div", b"<article")


@dataclass(frozen=True)
class Intake:
    """What a SOURCE gave: canonical text and the bytes it came from."""

    text: str
    raw: bytes
    raw_type: str
    source_url: str | None


def read_source(source: str, fmt: str, max_bytes: int, policy=None) -> Intake:
    """``policy`` (a ``tracker.netguard.AddressPolicy``) limits which
    addresses a URL may reach; None reaches any."""
    if source == "-":
        return _from_bytes(_read_stdin(max_bytes), fmt, "standard input", None)
    if source.startswith(("http://", "https://")):
        return _from_url(source, fmt, max_bytes, policy)
    return _from_file(Path(source), fmt, max_bytes)


def _from_file(path: Path, fmt: str, max_bytes: int) -> Intake:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if fmt == "auto" and suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'!r} "
                         "(use .txt, .md, .html or .htm, or give --format)")
    if path.stat().st_size > max_bytes:
        raise InputError(f"{path}: larger than the limit of {max_bytes:,} bytes")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if fmt == "auto":
        fmt = "html" if suffix in HTML_SUFFIXES else "text"
    return _from_bytes(data, fmt, str(path), None)


def _from_url(url: str, fmt: str, max_bytes: int, policy=None) -> Intake:
    from tracker.fetch import fetch

    page = fetch(url, max_bytes, policy=policy)
    if fmt == "auto":
        fmt = _format_from_content_type(page.content_type, url)
    return _from_bytes(page.body, fmt, url, page.final_url)


def _format_from_content_type(content_type: str, url: str) -> str:
    media = content_type.split(";")[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media in ("text/plain", "text/markdown", ""):
        return "auto"
    raise InputError(f"{url}: unsupported content type {media!r} (expected HTML or plain text)")


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"standard input: larger than the limit of {max_bytes:,} bytes")
    return data


def read_bytes(data: bytes, fmt: str, name: str, max_bytes: int) -> Intake:
    """Bytes that arrived some other way (a web upload or form field)."""
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than the limit of {max_bytes:,} bytes")
    return _from_bytes(data, fmt, name, None)


def _from_bytes(data: bytes, fmt: str, name: str, url: str | None) -> Intake:
    if not data.strip():
        raise InputError(f"{name}: empty, nothing to keep")
    if fmt == "auto":
        fmt = "html" if _looks_like_html(data) else "text"
    text = _html_text(data, name) if fmt == "html" else canonical_text(decode_text(data, name))
    if not text:
        raise InputError(f"{name}: no text, nothing to keep")
    return Intake(text, data, fmt, url)


def _html_text(data: bytes, name: str) -> str:
    from tracker.extract import html_to_text

    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary data, not HTML")
    try:
        return html_to_text(data)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip().lower()
    return any(hint in head for hint in _HTML_HINTS)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: text that is at least half ASCII has a
    zero in most high bytes and almost none in the low ones. Binary data
    has zeros on both sides."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    half = len(even)
    if odd.count(0) >= 0.5 * half and even.count(0) <= 0.05 * half:
        return "utf-16-le"
    if even.count(0) >= 0.5 * half and odd.count(0) <= 0.05 * half:
        return "utf-16-be"
    return None


def _mostly_printable(text: str) -> bool:
    """Control characters (other than line breaks and tabs) mark binary data."""
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r")
    return controls <= len(text) // 100


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), BOM-marked UTF-16/32, or UTF-16 whose
    zero bytes give it away; anything else is refused rather than guessed,
    so no text is silently garbled."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name}: not valid {encoding.upper()} text") from None
    encoding = _bomless_utf16(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 text") from None
        if _mostly_printable(text):
            return text
    if b"\x00" in data:
        raise InputError(f"{name}: binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it to UTF-8 first"
        ) from None
