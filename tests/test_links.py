"""Reading a listing's links (HTML, RSS 2.0 and 1.0, Atom, sitemaps) and
telling a statement's meeting from its ordinal, on hostile input too."""

import pytest

from tests.conftest import ROOT
from tracker.errors import InputError
from tracker.ingest.links import Link, links_on_page, listing_format, matching_links
from tracker.model import LinkRule
from tracker.refs.ordinals import meeting_title, number_by_pattern, number_near, ordinal_value
from tracker.store.snapshot_file import read_snapshot_file

BASE = "https://www.example.gov/press/list.html"
NAMES = ("Extended Deterrence Strategy and Consultation Group", "EDSCG")


def test_html_links_are_absolute_distinct_and_http_only():
    html = (b'<html><head><base href="https://www.example.gov/r/"></head><body>'
            b'<a href="a.html#top">  Sixth\n EDSCG </a><a href="a.html">again</a>'
            b'<a href="javascript:alert(1)">x</a><a href="mailto:a@b">m</a>'
            b'<a href="http://[::1">broken</a><a href="/b" title="By title"></a></body></html>')
    assert links_on_page(html, BASE) == [Link("https://www.example.gov/r/a.html", "Sixth EDSCG"),
                                         Link("https://www.example.gov/b", "By title")]


def test_a_selector_keeps_the_links_inside_what_it_matches():
    html = (b'<nav><a href="/about">EDSCG about</a></nav><ul class="releases">'
            b'<li><a href="/s6">Sixth EDSCG</a></li></ul>')
    assert [link.url for link in links_on_page(html, BASE, selector="ul.releases")] == [
        "https://www.example.gov/s6"]
    assert [link.url for link in links_on_page(html, BASE, selector="ul.releases a")] == [
        "https://www.example.gov/s6"]


@pytest.mark.parametrize(("body", "kind"), [
    (b'<?xml version="1.0"?>\n<!-- feed --><rss version="2.0"><channel>'
     b"<item><title>Sixth EDSCG</title><link>https://s.test/6</link></item></channel></rss>",
     "rss"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     b'xmlns="http://purl.org/rss/1.0/"><item rdf:about="https://s.test/6">'
     b"<title>Sixth EDSCG</title></item></rdf:RDF>", "rss"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">Sixth EDSCG'
     b'</title><link rel="enclosure" href="https://s.test/6.pdf"/>'
     b'<link href="https://s.test/6"/></entry></feed>', "atom"),
    (b'\xef\xbb\xbf<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
     b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
     b"<loc> https://s.test/6 </loc><news:news><news:title>Sixth EDSCG</news:title>"
     b"</news:news></url></urlset>", "sitemap"),
])
def test_feeds_and_sitemaps_give_the_same_links(body, kind):
    assert listing_format(body) == kind
    assert links_on_page(body, BASE) == [Link("https://s.test/6", "Sixth EDSCG")]


def test_feed_entities_are_never_expanded():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">'
              b'<!ENTITY file SYSTEM "file:///etc/passwd">]><rss><channel><item>'
              b"<title>&c; &file;</title><link>https://s.test/x</link></item></channel></rss>")
    (link,) = links_on_page(laughs, BASE)
    assert "aaaa" not in link.text and "root:" not in link.text


def test_listings_that_cannot_be_read_say_why():
    with pytest.raises(InputError, match="sitemap index"):
        links_on_page(b'<sitemapindex xmlns="x"><sitemap><loc>https://s.test/1.xml</loc>'
                      b"</sitemap></sitemapindex>", BASE)
    with pytest.raises(InputError, match="applies to HTML pages; this is an atom listing"):
        links_on_page(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', BASE, selector="a")


def test_the_rule_needs_every_part_it_gives():
    links = [Link("https://s.test/press/6", "Sixth EDSCG meeting"),
             Link("https://s.test/blog/6", "Sixth EDSCG meeting"),
             Link("https://s.test/press/7", "Weather")]
    rule = LinkRule(text="edscg", url_pattern=r"/press/\d+$")
    assert matching_links(links, rule) == links[:1]
    assert matching_links(links, LinkRule()) == links


@pytest.mark.parametrize(("text", "number"), [
    ("Sixth", 6), ("6th", 6), ("twenty-first", 21), ("Twentieth", 20), ("제6차", 6), ("12", 12),
    ("inaugural", 1),
    ("sixty", None), ("6x", None),
])
def test_ordinals(text, number):
    assert ordinal_value(text) == number


@pytest.mark.parametrize(("text", "number"), [
    ("Joint Statement on the Sixth Meeting of the U.S.-ROK Extended Deterrence Strategy and "
     "Consultation Group", 6),
    ("6th EDSCG", 6),
    ("Readout: 57th SCM and 6th EDSCG", 6),
    ("제6차 한미 확장억제전략협의체(EDSCG) 개최 결과", 6),
    ("Joint Statement", None),
    ("The 57th SCM. The EDSCG met.", None),
])
def test_a_link_text_names_its_meeting(text, number):
    assert number_near(text, NAMES, anywhere=True).number == number


def test_a_statement_counts_only_the_ordinal_beside_the_series_name():
    text = ("The allies held the sixth meeting of the U.S.–ROK Extended Deterrence Strategy "
            "and Consultation Group. It built on the 57th SCM and the fourth NCG.")
    assert number_near(text, NAMES).number == 6
    unclear = number_near("It built on the 57th SCM and the fourth NCG.", NAMES)
    assert unclear.number is None and unclear.reason == ("4th and 57th stand apart from the "
                                                          "series' name")
    held = ("The allies held the fifth annual high-level meeting of the U.S.-ROK EDSCG. They "
            "held the first scenario-based discussion within the EDSCG.")
    assert number_near(held, NAMES).number == 5  # "first … discussion" names no meeting
    two = number_near("The fifth EDSCG and the sixth EDSCG", NAMES)
    assert two.number is None and two.reason == "it names 5th and 6th meetings"


def test_a_new_meeting_is_titled_as_the_corpus_titles_them():
    assert meeting_title("edscg", 6) == "Sixth EDSCG meeting"
    assert meeting_title("edscg", 21) == "21st EDSCG meeting"
    assert meeting_title("scm", 57) == "57th SCM meeting"


def test_a_meeting_pattern_reads_numbers_and_ordinals():
    assert number_by_pattern("EDSCG-6 readout", r"EDSCG-(\d+)").number == 6
    assert number_by_pattern("the Sixth session", r"the (\w+) session").number == 6
    assert number_by_pattern("the final session", r"the (\w+) session").number is None
    assert "does not match" in number_by_pattern("nothing", r"EDSCG-(\d+)").reason


SERIES_NAMES = {"edscg": NAMES, "ncg": ("Nuclear Consultative Group", "NCG")}


@pytest.mark.parametrize("path", sorted((ROOT / "snapshots").rglob("*.txt")),
                         ids=lambda path: path.stem)
def test_the_bundled_statements_name_their_own_meeting_or_none(path):
    """On every real statement of the corpus, read as a listing would: its
    own meeting's number, or "unclear"; never another meeting's."""
    held = read_snapshot_file(path)
    meeting = held.document.meeting
    for series, names in SERIES_NAMES.items():
        found = number_near(held.capture.text, names)
        if meeting.series == series and found.number is not None:
            assert found.number == meeting.number, found
        elif meeting.series != series:
            assert found.number is None, (series, found)
    if meeting.series == "edscg":  # each of them says which meeting it is
        assert number_near(held.capture.text, NAMES).number == meeting.number


def test_a_korean_vice_minister_is_no_ordinal():
    """제1차관 (first vice minister) and 차장 (deputy) hold 제N차 but name no meeting."""
    text = ("제5차 확장억제전략협의체(EDSCG) 회의에 김홍균 외교부 제1차관과 "
            "국방부 제2차장이 참석하였다.")
    assert number_near(text, NAMES).number == 5
