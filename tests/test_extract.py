"""HTML to statement text."""

import contextlib
import importlib.util
import itertools
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EVAL_DATA
from tracker.errors import InputError
from tracker.ingest.extract import extract_html, html_to_text

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
                    "They reaffirmed the\nironclad commitment.\n\n"
                    "\u2022 First point\n\n\u2022 Second point")


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


@pytest.mark.parametrize("selector", [None, "main"])
def test_the_page_title_comes_with_the_text(selector):
    """Though ``<head>`` never enters the text, its ``<title>`` is kept apart."""
    extracted = extract_html(PAGE, selector)
    assert extracted.title == "Joint Statement"
    assert extracted.text.startswith("Joint Statement\n\nThe two sides met")
    assert extract_html("<p>No head, no title.</p>", selector and "p").title is None


def test_charset_from_meta_is_honoured():
    html = '<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1")
    assert html_to_text(html) == "café “quoted”"


def test_deep_nesting_does_not_crash():
    html = "<div>" * 5000 + "<p>Deep text.</p>" + "</div>" * 5000
    assert html_to_text(html) == "Deep text."


# -- the main-content finder on government pages ------------------------------------------------

DATA = Path(__file__).resolve().parent / "data" / "extraction"
EDGE_CASES = EVAL_DATA / "diff/web-monitoring-diff/edge-cases"
BENCHMARK = EVAL_DATA / "extraction/article-extraction-benchmark"

# (file, statement text that must be kept, page furniture that must be dropped)
GOVERNMENT_PAGES = [
    ("state_dept_statement.html",
     ["Joint Statement on the Trilateral Meeting",
      "The text of the following statement was released by the Governments",
      "The ministers condemned the recent ballistic missile launches",
      "Economic security"],
     ["Skip to content", "Policy Issues", "Office of the Spokesperson ›", "Share on Facebook",
      "Last updated", "Tags:", "Related Articles", "Secretary's Remarks to the Press",
      "Department Press Briefings", "cookies", "Copyright", "Privacy Policy", "Search"]),
    ("dod_release.html",
     ["Readout of Secretary of Defense Call With Republic of Korea Minister",
      "Pentagon Press Secretary provided the following readout:",
      "ironclad commitment to the defense of the Republic of Korea",
      "close trilateral security cooperation with Japan"],
     ["Releases", "Feature Stories", "Home > News", "Secretary Meets With Philippine",
      "Statement on the Defense Budget Request", "Print", "Follow us", "WEB.mil",
      "Plain Writing"]),
    ("mofa_press_release.html",
     ["외교부장관은 11월 14일 워싱턴에서 미국 국무장관과 외교장관 회담을 갖고",
      "양 장관은 북한의 연이은 탄도미사일 발사가",
      "차관급 전략대화를 정례화하기로 합의하였다."],
     ["본문 바로가기", "외교정책", "홈 > 보도자료", "페이스북", "이전글", "대표전화"]),
]


@pytest.mark.parametrize(("name", "kept", "dropped"), GOVERNMENT_PAGES)
def test_government_page_keeps_statement_and_drops_chrome(name, kept, dropped):
    text = html_to_text((DATA / name).read_bytes())
    blocks = text.split("\n\n")
    for sentence in kept:
        assert any(sentence in block for block in blocks), sentence
    for chrome in dropped:
        assert chrome not in text, chrome


def test_paragraphs_stay_separate_blocks():
    text = html_to_text((DATA / "state_dept_statement.html").read_bytes())
    blocks = text.split("\n\n")
    assert blocks[0] == "Joint Statement on the Trilateral Meeting"
    assert blocks[-1].startswith("The ministers agreed")  # "End text." is a wrapper
    assert len(blocks) == 6  # and so is "Begin text:"


def filler(words: int, seed: str) -> str:
    return " ".join(f"{seed}{i}," if i % 9 == 8 else f"{seed}{i}" for i in range(words)) + "."


def test_main_wrapping_huge_menus_is_narrowed_to_the_statement():
    menu = "".join(f"<li><a href='/p{i}'>Menu entry number {i}</a></li>" for i in range(300))
    body = "".join(f"<p>{filler(60, f'w{n}_')}</p>" for n in range(3))
    html = f"<body><main><ul class='list'>{menu}</ul><div>{body}</div><ul>{menu}</ul></main></body>"
    text = html_to_text(html)
    assert "Menu entry" not in text
    assert text.count("\n\n") == 2 and text.startswith("w0_0 w0_1")


def test_teaser_articles_do_not_outweigh_the_statement():
    teasers = "".join(f"<article><h3><a href='/t{i}'>Teaser headline {i}</a></h3>"
                      f"<p>{filler(30, f't{i}_')}</p><a href='/t{i}'>Read more</a></article>"
                      for i in range(8))
    statement = "".join(f"<p>{filler(50, f's{n}_')}</p>" for n in range(4))
    html = f"<body><div class='content'>{statement}</div><div class='more'>{teasers}</div></body>"
    text = html_to_text(html)
    assert text.count("\n\n") == 3 and "Teaser" not in text and "t1_" not in text


def test_statement_split_into_sections_is_kept_whole():
    sections = "".join(f"<section><h2>Part {n}</h2><p>{filler(40, f'p{n}_')}</p>"
                       f"<p>{filler(40, f'q{n}_')}</p></section>" for n in range(3))
    html = f"<body><nav><a href='/'>Home</a></nav><div>{sections}</div></body>"
    text = html_to_text(html)
    assert all(f"Part {n}" in text and f"q{n}_0" in text for n in range(3))


STATEMENT = "".join(f"<p>{filler(45, f's{n}_')}</p>" for n in range(3))
MENU = "".join(f"<li><a href='/m{i}'>Menu entry {i}</a></li>" for i in range(40))

# (case, page, text that must be kept, text that must be dropped)
LAYOUTS = [
    ("asp.net form around the page",
     f"<body><form id='aspnetForm'><ul class='menu'>{MENU}</ul><div>{STATEMENT}</div></form>",
     "s2_43", "Menu entry"),
    ("unclosed nav swallowing the page",
     f"<body><nav><ul>{MENU}</ul><div id='content'>{STATEMENT}</div></body>", "s0_0", "Menu"),
    ("unclosed button swallowing the page",
     f"<body><button>Open menu<div>{STATEMENT}</div></body>", "s1_0", "Open menu"),
    ("hidden elements", f"<body><div>{STATEMENT}<p hidden>Secret draft.</p>"
     f"<p style='display: none'>Hidden note.</p></div></body>", "s0_0", "Secret"),
    ("headline before the body",
     f"<body><div class='page'><h1>Joint Statement</h1><div class='date'>May 1</div>"
     f"<div class='body'>{STATEMENT}</div></div></body>", "Joint Statement", "May 1"),
    ("cookie banner and newsletter box",
     f"<body><div class='cookie-consent'><p>{filler(40, 'cookie')}</p></div>"
     f"<div class='content'>{STATEMENT}</div><div class='newsletter-signup'>"
     f"<p>{filler(20, 'news')}</p></div></body>", "s0_0", "cookie0"),
    ("sentence starting like a page line",
     f"<body><div>{STATEMENT}<p>Share prices fell.</p></div></body>", "Share prices fell.", "~"),
]


@pytest.mark.parametrize(("case", "html", "kept", "dropped"), LAYOUTS, ids=[c[0] for c in LAYOUTS])
def test_layouts(case, html, kept, dropped):
    text = html_to_text(html)
    assert kept in text
    assert dropped not in text


def test_short_page_without_dense_text_keeps_main():
    html = "<body><nav>Menu</nav><main><h1>Notice</h1><p>Office closed Friday.</p></main></body>"
    assert html_to_text(html) == "Notice\n\nOffice closed Friday."


def test_selector_still_drops_share_buttons_inside_it():
    html = ("<body><div id='s'><p>Statement.</p><div class='social-share'><a href='#'>Tweet</a>"
            "</div></div></body>")
    assert html_to_text(html, "#s") == "Statement."


def test_invalid_selector_is_an_input_error():
    with pytest.raises(InputError, match="not valid CSS"):
        html_to_text("<p>x</p>", "p[")


# -- robustness ---------------------------------------------------------------------------------

HOSTILE = [
    b"\x00\x01\x02\xff\xfe binary \x00 junk" * 200,
    bytes(range(256)) * 50,
    b"<div>" * 100_000 + b"<p>Deep.</p>",
    b"<table>" * 20_000 + b"<td>cell</td>",
    b"<a href='x'>" * 10_000 + b"link",
    '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>d\u00e9j\u00e0</p>',
    b"<p " + b"a=" * 50_000 + b">attrs</p>",
    "<p>\ud800 lone surrogate</p>",
    b"\xef\xbb\xbf<html><body><p>BOM</p></body></html>",
    b"<html><body><p>" + "é".encode("utf-16-le") + b"</p>",
    b"<html><body><p>x</p><!-- unterminated comment",
    b"<svg><p>inside svg</p></svg><math><mi>x</mi></math>",
]


@pytest.mark.parametrize("html", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gives_text_or_input_error(html):
    with contextlib.suppress(InputError):
        assert isinstance(html_to_text(html), str)


def test_very_deep_nesting_keeps_its_text():
    html = "<div>" * 50_000 + "<p>Deep text.</p>" + "</div>" * 50_000
    assert html_to_text(html) == "Deep text."


@pytest.mark.skipif(not EDGE_CASES.is_dir(), reason="shared edge cases not available")
@pytest.mark.parametrize("path", sorted(EDGE_CASES.glob("*")) if EDGE_CASES.is_dir() else [],
                         ids=lambda p: p.name)
def test_shared_edge_cases_give_text_or_input_error(path):
    with contextlib.suppress(InputError):
        assert isinstance(html_to_text(path.read_bytes()), str)


def test_a_100_kb_page_is_fast():
    rows = "".join(f"<tr><td><a href='/r{i}'>Row {i}</a></td><td>{filler(8, 'c')}</td></tr>"
                   for i in range(1500))
    paragraphs = f"<p>{filler(60, 'x')}</p>" * 20
    html = f"<body><table>{rows}</table><div>{paragraphs}</div>"
    assert len(html) > 100_000
    start = time.perf_counter()
    html_to_text(html)
    assert time.perf_counter() - start < 0.5  # tens of ms in practice; loose for slow CI


# -- quality guard on the public article benchmark ----------------------------------------------

def load_benchmark_module():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_extraction.py"
    spec = importlib.util.spec_from_file_location("bench_extraction", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not BENCHMARK.is_dir(), reason="article benchmark not available")
def test_article_benchmark_f1_does_not_regress():
    bench = load_benchmark_module()
    pages = list(itertools.islice(bench.article_pages(BENCHMARK), 10))
    scores = bench.shingle_scores([(gold, bench.ours(html)) for _, html, gold in pages])
    assert scores.f1 >= 0.90, scores


def test_list_items_keep_their_number_or_bullet_and_empty_items_go():
    html = ("<main><p>The allies agreed on the following steps:</p><ol start='4'>"
            "<li>Hold an exercise.</li><li value='9'>Share data.</li><li>Meet.</li></ol>"
            "<ul><li>Deterrence \ue000</li><li> </li><li>Consult<ul><li>yearly.</li></ul></li>"
            "</ul></main>")
    assert html_to_text(html).split("\n\n") == [
        "The allies agreed on the following steps:", "4. Hold an exercise.",
        "9. Share data.", "10. Meet.", "\u2022 Deterrence \ue000", "\u2022 Consult",
        "\u2022 yearly."]
