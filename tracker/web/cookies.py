"""The session cookie: ``Secure`` when the page came over HTTPS.

Flask's ``SESSION_COOKIE_SECURE`` is fixed when the app starts, but the
same tracker may be reached over plain HTTP on loopback and over HTTPS
elsewhere. Here ``SESSION_COOKIE_SECURE`` may also be None (the default),
meaning: ask the request. A cookie marked ``Secure`` is never sent back over
plain HTTP, so a sign-in made over HTTPS cannot leak on a downgraded link.
"""

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface


class SessionCookies(SecureCookieSessionInterface):
    def get_cookie_secure(self, app: Flask) -> bool:
        setting = app.config.get("SESSION_COOKIE_SECURE")
        if setting is None:
            return has_request_context() and request.is_secure
        return bool(setting)
