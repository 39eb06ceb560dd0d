"""Term timeline: which formulas and topics each meeting's statement uses.

The question "when did 'swift' join the response formula, and when did the
'end of that regime' line disappear?" is answered by counting, meeting by
meeting, the tracked terms and topics of ``lexicon.toml`` (sections
``[terms]`` and ``[topics]``). Each term is counted on its own, so
overlapping terms ("sanctions", "sanctions evasion") both count; the
sentences that matched are kept so that a report can link each count to
its evidence.

Contents:

- :class:`TermRow`, :class:`TermTimeline` -- the counts, as frozen data.
- :func:`term_timeline` -- count the terms of a series of statements.
- :func:`format_terms_table` -- a term-by-meeting table for a terminal.

>>> timeline = term_timeline([("one", "The U.S. commitment is ironclad."),
...                           ("two", "The commitment is ironclad and unwavering.")])
>>> print(format_terms_table(timeline, kind="term"))
term        one  two
ironclad      1    1
unwavering    ·    1
"""

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tracker.compare.commitments import Lexicon, default_lexicon
from tracker.compare.hangul import detect_language, segment_as
from tracker.compare.limits import Skipped, within_cap

TERM, TOPIC = "term", "topic"
ZERO = "·"


@dataclass(frozen=True)
class TermRow:
    """How often one term or topic occurs in each meeting, and in which sentences.

    ``counts`` and ``sentences`` are aligned with :attr:`TermTimeline.meetings`;
    ``sentences[i]`` holds indexes into ``TermTimeline.sentences[i]``.
    """

    term: str
    kind: str
    counts: tuple[int, ...]
    sentences: tuple[tuple[int, ...], ...]
    first_seen: str | None
    last_seen: str | None

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "term": self.term,
            "kind": self.kind,
            "counts": list(self.counts),
            "sentences": [list(indexes) for indexes in self.sentences],
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


@dataclass(frozen=True)
class TermTimeline:
    """Tracked terms and topics across a series: one row each, one column per meeting.

    ``skipped`` lists the statements left out for being over the sentence cap.
    """

    meetings: tuple[str, ...]
    rows: tuple[TermRow, ...]
    sentences: tuple[tuple[str, ...], ...]
    skipped: tuple[Skipped, ...] = ()

    def row(self, term: str, kind: str | None = None) -> TermRow | None:
        """The row for ``term`` (of ``kind``, if given), or None if it never occurs."""
        return next((r for r in self.rows if r.term == term and kind in (None, r.kind)), None)

    def to_dict(self) -> dict:
        """Plain data for JSON: meetings, rows, and each meeting's sentences."""
        return {
            "meetings": list(self.meetings),
            "rows": [row.to_dict() for row in self.rows],
            "sentences": [list(texts) for texts in self.sentences],
            "skipped": [skipped.to_dict() for skipped in self.skipped],
        }


def term_timeline(
    statements: Sequence[tuple[str, str]],
    lexicon: Lexicon | None = None,
    keep_empty: bool = False,
    max_sentences: int | None = None,
) -> TermTimeline:
    """Count the lexicon's terms and topics in each ``(meeting label, text)``.

    Rows follow the lexicon's order, terms before topics. A row that is zero
    everywhere is left out unless ``keep_empty``: an absent formula is only
    news when it was present somewhere else in the series. A statement of
    more than ``max_sentences`` sentences is left out and listed in
    :attr:`TermTimeline.skipped`.
    """
    statements, skipped = within_cap(statements, max_sentences)
    lex = lexicon or default_lexicon()
    meetings = tuple(label for label, _ in statements)
    segmented = [segment_as(text, detect_language(text)) for _, text in statements]
    rows = [
        _row(label, kind, regex, statements, segmented, meetings)
        for kind, phrases in ((TERM, lex.terms), (TOPIC, lex.topics))
        for label, regex in phrases.each
    ]
    return TermTimeline(
        meetings=meetings,
        rows=tuple(row for row in rows if keep_empty or row.first_seen is not None),
        sentences=tuple(tuple(s.text for s in sentences) for sentences in segmented),
        skipped=skipped,
    )


def _row(label, kind, regex, statements, segmented, meetings) -> TermRow:
    """One :class:`TermRow`: count ``regex`` in every statement."""
    per_meeting = [
        _occurrences(regex, text, sentences)
        for (_, text), sentences in zip(statements, segmented, strict=True)
    ]
    counts = tuple(len(hits) for hits in per_meeting)
    present = [meeting for meeting, count in zip(meetings, counts, strict=True) if count]
    return TermRow(
        term=label,
        kind=kind,
        counts=counts,
        sentences=tuple(tuple(dict.fromkeys(hits)) for hits in per_meeting),
        first_seen=present[0] if present else None,
        last_seen=present[-1] if present else None,
    )


def _occurrences(regex, text: str, sentences) -> list[int]:
    """The sentence index of every match of ``regex`` in ``text``.

    The whole text is scanned once and each match placed by its offset,
    which is far cheaper than a scan per sentence; matches outside every
    sentence (dropped page furniture) do not count.
    """
    starts = [s.start for s in sentences]
    hits = []
    for match in regex.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and match.end() <= starts[index] + len(sentences[index].text):
            hits.append(index)
    return hits


def format_terms_table(timeline: TermTimeline, kind: str | None = None,
                       headings: Mapping[str, Sequence[str]] | None = None,
                       names: Mapping[str, str] | None = None) -> str:
    """A terminal table: one row per term, one column per meeting, '·' for zero.

    With ``kind`` ("term" or "topic") only that kind is shown; otherwise terms
    and topics are shown as two blocks under their own headers. A column is
    headed by its meeting's ``headings`` lines ("EDSCG 5" over "2024") where
    known, else by its slug; ``names`` names a meeting left out.
    """
    kinds = (kind,) if kind else (TERM, TOPIC)
    shown = [row for row in timeline.rows if row.kind in kinds]
    heads = _column_heads(timeline.meetings, headings or {})
    first = max([len(name) for name in kinds] + [len(row.term) for row in shown])
    widths = [
        max([len(line) for line in head] + [len(str(row.counts[column])) for row in shown])
        for column, head in enumerate(heads)
    ]
    blocks = [
        _table_block(name, [row for row in shown if row.kind == name], heads, first, widths)
        for name in kinds
    ]
    notes = [f"note: {s.describe((names or {}).get(s.meeting))}" for s in timeline.skipped]
    return "\n\n".join([block for block in blocks if block] + notes)


def _column_heads(meetings: Sequence[str],
                  headings: Mapping[str, Sequence[str]]) -> list[tuple[str, ...]]:
    """Each column's heading lines, all of one depth (blank lines filling)."""
    heads = [tuple(headings.get(meeting) or (meeting,)) for meeting in meetings]
    depth = max((len(head) for head in heads), default=1)
    return [head + ("",) * (depth - len(head)) for head in heads]


def _table_block(
    header: str, rows: list[TermRow], heads: list[tuple[str, ...]], first: int, widths: list[int]
) -> str:
    """Aligned lines of one block of the table, or '' when it has no rows."""
    if not rows:
        return ""
    depth = len(heads[0]) if heads else 1
    lines = [_table_line(header if line == 0 else "", [head[line] for head in heads],
                         first, widths) for line in range(depth)]
    for row in rows:
        cells = [str(count) if count else ZERO for count in row.counts]
        lines.append(_table_line(row.term, cells, first, widths))
    return "\n".join(lines)


def _table_line(name: str, cells: Sequence[str], first: int, widths: list[int]) -> str:
    """One line: the name left-aligned, cells right-aligned, two spaces apart."""
    parts = [name.ljust(first)] + [
        cell.rjust(width) for cell, width in zip(cells, widths, strict=True)
    ]
    return "  ".join(parts).rstrip()
