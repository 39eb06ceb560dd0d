"""Bytes, with what is known about them, to one ``Intake`` record.

Every way in ends here: ``tracker add`` (file, URL, standard input), the
web's upload form, and the watcher's checks. So one content-type table
(``formats``), one decoder (``decode``) and one extractor (``extract``)
decide what a page says, whoever reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tracker.errors import InputError
from tracker.ingest.decode import decode_html, decode_text
from tracker.ingest.formats import (
    check_kind,
    format_for_content_type,
    readable_binary,
    resolve_format,
)
from tracker.text import canonical_text

TYPE_CHECKING = False
if TYPE_CHECKING:  # requests and BeautifulSoup load only when a page is read
    from tracker.ingest.fetch import FetchedPage
    from tracker.ingest.metadata import PageMetadata
    from tracker.model import Capture


def _no_metadata() -> PageMetadata:
    """An empty ``PageMetadata``; its module (and tracker.model's records)
    load only when a page or a capture needs them, not for ``tracker diff``."""
    from tracker.ingest.metadata import PageMetadata

    return PageMetadata()


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to make at start-up
class Intake:
    """What an input gave: the canonical text, the bytes it came from, how
    they were read (``html``, ``text``, ``pdf`` or ``docx``), the final URL
    after redirects (None for a file), the page's ``<title>`` if it has one,
    and what the page says about itself (``page``: title, language, date,
    address; None when it was not read, as for a text file), which fills a
    document's empty fields."""

    text: str
    raw: bytes
    raw_type: str
    source_url: str | None
    title: str | None = None
    page: PageMetadata | None = None

    @property
    def metadata(self) -> PageMetadata:
        """``page``, or empty metadata: made when asked for, so reading a text
        file does not load the metadata module (1.2 ms of ``tracker diff``)."""
        return self.page if self.page is not None else _no_metadata()

    def capture(self, origin: str, note: str | None = None) -> Capture:
        """This input as a version to store, with who added it and why."""
        from tracker.model import Capture

        return Capture(text=self.text, raw=self.raw, raw_type=self.raw_type, origin=origin,
                       source_url=self.source_url, note=note)


def from_page(page: FetchedPage, fmt: str = "auto", selector: str | None = None) -> Intake:
    """A fetched page: its ``Content-Type`` says how to read it (unless
    ``fmt`` does, or the body is a PDF or DOCX whatever the server calls it)
    and its charset is honoured."""
    if fmt == "auto" and not readable_binary(page.body):
        fmt = format_for_content_type(page.content_type, page.url)
    intake = from_bytes(page.body, fmt, page.url, charset=page.charset, url=page.final_url,
                        selector=selector)
    from tracker.ingest.metadata import with_header_language

    metadata = with_header_language(intake.metadata, page.content_language)
    return replace(intake, page=replace(metadata, url=metadata.url or page.final_url))


def from_bytes(data: bytes, fmt: str, name: str, *, charset: str | None = None,
               url: str | None = None, selector: str | None = None) -> Intake:
    """``name`` (a path, a URL, "standard input") starts every refusal."""
    if not data or data.isspace():  # what "not data.strip()" says, without copying the input
        raise InputError(f"{name}: empty, nothing to keep")
    fmt = resolve_format(fmt, data)
    check_kind(fmt, data, name)
    metadata = None
    if fmt == "html":
        text, title, metadata = _from_html(data, name, charset, selector, url)
    elif fmt in ("pdf", "docx"):
        text, title = _from_document(fmt, data, name), None
    else:
        text, title = canonical_text(decode_text(data, name, charset)), None
    if not text:
        raise InputError(f"{name}: no text, nothing to keep")
    return Intake(text, data, fmt, url, title, metadata)


def _from_html(data: bytes, name: str, charset: str | None, selector: str | None,
               url: str | None) -> tuple[str, str | None, PageMetadata]:
    from tracker.ingest.extract import extract_html

    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary data, not HTML")
    try:
        extracted = extract_html(decode_html(data, charset), selector, url)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    return extracted.text, extracted.title, extracted.metadata


def _from_document(fmt: str, data: bytes, name: str) -> str:
    """A PDF or DOCX file's paragraphs; the readers load their libraries
    only when such a file comes in."""
    if fmt == "pdf":
        from tracker.ingest.pdftext import pdf_paragraphs as read
    else:
        from tracker.ingest.docxtext import docx_paragraphs as read
    try:
        return canonical_text("\n\n".join(read(data)))
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
