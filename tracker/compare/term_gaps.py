"""Terms in one language's text but not the other's, meeting by meeting.

The term timeline counts the tracked terms and topics of ``lexicon.toml``,
whose entries also match their Korean forms (``glossary.toml``), so the
same count runs on a Korean text. Set a meeting's Korean text beside its
English one and the terms counted in only one of them are what an analyst
checks first: "ironclad" in Washington's text with no 철통같은 in Seoul's.

>>> gaps = language_gaps([("ncg-9", "The commitment is ironclad.", "공약은 굳건하다.")])
>>> gaps[0].only_first
('ironclad',)
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tracker.compare.commitments import Lexicon, default_lexicon


@dataclass(frozen=True)
class MeetingGap:
    """The terms and topics one meeting's two texts do not share."""

    meeting: str
    only_first: tuple[str, ...]
    only_second: tuple[str, ...]
    shared: int

    def to_dict(self) -> dict:
        return {"meeting": self.meeting, "only_first": list(self.only_first),
                "only_second": list(self.only_second), "shared": self.shared}


def present_terms(text: str, lexicon: Lexicon) -> list[str]:
    """Tracked terms, then topics, that ``text`` uses (in lexicon order)."""
    found = []
    for phrases in (lexicon.terms, lexicon.topics):
        found += [label for label, regex in phrases.each
                  if regex.search(text) and label not in found]
    return found


def language_gaps(meetings: Sequence[tuple[str, str, str]],
                  lexicon: Lexicon | None = None) -> list[MeetingGap]:
    """For each ``(meeting, first text, second text)``, the terms only one uses."""
    lex = lexicon or default_lexicon()
    gaps = []
    for meeting, first, second in meetings:
        in_first, in_second = present_terms(first, lex), present_terms(second, lex)
        gaps.append(MeetingGap(meeting,
                               tuple(t for t in in_first if t not in in_second),
                               tuple(t for t in in_second if t not in in_first),
                               sum(1 for t in in_first if t in in_second)))
    return gaps


def format_gaps(gaps: Sequence[MeetingGap], languages: tuple[str, str],
                names: Mapping[str, str] | None = None) -> str:
    """A plain listing for a terminal: one block per meeting, named by
    ``names`` (slug → label) where it knows the meeting."""
    if not gaps:
        return "No meeting has texts in both languages."
    lines = []
    for gap in gaps:
        lines.append(f"{(names or {}).get(gap.meeting, gap.meeting)} "
                     f"({gap.shared} terms in both)")
        lines.append(f"  only in {languages[0]}: {', '.join(gap.only_first) or '-'}")
        lines.append(f"  only in {languages[1]}: {', '.join(gap.only_second) or '-'}")
    return "\n".join(lines)
