"""Sources added through the web may not point inside the network.

A web user who can add a source could otherwise make the scheduler fetch
``http://127.0.0.1:…`` or a cloud metadata address and read the answer back
as a "statement". Every address the host name resolves to must be public,
unless the configuration allows private ones (``ALLOW_PRIVATE_SOURCES``).
The CLI, run by the owner, is not limited.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from tracker.errors import InputError


def check_public_url(url: str, allow_private: bool = False) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"invalid URL {url!r}: use an http:// or https:// address")
    if allow_private:
        return url
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError):
        raise InputError(f"{parts.hostname}: cannot resolve this host name") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise InputError(f"{url}: {parts.hostname} is a loopback, link-local or private "
                             f"address ({address}); sources added from the web must be public")
    return url
