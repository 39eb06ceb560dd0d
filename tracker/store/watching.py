"""Store verbs for watching: sources, checks, change reports, deliveries.

A mixin of :class:`tracker.store.Store`, kept apart so each file holds one
concern. Reports are inserted in the same transaction as the version they
describe, with one pending delivery per channel, and a report's ``key`` is
unique: a check that is retried or a scheduler that restarts can never
create, and so never send, the same report twice.
"""

import json
from datetime import UTC, datetime, timedelta

from tracker.errors import ConflictError, NotFoundError
from tracker.model import CHECK_OUTCOMES, CheckRecord, Delivery, LinkRule, Report, Source
from tracker.store.subscriptions import DeliveryRoute

_SOURCE_SQL = """
SELECT s.id, s.url, d.slug AS document, s.selector, s.interval_seconds, s.cron, s.ignore,
       s.enabled, s.created_at, s.etag, s.last_modified, s.usual_length, s.note, s.origin,
       c.started_at AS last_checked_at, c.outcome AS last_outcome,
       s.kind, r.slug AS series, s.listing
FROM sources s
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN series r ON r.id = s.series_id
LEFT JOIN checks c ON c.id = (SELECT MAX(id) FROM checks WHERE source_id = s.id)
{where}
ORDER BY s.id
"""

_REPORT_SQL = """
SELECT r.id, r.key, r.kind, d.slug AS document, n.version, r.created_at, r.title, r.payload
FROM reports r
LEFT JOIN documents d ON d.id = r.document_id
LEFT JOIN snapshots n ON n.id = r.snapshot_id
{where}
ORDER BY r.id DESC
LIMIT ?
"""

# How long a round's claim on a delivery lasts; renewed before each send, so
# it needs to outlast one send only (the channels' timeouts are 10 s and 30 s).
DELIVERY_LEASE_SECONDS = 300.0

_DELIVERY_COLUMNS = ("id, report_id, channel, status, attempts, last_error, next_attempt_at, "
                     "sent_at, subscription")


class WatchingMixin:
    """Sources, checks, reports and deliveries (mixed into ``Store``)."""

    # -- sources -------------------------------------------------------------

    def add_source(self, url: str, document: str, *, selector: str | None = None,
                   interval_seconds: int | None = None, cron: str | None = None,
                   ignore: tuple[str, ...] = (), note: str | None = None,
                   enabled: bool = True, origin: str = "cli", now: str) -> Source:
        """Watch ``url`` for ``document`` (which must exist; create it with
        ``ensure_document`` inside the same transaction when it is new)."""
        document_id = self._document_id(document)
        if self._one("SELECT id FROM sources WHERE url = ? AND document_id = ?",
                     url, document_id):
            raise ConflictError(f"{url} is already watched for {document}")
        source_id = self.db["sources"].insert({
            "url": url, "document_id": document_id, "created_at": now, "origin": origin,
            **source_columns(selector=selector, interval_seconds=interval_seconds, cron=cron,
                             ignore=ignore, note=note, enabled=enabled),
        }).last_pk
        return self.source(source_id)

    def find_source(self, url: str, document: str) -> Source | None:
        row = self._one("SELECT s.id FROM sources s JOIN documents d ON d.id = s.document_id "
                        "WHERE s.url = ? AND d.slug = ?", url, document)
        return self.source(row["id"]) if row else None

    def update_source(self, source_id: int, *, selector: str | None,
                      interval_seconds: int | None, cron: str | None, ignore: tuple[str, ...],
                      note: str | None, enabled: bool) -> None:
        """Change how a source is watched; call inside ``write``."""
        self.db["sources"].update(source_id, source_columns(
            selector=selector, interval_seconds=interval_seconds, cron=cron, ignore=ignore,
            note=note, enabled=enabled))

    def sources(self, enabled_only: bool = False) -> list[Source]:
        where = "WHERE s.enabled = 1" if enabled_only else ""
        return [_source(row) for row in self._all(_SOURCE_SQL.format(where=where))]

    def source(self, source_id: int) -> Source:
        rows = self._all(_SOURCE_SQL.format(where="WHERE s.id = ?"), source_id)
        if not rows:
            raise NotFoundError(f"no source with id {source_id} (see `tracker sources list`)")
        return _source(rows[0])

    def set_source_enabled(self, source_id: int, enabled: bool) -> Source:
        self.source(source_id)
        with self.write():
            self.db["sources"].update(source_id, {"enabled": int(enabled)})
        return self.source(source_id)

    def remove_source(self, source_id: int) -> Source:
        """Stop watching; the source's check log (and a listing's remembered
        links) go with it, versions stay."""
        found = self.source(source_id)
        with self.write():
            self.db.execute("DELETE FROM listing_links WHERE source_id = ?", [source_id])
            self.db.execute("DELETE FROM checks WHERE source_id = ?", [source_id])
            self.db.execute("DELETE FROM sources WHERE id = ?", [source_id])
        return found

    def update_source_state(self, source_id: int, **fields) -> None:
        """Validators (etag, last_modified) and the usual text length; call
        inside ``write``."""
        allowed = {"etag", "last_modified", "usual_length"}
        self.db["sources"].update(source_id, {k: v for k, v in fields.items() if k in allowed})

    # -- checks --------------------------------------------------------------

    def insert_check(self, check: CheckRecord) -> int:
        """Record one check; call inside ``write``."""
        if check.outcome not in CHECK_OUTCOMES:
            raise ValueError(f"unknown check outcome {check.outcome!r}")
        snapshot_id = None
        if check.version is not None:
            row = self._one(
                "SELECT n.id FROM snapshots n JOIN sources s ON s.document_id = n.document_id "
                "WHERE s.id = ? AND n.version = ?", check.source_id, check.version)
            snapshot_id = row["id"] if row else None
        return self.db["checks"].insert({
            "source_id": check.source_id, "started_at": check.started_at,
            "duration_ms": check.duration_ms, "http_status": check.http_status,
            "bytes": check.bytes, "outcome": check.outcome, "message": check.message,
            "snapshot_id": snapshot_id,
        }).last_pk

    def checks(self, source_id: int | None = None, limit: int = 50) -> list[CheckRecord]:
        where, params = ("WHERE c.source_id = ?", [source_id]) if source_id else ("", [])
        rows = self._all(
            "SELECT c.id, c.source_id, c.started_at, c.duration_ms, c.outcome, c.http_status, "
            "c.bytes, c.message, n.version FROM checks c "
            f"LEFT JOIN snapshots n ON n.id = c.snapshot_id {where} "
            "ORDER BY c.id DESC LIMIT ?", *params, limit)
        return [CheckRecord(**row) for row in rows]

    # -- reports and deliveries ---------------------------------------------

    def insert_report(self, key: str, kind: str, document: str | None, version: int | None,
                      title: str, payload: dict, channels: list[str | DeliveryRoute],
                      now: str) -> int | None:
        """Keep a report and queue it on every channel (a name, or a route
        for a subscription); call inside ``write``. Returns None when a
        report with this ``key`` exists already."""
        if self._one("SELECT id FROM reports WHERE key = ?", key):
            return None
        document_id = self._document_id(document) if document else None
        snapshot = self._one("SELECT id FROM snapshots WHERE document_id = ? AND version = ?",
                             document_id, version) if document_id and version else None
        report_id = self.db["reports"].insert({
            "key": key, "kind": kind, "document_id": document_id,
            "snapshot_id": snapshot["id"] if snapshot else None, "created_at": now,
            "title": title, "payload": json.dumps(payload, ensure_ascii=False),
        }).last_pk
        for route in channels:
            self._queue(report_id, route if isinstance(route, DeliveryRoute)
                        else DeliveryRoute(route), now)
        return report_id

    def _queue(self, report_id: int, route: DeliveryRoute, now: str) -> None:
        payload = None if route.payload is None else json.dumps(route.payload,
                                                                ensure_ascii=False)
        self.db["deliveries"].insert({"report_id": report_id, "channel": route.channel,
                                      "subscription": route.subscription, "payload": payload,
                                      "status": "pending", "attempts": 0,
                                      "next_attempt_at": now})

    def reports(self, limit: int = 50, before: int | None = None) -> list[Report]:
        """The newest reports first; with ``before``, those older than that id."""
        if before is None:
            return [_report(row) for row in self._all(_REPORT_SQL.format(where=""), limit)]
        return [_report(row) for row in
                self._all(_REPORT_SQL.format(where="WHERE r.id < ?"), before, limit)]

    def report(self, report_id: int) -> Report:
        rows = self._all(_REPORT_SQL.format(where="WHERE r.id = ?"), report_id, 1)
        if not rows:
            raise NotFoundError(f"no report with id {report_id}")
        return _report(rows[0])

    def deliveries(self, report_id: int | None = None) -> list[Delivery]:
        where, params = ("WHERE report_id = ?", [report_id]) if report_id else ("", [])
        rows = self._all(f"SELECT {_DELIVERY_COLUMNS} FROM deliveries {where} ORDER BY id",
                         *params)
        return [Delivery(**row) for row in rows]

    def due_deliveries(self, now: str, limit: int = 100) -> list[Delivery]:
        """Deliveries whose next attempt is due: pending ones, and claimed ones
        whose sender died before recording the outcome (the lease ran out)."""
        rows = self._all(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE status IN ('pending', 'sending') "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?",
            now, limit)
        return [Delivery(**row) for row in rows]

    def claim_due_deliveries(self, now: str, token: str, limit: int = 100,
                             lease_seconds: float = DELIVERY_LEASE_SECONDS) -> list[Delivery]:
        """Take the due deliveries for the round named ``token``: two rounds
        at once (the scheduler and ``tracker deliver``) never get the same
        row. A claim not recorded within the lease becomes due again, and
        another round may take it; so the claiming round must call
        :meth:`renew_delivery_lease` right before each send."""
        with self.write():
            due = self.due_deliveries(now, limit)
            until = _later(now, lease_seconds)
            for delivery in due:
                self.db["deliveries"].update(delivery.id, {"status": "sending",
                                                           "next_attempt_at": until,
                                                           "lease_token": token})
        return due

    def renew_delivery_lease(self, delivery_id: int, token: str, now: str,
                             lease_seconds: float = DELIVERY_LEASE_SECONDS) -> bool:
        """Extend the round's claim on one delivery to ``now`` + the lease,
        if the claim is still the round's own; False when another round took
        it meanwhile (the round must then not send). One statement under the
        write lock, so a claim and a renewal never both succeed."""
        with self.write():
            cursor = self.conn.execute(
                "UPDATE deliveries SET next_attempt_at = ? "
                "WHERE id = ? AND status = 'sending' AND lease_token = ?",
                [_later(now, lease_seconds), delivery_id, token])
        return cursor.rowcount == 1

    def record_delivery(self, delivery_id: int, *, ok: bool, now: str,
                        error: str | None = None, retry_in: float | None = None,
                        token: str | None = None) -> Delivery | None:
        """Mark an attempt: sent, retried later (``retry_in`` seconds), or
        failed for good (``retry_in`` None after an error). With ``token``,
        only while that round still holds the claim; None when it does not
        (another round owns the delivery and records its own outcome)."""
        row = self._one(f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE id = ?", delivery_id)
        if row is None:
            raise NotFoundError(f"no delivery with id {delivery_id}")
        fields = {"attempts": row["attempts"] + 1, "last_error": error}
        if ok:
            fields.update(status="sent", sent_at=now, next_attempt_at=None)
        elif retry_in is not None:
            fields.update(status="pending", next_attempt_at=_later(now, retry_in))
        else:
            fields.update(status="failed", next_attempt_at=None)
        guard, params = ("", []) if token is None else (
            " AND status = 'sending' AND lease_token = ?", [token])
        assignments = ", ".join(f"{name} = ?" for name in fields)
        with self.write():
            cursor = self.conn.execute(
                f"UPDATE deliveries SET {assignments} WHERE id = ?{guard}",
                [*fields.values(), delivery_id, *params])
        if cursor.rowcount != 1:
            return None
        return Delivery(**{**row, **fields})


def source_columns(*, selector: str | None = None, interval_seconds: int | None = None,
                   cron: str | None = None, ignore: tuple[str, ...] = (),
                   note: str | None = None, enabled: bool = True) -> dict:
    """How a source (a page or a listing) is watched, as its row keeps it."""
    return {"selector": selector, "interval_seconds": interval_seconds, "cron": cron,
            "ignore": json.dumps(list(ignore)), "note": note, "enabled": int(enabled)}


def _later(now: str, seconds: float) -> str:
    moment = datetime.strptime(now, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return (moment + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _source(row: dict) -> Source:
    row = dict(row)
    row["ignore"] = tuple(json.loads(row["ignore"] or "[]"))
    row["enabled"] = bool(row["enabled"])
    row["listing"] = LinkRule(**json.loads(row["listing"])) if row["listing"] else None
    return Source(**row)


def _report(row: dict) -> Report:
    return Report(**{**row, "payload": json.loads(row["payload"])})
