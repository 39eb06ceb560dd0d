"""A statement far longer than any real one (a mistaken import, a page that
returned a data dump) is left out of the series views, with a note, instead
of making `tracker lineage`, `tracker terms`, /commitments and /terms run
for minutes. The cap is `$TRACKER_MAX_STATEMENT_SENTENCES`."""

import json
import time

import pytest

from tests.conftest import run_tracker

CAP = "200"
# Named as people read it; JSON keeps the slug.
NOTE = "EDSCG 9 (2026-10-01) left out: 400 sentences, more than the limit of 200 for one " \
       "statement"


@pytest.fixture
def long_statement(tmp_path, initialised):
    """edscg-9 with 400 sentences, each a commitment that names a tracked term."""
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(
        f"The United States reaffirmed its ironclad commitment number {n} to the ROK."
        for n in range(400)))
    done = run_tracker("--db", str(initialised), "add", str(path), "--meeting", "edscg-9",
                       "--date", "2026-10-01")
    assert done.returncode == 0, done.stderr
    return initialised


def test_cli_series_views_leave_the_long_statement_out(long_statement):
    env = {"TRACKER_MAX_STATEMENT_SENTENCES": CAP}
    db = ["--db", str(long_statement)]
    for command in ("lineage", "terms"):
        text = run_tracker(*db, command, "edscg", env=env)
        assert text.returncode == 0, text.stderr
        assert f"note: {NOTE}" in text.stdout.decode()
        data = json.loads(run_tracker(*db, command, "edscg", "--json", env=env).stdout)
        assert data["meetings"] == [f"edscg-{n}" for n in range(1, 6)]
        assert data["skipped"] == [{"meeting": "edscg-9", "sentences": 400, "limit": 200}]
    data = json.loads(run_tracker(*db, "terms", "edscg", "--json",
                                  env={"TRACKER_MAX_STATEMENT_SENTENCES": "400"}).stdout)
    assert data["meetings"][-1] == "edscg-9" and data["skipped"] == []


def test_web_series_views_leave_the_long_statement_out(long_statement, monkeypatch):
    from tracker.web import create_app

    monkeypatch.setenv("TRACKER_MAX_STATEMENT_SENTENCES", CAP)
    client = create_app({"DATABASE": str(long_statement), "TESTING": True}).test_client()
    for page in ("/commitments/edscg", "/terms/edscg"):
        started = time.monotonic()
        response = client.get(page)
        assert response.status_code == 200
        assert NOTE in response.get_data(as_text=True), page
        assert time.monotonic() - started < 30
