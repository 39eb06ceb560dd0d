"""Searching inside words: Korean stems in longer eojeol.

Korean writes a word with its particles and endings (규탄하였다, 확장억제를,
대북제재), so the word index (FTS5's ``unicode61``) never sees 규탄 alone. A
query holding Hangul is answered here instead, as substrings:

- a term of three characters or more is looked up in the trigram index
  (``snapshots_trigram``, migration m012), ranked by FTS5's bm25;
- a shorter term (Korean stems are often two syllables) cannot use trigrams,
  so it is matched with ``instr`` over the candidate texts: a scan, bounded
  by the same time budget as every search. ``benchmarks/search_korean.py``
  measures both.

The snippet marks every occurrence of each term, as FTS5's own does.
"""

import re
import sqlite3

from tracker.model import SearchHit
from tracker.store.search import (
    ELLIPSIS,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SearchFilter,
    SearchResults,
    query_words,
    time_budget,
)

TRIGRAM = 3
SNIPPET_CHARS = 160
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_SQL = """
SELECT n.id, d.slug AS document, n.version, m.slug AS meeting, d.publisher, d.title, n.text
FROM {source}
JOIN documents d ON d.id = n.document_id
JOIN meetings m ON m.id = d.meeting_id
WHERE {where}
ORDER BY {order}
LIMIT ? OFFSET ?
"""


def has_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


def substring_terms(query: str) -> list[str]:
    """The words and "quoted phrases" of a query, as substrings to find."""
    terms = []
    for phrase, word, _star in re.findall(r'"([^"]*)"|(\w+)(\*?)', query):
        text = " ".join(phrase.split()) if phrase else word
        if text:
            terms.append(text)
    return terms


def search_substrings(conn: sqlite3.Connection, query: str, chosen: SearchFilter,
                      limit: int = 50, budget_seconds: float | None = None,
                      offset: int = 0) -> SearchResults:
    """The best ``limit`` versions holding every term of ``query`` as a
    substring, after the first ``offset``."""
    terms = substring_terms(query) or query_words(query)
    sql, params = _query(terms, chosen)
    with time_budget(conn, budget_seconds) as in_time:
        cursor = conn.execute(sql, [*params, limit + 1, offset])
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        in_time()
    hits = [SearchHit(row["document"], row["version"], row["meeting"], row["publisher"],
                      row["title"], substring_snippet(row["text"], terms))
            for row in rows[:limit]]
    return SearchResults(hits, more=len(rows) > limit)


def _query(terms: list[str], chosen: SearchFilter) -> tuple[str, list]:
    """SQL and parameters: trigram MATCH for long terms, ``instr`` for the rest."""
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    where, params = [], []
    if long_terms:
        source = "snapshots_trigram JOIN snapshots n ON n.id = snapshots_trigram.rowid"
        where.append("snapshots_trigram MATCH ?")
        params.append(" ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
        order = "snapshots_trigram.rank, m.date DESC"
    else:
        source, order = "snapshots n", "m.date DESC, n.id DESC"
    for term in short_terms:
        where.append("instr(lower(n.text), lower(?)) > 0")
        params.append(term)
    extra, extra_params = chosen.where()
    return (_SQL.format(source=source, where=" AND ".join(where) + extra, order=order),
            params + extra_params)


def substring_snippet(text: str, terms: list[str]) -> str:
    """About ``SNIPPET_CHARS`` of ``text`` around the first term found, each
    occurrence of a term between the highlight marks."""
    lowered = text.lower()
    places = [place for place in (lowered.find(t.lower()) for t in terms) if place >= 0]
    first = min(places) if places else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    window = text[start:end]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)),
                         re.IGNORECASE)
    marked = pattern.sub(lambda m: HIGHLIGHT_START + m.group() + HIGHLIGHT_END, window)
    return (ELLIPSIS if start else "") + marked + (ELLIPSIS if end < len(text) else "")
