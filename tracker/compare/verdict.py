"""Per-topic verdicts: did the statement get stronger or weaker on each topic?

One strength call per aligned unit answers "did this sentence harden?", but
an analyst asks about a topic: on DPRK-Russia cooperation, is the new
statement firmer? A topic can harden without any single sentence hardening,
because drafters add a new commitment ("called on Russia to ...") or drop an
old one. So each topic's verdict nets every unit that touches it:

- a reworded commitment that got stronger counts +1, weaker -1;
- a commitment added counts +1, one dropped -1;
- unchanged units count nothing (their force is kept).

The verdict is the sign of the net, and its reasons name what moved it:
the signals of the reworded units, the verbs and markers of the added and
dropped commitments.

>>> from tracker.compare import compare_texts
>>> c = compare_texts("The allies expressed their strongest concern about DPRK-Russia arms deals.",
...                   "The allies condemned DPRK-Russia arms deals. "
...                   "The allies called on Russia to stop arms transfers.")
>>> [v.line() for v in topic_verdicts(c.units) if v.topic == "DPRK-Russia cooperation"]
['DPRK-Russia cooperation: stronger (strongest concern → condemn; call on added)']
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.compare.model import ADDED, REMOVED, REWORDED, Unit


@dataclass(frozen=True, slots=True)
class TopicVerdict:
    """The net change of force on one topic, with the reasons for it."""

    topic: str
    verdict: str
    stronger: int = 0
    weaker: int = 0
    added: int = 0
    dropped: int = 0
    reasons: tuple[str, ...] = field(default=())

    @property
    def net(self) -> int:
        return self.stronger + self.added - self.weaker - self.dropped

    def line(self) -> str:
        """One readable line: "topic: verdict (reasons)"."""
        return f"{self.topic}: {self.verdict}" + (f" ({'; '.join(self.reasons)})"
                                                  if self.reasons else "")

    def to_dict(self) -> dict:
        return {"topic": self.topic, "verdict": self.verdict, "stronger": self.stronger,
                "weaker": self.weaker, "added": self.added, "dropped": self.dropped,
                "reasons": list(self.reasons)}


def topic_verdicts(units: Iterable[Unit]) -> tuple[TopicVerdict, ...]:
    """A verdict for every topic a changed commitment touches, most moved first."""
    tally: dict[str, dict] = {}
    for unit in units:
        if unit.kind not in (REWORDED, ADDED, REMOVED):
            continue
        commitment = unit.commitment
        if commitment is None:
            continue
        count, reason = _effect(unit, commitment)
        if count is None:
            continue
        # A custom reader's change may lack topics: it then has no verdict.
        for topic in getattr(commitment, "topics", ()):
            entry = tally.setdefault(topic, {"stronger": 0, "weaker": 0, "added": 0,
                                             "dropped": 0, "reasons": []})
            entry[count] += 1
            if reason and reason not in entry["reasons"]:
                entry["reasons"].append(reason)
    verdicts = [_verdict(topic, entry) for topic, entry in tally.items()]
    return tuple(sorted(verdicts, key=lambda v: (-abs(v.net), v.topic)))


def _effect(unit: Unit, commitment) -> tuple[str | None, str]:
    """Which count a unit adds to, and why."""
    if unit.kind == REWORDED:
        if commitment.strength in ("stronger", "weaker"):
            return commitment.strength, "; ".join(getattr(commitment, "signals", ()))
        return None, ""
    from tracker.compare.commitments import read_wording

    side = unit.b if unit.kind == ADDED else unit.a
    wording = read_wording(side.text)
    words = ", ".join(dict.fromkeys([*wording.verbs, *wording.markers])) or "a commitment"
    if unit.kind == ADDED:
        return "added", f"{words} added"
    return "dropped", f"{words} dropped"


def _verdict(topic: str, entry: dict) -> TopicVerdict:
    net = entry["stronger"] + entry["added"] - entry["weaker"] - entry["dropped"]
    verdict = "stronger" if net > 0 else "weaker" if net < 0 else "same"
    return TopicVerdict(topic, verdict, entry["stronger"], entry["weaker"], entry["added"],
                        entry["dropped"], tuple(entry["reasons"]))
