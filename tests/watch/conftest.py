"""A government-style page served by a real local HTTP server, whose
statement body the tests change between checks."""

import pytest

from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.settings import Settings, WatchSettings
from tracker.store import open_store
from tracker.watch.jobfile import source_spec
from tracker.watch.sources import register_sources

CHROME = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<script>var analytics = true;</script><style>body {{ font: 12px sans-serif }}</style></head>
<body><header><a href="/">Home</a> <nav><ul><li><a href="/press">Press</a></li>
<li><a href="/about">About</a></li></ul></nav></header>
<div class="breadcrumb">Home &gt; Press &gt; Statements</div>
<main><article><h1>{title}</h1>
<p class="dateline">Last updated: {updated}</p>
{body}
<div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a></div>
</article>
<aside><h2>Related links</h2><ul><li><a href="/a">Another statement</a></li></ul></aside></main>
<footer><p>Office of the Spokesperson · Contact · Privacy</p></footer></body></html>"""

PARAGRAPHS = [
    "The United States and the Republic of Korea held the sixth meeting of the Extended "
    "Deterrence Strategy and Consultation Group in Seoul.",
    "The two sides expressed concern about the DPRK's missile launches.",
    "The United States reaffirmed its commitment to draw on the full range of its "
    "capabilities to defend the ROK.",
    "The two sides agreed to hold the next meeting in Washington.",
]


def page(paragraphs=PARAGRAPHS, updated="2025-10-01 09:00", title="Joint Statement") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return CHROME.format(title=title, updated=updated, body=body)


def quick_settings(**watch) -> Settings:
    defaults = dict(politeness_seconds=0, retries=2, retry_backoff=0.01, connect_timeout=2,
                    read_timeout=1, max_bytes=200_000)
    return Settings(base_url="http://tracker.test", watch=WatchSettings(**{**defaults, **watch}))


@pytest.fixture
def store(initialised):
    with open_store(initialised) as opened:
        yield opened


@pytest.fixture
def watch_source(store, httpserver):
    """Register a source at ``/statement`` for a new edscg-6 statement."""

    def make(path="/statement", ignore=(r"(?i)^last updated:.*$",), selector=None,
             document="edscg-6-joint-statement", meeting="edscg-6"):
        spec = source_spec(httpserver.url_for(path), document, meeting, selector, "6h",
                           None, ignore)
        return register_sources(store, [spec], update=False)[0].source

    return make


def seed_version(store, document: str, text: str, meeting: str = "edscg-6") -> None:
    spec = DocumentSpec(document, MeetingSpec(meeting, "edscg", number=int(meeting[-1])))
    store.add(spec, Capture(text))
