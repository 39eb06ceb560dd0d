"""A press-release list, feed or sitemap on a real local server, whose
links the tests add to between checks, and the statements they point to."""

from xml.sax.saxutils import escape

from werkzeug import Response

from tests.watch.conftest import PARAGRAPHS, page, quick_settings
from tracker.settings import FetchSettings
from tracker.watch.jobfile import listing_spec
from tracker.watch.sources import register_sources

SERIES_NAME = "Extended Deterrence Strategy and Consultation Group"
SIXTH = f"Joint Statement on the Sixth Meeting of the U.S.-ROK {SERIES_NAME}"
FIFTH = f"Joint Statement on the Fifth Meeting of the U.S.-ROK {SERIES_NAME}"


def listing_settings(**watch):
    """Quick checks; the pages a listing links to are always held to the
    address policy, so the tests' loopback server is an allowed network."""
    settings = quick_settings(**watch)
    return settings.__class__(base_url=settings.base_url, watch=settings.watch,
                              fetch=FetchSettings(allowed_networks=("127.0.0.1/32",)))


def html_list(links: list[tuple[str, str]]) -> str:
    items = "\n".join(f'<li><a href="{href}">{escape(text)}</a></li>' for href, text in links)
    return (f"<!doctype html><html><head><title>Press releases</title></head><body>"
            f'<nav><a href="/">Home</a> <a href="/about">About us</a></nav>'
            f'<ul class="releases">{items}</ul></body></html>')


def rss(links: list[tuple[str, str]], base: str) -> str:
    items = "".join(f"<item><title>{escape(t)}</title><link>{base}{h}</link></item>"
                    for h, t in links)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Press</title>{items}</channel></rss>")


def atom(links: list[tuple[str, str]], base: str) -> str:
    entries = "".join(f'<entry><title>{escape(t)}</title><link rel="alternate" '
                      f'href="{base}{h}"/><id>{base}{h}</id></entry>' for h, t in links)
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'


def sitemap(links: list[tuple[str, str]], base: str) -> str:
    urls = "".join(f"<url><loc>{base}{h}</loc></url>" for h, _t in links)
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>")


FORMATS = {"html": (html_list, "text/html"), "rss": (rss, "application/rss+xml"),
           "atom": (atom, "application/atom+xml"), "sitemap": (sitemap, "application/xml")}


class Site:
    """The local server's listing (in one of ``FORMATS``) and statements;
    ``links`` and ``statements`` may change between checks."""

    def __init__(self, httpserver, fmt: str = "html"):
        self.server, self.fmt = httpserver, fmt
        self.links: list[tuple[str, str]] = [("/press/edscg-5", FIFTH)]
        self.statements = {"/press/edscg-5": page(title=FIFTH),
                           "/press/edscg-6": page(title=SIXTH)}
        self.failing: set[str] = set()
        base = httpserver.url_for("/").rstrip("/")
        render, content_type = FORMATS[fmt]
        httpserver.expect_request("/press").respond_with_handler(
            lambda _r: Response(render(self.links) if fmt == "html" else
                                render(self.links, base), content_type=content_type))
        httpserver.expect_request("/press/edscg-5").respond_with_handler(self._statement)
        httpserver.expect_request("/press/edscg-6").respond_with_handler(self._statement)

    def _statement(self, request):
        if request.path in self.failing:
            return Response("busy", status=503)
        return Response(self.statements[request.path], content_type="text/html")

    @property
    def url(self) -> str:
        return self.server.url_for("/press")

    def requested(self, path: str) -> int:
        return sum(1 for request, _ in self.server.log if request.path == path)


def add_listing(store, url: str, **rule):
    spec = listing_spec(url, "edscg", **{"link_text": SERIES_NAME, "every": "6h", **rule})
    return register_sources(store, [spec], update=False)[0].source


__all__ = ["PARAGRAPHS", "Site", "add_listing", "listing_settings"]
