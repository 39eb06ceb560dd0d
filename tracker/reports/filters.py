"""Which reports, and which parts of a report, a reader asked for.

One :class:`ReportFilter` serves every place a reader narrows reports: a
subscription in ``tracker.toml`` or the database, ``tracker subscriptions``
options, the web form and the Atom feed's query string. It is parsed from a
plain mapping (TOML table, CLI options, query arguments) by
:func:`parse_filter`, and applied to a stored payload by
:meth:`ReportFilter.narrow`, so every surface selects the same reports and
keeps the same sentences.

Series and document choose whole reports. Topic, actor, change kind and
significance choose sentences: a report is kept when at least one sentence
passes, and only those sentences stay, each with the sentence before it (its
context), as the engine gave it. Within one field any value may match; every
field given must match.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from tracker.compare.sections import ADDED_KEY, DROPPED, OTHER, STRONGER, WEAKER
from tracker.errors import InputError
from tracker.model import SIGNIFICANCES, Report
from tracker.text import has_controls

CHANGE_KINDS = (ADDED_KEY, DROPPED, STRONGER, WEAKER)
LIST_FIELDS = ("series", "document", "topic", "actor", "change")
KEYS = (*LIST_FIELDS, "min_significance")
MAX_VALUES = 20
MAX_VALUE_CHARS = 200


@dataclass(frozen=True)
class ReportFilter:
    """What to keep; an empty filter keeps every report whole."""

    series: tuple[str, ...] = ()
    document: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    change: tuple[str, ...] = ()
    min_significance: str = "routine"

    @property
    def everything(self) -> bool:
        return self == ReportFilter()

    @property
    def chooses_sentences(self) -> bool:
        return bool(self.topic or self.actor or self.change) or self.min_significance != "routine"

    def to_mapping(self) -> dict:
        """The fields that are set, lists as lists: stored as JSON, shown in
        ``--json`` and read back by :func:`parse_filter`."""
        values = {name: list(getattr(self, name)) for name in LIST_FIELDS if getattr(self, name)}
        if self.min_significance != "routine":
            values["min_significance"] = self.min_significance
        return values

    def query_string(self) -> str:
        """The same filter as ``/feed.atom`` query arguments, in a fixed order."""
        return urlencode(self.to_mapping(), doseq=True)

    def describe(self) -> str:
        """``topic Russia; change weaker``, or ``everything``."""
        parts = [f"{name.replace('_', ' ')} "
                 + (", ".join(value) if isinstance(value, list) else value)
                 for name, value in self.to_mapping().items()]
        return "; ".join(parts) or "everything"

    def select(self, report: Report, series: str | None,
               significance: Callable[[dict], str] | None = None) -> Report | None:
        """The report as this filter sends it, or None when it sends nothing."""
        payload = self.narrow(report.payload, series, significance)
        if payload is None:
            return None
        return replace(report, payload=payload, title=payload.get("title", report.title))

    def narrow(self, payload: dict, series: str | None,
               significance: Callable[[dict], str] | None = None) -> dict | None:
        """The payload with only the sentences asked for; None when the
        report is not wanted at all. ``significance`` reads an item's
        significance (default: :func:`item_significance`)."""
        if not self._wants_report(payload, series):
            return None
        if not self.chooses_sentences:
            return payload
        judge = significance or item_significance
        sections = {key: [item for item in items if self._keeps(key, item, judge)]
                    for key, items in payload.get("sections", {}).items()}
        if not any(sections.values()):
            return None
        return {**payload, "sections": sections, "topics": self._topic_lines(payload),
                "summary": _recount(sections), "filter": self.describe(),
                "title": f"{payload.get('title', '')} (only {self.describe()})",
                "summary_line": f"Only {self.describe()}: {_count_line(sections)}"}

    def _wants_report(self, payload: dict, series: str | None) -> bool:
        return (_any_equal(self.series, series) and _any_equal(self.document,
                                                                payload.get("document")))

    def _keeps(self, section: str, item: dict, judge: Callable[[dict], str]) -> bool:
        if self.change and section not in self.change:
            return False
        if self.topic and not _names_match(self.topic, item.get("topics") or []):
            return False
        if self.actor and not _names_match(self.actor, item.get("actors") or []):
            return False
        return _rank(judge(item)) >= _rank(self.min_significance)

    def _topic_lines(self, payload: dict) -> list:
        lines = [line for line in payload.get("topics") or [] if isinstance(line, str)]
        if not self.topic:
            return lines
        return [line for line in lines if _names_match(self.topic, [line.split(":")[0]])]


def parse_filter(values: Mapping, where: str = "filter") -> ReportFilter:
    """A filter from a TOML table, CLI options or query arguments: each
    field a string, a comma-separated string or a list of strings. Unknown
    keys and values are refused with one line naming them."""
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise InputError(f"{where}: unknown filter key(s) {', '.join(unknown)} "
                         f"(use {', '.join(KEYS)})")
    found = {name: _values(values.get(name), f"{where}: {name}") for name in LIST_FIELDS}
    found["change"] = tuple(value.lower() for value in found["change"])
    _check_choices(found["change"], CHANGE_KINDS, f"{where}: change")
    least = _values(values.get("min_significance"), f"{where}: min_significance")
    if len(least) > 1:
        raise InputError(f"{where}: min_significance takes one value")
    level = least[0].lower() if least else "routine"
    _check_choices((level,), SIGNIFICANCES, f"{where}: min_significance")
    return ReportFilter(**found, min_significance=level)


def item_significance(item: dict) -> str:
    """An item's significance: its own ``significance`` or the highest of its
    ``annotations``; routine when nobody judged it."""
    levels = [item.get("significance")]
    levels += [a.get("significance") for a in item.get("annotations") or []
               if isinstance(a, dict)]
    known = [level for level in levels if level in SIGNIFICANCES]
    return max(known, key=_rank, default="routine")


def significance_from(levels_by_key: Mapping[str, Iterable[str]]) -> Callable[[dict], str]:
    """An item's significance counting annotations kept apart from the
    payload too, by the unit key items carry (``item["key"]``): made after
    the report, they still count when it is replayed or fed."""

    def judge(item: dict) -> str:
        extra = [level for level in levels_by_key.get(item.get("key") or "", ())
                 if level in SIGNIFICANCES]
        return max([item_significance(item), *extra], key=_rank)

    return judge


def _values(raw, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise InputError(f"{where} must be a string or a list of strings")
    split = [part.strip() for item in items for part in item.split(",")]
    values = tuple(dict.fromkeys(part for part in split if part))
    if len(values) > MAX_VALUES:
        raise InputError(f"{where}: at most {MAX_VALUES} values")
    for value in values:
        if len(value) > MAX_VALUE_CHARS or has_controls(value):
            raise InputError(f"{where}: {value[:40]!r} is too long or holds a control character")
    return values


def _check_choices(given: tuple[str, ...], allowed: tuple[str, ...], where: str) -> None:
    wrong = [value for value in given if value not in allowed]
    if wrong:
        raise InputError(f"{where}: {wrong[0][:40]!r} is not one of {', '.join(allowed)}")


def _any_equal(wanted: tuple[str, ...], value: str | None) -> bool:
    return not wanted or (value is not None and value.lower() in {w.lower() for w in wanted})


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _names_match(wanted: tuple[str, ...], names: list[str]) -> bool:
    """``Russia`` matches the topic ``DPRK-Russia cooperation``: a wanted
    name matches a name holding its words in a row, case aside."""
    for want in wanted:
        target = _words(want)
        for name in names:
            words = _words(name)
            if target and any(words[i:i + len(target)] == target
                              for i in range(len(words) - len(target) + 1)):
                return True
    return False


def _rank(level: str) -> int:
    return SIGNIFICANCES.index(level) if level in SIGNIFICANCES else 0


def _recount(sections: dict[str, list[dict]]) -> dict[str, int]:
    """The summary counts of the sentences kept, nonzero ones only."""
    counts: Counter = Counter()
    for key, items in sections.items():
        for item in items:
            counts[item.get("kind") or "changed"] += 1
            counts["moved"] += bool(item.get("moved"))
            if key in ("stronger", "weaker"):
                counts[key] += 1
    return {name: count for name, count in counts.items() if count}


def _count_line(sections: dict[str, list[dict]]) -> str:
    kept = sum(len(items) for items in sections.values())
    listed = sum(len(items) for key, items in sections.items() if key != OTHER)
    return f"{kept} sentence(s), {listed} commitment change(s)"
