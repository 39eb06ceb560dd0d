"""Lists: a lead-in and its items are one commitment group.

Communiqués often commit in lists: "The co-chairs agreed on the following
steps:" then "1. Hold a tabletop exercise ...", "2. Expand information
sharing ...". Each item is a sentence of its own for alignment (items are
reordered, added and dropped one by one), but an item alone names no actor
and no commitment verb: the lead-in does. So an item is read for its
commitment together with its lead-in, and the items, not the lead-in, are
the commitments. The numbering stays in the item's text; the aligner's
features ignore it (:mod:`tracker.compare.similarity`), so a renumbered item
is still the same item.

>>> list_groups(["They agreed on the following steps:", "1. Meet.", "2. Train.", "Bye."])
{1: 0, 2: 0}
>>> reading_text([1], ["They agreed on the following steps:", "1. Meet."], {1: 0})
'They agreed on the following steps: 1. Meet.'
"""

from collections.abc import Sequence

from tracker.compare.segment import is_list_item


def list_groups(sentences: Sequence[str]) -> dict[int, int]:
    """Item index -> index of its lead-in, for every list in ``sentences``.

    A lead-in is a sentence ending in a colon; its items are the sentences
    right after it that start with a list marker.
    """
    groups: dict[int, int] = {}
    lead = None
    for index, text in enumerate(sentences):
        if lead is not None and is_list_item(text):
            groups[index] = lead
            continue
        lead = index if text.rstrip().endswith(":") else None
    return groups


def group_list(sentences: Sequence[str]) -> list[dict[str, object]]:
    """The lists of ``sentences`` as groups, for the JSON: ``{"lead": index of
    the lead-in, "items": [item indexes]}``, in reading order. A reader of the
    JSON sees which items one lead-in commits to without re-parsing markers."""
    groups: dict[int, list[int]] = {}
    for item, lead in list_groups(sentences).items():
        groups.setdefault(lead, []).append(item)
    return [{"lead": lead, "items": sorted(items)} for lead, items in sorted(groups.items())]


def reading_text(indexes: Sequence[int], sentences: Sequence[str],
                 groups: dict[int, int], joined: str | None = None) -> str:
    """The text to read one unit side for commitments: its sentences, led by
    the lead-in of the list they belong to when the lead-in is not in the unit.
    ``joined`` is the sentences joined by spaces, when the caller has it."""
    text = " ".join(sentences[i] for i in indexes) if joined is None else joined
    if not groups:  # no list in the document: nothing to lead
        return text
    leads = {groups[i] for i in indexes if i in groups} - set(indexes)
    if len(leads) == 1:
        return f"{sentences[leads.pop()]} {text}"
    return text
