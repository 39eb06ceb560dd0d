"""What a user means by "this unit" or "this thread" when annotating.

A unit of a comparison is named by its number as the compare page's
anchors give it (``7`` or ``u7``, counting from 1 in reading order), by its
key (16 hex digits, :func:`tracker.compare.keys.unit_key`), or by a piece of
its text that only it holds. A thread is named by its number in the lineage
(``c5``) or its key (``edscg-2:…``). Shared by the CLI, the web forms and the
API, so all three find the same unit for the same words.
"""

from tracker.compare.keys import is_unit_key, unit_key
from tracker.errors import InputError, NotFoundError
from tracker.model import AnnotationSubject


def unit_text(unit) -> str:
    """The unit as one line: B's wording, or A's for a dropped sentence."""
    return (unit.b or unit.a).text


def key_of(unit) -> str:
    return unit_key(unit.a.text if unit.a else None, unit.b.text if unit.b else None)


def unit_subject(comparison, a_ref: str, b_ref: str, *, unit: str | None = None,
                 match: str | None = None) -> AnnotationSubject:
    """The unit of ``comparison`` named by ``unit`` (number or key) or ``match``."""
    units = comparison.units
    if bool(unit) == bool(match):
        raise InputError("name one unit: its number (as in #u7), its key, or --match TEXT")
    if match:
        found = [u for u in units if match.casefold() in unit_text(u).casefold()
                 or (u.a and match.casefold() in u.a.text.casefold())]
        if len(found) != 1:
            raise InputError(f"{len(found)} units hold {match[:60]!r}: give more of the text "
                             "or the unit's number")
        chosen = found[0]
    elif is_unit_key(unit):
        chosen = next((u for u in units if key_of(u) == unit), None)
        if chosen is None:
            raise NotFoundError(f"no unit with key {unit} in {a_ref} → {b_ref}")
    else:
        chosen = units[_number(unit.removeprefix("u"), len(units), "unit") - 1]
    return AnnotationSubject("unit", key_of(chosen), unit_text(chosen), a_ref=a_ref, b_ref=b_ref)


def thread_subject(lineage, series: str, thread: str) -> AnnotationSubject:
    """The thread of ``lineage`` named by its id (``c5``) or its key."""
    found = next((t for t in lineage.threads if thread in (t.id, t.key)), None)
    if found is None:
        raise NotFoundError(f"no commitment thread {thread[:60]!r} in {series} "
                            "(see `tracker lineage`)")
    return AnnotationSubject("thread", found.key, found.appearances[-1].text, series=series)


def _number(text: str, count: int, what: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= count:
        raise InputError(f"invalid {what} {text[:20]!r}: give a number from 1 to {count}")
    return int(text)


__all__ = ["key_of", "thread_subject", "unit_subject", "unit_text"]


def place_annotations(comparison, annotations) -> tuple[dict[int, list], list]:
    """``({unit number: [annotation]}, [annotations whose unit is gone])``.

    Numbers count from 1 as the page's anchors do. An annotation is "gone"
    only if the engine now pairs the two versions' sentences differently
    (a new engine version): it is still shown, apart, with its excerpt."""
    numbers = {key_of(unit): number for number, unit in enumerate(comparison.units, start=1)}
    placed: dict[int, list] = {}
    orphaned = []
    for annotation in annotations:
        number = numbers.get(annotation.key)
        if number is None:
            orphaned.append(annotation)
        else:
            placed.setdefault(number, []).append(annotation)
    return placed, orphaned


def unit_annotations(comparison, annotations) -> list[dict]:
    """Annotations as the comparison JSON lists them: each with ``unit``, its
    unit's number (from 1, as the page's ``#uN``; the JSON's ``units`` index
    plus one), or null when that unit is no longer paired this way."""
    placed, orphaned = place_annotations(comparison, annotations)
    listed = [{**a.to_dict(), "unit": number}
              for number, found in sorted(placed.items()) for a in found]
    return listed + [{**a.to_dict(), "unit": None} for a in orphaned]
