"""HTML to statement text."""

import pytest

from tracker.errors import InputError
from tracker.extract import html_to_text

PAGE = """<!doctype html><html><head><title>Joint Statement</title>
<style>p {color: red}</style><script>var tracking = 1;</script></head>
<body><header><a href="/">Home</a> | <a href="/press">Press</a></header>
<nav><ul><li>Menu item</li></ul></nav>
<main><h1>Joint Statement</h1>
<p>The two sides   met in <b>Washington</b>.</p>
<p>They reaffirmed the<br>ironclad commitment.</p>
<ul><li>First point</li><li>Second point</li></ul>
<form><input name="q"><button>Search</button></form>
</main>
<footer>Copyright and contact</footer></body></html>"""


def test_keeps_paragraphs_and_drops_page_chrome():
    text = html_to_text(PAGE)
    assert text == ("Joint Statement\n\nThe two sides met in Washington.\n\n"
                    "They reaffirmed the\nironclad commitment.\n\nFirst point\n\nSecond point")


def test_without_main_uses_the_body_minus_chrome():
    html = "<body><nav>Menu</nav><div>Intro<p>Body text.</p></div><footer>F</footer></body>"
    assert html_to_text(html) == "Intro\n\nBody text."


def test_selector_narrows_and_reports_no_match():
    html = "<body><div id='a'><p>A.</p></div><div id='b'><p>B.</p></div></body>"
    assert html_to_text(html, "#b") == "B."
    with pytest.raises(InputError, match="matches nothing"):
        html_to_text(html, "#c")


def test_broken_html_still_gives_its_text():
    assert html_to_text("<p>unclosed <b>bold<p>next</div></span>") == "unclosed bold\n\nnext"


@pytest.mark.parametrize("html", ["<script>alert(1)</script>", "<html><body></body></html>",
                                  "<nav>only menu</nav>", ""])
def test_no_text_is_an_error(html):
    with pytest.raises(InputError, match="no statement text"):
        html_to_text(html)


def test_charset_from_meta_is_honoured():
    html = '<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1")
    assert html_to_text(html) == "café “quoted”"


def test_deep_nesting_does_not_crash():
    html = "<div>" * 5000 + "<p>Deep text.</p>" + "</div>" * 5000
    assert html_to_text(html) == "Deep text."
