"""What an analyst trusts at a glance (issue 13): the digest banner where a
text is a digest and nowhere else, and people's names, not slugs, in the
headings of the reading pages. Real server, real chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT

pytestmark = pytest.mark.browser  # drives chromium against a real server


def bundled_slugs() -> set[str]:
    """Every meeting and document slug of the bundled corpus, from its files."""
    found = set()
    for path in (ROOT / "snapshots").rglob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            if line == "---":
                break
            key, _, value = line.partition(": ")
            if key in ("meeting", "document"):  # series slugs are words ("alliance")
                found.add(value.strip())
    return found


SLUGS = bundled_slugs()
HEADINGS = ("h1, h2, h3, h4, th[scope=col], .meeting-name, .since-link, #previous-meeting, "
            "#next-meeting")


def visible_slugs(page) -> list[tuple[str, str]]:
    """(slug, heading text) for each slug seen in a visible heading."""
    texts = [text for text in page.locator(HEADINGS).all_inner_texts() if text.strip()]
    assert texts
    return [(slug, text) for text in texts for slug in SLUGS
            if re.search(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", text)]


def test_the_bundled_slugs_are_read():
    assert {"edscg-5", "edscg-5-joint-statement", "edscg-4-joint-press-release"} <= SLUGS


def test_a_digest_comparison_says_so_with_the_official_url(server, page):
    page.goto(server + "/compare/edscg-4...edscg-5")
    banner = page.locator("#digest-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Not the official wording")
    expect(banner).to_contain_text("Fourth EDSCG meeting (2023-09-15)")
    official = banner.locator("a", has_text="Official text")
    expect(official).to_have_attribute("href", re.compile(r"^https://www\.pacom\.mil/"))
    top = banner.bounding_box()["y"]
    assert top < page.locator("#aligned").bounding_box()["y"]  # read before the diff


def test_a_comparison_of_texts_that_are_not_digests_has_no_banner(server, page):
    """The planted edscg-9 statement has no notice: its two versions are
    compared without a banner."""
    page.goto(server + "/compare/edscg-9-joint-statement@1...edscg-9-joint-statement@2")
    expect(page.locator("h1")).to_contain_text("What changed")
    expect(page.locator("#digest-banner")).to_have_count(0)
    expect(page.get_by_text("Not the official wording")).to_have_count(0)


@pytest.mark.parametrize("path", ["/", "/compare/edscg-4...edscg-5",
                                  "/compare/edscg-4...edscg-5?view=side",
                                  "/commitments/edscg", "/terms/edscg",
                                  "/terms/edscg?term=ironclad&meeting=edscg-5"])
def test_no_slug_in_the_visible_headings(server, page, path):
    page.goto(server + path)
    assert visible_slugs(page) == []


def test_compare_names_both_sides_as_people_do(server, page):
    page.goto(server + "/compare/edscg-4...edscg-5")
    expect(page.locator("h1 .side-a")).to_have_text(
        "Fourth EDSCG meeting (2023-09-15) · joint press release")
    expect(page.locator("h1 .side-b")).to_have_text(
        "Fifth EDSCG meeting (2024-09-04) · joint statement")
    expect(page.locator("ul.summary")).to_contain_text("3 dropped (no commitment)")
    options = page.locator("#filter-change option").all_inner_texts()
    assert [o.split(" (")[0] for o in options] == ["all", "added", "dropped", "stronger",
                                                  "weaker", "reworded", "moved", "unchanged"]


def test_a_sentence_added_whole_is_marked_by_bar_and_label_not_by_underlining(server, page):
    page.goto(server + "/compare/edscg-4...edscg-5?changes=all")
    added = page.locator("li.kind-added").first
    expect(added.locator(".badge.kind-added")).to_have_text("added")
    expect(added.locator("ins")).to_have_count(0)
    bar = added.evaluate("e => getComputedStyle(e).borderLeftWidth")
    assert float(bar.removesuffix("px")) >= 6
    dropped = page.locator("li.kind-removed").first
    expect(dropped.locator(".badge.kind-removed")).to_have_text("dropped")


def test_moved_sentences_link_both_ways_and_say_where(server, page):
    page.goto(server + "/compare/edscg-4...edscg-5?changes=all")
    forward = page.locator("li.unit.moved a.moved-link").first
    expect(forward).to_contain_text("moved from after «")
    ghost_id = forward.get_attribute("href")
    back = page.locator(f"{ghost_id} a.moved-link")
    expect(back).to_contain_text("moved to after «")
    back.click()
    expect(page).to_have_url(re.compile(re.escape(back.get_attribute("href")) + "$"))


def test_what_changed_since_pairs_statements_of_one_kind(server, page):
    """The Washington Declaration is not "since" the 2016 2+2 statement; the
    2024 2+2 statement is."""
    page.goto(server + "/")
    expect(page.locator("#meeting-washington-declaration-2023 a.since-link")).to_have_count(0)
    since = page.locator("#meeting-two-plus-two-2024 a.since-link")
    expect(since).to_have_attribute(
        "href", re.compile(r"two-plus-two-2016\.\.\.two-plus-two-2024$"))


def test_an_unknown_slug_answers_404_with_did_you_mean(server, page):
    answer = page.goto(server + "/compare/edscg-4...edcsg-5")
    assert answer.status == 404
    expect(page.locator("main")).to_contain_text("did you mean 'edscg-5'?")
