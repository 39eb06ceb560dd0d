"""Who may write: an admin token, checked in constant time, and a CSRF token
on every form that changes something.

Without a configured token (``ADMIN_TOKEN`` or ``$TRACKER_ADMIN_TOKEN``) the
app is read-only. A browser signs in once with the token (a session cookie);
a script sends ``Authorization: Bearer <token>`` instead and needs no CSRF
token, since no cookie is involved.

A signed cookie cannot be taken back, so a sign-in is also a row in the
store, bound to the token it was made with: signing out deletes the row, a
new admin token no longer matches it, and it expires after
``PERMANENT_SESSION_LIFETIME`` (12 hours by default). A cookie whose row is
gone counts for nothing. Guesses at ``/login`` are rate-limited per address.
"""

import hashlib
import hmac
import secrets
from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from tracker.web.db import get_store
from tracker.web.limits import RateLimiter
from tracker.web.redirects import safe_target

blueprint = Blueprint("auth", __name__)


def admin_token() -> str | None:
    return current_app.config.get("ADMIN_TOKEN") or None


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _same(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(given.encode(), expected.encode())


def bearer_ok() -> bool:
    header = request.headers.get("Authorization", "")
    return header.startswith("Bearer ") and _same(header[7:].strip(), admin_token())


def check_csrf() -> None:
    if not _same(request.form.get("csrf_token"), session.get("csrf")):
        abort(400, "The form has expired or did not come from this site; reload it and retry.")


def _token_tag(session_id: str, token: str) -> str:
    """What the store keeps of the token: keyed by the session id, so the
    same token gives every sign-in a different tag and none reveals it."""
    return hmac.new(session_id.encode(), token.encode(), hashlib.sha256).hexdigest()


def _sign_in_is_live() -> bool:
    session_id, token = session.get("sid"), admin_token()
    if not (session_id and token):
        return False
    return get_store().session_is_live(session_id, _token_tag(session_id, token))


def _forget_revoked_sign_in() -> None:
    """``before_app_request``: a cookie whose sign-in was ended is anonymous."""
    if session.get("admin") and not _sign_in_is_live():
        session.clear()


def admin_required(view):
    """Browser writes: signed in and a valid CSRF token on POST."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if admin_token() is None:
            abort(403, "This tracker is read-only: no admin token is configured.")
        if not session.get("admin"):
            return redirect(url_for("auth.login", next=request.path))
        if request.method == "POST":
            check_csrf()
        return view(*args, **kwargs)

    return wrapped


def _too_many_attempts():
    """The login page with a 429 and ``Retry-After`` when this address has
    guessed too often; None when it may try."""
    limiter = current_app.extensions.get("tracker.login_limiter")
    if limiter is None:
        limiter = current_app.extensions.setdefault(
            "tracker.login_limiter", RateLimiter(*current_app.config["LOGIN_RATE_LIMIT"]))
    wait = limiter.allow(request.remote_addr or "unknown")
    if not wait:
        return None
    seconds = max(1, round(wait))
    error = f"Too many sign-in attempts from your address; try again in {seconds} s."
    return render_template("login.html", error=error), 429, {"Retry-After": str(seconds)}


def _sign_in() -> None:
    session.clear()
    session_id = secrets.token_urlsafe(32)
    get_store().start_session(session_id, _token_tag(session_id, admin_token()),
                              current_app.permanent_session_lifetime)
    session.permanent = True  # the cookie expires with the sign-in
    session["sid"] = session_id
    session["admin"] = True


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    if admin_token() is None:
        abort(403, "This tracker is read-only: no admin token is configured.")
    error = None
    if request.method == "POST":
        limited = _too_many_attempts()
        if limited:
            return limited
        check_csrf()
        if _same(request.form.get("token"), admin_token()):
            _sign_in()
            return redirect(safe_target(request.args.get("next"), url_for("pages.index")))
        error = "That token is not right."
    return render_template("login.html", error=error), 401 if error else 200


@blueprint.post("/logout")
def logout():
    check_csrf()
    if session.get("sid"):
        get_store().end_session(session["sid"])
    session.clear()
    return redirect(url_for("pages.index"))


def init_app(app) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["is_admin"] = lambda: bool(session.get("admin"))
    app.before_request(_forget_revoked_sign_in)
    app.register_blueprint(blueprint)
