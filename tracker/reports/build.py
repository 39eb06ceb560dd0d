"""The change report's payload, as the delivery side knows it.

Built in :mod:`tracker.compare.report`, next to the comparison it reads, so
that the engine's own formats render the same payload; named here too for
the callers that store and deliver reports.
"""

from tracker.compare.report import (
    build_report,
    headline,
    other_section,
    plain_item,
    report_payload,
)

__all__ = ["build_report", "headline", "other_section", "plain_item", "report_payload"]
