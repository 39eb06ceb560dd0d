"""A statement beside its translation, in a real headless chromium: the
home page's "Korean and English side by side", missing terms marked by more
than colour, and the warning of a forced word diff."""

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve
from tests.browser.test_accessibility import AXE, violations

pytestmark = pytest.mark.browser

# NCG-4's Korean text with "the end of that regime" and the SCM left out:
# two planted gaps.
PLANTED = ("제4차 핵협의그룹(NCG) 회의가 2025년 1월 10일 워싱턴 D.C.에서 개최되었다. "
           "미측은 카라 애버크롬비가, 우리 측은 조창래 국방정책실장이 대표단을 이끌었다.\n\n"
           "양측은 북한이 미국이나 그 동맹국에 핵 공격을 가하면 심각한 결과에 직면할 것이라고 "
           "밝혔다.\n\n양측은 NCG와 확장억제전략협의체(EDSCG)가 계속 기능하고 있다는 점에 "
           "주목하였다. 양측은 2025년 NCG 작업계획을 승인하였다. 양측은 차기 NCG 회의를 서울에서 "
           "개최하기로 합의하였다.\n")
PAIR = "/compare/ncg-4-joint-statement...ncg-4-planted-ko"


@pytest.fixture(scope="module")
def planted_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("translation")
    db, text = folder / "tracker.db", folder / "planted-ko.txt"
    text.write_text(PLANTED, encoding="utf-8")
    for args in (["init"], ["add", str(text), "--document", "ncg-4-planted-ko",
                            "--meeting", "ncg-4", "--language", "ko"]):
        subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), *args], check=True,
                       capture_output=True)
    yield from serve(db)


def test_home_offers_korean_and_english_side_by_side(planted_server, page, screenshots):
    page.goto(planted_server + "/")
    link = page.locator("#meeting-ncg-1 a.side-by-side-link")
    expect(link).to_have_text("Korean and English side by side")
    link.click()
    expect(page).to_have_url(re.compile(r"/compare/ncg-1-joint-readout\.\.\.ncg-1-joint-readout-ko$"))
    expect(page.locator("table.translation tbody tr")).to_have_count(7)
    expect(page.locator("#sum-missing")).to_have_text("0")
    page.screenshot(path=str(screenshots / "translation.png"), full_page=True)


def test_missing_terms_are_marked_and_named(planted_server, page, screenshots):
    page.goto(planted_server + PAIR)
    marks = page.locator("table.translation mark.missing-term")
    expect(marks).to_have_count(2)
    expect(marks.nth(0)).to_contain_text("end of that regime")
    expect(marks.nth(1)).to_contain_text("Security Consultative Meeting")
    # Not colour alone: bold, underlined, announced, and named under the pair.
    assert marks.nth(0).evaluate("m => getComputedStyle(m).fontWeight") == "700"
    expect(marks.nth(0).locator(".visually-hidden")).to_have_text("term without counterpart: ")
    notes = page.locator(".missing-note")
    expect(notes.nth(0)).to_contain_text("Not in ncg-4-planted-ko@1: end of that regime")
    expect(page.locator("#sum-missing")).to_have_text("2")
    korean = page.locator("table.translation td[lang=ko]").first
    expect(korean).to_contain_text("핵협의그룹")
    page.screenshot(path=str(screenshots / "translation-missing-terms.png"), full_page=True)


def test_a_forced_word_diff_shows_the_warning(planted_server, page):
    page.goto(planted_server + PAIR)
    page.locator("#force-word-diff").click()
    expect(page).to_have_url(re.compile(r"mode=words"))
    expect(page.locator("#language-warning")).to_contain_text("A is in English and B in Korean")


def test_the_translation_pages_pass_axe(planted_server, browser):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    for path in (PAIR, PAIR + "?mode=words", "/terms/ncg/languages", "/"):
        opened.goto(planted_server + path)
        found[path] = violations(opened, axe)
    context.close()
    assert not any(found.values()), found
