"""The web app: ``create_app`` layers defaults, then ``$TRACKER_DB``, then the
caller's overrides (tests pass their own database), like Flask's tutorial.

One database connection per request, kept on ``g`` and closed at teardown.
"""

from flask import Flask

from tracker.config import bundled_dir, database_path

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
    app.config.from_mapping(DATABASE=str(database_path()))
    if config:
        app.config.from_mapping(config)
    app.jinja_env.autoescape = True

    from tracker.web import db, errors, pages

    db.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.blueprint)

    @app.after_request
    def add_security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app
