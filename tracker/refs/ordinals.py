"""Which meeting a statement is of, from how it names itself: "the Sixth
Meeting of the … Consultation Group", "6th EDSCG", "제6차 …".

A statement mentions other numbered meetings too ("building on the 57th
SCM"), so an ordinal counts only when it stands next to the series' name;
two different ones there, or none, is "unclear", and the caller says so
rather than guessing. A short link text with one ordinal in all is clear
enough without the name.
"""

import re
from dataclasses import dataclass

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
          "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_TENS_ORDINAL = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}
WORDS = {word: n for n, word in enumerate(_UNITS, 1)} | {
    word: n for n, word in enumerate(_TEENS, 10)} | _TENS_ORDINAL | {"inaugural": 1}
_WORD_PATTERN = (rf"(?:(?:{'|'.join(_TENS)})[- ]?(?:{'|'.join(_UNITS)})"
                 rf"|{'|'.join(sorted(WORDS, key=len, reverse=True))})")
ORDINAL = re.compile(rf"\b(?P<word>{_WORD_PATTERN})\b|\b(?P<digits>[0-9]{{1,3}})(?:st|nd|rd|th)\b"
                     # 제1차관 is a vice minister, 차장 a deputy: no ordinal
                     r"|(?:제\s*)?(?P<korean>[0-9]{1,3})\s*차(?![관장])", re.IGNORECASE)
WINDOW = 80  # characters between an ordinal and the series' name, at most
GAP_WORDS = {"meeting", "session", "round", "annual", "high-level", "plenary", "regular",
             "joint", "of", "the", "u.s.-rok", "u.s.–rok", "rok-u.s.", "rok–u.s.", "us-rok",
             "rok-us", "united", "states", "republic", "korea", "and", "한미", "한·미"}
_GAP_WORD = re.compile(r"[^\s()\[\],]+")
HEAD = 3000  # how far into a statement it is looked for


@dataclass(frozen=True)
class MeetingNumber:
    """A number, or why there is none (``reason``)."""

    number: int | None
    reason: str | None = None


def ordinal_value(text: str) -> int | None:
    """``"Sixth"``, ``"6th"``, ``"twenty-first"``, ``"제6차"``, ``"6"`` → the number."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    match = ORDINAL.fullmatch(text)
    if not match:
        return None
    if match["word"]:
        return _word_value(match["word"].lower())
    return int(match["digits"] or match["korean"])


def meeting_title(series: str, number: int) -> str:
    """"Sixth EDSCG meeting", as the bundled corpus names its meetings
    ("57th SCM meeting" past the words known here)."""
    words = {n: word for word, n in WORDS.items() if word != "inaugural"}
    ordinal = words[number].capitalize() if number in words else _suffixed(number)
    return f"{ordinal} {series.upper()} meeting"


def _word_value(word: str) -> int:
    if word in WORDS:
        return WORDS[word]
    tens, unit = re.split(r"[- ]", word) if re.search(r"[- ]", word) else (word[:-5], word[-5:])
    return _TENS[tens] + WORDS[unit]


def number_near(text: str, names: tuple[str, ...], anywhere: bool = False) -> MeetingNumber:
    """The ordinal that stands before (or right after) one of ``names`` in
    ``text``; with ``anywhere`` (a link's short text), also the one ordinal
    of a one-sentence text with no name beside it."""
    text = text[:HEAD]
    found = list(ORDINAL.finditer(text))
    ends = [m.start() for m in found[1:]] + [len(text)] * bool(found)
    near = {ordinal_value(m[0]) for m, end in zip(found, ends, strict=True)
            if _beside_a_name(text, m, end, names)}
    if len(near) == 1:
        return MeetingNumber(near.pop())
    if len(near) > 1:
        return MeetingNumber(None, f"it names {_listed(near)} meetings")
    alone = {ordinal_value(m[0]) for m in found}
    if anywhere and len(alone) == 1 and not re.search(r"[.;!?]\s", text):
        return MeetingNumber(alone.pop())
    if alone:
        return MeetingNumber(None, f"{_listed(alone)} stand{'s' * (len(alone) == 1)} apart "
                                   "from the series' name")
    return MeetingNumber(None, "it gives no ordinal")


def number_by_pattern(text: str, pattern: str) -> MeetingNumber:
    """The first group of the job file's ``meeting_pattern``, read as a number."""
    match = re.search(pattern, text[:HEAD])
    if not match:
        return MeetingNumber(None, f"the meeting pattern {pattern!r} does not match")
    value = ordinal_value(match.group(1) if match.groups() else match[0])
    if value is None:
        return MeetingNumber(None, f"the meeting pattern matched {match[0][:60]!r}, not a number")
    return MeetingNumber(value)


def _beside_a_name(text: str, match: re.Match, end: int, names: tuple[str, ...]) -> bool:
    """A name begins after the ordinal, before the next ordinal, or the
    ordinal follows the name ("EDSCG, 6th meeting" is not; "EDSCG 6th" is)."""
    after = text[match.end():end].lower()
    before = text[max(0, match.start() - 12):match.start()].lower()
    return any(_starts_within(after, name.lower()) or before.rstrip(" -").endswith(name.lower())
               for name in names if name)


def _starts_within(after: str, name: str) -> bool:
    """The name begins in the window after the ordinal, with only words
    that can stand in a meeting's name between them ("Sixth annual
    high-level meeting of the U.S.-ROK …"), so "the first scenario-based
    discussion held in the EDSCG" names no meeting."""
    where = after.find(name, 0, WINDOW + len(name))
    between = _GAP_WORD.findall(after[:where])
    if between and after[:where].endswith("("):
        between.pop()  # "확장억제전략협의체(EDSCG)": the name, glossed by its acronym
    return 0 <= where <= WINDOW and all(word in GAP_WORDS for word in between)


def _listed(numbers: set[int]) -> str:
    """``6th and 57th``, ``4th, 6th and 57th``."""
    named = [_suffixed(n) for n in sorted(numbers)]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def _suffixed(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
