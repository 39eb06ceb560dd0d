"""The digest: one report that sums up the checks since the last digest.

Meant for a daily or weekly cron (``digest_cron`` in ``[watch]``): which
documents got new versions, which sources failed and why. Its payload is made
by the change reports' builder, so every channel can send it.
"""

from collections import Counter

from tracker.reports.build import other_section, plain_item, report_payload
from tracker.reports.subscriptions import report_routes
from tracker.settings import Settings
from tracker.store import Store, utc_now


def make_digest(store: Store, settings: Settings, now: str | None = None) -> int | None:
    """Store a digest of the checks since the previous digest; None when
    there were no checks at all."""
    now = now or utc_now()
    since = next((r.created_at for r in store.reports(200) if r.kind == "digest"), "")
    checks = [c for c in store.checks(limit=10_000) if since < c.started_at <= now]
    if not checks:
        return None
    outcomes = Counter(c.outcome for c in checks)
    sources = {s.id: s for s in store.sources()}
    lines = [_line(check, sources) for check in checks
             if check.outcome in ("new-version", "error", "returned")]
    title = (f"tracker digest: {len(checks)} checks, {outcomes['new-version']} new versions, "
             f"{outcomes['error']} errors")
    payload = report_payload(
        kind="digest", title=title, document=None, meeting=None,
        link=f"{settings.base_url}/sources", a=since, b=now, summary=dict(outcomes),
        summary_line=title, topics=[], engine=None,
        sections=other_section([plain_item("digest", line) for line in lines]))
    routes = report_routes(store, settings, {"document": None, "payload": payload})
    with store.write():
        return store.insert_report(f"digest:{now}", "digest", None, None, title, payload,
                                   routes, now)


def _line(check, sources) -> str:
    source = sources.get(check.source_id)
    name = source.document if source else f"source {check.source_id}"
    if check.outcome == "error":
        return f"{check.started_at} {name}: error: {check.message}"
    return f"{check.started_at} {name}: {check.outcome} v{check.version}"

