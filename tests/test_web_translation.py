"""The web app across languages: the side-by-side page, the API, the term
views in Korean, and a user's glossary named in tracker.toml."""

import pytest

from tracker.compare.glossary import use_glossary_files
from tracker.errors import InputError
from tracker.settings import load_settings

PAIR = "/compare/ncg-1-joint-readout...ncg-1-joint-readout-ko"


@pytest.fixture(autouse=True)
def bundled_glossary_only():
    use_glossary_files(())
    yield
    use_glossary_files(())


def test_the_compare_page_shows_a_translation_side_by_side(client):
    html = client.get(PAIR).get_data(as_text=True)
    assert "Side by side:" in html and 'class="side-by-side translation"' in html
    assert '<td lang="ko">' in html and "핵협의그룹" in html
    assert 'id="force-word-diff"' in html


def test_a_forced_word_diff_warns(client):
    html = client.get(PAIR + "?mode=words").get_data(as_text=True)
    assert 'id="language-warning"' in html and "A is in English and B in Korean" in html
    assert client.get(PAIR + "?mode=sideways").status_code == 400


def test_downloads_and_api_across_languages(client):
    data = client.get(PAIR + ".json").get_json(force=True)
    assert data["mode"] == "translation" and data["b"]["language"] == "ko"
    assert client.get(PAIR + ".md").status_code == 400
    api = client.get("/api/compare?a=ncg-1-joint-readout&b=ncg-1-joint-readout-ko").get_json()
    assert api["mode"] == "translation"
    assert all("missing_terms" in unit for unit in api["units"])
    words = client.get("/api/compare?a=ncg-1-joint-readout&b=ncg-1-joint-readout-ko"
                       "&mode=words").get_json()
    assert "mode" not in words and words["summary"]["unchanged"] == 0


def test_the_home_page_offers_korean_and_english_side_by_side(client):
    html = client.get("/").get_data(as_text=True)
    assert f'href="{PAIR}">Korean and English side by side</a>' in html


def test_the_term_timeline_in_korean_and_the_gaps_page(client):
    html = client.get("/terms/ncg?language=ko&term=swift&meeting=ncg-1").get_data(as_text=True)
    assert "(Korean texts)" in html and '<ol lang="ko"><li>양측은' in html
    gaps = client.get("/terms/ncg/languages").get_data(as_text=True)
    assert 'id="gap-ncg-1"' in gaps and 'id="gap-ncg-4"' in gaps
    assert client.get("/terms/ncg?language=%3Cb%3E").status_code == 400
    assert 'id="no-pairs"' in client.get("/terms/alliance/languages").get_data(as_text=True)


def test_a_glossary_named_in_tracker_toml(tmp_path, client):
    (tmp_path / "mine.toml").write_text(
        "[terms]\n\"Busan\" = { en = ['Busan'], ko = ['부산\\\\s?항'] }\n", encoding="utf-8")
    config = tmp_path / "tracker.toml"
    config.write_text('[glossary]\nfiles = ["mine.toml"]\n', encoding="utf-8")
    settings = load_settings(str(config))
    assert settings.glossary_files == (str(tmp_path / "mine.toml"),)
    use_glossary_files(settings.glossary_files)
    html = client.get(PAIR).get_data(as_text=True)  # the Korean text says 부산에, not 부산항
    assert "Not in ncg-1-joint-readout-ko@1:</strong> Busan" in html


def test_a_bad_glossary_setting_is_one_line(tmp_path):
    config = tmp_path / "tracker.toml"
    config.write_text('[glossary]\nfiles = "mine.toml"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"\[glossary\] takes files"):
        load_settings(str(config))


def test_searching_a_korean_stem_finds_it_inside_longer_words(client):
    html = client.get("/search?q=규탄").get_data(as_text=True)
    assert "1 result for" in html and "<mark>규탄</mark>하였다" in html
    assert "edscg-5-joint-statement-ko" in html
