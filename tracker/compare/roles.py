"""Sentence roles: the recurring slots of a communiqué.

Year after year a statement of one series fills the same slots in about the
same order: a title, a lead line ("The following statement was released"),
the meeting line (who met, when, where), the delegations and their chairs,
what the forum is for, assessments of the threat, commitments, welcomes, and
the next meeting. Drafters rewrite a slot from scratch ("On April 19 the
Committee convened in Washington" becomes "The Secretaries held the
Committee in Tokyo"), so two sentences of the same slot may pair on little
shared wording, while two sentences of slots that never stand for each other
(a delegation list and a condemnation) must not pair however many words
they share.

A sentence gets every role whose cue it shows (a meeting line may also
commit), and its *primary* role is the first of them in :data:`ROLES` order.

>>> sentence_roles("The U.S. side was co-chaired by Ms. Jane Roe.")
('delegation',)
>>> conflicting(sentence_roles("Brussels Summit Communique"),
...             sentence_roles("Both sides condemned the launches."))
True
"""

import re

from tracker.compare.precompiled import compile_regex

# Roles, most specific first: the first one found is a sentence's primary role.
ROLES = ("heading", "lead", "delegation", "meeting", "next-meeting", "review", "forum",
         "exchange", "threat", "welcome", "commitment")
# Slots a document has once or twice: sharing one is strong evidence of a pair.
SLOT_ROLES = frozenset({"heading", "lead", "delegation", "meeting", "next-meeting", "review",
                        "forum", "exchange"})
# Slots a statement fills once at most: the line that says who met, the one
# that plans the next meeting, and the stock-taking of what was done since
# the last one. A sentence that is the only one of its slot on each side is
# that slot's counterpart, however it is worded (see align.match_unique_slots).
ONE_OFF_ROLES = ("meeting", "next-meeting", "review")

# "Met", but not "since they last met" (an earlier meeting recalled) nor "an
# attack would be met with a response" (a passive); "meet", but not "will
# meet the requirements" (meet as in satisfy).
_MET = r"(?<!\blast )(?<!\bbe )(?<!\bbeen )(?<!\bis )(?<!\bare )met"
_MEET = (r"meet(?! (?:the |our |their |its |all )?(?:[\w'\u2019-]+ ){0,2}"
         r"(?:requirements?|needs|standards?|goals?|targets?|obligations?|demands?"
         r"|expectations)\b)")
# Roles told by a phrase: (words of which one must be present, the phrase).
# The word test is a cheap gate, so the phrase is searched in few sentences.
_PHRASE_CUES = {
    "lead": ({"begin", "following", "issued"},
             r"^(?:begin text|the (?:text of the )?following (?:joint )?statement|issued by\b"
             r"|(?:the )?following is the text)|\breleased the following\b"),
    "delegation": ({"side", "sides", "delegation", "delegations", "chaired", "co-chaired", "led",
                    "headed", "participants"},
                   r"\b(?:side|delegation)s? (?:was|were|is|are) (?:co-?)?(?:led|chaired|headed)"
                   r"|\b(?:co-?)?(?:chaired|led|headed) by\b"
                   r"|\bdelegations? (?:included|comprised)|\bparticipants (?:from|included)"),
    "meeting": ({"met", "meet", "convened", "gathered", "hosted", "host", "held", "took",
                 "participation"},
                rf"\b(?:{_MET}|{_MEET}|convened|gathered|hosted|host|held (?:the|a|an|their)\b"
                r"[^;]{0,80}?\b(?:meeting|dialogue|talks|consultations?|committee|summit"
                r"|ministerial|session)|(?:was|were) (?:the \w+ (?:to be )?)?held|took place"
                r"|participation of)\b"),
    # The next meeting, or one the sides agreed to hold: "the next NCG
    # meeting", "decided to hold a working-level session in 2023".
    "next-meeting": ({"next", "again", "hold", "convene", "host"},
                     r"\bnext (?:[\w-]+ ){0,2}(?:meeting|round|session|dialogue|summit)\b"
                     r"|\bmeet again\b"
                     r"|\b(?:(?:agreed|decided|plan|planned|intend|intended) to|will)"
                     r" (?:hold|convene|host) (?:a|an|the|their)\b[^.;]{0,60}?"
                     r"\b(?:meeting|round|session|dialogue|summit)\b"),
    # The stock-taking of what was achieved since an earlier meeting, or the
    # building on its results: "reviewed the progress to date", "took stock
    # of the achievements since the third Dialogue", "welcomed the progress
    # made since they last met", "built on the commitments made at ...".
    "review": ({"progress", "stock", "achievements", "built", "build", "building"},
               r"\breview(?:ed|ing)? (?:the )?(?:[\w-]+ ){0,2}progress\b"
               r"|\b(?:took|take|taking) stock\b"
               r"|\b(?:progress|achievements?)\b[^.;]{0,60}?\bsince\b"
               r"|\bbuil(?:t|d|ds|ding) (?:up)?on (?:the )?(?:commitments|outcomes|results"
               r"|progress|achievements)\b"),
    "forum": ({"established", "launched", "created", "forum", "venue", "mechanism", "platform"},
              r"\b(?:established|launched|created) (?:the |this )?[\w .-]{0,60}? as\b"
              r"|\b(?:is|remains|serves as) the [\w ,-]{0,60}?\b"
              r"(?:forum|venue|mechanism|platform)\b"),
    "exchange": ({"exchanged", "discussed", "in-depth"},
                 r"\bexchanged views\b|\bdiscussed\b|\bin-depth discussions?\b"),
}
_PHRASES = {role: (frozenset(words), compile_regex(cue))
            for role, (words, cue) in _PHRASE_CUES.items()}
# Every gate word: a sentence with none has no phrase role (4 in 5 sentences).
_GATES = frozenset().union(*(words for words, _ in _PHRASES.values()))
# Roles told by a single word: (word beginnings, whole words, beginnings that do not count).
_WORD_CUES = {
    "threat": (("condemn", "denounc", "concern", "threat", "provocat", "destabilis",
                "destabiliz", "coerci", "aggressi", "violat", "unlawful"), (), ()),
    "welcome": (("welcom", "celebrat", "applaud", "prais", "congratulat"), (), ()),
    "commitment": (("reaffirm", "affirm", "reiterat", "commit", "pledg", "resolv", "vow",
                    "determin", "remain", "adhere", "uphold", "support", "oppos", "renew",
                    "emphasis", "emphasiz", "underscor", "stress", "highlight", "recognis",
                    "recogniz", "acknowledg"),
                   ("will", "shall", "stand", "stood", "concurred", "agreed", "resolve"),
                   ("committee",)),
}
_WORD_SPLIT = compile_regex(r"[a-z][a-z-]*")
# Every ASCII character but the letters and the hyphen of _WORD_SPLIT's runs
# made a space (lowercase text: no capitals to keep). A table of bytes: the
# text is translated as ASCII bytes, twice as fast as a str by a dict.
_ONLY_WORDS = bytes(code if chr(code).islower() or chr(code) == "-" else 32
                    for code in range(256))


def _word_scan() -> tuple[re.Pattern[str], dict[str, str]]:
    """All word cues as one plain alternation, and the role of each cue.

    No groups: the matched text itself names the cue (a beginning never
    runs on into the rest of its word), so a dictionary gives the role. A
    beginning that an excluded word starts with gets a lookahead against it.
    """
    role_of: dict[str, str] = {}
    patterns = []
    for role, (beginnings, whole, excluded) in _WORD_CUES.items():
        for cue in beginnings:
            role_of[cue] = role
            patterns.append(cue + "".join(f"(?!{x[len(cue):]})" for x in excluded
                                          if x.startswith(cue)))
        for cue in whole:
            role_of[cue] = role
            patterns.append(f"{cue}(?![a-z])")
    return compile_regex(r"(?<![a-z])(?:{})".format("|".join(patterns))), role_of


_WORD_SCAN, _ROLE_OF_CUE = _word_scan()
# A sentence end, then closing quotes and brackets, at the end of a stripped
# line (see _is_heading).
_ENDS, _CLOSERS = tuple(".!?;:"), "\"'\u201d\u2019)]"
_HEADING_WORDS = 14

# Primary roles that never stand for each other. A slot line (title, lead,
# delegation list) is never a statement of substance, and a welcome is not a
# threat assessment.
_SUBSTANCE = ("threat", "welcome", "commitment", "review")
CONFLICTS = frozenset(
    {frozenset((slot, point)) for slot in ("heading", "lead", "delegation", "next-meeting")
     for point in _SUBSTANCE}
    | {frozenset(("delegation", other)) for other in ("heading", "lead", "forum", "next-meeting")}
    # This meeting's line is never the next meeting's.
    | {frozenset(("threat", "welcome")), frozenset(("heading", "lead")),
       frozenset(("meeting", "next-meeting")),
       frozenset(("lead", "meeting")), frozenset(("lead", "forum"))}
)


# Roles already read, by sentence text: the aligner and the commitment
# reader ask about the same sentences (a third of the questions on a long
# comparison). Bounded: a long-running server starts afresh past the limit.
_KNOWN: dict[str, tuple[str, ...]] = {}
_KNOWN_LIMIT = 4096


def sentence_roles(text: str) -> tuple[str, ...]:
    """Every role ``text`` shows, primary role first; empty if none."""
    found = _KNOWN.get(text)
    if found is None:
        found = read_roles(text)
        if len(_KNOWN) >= _KNOWN_LIMIT:
            _KNOWN.clear()
        _KNOWN[text] = found
    return found


def read_roles(text: str) -> tuple[str, ...]:
    """:func:`sentence_roles` read afresh, never remembered."""
    stripped = text.strip()
    if _is_heading(stripped):
        return ("heading",)
    lowered = stripped.lower()
    spaced = _spaced(lowered)
    words = _split_words(spaced, lowered)
    found = set()
    if not _GATES.isdisjoint(words):  # most sentences have no gate word at all
        present = set(words)
        found = {role for role, (gate, cue) in _PHRASES.items()
                 if not present.isdisjoint(gate) and cue.search(lowered)}
    # The runs of letters alone: where a word cue may start (_CueRoles).
    found.update(filter(None, map(_CUE_ROLES.__getitem__, spaced.replace("-", " ").split())))
    return tuple([role for role in ROLES if role in found]) if found else ()


def _words(lowered: str) -> list[str]:
    """The words of ``lowered`` as ``_WORD_SPLIT`` finds them: runs of
    letters and hyphens that start with a letter."""
    return _split_words(_spaced(lowered), lowered)


def _spaced(lowered: str) -> str:
    """``lowered`` with every character but the letters a-z and the hyphen
    made a space (any other than ASCII first made a "?")."""
    raw = lowered.encode() if lowered.isascii() else lowered.encode("ascii", "replace")
    return raw.translate(_ONLY_WORDS).decode()


def _split_words(spaced: str, lowered: str) -> list[str]:
    """:func:`_words` from :func:`_spaced`: split, unless a run would start
    with a hyphen (2 us instead of 3 for the regex)."""
    if "-" not in spaced or (" -" not in spaced and not spaced.startswith("-")):
        return spaced.split()
    return _WORD_SPLIT.findall(lowered)


class _CueRoles(dict):
    """Letter run -> the role of the word cue it starts with, or None.

    A cue starts with a letter not preceded by one, so at the start of a
    run of letters, and never reaches past the run's end (what follows a
    run is no letter, as the end of a string is not): a run holds one cue
    match at most. Read through ``map`` over a sentence's runs, a run
    already seen costs one C-level dict hit, not the regex's try at every
    position of the sentence: the same roles as ``_WORD_SCAN.findall``
    (tested), 2.7 us a sentence less on the 100k-word pair. Bounded: a
    long-running server stops remembering past the limit.
    """

    __slots__ = ()

    def __missing__(self, run: str) -> str | None:
        role = None
        if run[:3] in _CUE_STARTS:  # most words start no cue: no regex for them
            found = _WORD_SCAN.match(run)
            role = _ROLE_OF_CUE[found.group()] if found else None
        if len(self) < _CUE_RUNS_LIMIT:
            self[run] = role
        return role


_CUE_RUNS_LIMIT = 100_000
# The first three letters of every cue (none is shorter: tested).
_CUE_STARTS = frozenset(cue[:3] for cue in _ROLE_OF_CUE)
_CUE_ROLES = _CueRoles()


def _is_heading(text: str) -> bool:
    r"""A short line without a sentence end: a title or a section heading.

    ``text`` is stripped, so it ends a sentence when, closing quotes and
    brackets aside, its last character does: what a search for
    ``[.!?;:]["'”’)\]]*\s*$`` finds, read from the end instead of searched
    for through the whole line (a fifth of the time of reading a role)."""
    return (text.rstrip(_CLOSERS)[-1:] not in _ENDS and len(text.split()) <= _HEADING_WORDS
            and not text.endswith(","))



def conflicting(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two sentences' roles say they cannot be the same point.

    Judged on the primary roles, and only when the two share no role at all:
    a meeting line that also commits may pair with a commitment.
    """
    if not a or not b or set(a) & set(b):
        return False
    return frozenset((a[0], b[0])) in CONFLICTS


def same_slot(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when both sentences fill the same one-off slot (same primary slot role)."""
    return bool(a) and bool(b) and a[0] == b[0] and a[0] in SLOT_ROLES

