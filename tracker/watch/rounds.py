"""A round of checks run by hand (``tracker check``): which sources, the
checks, the reports sent after them, and one summary of it all.

The CLI prints ``CheckRound.describe()`` or ``to_dict()`` and exits 1 when
``has_errors``; it counts nothing itself.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass

from tracker.errors import TrackerError
from tracker.model import Source
from tracker.settings import Settings
from tracker.store import Store
from tracker.watch.check import check_round
from tracker.watch.visit import CheckResult


@dataclass(frozen=True)
class CheckRound:
    """The checks of one round and the delivery round that followed them."""

    checks: list[CheckResult]
    deliveries: object  # tracker.reports.deliver.DeliveryRound

    @property
    def counts(self) -> dict[str, int]:
        """Checks per outcome, outcomes in name order."""
        return dict(sorted(Counter(check.outcome for check in self.checks).items()))

    @property
    def has_errors(self) -> bool:
        return any(check.outcome == "error" for check in self.checks)

    def describe(self) -> str:
        summary = ", ".join(f"{n} {outcome}" for outcome, n in self.counts.items())
        return f"{len(self.checks)} checked: {summary}; reports: {self.deliveries.describe()}"

    def to_dict(self) -> dict:
        return {"checks": [asdict(check) for check in self.checks],
                "deliveries": self.deliveries.to_dict()}


def sources_to_check(store: Store, source_ids: tuple[int, ...] = ()) -> list[Source]:
    """The sources named by id, else every enabled one; none is an error,
    since a round of nothing is always a mistake."""
    chosen = [store.source(i) for i in source_ids] or store.sources(enabled_only=True)
    if not chosen:
        raise TrackerError("no sources to check (add one with `tracker sources add`)")
    return chosen


def run_check_round(store: Store, sources: list[Source], settings: Settings,
                    on_done: Callable[[CheckResult], None] | None = None) -> CheckRound:
    """Check ``sources`` once, then send the reports that are due."""
    from tracker.reports.deliver import deliver_due

    checks = check_round(store, sources, settings, on_done=on_done)
    return CheckRound(checks, deliver_due(store, settings))
