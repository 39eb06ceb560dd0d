"""The web app: ``create_app`` layers defaults, then ``$TRACKER_DB``, then the
caller's overrides (tests pass their own database), like Flask's tutorial.

Each part (error answers, sign-in, caches, one blueprint a feature) is added
by ``_add_parts``; the store's connection is kept per server thread
(``tracker.web.db``).
"""

import os
import secrets
from datetime import timedelta

from flask import Flask

from tracker.settings import Limits, bundled_dir, database_path
from tracker.web.cookies import SessionCookies

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(bundled_dir("templates")))
    app.config.from_mapping(_defaults())
    if config:
        app.config.from_mapping(config)
    app.jinja_env.autoescape = True
    app.session_interface = SessionCookies()
    _add_parts(app)
    app.after_request(_add_security_headers)
    return app


def _defaults() -> dict:
    """Settings from the environment, read once here and each overridable by
    ``create_app``'s caller; request handlers read them from ``app.config``."""
    limits = Limits.from_environ()
    return {
        "DATABASE": str(database_path()),
        "DEFAULT_SERIES": "edscg",
        "ADMIN_TOKEN": os.environ.get("TRACKER_ADMIN_TOKEN") or None,
        "SECRET_KEY": os.environ.get("TRACKER_SECRET_KEY") or secrets.token_hex(32),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Strict",
        "SESSION_COOKIE_SECURE": limits.secure_cookies,  # None: Secure when HTTPS
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=limits.session_hours),
        "MAX_INPUT_BYTES": limits.max_input_bytes,
        "MAX_CONTENT_LENGTH": limits.max_input_bytes + 64 * 1024,
        "MAX_SENTENCES": limits.max_sentences,
        "MAX_STATEMENT_SENTENCES": limits.max_statement_sentences,
        "API_RATE_LIMIT": limits.api_rate_limit,
        "LOGIN_RATE_LIMIT": limits.login_rate_limit,
        "SEARCH_RATE_LIMIT": limits.search_rate_limit,
        "COMPARISON_CACHE_SIZE": 256,
        "PAGE_CACHE_SIZE": 512,
        "SERIES_CACHE_SIZE": 64,
    }


def _add_parts(app: Flask) -> None:
    """The parts are imported when an app is made, not with the package: they
    bring in the engine, the store and the fetcher, which a module that only
    needs a helper of ``tracker.web`` should not pay for."""
    from tracker.compare.inline import as_tokens, spaced
    from tracker.compare.model import kind_name
    from tracker.refs.labels import document_label, meeting_label
    from tracker.web import auth, choices, comparisons, db, errors, insight, pagecache
    from tracker.web.lru import LRUCache

    app.jinja_env.filters["spaced"] = lambda tokens: spaced(as_tokens(tokens))
    app.jinja_env.globals["kind_name"] = kind_name
    app.jinja_env.globals["document_label"] = document_label
    app.jinja_env.globals["meeting_label"] = meeting_label

    db.init_app(app)
    errors.init_app(app)
    auth.init_app(app)
    for name, size in ((comparisons.EXTENSION, "COMPARISON_CACHE_SIZE"),
                       (pagecache.EXTENSION, "PAGE_CACHE_SIZE"),
                       (insight.EXTENSION, "SERIES_CACHE_SIZE")):
        app.extensions[name] = LRUCache(app.config[size])
    app.extensions[choices.EXTENSION] = LRUCache(4)  # a few revisions, while pages catch up
    _add_blueprints(app)


def _add_blueprints(app: Flask) -> None:
    """One blueprint a feature."""
    from tracker.web import (
        admin,
        annotations,
        api,
        compare,
        corrections,
        insight,
        pages,
        reports,
        search,
        since,
        subscriptions,
        watch,
    )

    for module in (pages, compare, insight, search, api, admin, watch, reports, corrections,
                   since, subscriptions, annotations):
        app.register_blueprint(module.blueprint)


def _add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
