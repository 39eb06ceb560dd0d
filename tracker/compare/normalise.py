"""Normalisation for matching: make cosmetic differences invisible.

Two releases of one statement often differ in ways no reader cares about:
curly versus straight quotes, an en dash where the other has a hyphen, a
non-breaking space, a doubled blank line, or a web page's "Print | Share"
furniture. The comparison engine matches sentences on a *match key* built by
:func:`match_key`, and always shows the original text, so normalising here
never changes what the user sees.

Contents:

- :func:`normalise_text` -- NFKC, straight quotes, one dash, folded spaces.
- :func:`match_key` -- the key two sentences must share to count as unchanged
  (:func:`match_keys` for many).
- :func:`is_boilerplate` -- lines that are page furniture, not statement text.

>>> normalise_text("\\u201cIronclad\\u201d \\u2014 a  commitment")
'"Ironclad" - a commitment'
>>> is_boilerplate("# # #")
True
"""

import re
import unicodedata

from tracker.compare.precompiled import compile_regex

# Every quote-like character maps to its plain ASCII form, so a house style
# switch between typographic and straight quotes is not an edit.
_QUOTES = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u02bc\uff07`\u00b4"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"), '"'),
}
# Hyphen, non-breaking hyphen, figure dash, en/em dashes, minus sign and the
# like: diplomats' drafts use them interchangeably for the same punctuation.
_DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)
# Characters that render as nothing; NFKC keeps most of them.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_TABLE = {**_QUOTES, **_DASHES, **_INVISIBLE}
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
_CONTROL = compile_regex(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Page furniture that press-release sites put around a statement: end marks
# ("###", "-30-", "# # #"), share and print buttons, lone separators.
_BOILERPLATE = compile_regex(
    r"""^(?:
        [#*=_~\-\s]*                           # rules and end marks: ###, * * *, ----
      | -\s*30\s*-                             # the journalist's end mark
      | (?:print|share|email|e-mail|tweet|facebook|twitter|x|linkedin
           |back\ to\ top|top|print\ this\ page|share\ this\ page
           |download|pdf|print\ friendly|printer-friendly(?:\ version)?)
        (?:\s*[|/\u00b7\u2022]\s*
           (?:print|share|email|e-mail|tweet|facebook|twitter|x|linkedin|pdf|download))*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def normalise_text(text: str) -> str:
    """Return ``text`` with every cosmetic variation folded to one form.

    NFKC first (so full-width letters and ligatures become plain ones), then
    quotes and dashes, then whitespace: all runs of white space, including
    line breaks, become one space, and control characters disappear.
    """
    if not text.isascii():  # the fast path matters: every sentence comes here
        text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    if _is_folded(text):  # most texts: 0.8 us, not 1.9 us to split and join
        return text
    text = " ".join(text.split())
    return text if text.isprintable() else _CONTROL.sub("", text)


def _is_folded(text: str) -> bool:
    """True if ``text`` has no control character and no space to fold.

    In a printable text the only white space is the plain space (every
    other kind is a separator or control character, which Python does not
    count as printable), so no run of two and none at either end means
    ``" ".join(text.split())`` would return it unchanged.
    """
    return (text.isprintable() and "  " not in text
            and not text.startswith(" ") and not text.endswith(" "))


def match_keys(texts: list[str]) -> list[str]:
    """``[match_key(text) for text in texts]``, for a whole document at once.

    A document of plain ASCII text already folded is its own keys (a key is
    the normalised text): one test over all its texts joined (1.5 ms for
    100k words) saves a call each (4 ms). A space joins them, so that a
    text's leading or trailing space shows as a run of two. Deleting the
    printable characters from the bytes tests them at half the cost of
    ``isprintable``.
    """
    joined = " ".join(texts)
    if (joined.isascii() and not joined.encode().translate(None, _PRINTABLE_ASCII)
            and "  " not in joined and not joined.startswith(" ") and not joined.endswith(" ")):
        return list(texts)
    return [match_key(text) for text in texts]


def match_key(text: str) -> str:
    """Key under which two sentences are the same sentence.

    Case is kept: "Extended Deterrence" turning into "extended deterrence"
    is rare, visible and worth a reworded mark; quote style and spacing are not.
    """
    return normalise_text(text)


def is_boilerplate(line: str) -> bool:
    """True if ``line`` is page furniture (an end mark, a share button)."""
    return len(line) < 60 and bool(_BOILERPLATE.match(normalise_text(line)))


# Function words carry no content of their own: two sentences sharing only
# "the", "of" and "to" are not the same sentence, and a phrase made of them
# alone is not worth showing as unchanged between two edits.
STOP_WORDS = frozenset(str.split(
    """a an the and or but nor of to in on at by for from with as into onto upon
    about over under than then that this these those there their theirs its it
    is are was were be been being am has have had do does did will would shall
    should can could may might must not no so such which who whom whose what
    when where while both each all any other also more most very own same our
    ours we us they them he she his her i you your my me one further through
    during before after between against within without including among per via
    if"""
))
_WORD = compile_regex(r"\w+")
_SUFFIXES = ("ing", "ed", "es", "s", "ly")
_SUFFIX_ENDS = tuple({suffix[-1] for suffix in _SUFFIXES})
# Stems are asked for again and again (every sentence, every comparison):
# remember them, up to a bound so that a huge vocabulary cannot grow it forever.
_STEMS: dict[str, str] = {}
_STEM_CACHE_SIZE = 200_000


def stem(word: str) -> str:
    """Strip one common English suffix, so "commitments" meets "commitment".

    Deliberately crude: it only has to make inflected forms of one word meet,
    and a wrong merge of two unrelated words costs a little similarity, no more.
    """
    stemmed = _STEMS.get(word)
    if stemmed is None:
        stemmed = strip_suffix(word)
        if len(_STEMS) < _STEM_CACHE_SIZE:
            _STEMS[word] = stemmed
    return stemmed


def strip_suffix(word: str) -> str:
    """:func:`stem` without its memory, for a caller that keeps its own."""
    if word.endswith(_SUFFIX_ENDS):  # else no suffix fits: 78% of a statement's words skip the loop
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """Stemmed, case-folded words of ``text`` other than stop words."""
    words = _WORD.findall(normalise_text(text).casefold())
    return frozenset(stem(word) for word in words if word not in STOP_WORDS)
