"""Who may write: an admin token, checked in constant time, and a CSRF token
on every form that changes something.

Without a configured token (``ADMIN_TOKEN`` or ``$TRACKER_ADMIN_TOKEN``) the
app is read-only. A browser signs in once with the token (a session cookie);
a script sends ``Authorization: Bearer <token>`` instead and needs no CSRF
token, since no cookie is involved.
"""

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


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    if admin_token() is None:
        abort(403, "This tracker is read-only: no admin token is configured.")
    error = None
    if request.method == "POST":
        check_csrf()
        if _same(request.form.get("token"), admin_token()):
            session.clear()
            session["admin"] = True
            target = request.args.get("next", "")
            return redirect(target if target.startswith("/") and not target.startswith("//")
                            else url_for("pages.index"))
        error = "That token is not right."
    return render_template("login.html", error=error), 401 if error else 200


@blueprint.post("/logout")
def logout():
    check_csrf()
    session.clear()
    return redirect(url_for("pages.index"))


def init_app(app) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["is_admin"] = lambda: bool(session.get("admin"))
    app.register_blueprint(blueprint)
