"""Who may write, checked the same way by every blueprint that writes.

Without a configured token (``ADMIN_TOKEN`` or ``$TRACKER_ADMIN_TOKEN``) the
app is read-only. A browser signs in (``tracker.web.auth``) and sends a CSRF
token with every form; a script sends ``Authorization: Bearer <token>`` and
needs no CSRF token, since no cookie is involved. Tokens are compared in
constant time.

These checks live apart from the sign-in pages so that the form pages and the
JSON API can share them without one blueprint importing another.
"""

import hmac
import secrets
from functools import wraps

from flask import abort, current_app, redirect, request, session, url_for

READ_ONLY = "This tracker is read-only: no admin token is configured."


def admin_token() -> str | None:
    return current_app.config.get("ADMIN_TOKEN") or None


def tokens_match(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(given.encode(), expected.encode())


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    if not tokens_match(request.form.get("csrf_token"), session.get("csrf")):
        abort(400, "The form has expired or did not come from this site; reload it and retry.")


def require_token() -> None:
    """403 on a read-only tracker: there is nothing to sign in with."""
    if admin_token() is None:
        abort(403, READ_ONLY)


def require_bearer() -> None:
    """Script writes: the admin token in ``Authorization: Bearer``."""
    require_token()
    header = request.headers.get("Authorization", "")
    if not (header.startswith("Bearer ") and tokens_match(header[7:].strip(), admin_token())):
        abort(401, "send Authorization: Bearer <admin token>")


def admin_required(view):
    """Browser writes: signed in and a valid CSRF token on POST."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        require_token()
        if not session.get("admin"):
            return redirect(url_for("auth.login", next=request.path))
        if request.method == "POST":
            check_csrf()
        return view(*args, **kwargs)

    return wrapped
