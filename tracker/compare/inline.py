"""Word-level differences inside one aligned pair of sentences.

Two layers, kept apart on purpose:

- :func:`word_diff` is the *raw* diff, and minimal: a longest common
  subsequence of white-space-separated words (Hunt-Szymanski), so it keeps
  at least as many words in common as GNU wdiff; each replaced stretch is
  then refined by :class:`difflib.SequenceMatcher` over words and single
  punctuation marks with ``autojunk=False``. (difflib alone is not enough:
  its longest-block-first search keeps fewer words in common, and its junk
  heuristic, on by default, treats "the" and "," as junk in any text over
  200 tokens and loses hundreds of common words on a long paragraph.)
- :func:`group_phrases` is for *display*: a diff that alternates change,
  "the", change, ",", change is confetti to a reader. Short equal runs
  between two changes (only stop words or punctuation, or a single word) are
  folded into the surrounding change, so edits read as phrases.

Both keep the one invariant every caller relies on: joining the ``equal`` and
``delete`` tokens gives the A text exactly, and joining ``equal`` and
``insert`` tokens gives the B text exactly.

>>> tokens = word_diff("the big dog barked", "the small dog barked")
>>> [(t.op, t.text) for t in tokens]
[('equal', 'the '), ('delete', 'big'), ('insert', 'small'), ('equal', ' dog barked')]
>>> rebuild(tokens, "a"), rebuild(tokens, "b")
('the big dog barked', 'the small dog barked')
"""

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from tracker.compare.normalise import STOP_WORDS
from tracker.compare.precompiled import compile_regex

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
SPACE = "space"  # display only (:func:`spaced`): in neither text


@dataclass(frozen=True, slots=True)
class Token:
    """A run of text that is the same on both sides, or only on one."""

    op: str
    text: str


# Words (with inner apostrophes), single punctuation marks, and white space.
_PIECE = compile_regex(r"\w+(?:['\u2019]\w+)*|[^\w\s]|\s+")
_WORDS = compile_regex(r"\S+")
_SPACE_SPLIT = compile_regex(r"(\s+)")
_PUNCTUATION = compile_regex(r"[^\w\s]")
_WORD = compile_regex(r"\w+")


def split_words(text: str) -> tuple[str, list[str], list[str]]:
    """Split ``text`` into leading space, words, and the space after each word."""
    pieces = _PIECE.findall(text)
    leading = ""
    if pieces and pieces[0].isspace():
        leading = pieces.pop(0)
    words: list[str] = []
    spaces: list[str] = []
    for piece in pieces:
        if piece.isspace():
            spaces[-1] += piece
        else:
            words.append(piece)
            spaces.append("")
    return leading, words, spaces


def word_diff(a: str, b: str) -> list[Token]:
    """Minimal word-level diff of ``a`` against ``b`` (see the module docstring).

    Words here are runs of non-space characters, as in GNU wdiff, and the
    pairing is a longest common subsequence of them, so no diff keeps more
    words in common. Each replaced stretch is then diffed again at the level
    of words and punctuation marks, so "commitment." against "commitment,"
    shows only the comma changing.
    """
    return _as_tokens(_merged(_word_pieces(a, b)))


# Inside the diff, tokens are (op, text) pairs: a tuple is built several
# times faster than a frozen dataclass, and a reworded sentence passes
# through a dozen before coalescing leaves three or four (the 100k-word
# pair's 461 reworded units: a fifth of the word diffs' time).
Piece = tuple[str, str]


def _word_pieces(a: str, b: str) -> list[Piece]:
    """The raw word diff as pieces, before coalescing: between runs of
    common words (a longest common subsequence, run by run, as in difflib's
    opcodes), each replaced stretch diffed again, finer."""
    lead_a, words_a, spaces_a = _split_on_space(a)
    lead_b, words_b, spaces_b = _split_on_space(b)
    pieces = _space_pieces(lead_a, lead_b)
    i = j = 0
    for x, y, size in [*_common_runs(words_a, words_b), (len(words_a), len(words_b), 0)]:
        if i < x or j < y:
            pieces += _piece_diff(_join(words_a, spaces_a, i, x), _join(words_b, spaces_b, j, y))
        if size:
            pieces += _equal_pieces(words_a, spaces_a, spaces_b, x, x + size, y)
        i, j = x + size, y + size
    return pieces


def _equal_pieces(words: list[str], spaces_a: list[str], spaces_b: list[str],
                  i1: int, i2: int, j1: int) -> list[Piece]:
    """Pieces for equal words ``i1:i2``; only differing spaces break the run."""
    if spaces_a[i1:i2] == spaces_b[j1 : j1 + i2 - i1]:
        return [(EQUAL, _join(words, spaces_a, i1, i2))]
    last = j1 + i2 - i1 - 1
    if spaces_a[i1 : i2 - 1] == spaces_b[j1:last]:
        # Common: a run that ends one text and not the other. One piece,
        # not one per word (coalescing joins them all the same).
        return [(EQUAL, _join(words, spaces_a, i1, i2 - 1) + words[i2 - 1]),
                *_space_pieces(spaces_a[i2 - 1], spaces_b[last])]
    pieces = []
    for i, j in zip(range(i1, i2), range(j1, j1 + i2 - i1), strict=True):
        pieces.append((EQUAL, words[i]))
        pieces += _space_pieces(spaces_a[i], spaces_b[j])
    return pieces


def _split_on_space(text: str) -> tuple[str, list[str], list[str]]:
    """Leading space, the white-space-separated words, the space after each."""
    words = text.split(" ")
    if words == text.split():  # single spaces only, none at the ends: most sentences
        return "", words, [" "] * (len(words) - 1) + [""]
    parts = _SPACE_SPLIT.split(text)
    # re.split with a capture group alternates: word, space, word, space, ...
    words, spaces = parts[0::2], parts[1::2] + [""]
    leading = ""
    if words and not words[0]:
        leading = spaces.pop(0)
        words.pop(0)
    if words and not words[-1]:
        words.pop()
        spaces.pop()
    return leading, words, spaces


def _common_runs(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """``(i, j, size)`` for each run of a longest common subsequence on one
    diagonal: :func:`longest_common_subsequence`, without spelling out the
    common prefix and suffix pair by pair (most of a reworded sentence)."""
    head = _common_prefix(a, b)
    tail = _common_suffix(a, b, head)
    runs = [(0, 0, head)] if head else []
    # No run of the middle continues the prefix or leads into the suffix:
    # both are as long as they can be.
    runs += _runs(_middle_lcs(a[head : len(a) - tail], b[head : len(b) - tail]), head)
    if tail:
        runs.append((len(a) - tail, len(b) - tail, tail))
    return runs


def _runs(pairs: list[tuple[int, int]], offset: int = 0) -> list[tuple[int, int, int]]:
    """``(i, j, size)`` for each run of ``pairs`` on one diagonal, moved by ``offset``."""
    runs = []
    x = y = size = 0
    for i, j in pairs:
        if i == x + size and j == y + size:
            size += 1
        else:
            if size:
                runs.append((x + offset, y + offset, size))
            x, y, size = i, j, 1
    if size:
        runs.append((x + offset, y + offset, size))
    return runs


# Above this many candidate (i, j) pairs the exact search would be slow (a
# long stretch of text without sentence breaks, full of "the" and "of"); the
# diff then anchors on words found once on each side, as patience diff does,
# and searches each stretch between anchors on its own.
MAX_MATCH_PAIRS = 1_000_000
# The second, punctuation-level pass is skipped on replaced stretches larger
# than this (words times words): they are rewrites, and would cost seconds.
MAX_PIECE_PRODUCT = 250_000


def longest_common_subsequence(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of ``a`` and ``b``.

    Hunt-Szymanski: for each item of ``a`` (in order) and each place it
    occurs in ``b`` (right to left), binary-search the shortest common
    subsequence it can extend. The cost grows with the number of equal
    pairs, not with ``len(a) * len(b)``, so common prefix and suffix are
    matched first and very repetitive inputs fall back to difflib.
    """
    head = _common_prefix(a, b)
    tail = _common_suffix(a, b, head)
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    pairs = [(k, k) for k in range(head)]
    pairs += [(i + head, j + head) for i, j in _middle_lcs(middle_a, middle_b)]
    pairs += [(len(a) - tail + k, len(b) - tail + k) for k in range(tail)]
    return pairs


def _common_prefix(a: list[str], b: list[str]) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def _common_suffix(a: list[str], b: list[str], head: int) -> int:
    """How many items end both lists alike, none of the first ``head``."""
    size, limit = 0, min(len(a), len(b)) - head
    while size < limit and a[-1 - size] == b[-1 - size]:
        size += 1
    return size


def _middle_lcs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Hunt-Szymanski on what lies between the common prefix and suffix."""
    if not (a and b):  # a pure insertion or deletion: nothing to search
        return []
    places = _places_right_to_left(b)
    if len(a) * len(b) > MAX_MATCH_PAIRS \
            and sum(len(places.get(item, ())) for item in a) > MAX_MATCH_PAIRS:
        return _patience_pairs(a, b)
    thresholds: list[int] = []
    chains: list[tuple] = []  # chains[k]: (i, j, chain of length k) ending at thresholds[k]
    for i, item in enumerate(a):
        for j in places.get(item, ()):
            k = bisect_left(thresholds, j)
            if k == len(thresholds):
                thresholds.append(j)
                chains.append((i, j, chains[k - 1] if k else None))
            elif j < thresholds[k]:
                thresholds[k] = j
                chains[k] = (i, j, chains[k - 1] if k else None)
    pairs = []
    node = chains[-1] if chains else None
    while node is not None:
        pairs.append((node[0], node[1]))
        node = node[2]
    return pairs[::-1]


def _places_right_to_left(items: list[str]) -> dict[str, list[int]]:
    """Where each item occurs, last place first (the order the search takes)."""
    places: dict[str, list[int]] = {}
    for j in range(len(items) - 1, -1, -1):
        places.setdefault(items[j], []).append(j)
    return places


def _patience_pairs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Common subsequence anchored on words that occur once on each side.

    Near-minimal, and fast on any input: the stretches between anchors are
    solved separately (exactly when small enough). Without any anchor, it
    falls back to difflib with its junk heuristic, which ignores the very
    frequent words that made the exact search too costly.
    """
    anchors = _unique_anchors(a, b)
    if not anchors:
        matcher = SequenceMatcher(None, a, b)
        return [(i + k, j + k) for i, j, size in matcher.get_matching_blocks()
                for k in range(size)]
    pairs: list[tuple[int, int]] = []
    start_a = start_b = 0
    for i, j in [*anchors, (len(a), len(b))]:
        gap = longest_common_subsequence(a[start_a:i], b[start_b:j])
        pairs += [(start_a + x, start_b + y) for x, y in gap]
        if i < len(a):
            pairs.append((i, j))
        start_a, start_b = i + 1, j + 1
    return pairs


def _unique_anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Longest in-order chain of (i, j) where ``a[i] == b[j]`` occurs once in each."""
    count_a, count_b = Counter(a), Counter(b)
    place_b = {item: j for j, item in enumerate(b) if count_b[item] == 1}
    candidates = [(i, place_b[item]) for i, item in enumerate(a)
                  if count_a[item] == 1 and item in place_b]
    tails: list[int] = []  # b positions ending the best chain of each length
    ends: list[int] = []  # candidate number ending that chain
    previous: list[int] = []
    for number, (_i, j) in enumerate(candidates):
        length = bisect_left(tails, j)
        previous.append(ends[length - 1] if length else -1)
        if length == len(tails):
            tails.append(j)
            ends.append(number)
        else:
            tails[length], ends[length] = j, number
    chain = []
    number = ends[-1] if ends else -1
    while number != -1:
        chain.append(candidates[number])
        number = previous[number]
    return chain[::-1]


def _piece_diff(a: str, b: str) -> list[Piece]:
    """Diff of a replaced stretch at the level of words and punctuation marks."""
    if not (a.strip() and b.strip()) or not (_PUNCTUATION.search(a) or _PUNCTUATION.search(b)):
        return _change_pieces(a, b)  # nothing finer to find: no word is shared
    lead_a, words_a, spaces_a = split_words(a)
    lead_b, words_b, spaces_b = split_words(b)
    if len(words_a) * len(words_b) > MAX_PIECE_PRODUCT:
        return _change_pieces(a, b)
    pieces = _space_pieces(lead_a, lead_b)
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            pieces += _equal_pieces(words_a, spaces_a, spaces_b, i1, i2, j1)
        else:
            pieces += _change_pieces(_join(words_a, spaces_a, i1, i2),
                                     _join(words_b, spaces_b, j1, j2))
    return pieces


def _change_pieces(old: str, new: str) -> list[Piece]:
    """A replacement, with white space common to both ends shown as equal."""
    if not (old and new):
        return [(DELETE, old), (INSERT, new)]
    old_core, new_core = old.rstrip(), new.rstrip()
    tail = old[len(old_core) :]
    if tail != new[len(new_core) :]:
        return [(DELETE, old), (INSERT, new)]
    return [(DELETE, old_core), (INSERT, new_core), (EQUAL, tail)]


def _space_pieces(space_a: str, space_b: str) -> list[Piece]:
    """Pieces for the white space after a common word on each side."""
    if space_a == space_b:
        return [(EQUAL, space_a)]
    common = len(space_a) if space_b.startswith(space_a) else 0
    return [(EQUAL, space_a[:common]), (DELETE, space_a[common:]),
            (INSERT, space_b[common:])]


def _join(words: list[str], spaces: list[str], start: int, end: int) -> str:
    """Words ``start:end``, each with its space. Interleaved by slice
    assignment, in C: a third of the time of ``map(str.__add__, …)``."""
    pieces = [""] * (2 * (end - start))
    pieces[::2] = words[start:end]
    pieces[1::2] = spaces[start:end]
    return "".join(pieces)


def coalesce(tokens: list[Token]) -> list[Token]:
    """Drop empty tokens and join neighbours with the same op.

    Within a run of changes, deletions come before insertions, so a reader
    (and :func:`rebuild`) sees old text, then new.
    """
    return _as_tokens(_merged([(token.op, token.text) for token in tokens]))


def _merged(pieces: list[Piece]) -> list[Piece]:
    """:func:`coalesce` on pieces. An equal piece, even an empty one, ends
    a run of changes: changes on either side of it stay apart."""
    result: list[Piece] = []
    equal = deleted = inserted = ""  # text not yet in ``result``
    for op, text in pieces:
        if op == DELETE:
            deleted += text
        elif op == INSERT:
            inserted += text
        elif op != EQUAL:
            raise ValueError(f"no such op in a diff: {op!r}")
        else:
            if deleted or inserted:
                _flush(result, equal, deleted, inserted)
                equal = deleted = inserted = ""
            equal += text
    _flush(result, equal, deleted, inserted)
    return result


def _flush(result: list[Piece], equal: str, deleted: str, inserted: str) -> None:
    for piece in ((EQUAL, equal), (DELETE, deleted), (INSERT, inserted)):
        if piece[1]:
            result.append(piece)


def _as_tokens(pieces: list[Piece]) -> list[Token]:
    return [Token(op, text) for op, text in pieces]


def rebuild(tokens: list[Token], side: str) -> str:
    """The text of side ``"a"`` or ``"b"`` spelled by ``tokens``."""
    skip = INSERT if side == "a" else DELETE
    return "".join(token.text for token in tokens if token.op != skip)


def group_phrases(tokens: list[Token]) -> list[Token]:
    """Fold short equal runs between two changes into the change, for display."""
    return _as_tokens(_grouped([(token.op, token.text) for token in tokens]))


def _grouped(pieces: list[Piece]) -> list[Piece]:
    """:func:`group_phrases` on pieces."""
    grouped: list[Piece] = []
    last = len(pieces) - 1
    for position, (op, text) in enumerate(pieces):
        if 0 < position < last and op == EQUAL and _is_change(pieces[position - 1]) \
                and _is_change(pieces[position + 1]) and _is_filler(text):
            grouped += [(DELETE, text), (INSERT, text)]  # a slight run between two changes
        else:
            grouped.append((op, text))
    return _merged(grouped)


def _is_change(piece: Piece) -> bool:
    """True for a change a reader notices (not a change of white space only)."""
    return piece[0] != EQUAL and not piece[1].isspace()


def _is_filler(text: str) -> bool:
    """True if an equal run is too slight to show between two changes."""
    words = _WORD.findall(text)
    content = [word for word in words if word.lower() not in STOP_WORDS]
    return len(content) == 0 or len(words) <= 1


def inline_diff(a: str, b: str) -> list[Token]:
    """The readable word diff of ``a`` against ``b`` shown to users."""
    return _as_tokens(_grouped(_merged(_word_pieces(a, b))))


def common_words(tokens: list[Token]) -> int:
    """How many white-space-separated words of side A lie wholly in equal text.

    This is the figure GNU wdiff reports as "words in common", so the two
    tools can be compared on the same pair.
    """
    in_common: list[bool] = []
    for token in tokens:
        if token.op != INSERT:
            in_common.extend([token.op == EQUAL] * len(token.text))
    text = rebuild(tokens, "a")
    return sum(all(in_common[m.start() : m.end()]) for m in _WORDS.finditer(text))


def spaced(tokens) -> list[Token]:
    """Tokens for display: a space between a deleted run and the inserted run
    that follows it when neither brings one, so that "Chang Ho-jin" replaced
    by "Kim Hong-kyun" never reads "Chang Ho-jinKim Hong-kyun" once the marks
    are styles (HTML, colour). The space is a token of its own op,
    :data:`SPACE`, shown on both sides and part of neither text."""
    shown: list[Token] = []
    for token in tokens:
        if shown and token.op == INSERT and shown[-1].op == DELETE \
                and not shown[-1].text[-1:].isspace() and token.text[:1].isalnum():
            shown.append(Token(SPACE, " "))
        shown.append(token)
    return shown


def as_tokens(tokens) -> list[Token]:
    """Tokens from a comparison or from a stored payload (dicts with ``op``
    and ``text``), for the renderers that read both."""
    return [Token(t["op"], t["text"]) if isinstance(t, dict) else t for t in tokens]
