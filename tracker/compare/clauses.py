"""Clauses of a long sentence that carry their own point.

A redraft rarely keeps a sentence's shape. It puts a new scene-setting
opening in front of an old point ("Amid growing competition and challenges
such as ..., the two countries renewed their commitment ..."), and it folds
two points of last year's statement into one sentence joined by "and" ("a
commitment to promoting a free and open Indo-Pacific and a rules-based
international order"). Compared whole, such a sentence looks like neither
of its sources; compared by clause, it looks like each.

>>> main_clause("During the meeting, the Ministers affirmed their commitment to peace.")
'the Ministers affirmed their commitment to peace.'
>>> for part in conjuncts("They renewed their pledge to a free and open region and a fair order."):
...     print(part)
They renewed their pledge to a free and open region
They renewed their pledge to a fair order.
"""

import re

from tracker.compare.precompiled import compile_regex

# A scene-setting opening: a preposition or participle, then up to the comma
# before the subject of the main clause ("Amid ..., the United States and
# Japan renewed ..."; "During the meeting, the Ministers affirmed ...").
_OPENING = compile_regex(
    r"^(?:amid|amidst|during|after|following|given|in|on|as|with|against|since|despite"
    r"|decades|building|based|recognizing|recognising|acknowledging|noting|guided"
    r"|reflecting|underscoring)\b[^;:]{8,}?, (?=(?:the|they|we|both|all|our|their|its|these)\b)",
    re.IGNORECASE)
# A main clause or conjunct this short is a fragment, not a point.
MIN_WORDS = 5
# Two objects of one verb: "... to promoting a free and open region and a
# rules-based order". Only "and" before an article joins two points; "free
# and open", "the United States and Japan" stay whole.
# The last item of a list ("democracy, and the rule of law") is no second point.
_JOIN = compile_regex(r"(?<!,) and (?=(?:a|an|the)\s)")
_ARTICLE = compile_regex(r"\b(?:a|an|the)\s")


def main_clause(text: str) -> str | None:
    """The main clause of ``text`` after a scene-setting opening, or None."""
    stripped = text.lstrip()
    found = _OPENING.match(stripped)
    if not found:
        return None
    main = stripped[found.end():]
    return main if len(main.split()) >= MIN_WORDS else None


def conjuncts(text: str) -> list[str] | None:
    """Two points joined as objects of one verb, each with the shared head, or None.

    The last "and" before an article splits the objects; the first object
    starts at the article nearest before it, and the head (subject and
    verb) is what precedes that article.
    """
    joins = list(_JOIN.finditer(text))
    if len(joins) != 1:
        return None
    join = joins[0]
    articles = [m.start() for m in _ARTICLE.finditer(text, 0, join.start())]
    if not articles:
        return None
    head, first, second = text[:articles[-1]], text[:join.start()], text[join.end():]
    if len(head.split()) < 3 or len(second.split()) < 2:
        return None
    return [first, head + second]
