"""Bytes to text: the one decoder behind every way a page or file comes in.

HTML (``decode_html``) survives a wrong or bogus ``charset`` header:

1. a byte-order mark or a ``<meta charset>`` in the page wins;
2. bytes that are valid UTF-8 are UTF-8 (legacy encodings almost never form
   valid multi-byte UTF-8, so a UTF-8 page served as ``iso-8859-1`` reads
   right);
3. then the HTTP charset, if Python knows it as an encoding that reads
   HTML's ASCII markup as ASCII and it decodes the bytes;
4. last, detection (``charset-normalizer``), where windows-1252 wins among
   the Latin code pages unless it reads clearly worse.

Plain text (``decode_text``) is stricter, because nothing in it can be
checked: a BOM, UTF-16 that its zero bytes give away, UTF-8, or the HTTP
charset; anything else is refused rather than guessed.
"""

import codecs

from tracker.errors import InputError

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_ASCII_PROBE = b'<html lang="en"><p class="x">Az09 .,:;!?/</p></html>'
# Single-byte code pages for Latin script: detectors confuse them with one
# another on short pages (a French page read as Baltic cp1257).
_LATIN_PAGES = {"cp1250", "cp1252", "cp1254", "cp1257", "cp775", "cp850", "cp437", "latin_1",
                "iso8859_2", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13",
                "iso8859_14", "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman"}


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """The text of an HTML page, in the order the module docstring gives."""
    from bs4.dammit import UnicodeDammit

    sniffed = UnicodeDammit(data[:4096], is_html=True)
    if sniffed.declared_html_encoding or bom_encoding(data):
        return UnicodeDammit(data, is_html=True).unicode_markup or ""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = usable_charset(header_charset, data)
    return data.decode(encoding) if encoding else detect_charset(data)


def usable_charset(name: str | None, data: bytes) -> str | None:
    """The header's charset when Python knows it as a text encoding that
    reads HTML's ASCII markup as ASCII (so not UTF-16, EBCDIC or base64) and
    decodes ``data`` without error; otherwise None, and detection decides."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
        if not getattr(info, "_is_text_encoding", True):
            return None
        if _ASCII_PROBE.decode(info.name) != _ASCII_PROBE.decode("ascii"):
            return None
        data.decode(info.name)
    except (LookupError, ValueError, UnicodeError):
        return None
    return info.name


def detect_charset(data: bytes) -> str:
    """Guess the charset of undeclared, non-UTF-8 bytes and return the text.
    Within the Latin code pages windows-1252, the web's default for Western
    pages, wins unless it reads clearly worse than the detector's favourite."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return data.decode("cp1252", "replace")
    best = matches[0]
    western = next((m for m in matches if m.encoding == "cp1252"), None)
    if best.encoding in _LATIN_PAGES and western and western.chaos <= best.chaos + 0.15:
        return str(western)
    return str(best)


def decode_text(data: bytes, name: str, header_charset: str | None = None) -> str:
    """Plain text, as the module docstring says; ``name`` starts every
    refusal, so the user knows which input it was."""
    encoding = bom_encoding(data) or _bomless_utf16(data)
    if encoding:
        text = _strict(data, encoding, name)
        if bom_encoding(data) or _mostly_printable(text):
            return text
    if b"\x00" in data:
        raise InputError(f"{name}: binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        encoding = usable_charset(header_charset, data)
        if encoding:
            return data.decode(encoding)
        raise InputError(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it to UTF-8 first") from None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        label = "UTF-16" if encoding.startswith("utf-16-") else encoding.upper()
        raise InputError(f"{name}: not valid {label} text") from None


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
