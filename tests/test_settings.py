"""One Settings object: what tracker.toml says and what the environment says."""

import pytest

from tracker.errors import InputError
from tracker.settings import Limits, Settings, load_settings


def test_the_environment_limits_come_with_the_file(tmp_path, monkeypatch):
    config = tmp_path / "tracker.toml"
    config.write_text('[web]\nbase_url = "https://tracker.example.org/"\n')
    monkeypatch.setenv("TRACKER_MAX_INPUT_BYTES", "1234")
    monkeypatch.setenv("TRACKER_MAX_SENTENCES", "99")
    settings = load_settings(str(config))
    assert settings.base_url == "https://tracker.example.org"
    assert settings.limits.max_input_bytes == 1234
    assert settings.limits.max_sentences == 99
    assert settings.limits == Limits.from_environ()


def test_without_a_file_the_defaults_and_the_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_CONFIG", raising=False)
    monkeypatch.setenv("TRACKER_MAX_STATEMENT_SENTENCES", "7")
    settings = load_settings()
    assert settings.path is None
    assert settings.limits.max_statement_sentences == 7
    assert settings == Settings.from_environment()


def test_a_settings_object_built_by_hand_has_the_default_limits():
    assert Settings().limits == Limits()


def test_a_named_file_that_is_missing_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such configuration file"):
        load_settings(str(tmp_path / "nope.toml"))


def test_workers_is_read_under_its_former_name_too():
    from tracker.settings.tracker_toml import parse_settings

    assert parse_settings({"watch": {"workers": 3}}).watch.workers == 3
    assert parse_settings({"watch": {"check_workers": 5}}).watch.workers == 5
    assert parse_settings({}).watch.workers == 8
    with pytest.raises(InputError, match="both check_workers and workers"):
        parse_settings({"watch": {"check_workers": 5, "workers": 3}})
