"""Store verbs for listing sources: the sources themselves and every link
they have seen.

A mixin of :class:`tracker.store.Store`. A link is remembered the first
time a check sees it, before it is followed, so a check that dies half-way
loses nothing: the next one finds the link still ``pending``. Links are
looked up by (source, url) through a unique index, so a listing of
thousands of links costs one query per check, not one per link.
"""

import json

from tracker.errors import ConflictError, InputError
from tracker.model import LINK_STATES, RETRIED_LINK_STATES, LinkRule, ListingLink, Source
from tracker.store.watching import source_columns

_LINK_SQL = """
SELECT l.url, l.text, l.state, l.attempts, l.last_error, d.slug AS document, l.first_seen_at
FROM listing_links l LEFT JOIN documents d ON d.id = l.document_id
WHERE l.source_id = ? {where}
ORDER BY l.id
"""


class ListingsMixin:
    """Listing sources and their links (mixed into ``Store``)."""

    def add_listing_source(self, url: str, series: str, rule: LinkRule, *, now: str,
                           origin: str = "cli", **fields) -> Source:
        """Watch the listing ``url`` for new statements of ``series`` (made
        when new); call inside ``write``. ``fields`` are the schedule,
        selector, ignore, note and enabled of ``add_source``."""
        series_id = self._ensure_series(series, None)
        if self._one("SELECT id FROM sources WHERE url = ? AND series_id = ? "
                     "AND kind = 'listing'", url, series_id):
            raise ConflictError(f"{url} is already watched as a listing for {series}")
        source_id = self.db["sources"].insert({
            "url": url, "kind": "listing", "series_id": series_id,
            "listing": json.dumps(rule.to_dict()), "created_at": now, "origin": origin,
            **source_columns(**fields)}).last_pk
        return self.source(source_id)

    def find_listing_source(self, url: str, series: str) -> Source | None:
        row = self._one("SELECT s.id FROM sources s JOIN series r ON r.id = s.series_id "
                        "WHERE s.url = ? AND r.slug = ? AND s.kind = 'listing'", url, series)
        return self.source(row["id"]) if row else None

    def update_listing_source(self, source_id: int, rule: LinkRule, **fields) -> None:
        """Change a listing's rule and schedule; call inside ``write``. A new
        rule forgets the list's validators: a 304 must not hide the links
        that only the new rule accepts."""
        changes = {"listing": json.dumps(rule.to_dict()), **source_columns(**fields)}
        held = self._one("SELECT listing FROM sources WHERE id = ?", source_id)
        if held and held["listing"] != changes["listing"]:
            changes.update(etag=None, last_modified=None)
        self.db["sources"].update(source_id, changes)

    def listing_links(self, source_id: int, states: tuple[str, ...] = (),
                      limit: int = -1) -> list[ListingLink]:
        """The source's links, oldest first; only those in ``states`` if given."""
        marks = ", ".join("?" * len(states))
        where = f"AND l.state IN ({marks})" if states else ""
        rows = self._all(_LINK_SQL.format(where=where) + " LIMIT ?", source_id, *states, limit)
        return [ListingLink(**row) for row in rows]

    def latest_links(self, source_id: int, limit: int = 5) -> list[ListingLink]:
        """The newest links past the baseline (what a listing found lately)."""
        rows = self._all(_LINK_SQL.format(where="AND l.state != 'baseline'").replace(
            "ORDER BY l.id", "ORDER BY l.id DESC") + " LIMIT ?", source_id, limit)
        return [ListingLink(**row) for row in rows]

    def links_to_follow(self, source_id: int, limit: int) -> list[ListingLink]:
        """Waiting links, the least tried first: links that keep failing
        never hold back ones not yet tried."""
        marks = ", ".join("?" * len(RETRIED_LINK_STATES))
        sql = _LINK_SQL.format(where=f"AND l.state IN ({marks})").replace(
            "ORDER BY l.id", "ORDER BY l.attempts, l.id")
        rows = self._all(sql + " LIMIT ?", source_id, *RETRIED_LINK_STATES, limit)
        return [ListingLink(**row) for row in rows]

    def seen_link_urls(self, source_id: int) -> set[str]:
        rows = self.conn.execute("SELECT url FROM listing_links WHERE source_id = ?",
                                 [source_id])
        return {row[0] for row in rows}

    def link_counts(self, source_id: int) -> dict[str, int]:
        rows = self._all("SELECT state, COUNT(*) AS n FROM listing_links WHERE source_id = ? "
                         "GROUP BY state ORDER BY state", source_id)
        return {row["state"]: row["n"] for row in rows}

    def remember_links(self, source_id: int, links: list[tuple[str, str | None]], state: str,
                       now: str) -> None:
        """Keep links seen for the first time; call inside ``write``."""
        _check_state(state)
        self.db["listing_links"].insert_all(
            ({"source_id": source_id, "url": url, "text": text, "first_seen_at": now,
              "state": state, "attempts": 0} for url, text in links), batch_size=500)

    def mark_link(self, source_id: int, url: str, state: str, now: str,
                  error: str | None = None, document: str | None = None) -> None:
        """What following a link did; call inside ``write``."""
        _check_state(state)
        document_id = self._document_id(document) if document else None
        self.conn.execute(
            "UPDATE listing_links SET state = ?, last_error = ?, last_tried_at = ?, "
            "attempts = attempts + 1, document_id = COALESCE(?, document_id) "
            "WHERE source_id = ? AND url = ?",
            [state, error, now, document_id, source_id, url])

    def listing_started(self, source_id: int) -> bool:
        """Whether a check of the listing has read it once already (the
        links it found then are its baseline)."""
        return self._one("SELECT 1 AS x FROM checks WHERE source_id = ? AND outcome != 'error' "
                         "LIMIT 1", source_id) is not None

    def document_at_url(self, url: str) -> str | None:
        """The document whose official URL, or one of whose versions, is ``url``."""
        row = self._one("SELECT slug FROM documents WHERE url = ? UNION ALL "
                        "SELECT d.slug FROM snapshots n JOIN documents d ON d.id = n.document_id "
                        "WHERE n.source_url = ? LIMIT 1", url, url)
        return row["slug"] if row else None

    def document_with_text(self, sha256: str) -> str | None:
        """A document holding a version with exactly this text, if any: the
        same statement found again at another address is not a new one."""
        row = self._one("SELECT d.slug FROM snapshots n JOIN documents d ON d.id = n.document_id "
                        "WHERE n.sha256 = ? LIMIT 1", sha256)
        return row["slug"] if row else None

    def has_document(self, slug: str) -> bool:
        return self._one("SELECT 1 AS x FROM documents WHERE slug = ?", slug) is not None

    def series_title(self, slug: str) -> str | None:
        row = self._one("SELECT title FROM series WHERE slug = ?", slug)
        return row["title"] if row else None


def _check_state(state: str) -> None:
    if state not in LINK_STATES:
        raise InputError(f"unknown link state {state!r}")
