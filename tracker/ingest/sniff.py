"""What a file really is, from its first bytes, whatever its name says.

Used twice: to read a PDF or DOCX that arrives with nothing said about it
(standard input, an upload, ``application/octet-stream``), and to refuse
storing a binary file as text when ``--format text`` (or ``html``) says
otherwise: before this check, ``tracker add statement.pdf --format text``
kept the raw ``%PDF-1.4 …`` bytes as a version.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A binary format: its name for messages, and the ``--format`` that
    reads it (None when tracker cannot read it)."""

    name: str
    fmt: str | None = None


PDF = Kind("PDF file", "pdf")
DOCX = Kind("DOCX (Word) document", "docx")
HWP = Kind("HWP (Hangul) document")
HWPX = Kind("HWPX (Hangul) document")
OLE = Kind("old-style Office file (.doc, .xls, .ppt or .hwp)")
ZIP = Kind("ZIP archive")
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", Kind("PNG image")),
    (b"\xff\xd8\xff", Kind("JPEG image")),
    (b"GIF87a", Kind("GIF image")),
    (b"GIF89a", Kind("GIF image")),
    (b"II*\x00", Kind("TIFF image")),
    (b"MM\x00*", Kind("TIFF image")),
    (b"\x1f\x8b", Kind("gzip archive")),
    (b"HWP Document File", HWP),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> Kind | None:
    """The binary format ``data`` is in, or None for what may be text."""
    # The signature opens the file; whitespace or a BOM before it is
    # tolerated, but not text: a page that merely quotes "%PDF-" is no PDF.
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if data.startswith(_OLE_MAGIC):
        # HWP 5 is an OLE2 container whose FileHeader stream opens with
        # this signature, stored uncompressed.
        return HWP if b"HWP Document File" in data[:65536] else OLE
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Kind("WebP image")
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def _zip_kind(data: bytes) -> Kind:
    """DOCX and HWPX are ZIP packages told apart by the parts they hold."""
    import io
    import zipfile  # only for ZIP files: plain text must not pay for it

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return ZIP
    if "word/document.xml" in names:
        return DOCX
    if any(name.startswith("Contents/section") for name in names):
        return HWPX
    return ZIP
