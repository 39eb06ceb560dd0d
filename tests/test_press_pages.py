"""Press-release pages: wrappers dropped, list numbers kept, metadata filled.

Two pages written for these tests, one in the State Department's style and
one in a Korean ministry's, each with the labels, dateline, repeated title,
"Begin Text"/"End Text" and contact block those sites put around a
statement, a numbered and a bulleted list. They go through the extractor,
through ``tracker add URL`` (a real local server, a real database file) and
through a watched source and ``tracker check`` (real processes).
"""

import json

import pytest

from tests.reliability.conftest import child_env, tracker
from tracker.compare.segment import segment
from tracker.ingest.extract import extract_html
from tracker.ingest.metadata import PageMetadata, parse_date
from tracker.ingest.wrappers import drop_wrappers

FIRST = ("The United States and the Republic of Korea held the sixth meeting of the Extended "
         "Deterrence Strategy and Consultation Group in Washington on September 4.")
STATE_PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Joint Statement on the Sixth EDSCG Meeting - United States Department of State</title>
<link rel="canonical" href="https://www.state.gov/joint-statement-edscg-6/">
</head><body><header><nav><a href="/">Home</a> <a href="/press">Press</a></nav></header>
<main><div class="content"><p>MEDIA NOTE</p><h1>Joint Statement on the Sixth EDSCG Meeting</h1>
<p>Office of the Spokesperson</p><p>WASHINGTON, September 4, 2024 &mdash;</p>
<p>Joint Statement on the Sixth EDSCG Meeting</p><p>Begin Text:</p>
<p>{FIRST}</p>
<p>The allies agreed on the following steps:</p>
<ol><li>The allies will hold a tabletop exercise on nuclear scenarios.</li>
<li>The allies will expand information sharing on DPRK missile launches.</li></ol>
<p>The delegations also discussed:</p>
<ul><li>Regional security developments.</li><li>Cooperation with Japan.</li></ul>
<p>End Text.</p>
<p>For further information, please contact the Office of the Spokesperson.</p>
<p>Media contact: Jane Doe</p><p>Tel: +1 202-555-0100</p><p>press@state.example</p>
</div></main><footer><p>Privacy · Accessibility</p></footer></body></html>"""

STATE_TEXT = f"""Joint Statement on the Sixth EDSCG Meeting

{FIRST}

The allies agreed on the following steps:

1. The allies will hold a tabletop exercise on nuclear scenarios.

2. The allies will expand information sharing on DPRK missile launches.

The delegations also discussed:

\u2022 Regional security developments.

\u2022 Cooperation with Japan."""

MINISTRY_PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>제6차 한미 확장억제전략협의체 공동성명 | 외교부</title>
<meta property="og:title" content="제6차 한미 확장억제전략협의체 공동성명">
<meta property="article:published_time" content="2024-09-05T10:00:00+09:00">
<link rel="canonical" href="/www/brd/m_4080/view.do?seq=375000">
</head><body>
<div id="gnb"><ul><li><a href="/">홈</a></li><li><a href="/b">브리핑</a></li></ul></div>
<div id="contents"><p>보도자료</p><h1>제6차 한미 확장억제전략협의체 공동성명</h1>
<p>2024년 9월 5일</p><p>대변인실</p>
<p>한미 양국은 9월 4일 워싱턴에서 제6차 확장억제전략협의체 회의를 개최하였다.</p>
<p>양측은 다음 사항에 합의하였다:</p>
<ol start="3"><li>양측은 핵 시나리오에 관한 도상훈련을 실시한다.</li>
<li>양측은 북한 미사일 발사에 관한 정보 공유를 확대한다.</li></ol>
<ul><li>지역 안보 정세를 논의하였다.</li></ul>
<p>문의: 북미국 북미안보정책과</p><p>02-2100-7356</p>
</div><div id="footer"><p>서울특별시 종로구</p></div></body></html>"""

MINISTRY_TEXT = """제6차 한미 확장억제전략협의체 공동성명

한미 양국은 9월 4일 워싱턴에서 제6차 확장억제전략협의체 회의를 개최하였다.

양측은 다음 사항에 합의하였다:

3. 양측은 핵 시나리오에 관한 도상훈련을 실시한다.

4. 양측은 북한 미사일 발사에 관한 정보 공유를 확대한다.

\u2022 지역 안보 정세를 논의하였다."""

STATE_META = PageMetadata("Joint Statement on the Sixth EDSCG Meeting", "en", "2024-09-04",
                          "https://www.state.gov/joint-statement-edscg-6/")
DOCUMENT = "edscg-6-joint-statement"


def ministry_meta(base: str) -> PageMetadata:
    return PageMetadata("제6차 한미 확장억제전략협의체 공동성명", "ko", "2024-09-05",
                        base + "/www/brd/m_4080/view.do?seq=375000")


def test_a_state_department_page_gives_only_the_statement_with_list_markers():
    extracted = extract_html(STATE_PAGE, url="http://127.0.0.1/s")
    assert extracted.text == STATE_TEXT
    assert extracted.metadata == STATE_META


def test_a_ministry_page_gives_only_the_statement_numbered_from_ol_start():
    extracted = extract_html(MINISTRY_PAGE.encode(), url="https://www.mofa.go.kr/x")
    assert extracted.text == MINISTRY_TEXT
    assert extracted.metadata == ministry_meta("https://www.mofa.go.kr")


def test_the_engine_keeps_a_numbered_item_as_one_sentence():
    sentences = [s.text for s in segment(STATE_TEXT)]
    assert "1. The allies will hold a tabletop exercise on nuclear scenarios." in sentences
    assert "\u2022 Cooperation with Japan." in sentences


@pytest.mark.parametrize("text", [
    "The press release of the ministry said the allies would meet.",
    "Media note: the allies will meet again in the spring, as agreed in Seoul last year.",
    "For further information on the alliance, the two sides agreed to exchange papers.\n\n"
    "The allies will meet again in 2025.",
    "Work spaces in Milwaukee\n\nContact: Jane Roe, jane@lofts.example\n\nWorkLofts, Milwaukee",
    "Timeline\n\nThe allies met.\n\nThey met again.\n\nAnd again.\n\nOnce more.\n\n"
    "Then twice.\n\nSeptember 4, 2024\n\nThe sixth meeting took place.",
])
def test_sentences_that_mention_wrappers_stay(text):
    assert drop_wrappers(text) == text


def test_a_contact_line_in_mid_text_stays_and_only_a_repeated_title_goes():
    text = "Joint Statement\n\nJoint Statement\n\nContact: the allies met.\n\n" + \
        "\n\n".join(["The allies met again in Seoul this week."] * 9)
    assert drop_wrappers(text, ("Joint Statement",)) == text.replace("Joint Statement\n\n", "", 1)


@pytest.mark.parametrize("value, expected", [
    ("2024-09-04T10:00:00Z", "2024-09-04"), ("WASHINGTON, September 4, 2024 —", "2024-09-04"),
    ("4 Sept. 2024", "2024-09-04"), ("2024년 9월 4일 (수)", "2024-09-04"),
    ("Smarch 4, 2024", None), ("2024-13-40", None), ("", None),
])
def test_dates(value, expected):
    assert parse_date(value) == expected


def show_json(db) -> dict:
    done = tracker(db, "show", DOCUMENT, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["metadata"]


@pytest.mark.parametrize("path, body, expected", [
    ("/state", STATE_PAGE.encode(), lambda base: STATE_META),
    ("/mofa", MINISTRY_PAGE.encode(), ministry_meta),
])
def test_add_url_fills_empty_fields_from_the_page(tmp_path, httpserver, path, body, expected):
    httpserver.expect_request(path).respond_with_data(body, content_type="text/html")
    db = tmp_path / "t.db"
    added = tracker(db, "add", httpserver.url_for(path), "--document", DOCUMENT,
                    "--meeting", "edscg-6")
    assert added.returncode == 0, added.stderr
    assert show_json(db) == expected(httpserver.url_for("").rstrip("/")).to_dict()
    text = json.loads(tracker(db, "show", DOCUMENT, "--json").stdout)["text"]
    assert text == (STATE_TEXT if path == "/state" else MINISTRY_TEXT)


def test_flags_win_and_a_set_field_is_never_overwritten(tmp_path, httpserver):
    httpserver.expect_request("/state").respond_with_data(STATE_PAGE, content_type="text/html")
    db = tmp_path / "t.db"
    url = httpserver.url_for("/state")
    first = tracker(db, "add", url, "--document", DOCUMENT, "--meeting", "edscg-6",
                    "--title", "EDSCG 6", "--date", "2024-09-03")
    assert first.returncode == 0, first.stderr
    other = STATE_PAGE.replace("en", "fr", 1).replace("September 4", "October 9")
    httpserver.clear()
    httpserver.expect_request("/state").respond_with_data(other, content_type="text/html")
    assert tracker(db, "add", url, "--document", DOCUMENT).returncode == 0
    assert show_json(db) == {**STATE_META.to_dict(), "title": "EDSCG 6", "date": "2024-09-03"}


def test_a_watched_source_fills_empty_fields_on_check(tmp_path, httpserver):
    httpserver.expect_request("/state").respond_with_data(STATE_PAGE, content_type="text/html")
    db = tmp_path / "t.db"
    plain = tmp_path / "first.txt"
    plain.write_text("The allies met.\n")
    assert tracker(db, "add", str(plain), "--document", DOCUMENT,
                   "--meeting", "edscg-6").returncode == 0
    assert show_json(db) == PageMetadata().to_dict()
    url = httpserver.url_for("/state")
    assert tracker(db, "sources", "add", url, "--document", DOCUMENT).returncode == 0
    config = tmp_path / "tracker.toml"
    config.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\ntotal_timeout = 10\n")
    checked = tracker(db, "check", "--config", str(config), env=child_env())
    assert checked.returncode == 0, checked.stderr
    assert show_json(db) == STATE_META.to_dict()
    text = json.loads(tracker(db, "show", DOCUMENT, "--json").stdout)["text"]
    assert text == STATE_TEXT


def test_bad_input_is_one_line_and_leaves_the_database_unchanged(tmp_path, httpserver):
    wrappers_only = "<html><body><main><p>MEDIA NOTE</p><p>End Text.</p></main></body></html>"
    httpserver.expect_request("/empty").respond_with_data(wrappers_only,
                                                          content_type="text/html")
    db = tmp_path / "t.db"
    done = tracker(db, "add", httpserver.url_for("/empty"), "--document", DOCUMENT,
                   "--meeting", "edscg-6")
    assert done.returncode != 0 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "no statement text" in done.stderr
    assert not db.exists() or tracker(db, "list", "--json").stdout.strip() == "[]"


@pytest.mark.parametrize("how", ["file", "stdin"])
def test_a_file_or_standard_input_fills_them_too(tmp_path, how):
    db, path = tmp_path / "t.db", tmp_path / "statement.html"
    path.write_text(STATE_PAGE, encoding="utf-8")
    source, stdin = (str(path), None) if how == "file" else ("-", STATE_PAGE)
    added = tracker(db, "add", source, "--document", DOCUMENT, "--meeting", "edscg-6",
                    "--format", "html", input=stdin)
    assert added.returncode == 0, added.stderr
    assert show_json(db) == STATE_META.to_dict()


def test_a_content_language_header_and_the_final_url_fill_what_markup_leaves_out(
        tmp_path, httpserver):
    bare = ("<html><body><main><p>The allies met in Seoul and agreed to meet again in "
            "Washington next year, to review the progress of their working groups.</p>"
            "</main></body></html>")
    httpserver.expect_request("/bare").respond_with_data(
        bare, content_type="text/html", headers={"Content-Language": "en-US, ko"})
    db = tmp_path / "t.db"
    url = httpserver.url_for("/bare")
    assert tracker(db, "add", url, "--document", DOCUMENT, "--meeting", "edscg-6").returncode == 0
    assert show_json(db) == {"title": None, "language": "en-US", "date": None, "url": url}
