"""Which inputs tracker reads, and as what: one table for HTTP content
types, one for file suffixes.

A declared type is believed (a ``text/plain`` page is read as text even if
it holds markup); only an input that declares nothing (standard input, a
web upload, a server that sends no ``Content-Type``) is sniffed.
"""

from pathlib import Path

from tracker.errors import InputError

FORMATS = ("auto", "html", "text")
MEDIA_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-markdown": "text",
    "": "auto",  # no Content-Type header: sniffed
}
SUFFIX_FORMATS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".md": "text", ".text": "text",
}
_HTML_HINTS = (b"<!doctype html", b"<html", b"<body", b"<p>", b"<p ", b"<div", b"<article")


def media_type(content_type: str) -> str:
    """``text/html; charset=utf-8`` to ``text/html``."""
    return content_type.split(";")[0].strip().lower()


def format_for_content_type(content_type: str, name: str) -> str:
    """How to read a page served as ``content_type``; a type tracker cannot
    read is refused here, before any decoding."""
    media = media_type(content_type)
    if media not in MEDIA_FORMATS:
        raise InputError(f"{name}: unsupported content type {media!r} "
                         "(expected HTML, plain text or Markdown)")
    return MEDIA_FORMATS[media]


def format_for_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'!r} "
                         "(use .txt, .md, .html or .htm, or give --format)")
    return SUFFIX_FORMATS[suffix]


def resolve_format(fmt: str, data: bytes) -> str:
    """``auto`` becomes ``html`` when the first bytes look like markup,
    else ``text``."""
    if fmt != "auto":
        return fmt
    head = data[:4096].lstrip().lower()
    return "html" if any(hint in head for hint in _HTML_HINTS) else "text"
