"""Signing in and out: a browser signs in once with the admin token and
holds a session cookie; the checks every write makes are in
``tracker.web.access``.

A signed cookie cannot be taken back, so a sign-in is also a row in the
store, bound to the token it was made with: signing out deletes the row, a
new admin token no longer matches it, and it expires after
``PERMANENT_SESSION_LIFETIME`` (12 hours by default). A cookie whose row is
gone counts for nothing. Guesses at ``/login`` are rate-limited per address.
"""

import hashlib
import hmac
import secrets

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from tracker.web.access import admin_token, check_csrf, csrf_token, require_token, tokens_match
from tracker.web.db import get_store
from tracker.web.limits import client_wait
from tracker.web.redirects import safe_target

blueprint = Blueprint("auth", __name__)


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


def _too_many_attempts():
    """The login page with a 429 and ``Retry-After`` when this address has
    guessed too often; None when it may try."""
    wait = client_wait("tracker.login_limiter", lambda: current_app.config["LOGIN_RATE_LIMIT"])
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
    require_token()
    error = None
    if request.method == "POST":
        limited = _too_many_attempts()
        if limited:
            return limited
        check_csrf()
        if tokens_match(request.form.get("token"), admin_token()):
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
