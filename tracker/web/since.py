""""Since you last looked": each reader's new versions, and marking them read.

Who the reader is: the signed-in admin is the reader ``admin`` (the same
name ``tracker since --reader admin`` uses); anyone else is a visitor known
by a random id in a long-lived cookie of its own, kept apart from the
session so that signing in or out does not lose it. The database keeps a
hash of that id, never the id, and only once the visitor marks something
read: looking writes nothing.

Marking read is a POST with the session's CSRF token, rate-limited like
sign-in attempts for visitors, and carries the newest version id the page
was built with, so a version stored while the page was open stays unread.
Visitors who have not marked anything for as long as their cookie lasts
are forgotten then.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask import (
    Blueprint,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from tracker.errors import InputError
from tracker.refs import parse_number
from tracker.store import utc_now
from tracker.watch.since import changes_since
from tracker.web.access import check_csrf
from tracker.web.db import get_store
from tracker.web.limits import client_wait, retry_after

blueprint = Blueprint("since", __name__)

READER_COOKIE = "tracker_reader"
READER_COOKIE_DAYS = 400
ADMIN_READER = "admin"
VISITOR = "visitor:"  # a visitor's reader name: this, then a hash of the cookie's id


@blueprint.get("/since")
def since():
    reader, cookie = _reader()
    view = changes_since(get_store(), reader)
    response = make_response(render_template(
        "since.html", view=view, signed_in=reader == ADMIN_READER,
        marked=request.args.get("marked") == "1"))
    response.headers["Cache-Control"] = "private, no-store"
    if cookie:
        _set_reader_cookie(response, cookie)
    return response


@blueprint.post("/since/read")
def mark_read():
    check_csrf()
    wait = client_wait("tracker.reader_limiter", lambda: current_app.config["LOGIN_RATE_LIMIT"])
    if wait and not session.get("admin"):
        return retry_after(make_response("too many requests; retry later"), wait)
    reader, cookie = _reader()
    if cookie:  # no reader cookie came with the form: nothing of theirs to mark
        raise InputError("no reader cookie came with the form; open the page again and retry")
    upto = parse_number(request.form.get("upto", ""), "upto")
    store = get_store()
    store.mark_read(reader, upto, utc_now())
    store.forget_readers(VISITOR, _days_ago(READER_COOKIE_DAYS))
    return redirect(url_for("since.since", marked=1), 303)


def _reader() -> tuple[str, str | None]:
    """(reader name, a new cookie id to set, if the visitor had none)."""
    if session.get("admin"):
        return ADMIN_READER, None
    given = request.cookies.get(READER_COOKIE, "")
    if 20 <= len(given) <= 64 and given.replace("-", "").replace("_", "").isalnum():
        return _visitor_name(given), None
    fresh = secrets.token_urlsafe(24)
    return _visitor_name(fresh), fresh


def _visitor_name(cookie_id: str) -> str:
    return VISITOR + hashlib.sha256(cookie_id.encode()).hexdigest()[:32]


def _days_ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _set_reader_cookie(response, cookie_id: str) -> None:
    response.set_cookie(READER_COOKIE, cookie_id, max_age=READER_COOKIE_DAYS * 86400,
                        httponly=True, samesite="Lax", secure=request.is_secure, path="/")
