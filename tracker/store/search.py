"""Full-text search over snapshot texts, with bounded cost.

FTS5 finds and ranks the matching texts at once, but ``snippet()`` reads
every match in the text it summarises, and its cost grows faster than the
matches do: one 40,000-sentence statement that says "reaffirm" in every
sentence took about ten seconds to summarise. So a search runs in two steps:

1. rank the matching versions without snippets, and keep the first page;
2. summarise only those, each in its own statement. A text longer than
   ``FULL_SNIPPET_CHARS`` is summarised from a window of
   ``SNIPPET_WINDOW_CHARS`` around the first place a query word appears,
   indexed on its own in a scratch in-memory FTS5 table (the same tokenizer),
   so no snippet reads more than a window's worth of matches.

A time budget bounds the rest: SQLite's progress handler interrupts a
statement that runs past the deadline, and the deadline is checked between
statements; either way the caller gets :class:`SearchTooSlow`.
"""

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice

from tracker.errors import InputError, UnavailableError
from tracker.model import SearchHit

HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 16
FULL_SNIPPET_CHARS = 20_000  # the bundled statements hold at most about 3,300
SNIPPET_WINDOW_CHARS = 2_000
PROGRESS_STEPS = 1_000  # SQLite instructions between two looks at the clock
MAX_WINDOW_WORDS = 8  # query words looked up to place a window
MAX_COUNTED = 10_000  # occurrences counted per word: past that, a word is common

_FTS_TERM = re.compile(r'"([^"]*)"|(\w+)(\*?)', re.UNICODE)

_RANK_SQL = """
SELECT n.id, d.slug AS document, n.version, m.slug AS meeting, d.publisher, d.title,
       length(n.text) AS chars
FROM snapshots_fts
JOIN snapshots n ON n.id = snapshots_fts.rowid
JOIN documents d ON d.id = n.document_id
JOIN meetings m ON m.id = d.meeting_id
WHERE {where}
ORDER BY snapshots_fts.rank, m.date DESC, n.id
LIMIT ? OFFSET ?
"""
_SNIPPET = f"snippet({{table}}, 0, char(2), char(3), '{ELLIPSIS}', {SNIPPET_TOKENS})"
_FULL_SNIPPET_SQL = (f"SELECT {_SNIPPET.format(table='snapshots_fts')} FROM snapshots_fts "
                     "WHERE snapshots_fts MATCH ? AND rowid = ?")


class SearchTooSlow(UnavailableError):
    """A search ran past its time budget; a narrower one may not."""


TOO_SLOW = ("the search took too long; narrow it (a rarer word, a \"quoted phrase\", "
            "a meeting or a publisher)")


@dataclass(frozen=True)
class SearchResults:
    """The first page of a search: its hits, best first; whether more
    versions matched than the page holds; and how many snippets were made
    from a window of a long text rather than the whole text."""

    hits: list[SearchHit]
    more: bool = False
    windowed: int = 0


@dataclass(frozen=True)
class SearchFilter:
    meeting: str | None = None
    publisher: str | None = None
    all_versions: bool = False
    include_retracted: bool = False

    def where(self) -> tuple[str, list]:
        where, params = [], []
        if self.meeting:
            where.append("m.slug = ?")
            params.append(self.meeting)
        if self.publisher:
            where.append("d.publisher = ?")
            params.append(self.publisher)
        table = "snapshots" if self.include_retracted else "live_snapshots"
        if not self.include_retracted:
            where.append("n.id NOT IN (SELECT snapshot_id FROM retractions "
                         "WHERE unretracted_at IS NULL)")
        if not self.all_versions:
            where.append(f"n.version = (SELECT MAX(version) FROM {table} "
                         "WHERE document_id = n.document_id)")
        return "".join(f" AND {clause}" for clause in where), params


def search_snapshots(conn: sqlite3.Connection, query: str, chosen: SearchFilter,
                     limit: int = 50, budget_seconds: float | None = None,
                     offset: int = 0) -> SearchResults:
    """The best ``limit`` versions matching ``query`` (what a user typed)
    after the first ``offset``, each with a snippet; raises
    :class:`SearchTooSlow` past the budget. A query in Korean looks for
    substrings (:mod:`tracker.store.substring_search`)."""
    match = fts_query(query)
    from tracker.store.substring_search import has_hangul, search_substrings

    if has_hangul(query):
        return search_substrings(conn, query, chosen, limit, budget_seconds, offset)
    extra, params = chosen.where()
    with time_budget(conn, budget_seconds) as in_time:
        rows = _rows(conn, _RANK_SQL.format(where="snapshots_fts MATCH ?" + extra),
                     [match, *params, limit + 1, offset])
        hits, windowed = [], 0
        for row in rows[:limit]:
            in_time()
            snippet, bounded = _snippet(conn, match, query, row)
            windowed += bounded
            hits.append(SearchHit(row["document"], row["version"], row["meeting"],
                                  row["publisher"], row["title"], snippet))
    return SearchResults(hits, more=len(rows) > limit, windowed=windowed)


@contextmanager
def time_budget(conn: sqlite3.Connection, seconds: float | None) -> Iterator:
    """Within the block, statements on ``conn`` stop at the deadline; yields
    a check to call between statements. None means no budget."""
    deadline = None if seconds is None else time.monotonic() + seconds

    def in_time() -> None:
        if deadline is not None and time.monotonic() >= deadline:
            raise SearchTooSlow(TOO_SLOW)

    if deadline is not None:
        conn.set_progress_handler(lambda: time.monotonic() >= deadline, PROGRESS_STEPS)
    try:
        yield in_time
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            raise SearchTooSlow(TOO_SLOW) from None
        raise
    finally:
        if deadline is not None:
            conn.set_progress_handler(None, PROGRESS_STEPS)


def _snippet(conn: sqlite3.Connection, match: str, query: str, row: dict) -> tuple[str, bool]:
    """(snippet, made from a window); a short text is summarised whole."""
    if row["chars"] <= FULL_SNIPPET_CHARS:
        found = conn.execute(_FULL_SNIPPET_SQL, [match, row["id"]]).fetchone()
        return (found[0] if found else ""), False
    text = conn.execute("SELECT text FROM snapshots WHERE id = ?", [row["id"]]).fetchone()[0]
    start, window = text_window(text, query_words(query))
    snippet = window_snippet(window, " OR ".join(fts_terms(query)))
    if start > 0 and not snippet.startswith(ELLIPSIS):
        snippet = ELLIPSIS + snippet
    if start + len(window) < len(text) and not snippet.endswith(ELLIPSIS):
        snippet += ELLIPSIS
    return snippet, True


def text_window(text: str, words: list[str]) -> tuple[int, str]:
    """(start, window): ``SNIPPET_WINDOW_CHARS`` of ``text`` cut at spaces,
    around the first place where the rarest of ``words`` starts a word (the
    rare word is what the reader looks for; the common ones are everywhere).
    The start of the text when none is found as written (the tokenizer also
    folds accents, which this plain look-up does not)."""
    found = []
    for word in words[:MAX_WINDOW_WORDS]:
        places = list(islice(re.finditer(r"(?<!\w)" + re.escape(word), text, re.IGNORECASE),
                             MAX_COUNTED))
        if places:
            found.append((len(places), places[0].start()))
    first = min(found)[1] if found else 0
    start = max(0, first - SNIPPET_WINDOW_CHARS // 4)
    space = text.find(" ", start, first) if start else -1
    start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_WINDOW_CHARS)
    if end < len(text):
        cut = text.rfind(" ", first + 1, end)
        end = cut if cut > 0 else end
    return start, text[start:end]


def window_snippet(window: str, match: str) -> str:
    """FTS5's own snippet of ``window`` alone, from a scratch in-memory table
    (``match`` should join the terms with OR: the window need not hold all)."""
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute("CREATE VIRTUAL TABLE w USING fts5(text)")
        scratch.execute("INSERT INTO w(rowid, text) VALUES (1, ?)", [window])
        found = scratch.execute(f"SELECT {_SNIPPET.format(table='w')} FROM w "
                                "WHERE w MATCH ?", [match]).fetchone()
    finally:
        scratch.close()
    return found[0] if found else window[:200] + ELLIPSIS


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word or "quoted
    phrase" becomes a quoted term (a trailing ``*`` keeps prefix search), all
    of them required. Operators and stray punctuation lose their power, so no
    input can make the query fail."""
    return " ".join(fts_terms(text))


def fts_terms(text: str) -> list[str]:
    """The quoted terms of :func:`fts_query`; at least one."""
    terms = []
    for phrase, word, star in _FTS_TERM.findall(text):
        words = phrase.split() if phrase else [word]
        if words and any(words):
            terms.append('"' + " ".join(words).replace('"', '""') + '"' + star)
    if not terms:
        raise InputError("type a word or a \"quoted phrase\" to search for")
    return terms


def query_words(text: str) -> list[str]:
    """The first word of each term, as typed: where a window may start."""
    firsts = []
    for phrase, word, _star in _FTS_TERM.findall(text):
        words = phrase.split() if phrase else [word]
        if words and words[0]:
            firsts.append(words[0])
    return firsts


def _rows(conn: sqlite3.Connection, sql: str, params: list) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
