"""Fetching one page over HTTP(S), politely and within limits.

The body is read as a stream and the cap counts decompressed bytes, so a
small gzip bomb stops early instead of filling memory.
"""

from dataclasses import dataclass

import requests

from tracker import __version__
from tracker.errors import InputError

USER_AGENT = f"tracker/{__version__} (statement change tracker)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes


def fetch(url: str, max_bytes: int, session: requests.Session | None = None,
          timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)) -> FetchedPage:
    """GET ``url``; any failure is an ``InputError`` with one readable line."""
    session = session or requests.Session()
    session.max_redirects = MAX_REDIRECTS
    try:
        with session.get(url, stream=True, timeout=timeout,
                         headers={"User-Agent": USER_AGENT}) as response:
            if response.status_code >= 400:
                raise InputError(f"{url}: the server answered HTTP {response.status_code}")
            body = _read_capped(response, url, max_bytes)
            content_type = response.headers.get("Content-Type", "")
            return FetchedPage(url, response.url, response.status_code, content_type, body)
    except requests.exceptions.Timeout:
        raise InputError(f"{url}: timed out (no answer within {timeout[1]:g} s)") from None
    except requests.exceptions.TooManyRedirects:
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except requests.exceptions.InvalidURL:
        raise InputError(f"{url}: not a valid URL") from None
    except requests.exceptions.ConnectionError:
        raise InputError(f"{url}: cannot connect") from None
    except requests.exceptions.RequestException as error:
        raise InputError(f"{url}: {type(error).__name__}") from None


def _read_capped(response: requests.Response, url: str, max_bytes: int) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_content(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: the page is larger than the limit of {max_bytes:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
