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

import re
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
    lead_a, words_a, spaces_a = _split_on_space(a)
    lead_b, words_b, spaces_b = _split_on_space(b)
    tokens = _space_tokens(lead_a, lead_b)
    for tag, i1, i2, j1, j2 in _opcodes(words_a, words_b):
        if tag == EQUAL:
            tokens.extend(_equal_tokens(words_a, spaces_a, spaces_b, i1, i2, j1))
        else:
            tokens.extend(_piece_diff(_join(words_a, spaces_a, i1, i2),
                                      _join(words_b, spaces_b, j1, j2)))
    return coalesce(tokens)


def _equal_tokens(words: list[str], spaces_a: list[str], spaces_b: list[str],
                  i1: int, i2: int, j1: int) -> list[Token]:
    """Tokens for equal words ``i1:i2``; only differing spaces break the run."""
    if spaces_a[i1:i2] == spaces_b[j1 : j1 + i2 - i1]:
        return [Token(EQUAL, _join(words, spaces_a, i1, i2))]
    tokens = []
    for i, j in zip(range(i1, i2), range(j1, j1 + i2 - i1), strict=True):
        tokens.append(Token(EQUAL, words[i]))
        tokens.extend(_space_tokens(spaces_a[i], spaces_b[j]))
    return tokens


def _split_on_space(text: str) -> tuple[str, list[str], list[str]]:
    """Leading space, the white-space-separated words, the space after each."""
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


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes, in the style of difflib, of a longest common subsequence:
    each run of consecutive matches is one equal opcode, so a long unit
    costs one token per run, not one per word."""
    opcodes = []
    i = j = 0
    for x, y, size in [*_runs(longest_common_subsequence(a, b)), (len(a), len(b), 0)]:
        if i < x or j < y:
            opcodes.append(("replace", i, x, j, y))
        if size:
            opcodes.append((EQUAL, x, x + size, y, y + size))
        i, j = x + size, y + size
    return opcodes


def _runs(matches: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``(i, j, size)`` for each run of matches on one diagonal."""
    runs: list[list[int]] = []
    for x, y in matches:
        if runs and runs[-1][0] + runs[-1][2] == x and runs[-1][1] + runs[-1][2] == y:
            runs[-1][2] += 1
        else:
            runs.append([x, y, 1])
    return [(x, y, size) for x, y, size in runs]


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
    tail = _common_prefix(a[head:][::-1], b[head:][::-1])
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


def _middle_lcs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    places: dict[str, list[int]] = {}
    for j, item in enumerate(b):
        places.setdefault(item, []).append(j)
    if sum(len(places.get(item, ())) for item in a) > MAX_MATCH_PAIRS:
        return _patience_pairs(a, b)
    thresholds: list[int] = []
    chains: list[tuple] = []  # chains[k]: (i, j, chain of length k) ending at thresholds[k]
    for i, item in enumerate(a):
        for j in reversed(places.get(item, ())):
            k = bisect_left(thresholds, j)
            link = (i, j, chains[k - 1] if k else None)
            if k == len(thresholds):
                thresholds.append(j)
                chains.append(link)
            elif j < thresholds[k]:
                thresholds[k] = j
                chains[k] = link
    pairs = []
    node = chains[-1] if chains else None
    while node is not None:
        pairs.append((node[0], node[1]))
        node = node[2]
    return pairs[::-1]


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


def _piece_diff(a: str, b: str) -> list[Token]:
    """Diff of a replaced stretch at the level of words and punctuation marks."""
    if not (a.strip() and b.strip()) or not (_PUNCTUATION.search(a) or _PUNCTUATION.search(b)):
        return _change_tokens(a, b)  # nothing finer to find: no word is shared
    lead_a, words_a, spaces_a = split_words(a)
    lead_b, words_b, spaces_b = split_words(b)
    if len(words_a) * len(words_b) > MAX_PIECE_PRODUCT:
        return _change_tokens(a, b)
    tokens = _space_tokens(lead_a, lead_b)
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            tokens.extend(_equal_tokens(words_a, spaces_a, spaces_b, i1, i2, j1))
        else:
            tokens.extend(_change_tokens(_join(words_a, spaces_a, i1, i2),
                                         _join(words_b, spaces_b, j1, j2)))
    return tokens


def _change_tokens(old: str, new: str) -> list[Token]:
    """A replacement, with white space common to both ends shown as equal."""
    if not (old and new):
        return [Token(DELETE, old), Token(INSERT, new)]
    old_core, new_core = old.rstrip(), new.rstrip()
    tail = old[len(old_core) :]
    if tail != new[len(new_core) :]:
        return [Token(DELETE, old), Token(INSERT, new)]
    return [Token(DELETE, old_core), Token(INSERT, new_core), Token(EQUAL, tail)]


def _space_tokens(space_a: str, space_b: str) -> list[Token]:
    """Tokens for the white space after a common word on each side."""
    if space_a == space_b:
        return [Token(EQUAL, space_a)]
    common = len(space_a) if space_b.startswith(space_a) else 0
    return [Token(EQUAL, space_a[:common]), Token(DELETE, space_a[common:]),
            Token(INSERT, space_b[common:])]


def _join(words: list[str], spaces: list[str], start: int, end: int) -> str:
    return "".join(map(str.__add__, words[start:end], spaces[start:end]))


def coalesce(tokens: list[Token]) -> list[Token]:
    """Drop empty tokens and join neighbours with the same op.

    Within a run of changes, deletions come before insertions, so a reader
    (and :func:`rebuild`) sees old text, then new.
    """
    result: list[Token] = []
    pending = {DELETE: "", INSERT: ""}
    for token in tokens:
        if token.op == EQUAL:
            _flush(result, pending)
            if token.text and result and result[-1].op == EQUAL:
                result[-1] = Token(EQUAL, result[-1].text + token.text)
            elif token.text:
                result.append(token)
        else:
            pending[token.op] += token.text
    _flush(result, pending)
    return result


def _flush(result: list[Token], pending: dict[str, str]) -> None:
    for op in (DELETE, INSERT):
        if pending[op]:
            result.append(Token(op, pending[op]))
            pending[op] = ""


def rebuild(tokens: list[Token], side: str) -> str:
    """The text of side ``"a"`` or ``"b"`` spelled by ``tokens``."""
    skip = INSERT if side == "a" else DELETE
    return "".join(token.text for token in tokens if token.op != skip)


def group_phrases(tokens: list[Token]) -> list[Token]:
    """Fold short equal runs between two changes into the change, for display."""
    grouped: list[Token] = []
    for position, token in enumerate(tokens):
        if 0 < position < len(tokens) - 1 and _is_absorbed(tokens, position):
            grouped += [Token(DELETE, token.text), Token(INSERT, token.text)]
        else:
            grouped.append(token)
    return coalesce(grouped)


def _is_absorbed(tokens: list[Token], position: int) -> bool:
    """True for a slight equal run with a real change on both sides."""
    token = tokens[position]
    return (token.op == EQUAL and _is_filler(token.text)
            and _is_change(tokens[position - 1]) and _is_change(tokens[position + 1]))


def _is_change(token: Token) -> bool:
    """True for a change a reader notices (not a change of white space only)."""
    return token.op != EQUAL and not token.text.isspace()


def _is_filler(text: str) -> bool:
    """True if an equal run is too slight to show between two changes."""
    words = re.findall(r"\w+", text)
    content = [word for word in words if word.lower() not in STOP_WORDS]
    return len(content) == 0 or len(words) <= 1


def inline_diff(a: str, b: str) -> list[Token]:
    """The readable word diff of ``a`` against ``b`` shown to users."""
    return group_phrases(word_diff(a, b))


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
