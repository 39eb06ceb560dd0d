"""A round run by hand returns its own summary: the CLI counts nothing."""

import pytest

from tracker.errors import TrackerError
from tracker.watch.jobfile import read_job_file
from tracker.watch.rounds import run_check_round, sources_to_check
from tracker.watch.sources import describe_registered, export_job_file, register_sources

from .conftest import page, quick_settings


def test_a_round_counts_its_outcomes_and_carries_its_deliveries(store, httpserver,
                                                                 watch_source):
    httpserver.expect_request("/statement").respond_with_data(page(), content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    first = watch_source()
    second = watch_source("/gone", document="edscg-6-fact-sheet")
    seen = []

    done = run_check_round(store, sources_to_check(store), quick_settings(retries=0),
                           on_done=seen.append)

    assert [r.source_id for r in seen] == [first.id, second.id] == \
        [c.source_id for c in done.checks]
    assert done.counts == {"error": 1, "new-version": 1}
    assert done.has_errors
    assert done.describe() == ("2 checked: 1 error, 1 new-version; reports: "
                               f"{done.deliveries.describe()}")
    as_dict = done.to_dict()
    assert [c["outcome"] for c in as_dict["checks"]] == ["new-version", "error"]
    assert as_dict["deliveries"] == done.deliveries.to_dict()


def test_sources_to_check_are_the_ids_given_else_the_enabled_ones(store, watch_source):
    with pytest.raises(TrackerError, match="no sources to check"):
        sources_to_check(store)
    first = watch_source()
    second = watch_source("/other", document="edscg-6-fact-sheet")
    store.set_source_enabled(second.id, False)
    assert [s.id for s in sources_to_check(store)] == [first.id]
    assert [s.id for s in sources_to_check(store, (second.id,))] == [second.id]


def test_an_exported_job_file_reads_back_with_each_meeting(store, watch_source, tmp_path):
    watch_source()
    count, text = export_job_file(store)
    path = tmp_path / "jobs.toml"
    path.write_text(text)
    specs = read_job_file(path)
    assert count == len(specs) == 1
    assert specs[0].meeting == "edscg-6"
    done = register_sources(store, specs, update=True)
    assert describe_registered(done) == "0 sources added, 1 updated"
