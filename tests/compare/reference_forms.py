"""The word diff and the line filling in their first, plain forms.

The engine's forms were rewritten for speed (issue 16: pieces as tuples,
prefix and suffix as single runs, lines ended by ``str.rfind``); these are
the forms they replaced, kept as the reference the fast ones must equal,
token for token and line for line.
"""

import re
from difflib import SequenceMatcher

from tracker.compare.inline import (
    DELETE,
    EQUAL,
    INSERT,
    MAX_PIECE_PRODUCT,
    Token,
    longest_common_subsequence,
    split_words,
)
from tracker.compare.normalise import STOP_WORDS

_SPACE_SPLIT = re.compile(r"(\s+)")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACE_RUN = re.compile("( +)")


def word_diff(a: str, b: str) -> list[Token]:
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


def inline_diff(a: str, b: str) -> list[Token]:
    return group_phrases(word_diff(a, b))


def _split_on_space(text):
    parts = _SPACE_SPLIT.split(text)
    words, spaces = parts[0::2], parts[1::2] + [""]
    leading = ""
    if words and not words[0]:
        leading = spaces.pop(0)
        words.pop(0)
    if words and not words[-1]:
        words.pop()
        spaces.pop()
    return leading, words, spaces


def _opcodes(a, b):
    opcodes, i, j = [], 0, 0
    for x, y, size in [*_runs(longest_common_subsequence(a, b)), (len(a), len(b), 0)]:
        if i < x or j < y:
            opcodes.append(("replace", i, x, j, y))
        if size:
            opcodes.append((EQUAL, x, x + size, y, y + size))
        i, j = x + size, y + size
    return opcodes


def _runs(matches):
    runs = []
    for x, y in matches:
        if runs and runs[-1][0] + runs[-1][2] == x and runs[-1][1] + runs[-1][2] == y:
            runs[-1][2] += 1
        else:
            runs.append([x, y, 1])
    return [tuple(run) for run in runs]


def _equal_tokens(words, spaces_a, spaces_b, i1, i2, j1):
    if spaces_a[i1:i2] == spaces_b[j1 : j1 + i2 - i1]:
        return [Token(EQUAL, _join(words, spaces_a, i1, i2))]
    tokens = []
    for i, j in zip(range(i1, i2), range(j1, j1 + i2 - i1), strict=True):
        tokens.append(Token(EQUAL, words[i]))
        tokens.extend(_space_tokens(spaces_a[i], spaces_b[j]))
    return tokens


def _piece_diff(a, b):
    if not (a.strip() and b.strip()) or not (_PUNCTUATION.search(a) or _PUNCTUATION.search(b)):
        return _change_tokens(a, b)
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


def _change_tokens(old, new):
    if not (old and new):
        return [Token(DELETE, old), Token(INSERT, new)]
    old_core, new_core = old.rstrip(), new.rstrip()
    tail = old[len(old_core) :]
    if tail != new[len(new_core) :]:
        return [Token(DELETE, old), Token(INSERT, new)]
    return [Token(DELETE, old_core), Token(INSERT, new_core), Token(EQUAL, tail)]


def _space_tokens(space_a, space_b):
    if space_a == space_b:
        return [Token(EQUAL, space_a)]
    common = len(space_a) if space_b.startswith(space_a) else 0
    return [Token(EQUAL, space_a[:common]), Token(DELETE, space_a[common:]),
            Token(INSERT, space_b[common:])]


def _join(words, spaces, start, end):
    return "".join(map(str.__add__, words[start:end], spaces[start:end]))


def coalesce(tokens):
    result, pending = [], {DELETE: "", INSERT: ""}
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


def _flush(result, pending):
    for op in (DELETE, INSERT):
        if pending[op]:
            result.append(Token(op, pending[op]))
            pending[op] = ""


def group_phrases(tokens):
    grouped = []
    for position, token in enumerate(tokens):
        if 0 < position < len(tokens) - 1 and _is_absorbed(tokens, position):
            grouped += [Token(DELETE, token.text), Token(INSERT, token.text)]
        else:
            grouped.append(token)
    return coalesce(grouped)


def _is_absorbed(tokens, position):
    token = tokens[position]
    return (token.op == EQUAL and _is_filler(token.text)
            and _is_change(tokens[position - 1]) and _is_change(tokens[position + 1]))


def _is_change(token):
    return token.op != EQUAL and not token.text.isspace()


def _is_filler(text):
    words = re.findall(r"\w+", text)
    content = [word for word in words if word.lower() not in STOP_WORDS]
    return len(content) == 0 or len(words) <= 1


def fill(text: str, width: int) -> list[str]:
    """The formatter's line filling, chunk by chunk."""
    chunks = [chunk for chunk in _SPACE_RUN.split(text) if chunk][::-1]
    lines: list[str] = []
    while chunks:
        if lines and chunks[-1][0] == " ":
            chunks.pop()
        line, size = [], 0
        while chunks and size + len(chunks[-1]) <= width:
            size += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and not line and len(chunks[-1]) > width:
            line.append(chunks.pop())
        if line and line[-1][0] == " ":
            line.pop()
        if line:
            lines.append("".join(line))
    return lines
