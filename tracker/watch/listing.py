"""One check of a listing source: read the list page (HTML, RSS, Atom or
sitemap), remember the links its rule accepts that were not seen before,
then follow the links still waiting (new ones, and earlier ones that
failed), each as a new statement (``tracker.watch.follow``).

The links listed at a listing's first check are its baseline: they are
remembered, not followed (the statements of past meetings are usually
there already), unless the rule says ``follow_existing``. Seen links are
looked up in one query, so a listing of thousands of links where one is
new costs one fetch of the list and one of the new page. At most
``MAX_FOLLOWED`` links are followed per check; the rest wait, remembered,
for the next. A link that fails is tried again at the next check, also
when the list itself answers 304.
"""

from dataclasses import dataclass

from tracker.ingest.links import links_on_page, matching_links
from tracker.watch.fetcher import Fetcher
from tracker.watch.follow import LinkOutcome, follow_link
from tracker.watch.visit import CheckResult, Visit

MAX_FOLLOWED = 20
MAX_MESSAGE = 2000


@dataclass(frozen=True)
class ListingRead:
    """What reading the list page found."""

    listed: int = 0
    new: int = 0
    baseline: bool = False
    not_modified: bool = False  # the list answered 304: nothing was read


def check_listing(visit: Visit, fetcher: Fetcher) -> CheckResult:
    """Read the listing, follow what waits, record one check."""
    visit.page = fetcher.fetch(visit.source)
    read = ListingRead(not_modified=True) if visit.page.not_modified else remember_new_links(visit)
    waiting = visit.store.links_to_follow(visit.source.id, MAX_FOLLOWED)
    outcomes = [follow_link(visit, fetcher, link) for link in waiting]
    return _record(visit, read, outcomes)


def remember_new_links(visit: Visit) -> ListingRead:
    """Keep the accepted links not seen before, and the page's validators."""
    page, source, store = visit.page, visit.source, visit.store
    rule = source.listing
    links = matching_links(links_on_page(page.body, page.final_url, page.charset,
                                         rule.selector), rule)
    seen = store.seen_link_urls(source.id)
    new = [link for link in links if link.url not in seen]
    baseline = not rule.follow_existing and not store.listing_started(source.id)
    with store.write():
        store.remember_links(source.id, [(link.url, link.text) for link in new],
                             "baseline" if baseline else "pending", visit.now())
        store.update_source_state(source.id, etag=page.etag, last_modified=page.last_modified)
    return ListingRead(len(links), len(new), baseline)


def _record(visit: Visit, read: ListingRead, outcomes: list[LinkOutcome]) -> CheckResult:
    failed = [o for o in outcomes if o.state in ("failed", "unclear")]
    stored = [o for o in outcomes if o.state == "stored"]
    if failed:
        outcome = "error"
    elif stored:
        outcome = "new-statement"
    else:
        outcome = "not-modified" if read.not_modified else "unchanged"
    check = visit.record(outcome, describe_listing_check(read, outcomes))
    with visit.store.write():
        visit.store.insert_check(check)
    return visit.result(check, sum(o.reports for o in outcomes))


def describe_listing_check(read: ListingRead, outcomes: list[LinkOutcome]) -> str:
    """``12 links listed, 1 new; stored edscg-6-joint-statement v1`` and
    each failure's reason, in one line."""
    if read.not_modified:
        parts = ["the list is not modified (304)"]
    elif read.baseline:
        parts = [f"{read.listed} links listed, kept as the baseline (new ones are followed "
                 "from the next check on)"]
    else:
        parts = [f"{read.listed} links listed, {read.new} new"]
    for o in outcomes:
        if o.state == "stored":
            parts.append(f"stored {o.document} v{o.version}")
        elif o.state == "known":
            parts.append(f"{o.url} is already {o.document}")
        else:
            parts.append(f"{o.state}: {o.error}")
    return "; ".join(p for p in parts if p)[:MAX_MESSAGE]


__all__ = ["ListingRead", "check_listing", "describe_listing_check"]
