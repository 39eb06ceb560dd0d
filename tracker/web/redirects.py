"""Where the app may send a browser it was told to send somewhere.

A ``next=`` value is chosen by whoever wrote the link, so it is checked the
way a browser will read it, not the way it looks: browsers drop tabs and
newlines anywhere in a URL and control characters and spaces at its ends
(``/\\t/evil.example`` becomes ``//evil.example``), and they read ``\\`` as
``/``. Only a path on this site passes; anything else gets the fallback.
"""

import re
from urllib.parse import urlsplit

_DROPPED_BY_BROWSERS = re.compile(r"[\t\n\r]")
_EDGE = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def same_site_path(target: str | None) -> str | None:
    """``target`` cleaned as a browser would, when it is a path on this site
    (``/…``, never ``//…`` or ``/\\…``, no scheme or host); else None."""
    if not target:
        return None
    cleaned = _DROPPED_BY_BROWSERS.sub("", target).strip(_EDGE)
    if _CONTROL.search(cleaned) or not cleaned.startswith("/"):
        return None
    if cleaned[1:2] in ("/", "\\"):
        return None
    parts = urlsplit(cleaned.replace("\\", "/"))
    if parts.scheme or parts.netloc:
        return None
    return cleaned


def safe_target(target: str | None, fallback: str) -> str:
    """The redirect target to use: ``target`` when it is safe, else ``fallback``."""
    return same_site_path(target) or fallback
