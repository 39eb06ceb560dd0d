"""The canonical form of statement text, shared by every layer.

A snapshot's hash is taken over this form, so two captures that differ only
in line endings, trailing blanks, invisible characters or the number of blank
lines between paragraphs are the same version. Quotes, dashes and letters are
left alone: a change from a straight to a curly quote is a real edit, which
the comparison engine may choose to call cosmetic, but the store keeps.

The form: blocks (paragraphs, headings, list items) separated by exactly one
blank line; single line breaks inside a block kept; runs of spaces folded; no
leading or trailing blank lines.

>>> canonical_text("  Hello\\u00a0 world \\r\\n\\r\\n\\r\\nSecond\\u200b line  ")
'Hello world\\n\\nSecond line'
"""

import hashlib
import re
import unicodedata

# Characters that render as nothing (or as an optional hyphen) and so must not
# make two captures of the same page differ. A regex removes them: str.translate
# with a dict looks up every character in Python and costs a millisecond a page.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_CHARS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\f\v"
_SPACES = re.compile(f"[ {_SPACE_CHARS}]+")
_ODD_SPACE = re.compile(f"[{_SPACE_CHARS}]")
_BLANK_RUN = re.compile(r"\n{3,}")


def canonical_text(text: str) -> str:
    """Return ``text`` in the canonical form described in the module docstring."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    # Whole-text passes, not a loop over lines: a 100,000-word text is
    # canonicalised in a few milliseconds instead of tens.
    if "  " in text or _ODD_SPACE.search(text):  # most texts need no folding at all
        text = _SPACES.sub(" ", text)
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip(" \n")


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of already canonical text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def paragraphs(text: str) -> list[str]:
    """Split canonical text into its blocks."""
    return [block for block in text.split("\n\n") if block]
