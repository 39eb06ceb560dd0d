"""Korean search: a stem inside longer words (eojeol), through the trigram
index for three syllables and more, a scan for shorter stems."""

import sqlite3

import pytest

from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store
from tracker.store.schema import migrations

KO = DocumentSpec("ncg-9-joint-statement-ko", MeetingSpec("ncg-9", "ncg", number=9),
                  language="ko", translation_of="ncg-9-joint-statement")
EN = DocumentSpec("ncg-9-joint-statement", MeetingSpec("ncg-9", "ncg", number=9), language="en")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "k.db") as opened:
        opened.add(KO, Capture("양측은 북한의 탄도미사일 발사를 규탄하였다. "
                               "양측은 대북제재 이행을 논의하였다."))
        opened.add(EN, Capture("The two sides condemned the DPRK's launches."))
        yield opened


def _found(store, query: str) -> list[str]:
    return [hit.document for hit in store.search(query).hits]


def test_a_stem_is_found_inside_longer_words(store):
    assert _found(store, "규탄") == [KO.slug]        # 규탄하였다: two syllables, a scan
    assert _found(store, "제재") == [KO.slug]        # inside 대북제재
    assert _found(store, "탄도미사일") == [KO.slug]   # trigram index
    assert _found(store, "미사일 규탄") == [KO.slug]  # both, every term required
    assert _found(store, "규탄 러시아") == []
    assert _found(store, "condemned") == [EN.slug]  # English keeps the word index


def test_the_snippet_marks_each_occurrence(store):
    snippet = store.search("규탄").hits[0].snippet
    assert "\x02규탄\x03하였다" in snippet


def test_translation_of_is_kept_with_the_document(store):
    assert store.document(KO.slug).translation_of == EN.slug
    assert store.document(EN.slug).translation_of is None


def test_the_trigram_index_is_built_for_an_existing_database(tmp_path):
    path = tmp_path / "old.db"
    with open_store(path) as opened:
        opened.add(KO, Capture("양측은 확장억제 공약을 재확인하였다."))
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE snapshots_trigram")
    conn.execute("DROP TRIGGER snapshots_trigram_insert")
    conn.execute("ALTER TABLE documents DROP COLUMN translation_of")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name LIKE 'm012_%'")
    conn.commit()
    conn.close()
    older = tmp_path / "older.db"  # a file this process has not opened yet
    older.write_bytes(path.read_bytes())
    with open_store(older) as reopened:
        assert _found(reopened, "확장억제") == [KO.slug]
    assert any(m.name.startswith("m012_") for m in migrations._migrations)
