"""Which inputs tracker reads, and as what: one table for HTTP content
types, one for file suffixes, the same for every way in (file, URL,
standard input, upload, watched source).

A declared type is believed (a ``text/plain`` page is read as text even if
it holds markup); only an input that declares nothing (standard input, a
web upload, a server that sends no ``Content-Type`` or a generic binary
one) is sniffed. Binary bytes are never read as text, whatever is declared:
see ``tracker.ingest.sniff``.

HWP and HWPX (the Korean government's word processor) are recognised so
that the refusal can name them: no maintained Python library reads them.
"""

import os

from tracker.errors import InputError
from tracker.ingest.sniff import Kind, sniff

FORMATS = ("auto", "html", "text", "pdf", "docx")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Recognised, named in the refusal, not read.
NOT_YET = {"hwp": "HWP (Hangul) document", "hwpx": "HWPX (Hangul) document"}
MEDIA_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-markdown": "text",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    DOCX_TYPE: "docx",
    "application/x-hwp": "hwp",
    "application/haansofthwp": "hwp",
    "application/vnd.hancom.hwp": "hwp",
    "application/hwp+zip": "hwpx",
    "application/vnd.hancom.hwpx": "hwpx",
    "application/octet-stream": "auto",  # says nothing: sniffed
    "": "auto",  # no Content-Type header: sniffed
}
SUFFIX_FORMATS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".md": "text", ".text": "text",
    ".pdf": "pdf", ".docx": "docx", ".hwp": "hwp", ".hwpx": "hwpx",
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
                         "(expected HTML, plain text, Markdown, PDF or DOCX)")
    return MEDIA_FORMATS[media]


def format_for_suffix(path: str | os.PathLike) -> str:
    suffix = path_suffix(path).lower()
    if suffix not in SUFFIX_FORMATS:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'!r} "
                         "(use .txt, .md, .html, .htm, .pdf or .docx, or give --format)")
    return SUFFIX_FORMATS[suffix]


def path_suffix(path: str | os.PathLike) -> str:
    """``Path(path).suffix`` without pathlib (~4 ms to import on a
    ``tracker diff``): the last dot of the name and what follows it, ""
    when the dot opens or ends the name."""
    parts = [part for part in os.fspath(path).split("/") if part not in ("", ".")]
    name = parts[-1] if parts else ""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def resolve_format(fmt: str, data: bytes) -> str:
    """``auto`` becomes ``pdf`` or ``docx`` when the bytes are one, else
    ``html`` when the first bytes look like markup, else ``text``."""
    if fmt != "auto":
        return fmt
    kind = sniff(data)
    if kind is not None and kind.fmt:
        return kind.fmt
    head = data[:4096].lstrip().lower()
    return "html" if any(hint in head for hint in _HTML_HINTS) else "text"


def readable_binary(data: bytes) -> bool:
    """Whether ``data`` is a PDF or DOCX: then its own bytes say how to read
    it, over a file name or a server's ``Content-Type``."""
    kind = sniff(data)
    return kind is not None and kind.fmt is not None


def check_kind(fmt: str, data: bytes, name: str) -> None:
    """Refuse bytes that are not what ``fmt`` reads: a PDF given as text, a
    PNG given as a PDF, an HWP file at all. One line that names what was
    found and what to do."""
    if fmt in NOT_YET:
        raise InputError(f"{name}: this is an {NOT_YET[fmt]}: HWP is not supported yet; "
                         "save it as PDF or DOCX and add that")
    kind = sniff(data)
    if kind is not None and kind.fmt == fmt:
        return
    if kind is not None:
        raise InputError(f"{name}: this is a{_n(kind.name)} {kind.name}, not {fmt}: "
                         f"{_what_to_do(kind)}")
    if fmt in ("pdf", "docx"):
        raise InputError(f"{name}: not a {fmt.upper()} file (its first bytes are not a "
                         f"{fmt.upper()} signature); leave --format out to detect the format")


def _what_to_do(kind: Kind) -> str:
    if kind.fmt:
        return f"use --format {kind.fmt} or leave --format out"
    if "Hangul" in kind.name:
        return "HWP is not supported yet; save it as PDF or DOCX and add that"
    return "tracker reads text, Markdown, HTML, PDF and DOCX; convert it to one of those"


def _n(word: str) -> str:
    """``a`` or ``an`` before ``word``, as far as messages need it."""
    return "n" if word[:1] in "AEHIOaeio" else ""
