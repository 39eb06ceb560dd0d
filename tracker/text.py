"""The canonical form of statement text, shared by every layer.

A snapshot's hash is taken over this form, so two captures that differ only
in line endings, trailing blanks, invisible characters or the number of blank
lines between paragraphs are the same version. Quotes, dashes and letters are
left alone: a change from a straight to a curly quote is a real edit, which
the comparison engine may choose to call cosmetic, but the store keeps.

The form: blocks (paragraphs, headings, list items) separated by exactly one
blank line; single line breaks inside a block kept; runs of spaces folded; no
leading or trailing blank lines; no control characters other than line
breaks and tabs (a stored escape sequence could drive the terminal of whoever
prints the text later, and no statement needs one).

>>> canonical_text("  Hello\\u00a0 world \\r\\n\\r\\n\\r\\nSecond\\u200b line  ")
'Hello world\\n\\nSecond line'
"""

import re
import unicodedata

# The patterns but ``_TERMINAL_CONTROLS`` are compiled (and kept by ``re``)
# when a text first needs them: most serve unprintable text or runs of
# spaces only, and compiling them all costs ~0.6 ms of a short ``tracker diff``.
# Characters that render as nothing (or as an optional hyphen) and so must not
# make two captures of the same page differ. A regex removes them: str.translate
# with a dict looks up every character in Python and costs a millisecond a page.
# C0 and C1 control characters go the same way, except the ones that mean
# white space (tab, line feed, vertical tab, form feed, carriage return) and
# NEL, which canonical_text turns into line breaks.
_INVISIBLE = "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u200c\u200d\u2060\ufeff]"
# What a terminal would act on: every control character but line feed and tab.
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE_CHARS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\f\v"
_SPACES = f"[ {_SPACE_CHARS}]+"
_ODD_SPACE = f"[{_SPACE_CHARS}]"
_BLANK_RUN = r"\n{3,}"
# Whether a line break has a space before or after it or starts a run of
# three: re jumps from line break to line break (it opens the pattern), where
# str's "in" for the three strings stops at every space (0.25 ms against 1.0
# in a 100,000-word text).
_LOOSE_BREAK = "\n(?:(?<= \n)|(?= |\n\n))"
# Printable ASCII, and the line breaks: deleting them leaves nothing of plain ASCII text.
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n\r"
# Texts that canonical_text returned and proved to be their own canonical
# form, the last few, by identity (holding them keeps an id from being
# reused): text read and canonicalised, then canonicalised again by the
# engine for its hash, is done once (5 ms a side for 100,000 words).
_FIXED_POINTS: list[str] = []
_FIXED_POINTS_KEPT = 4


def canonical_text(text: str) -> str:
    """Return ``text`` in the canonical form described in the module docstring."""
    if any(known is text for known in _FIXED_POINTS):
        return text
    text, fixed = _canonical(text)
    if fixed:
        _FIXED_POINTS.append(text)
        del _FIXED_POINTS[:-_FIXED_POINTS_KEPT]
    return text


def _canonical(text: str) -> tuple[str, bool]:
    """The canonical form, and whether it is provably its own (see below)."""
    text = unicodedata.normalize("NFC", text)
    plain = _is_plain(text)
    if not plain:
        text = re.sub(_INVISIBLE, "", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not plain:  # a plain text has none of these separators
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    # Whole-text passes, not a loop over lines, each skipped when its search
    # finds nothing to do: most texts need none of them.
    if _has_double_space(text) or (not plain and re.search(_ODD_SPACE, text)):
        text = re.sub(_SPACES, " ", text)
    if re.search(_LOOSE_BREAK, text):
        text = text.replace(" \n", "\n").replace("\n ", "\n")
        if "\n\n\n" in text:
            text = re.sub(_BLANK_RUN, "\n\n", text)
    text = text.strip(" \n")
    # A plain text's form is its own when it is still NFC: the passes above
    # only fold, drop or turn into line breaks spaces, line breaks and
    # carriage returns, and leave no run they would act on.
    return text, plain and (text.isascii() or unicodedata.is_normalized("NFC", text))


def _has_double_space(text: str) -> bool:
    """``"  " in text``, searched from the end: CPython's reverse search
    stops less at the single spaces of prose than its forward one does
    (0.62 ms against 0.99 for 100,000 words)."""
    return text.rfind("  ") >= 0


def _is_plain(text: str) -> bool:
    """Whether ``text`` is printable but for its line breaks: then it has no
    invisible character, odd space or other line separator (all of them are
    unprintable, Unicode's "Other" and "Separator"), and a C-speed test says
    so where the regex scans for them would take 20-30 ms for 100,000 words."""
    if text.isascii():  # 0.4 ms for 100,000 words, against 1.5 for the general test
        return not text.encode("ascii").translate(None, _PLAIN_ASCII)
    return text.replace("\n", "").replace("\r", "").isprintable()


# hashlib's SHA-256 (OpenSSL's) takes about 2 ms to load, then hashes 5-10
# times faster than CPython's own: worth it from a few hundred kilobytes.
_OPENSSL_PAYS_FROM = 256 * 1024


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of already canonical text."""
    data = text.encode("utf-8")
    return _sha256_for(len(data))(data).hexdigest()


def _sha256_for(size: int):
    """CPython's own SHA-256 for a short text, hashlib's for a long one."""
    if size <= _OPENSSL_PAYS_FROM:
        try:
            from _sha256 import sha256
        except ImportError:  # another Python (3.12 calls it _sha2)
            pass
        else:
            return sha256
    try:  # what hashlib.sha256 is, without loading hashlib's other algorithms (0.4 ms)
        from _hashlib import openssl_sha256 as sha256
    except ImportError:
        from hashlib import sha256
    return sha256


def paragraphs(text: str) -> list[str]:
    """Split canonical text into its blocks."""
    return [block for block in text.split("\n\n") if block]


def escape_controls(text: str) -> str:
    """Show control characters as ``\\x1b``-style escapes, for terminal output.

    Stored text is stripped of them (see :func:`canonical_text`), but a
    database written by an older version, or metadata, may still hold an
    escape sequence that would retitle or clear the reader's terminal.
    Line feeds and tabs are kept; JSON output never goes through here.
    """
    if not _TERMINAL_CONTROLS.search(text):
        return text
    return _TERMINAL_CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a control character other than a line feed or tab."""
    return _TERMINAL_CONTROLS.search(text) is not None
