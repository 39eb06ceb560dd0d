"""Start-up: ``tracker diff FILE FILE`` and ``tracker list`` take the fast
path (no click, no sqlite-utils, no tracker.toml machinery) and print
exactly what the full click commands print."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import run_tracker, text_files
from tracker.cli import main as launcher
from tracker.store.reading import MIGRATIONS

# Modules a fast command must not load: the CLI framework and every command
# module, the database library, the configuration file's parser, the
# network and page readers, the web app.
NEVER = ("click", "sqlite_utils", "tracker.cli.group", "tracker.cli.options",
         "tracker.cli.snapshots", "tracker.store.store", "tracker.settings.tracker_toml",
         "tomllib", "typing", "zipfile", "requests", "bs4", "flask", "apscheduler")
# What a diff of two files does not need either: paths are strings (pathlib
# and the urllib.parse and ipaddress it imports cost ~4 ms), and a page's
# metadata patterns and address resolution are compiled/loaded with a page.
# Nor what dataclasses imports for calls tracker's classes never make
# (inspect with ast, dis and tokenize; copy: tracker.cli.deferred), nor
# what the per-install pattern store needs only when it is written (array;
# its contextlib is loaded here anyway, by ``python -m``'s runpy).
NOT_FOR_FILES = ("pathlib", "urllib.parse", "ipaddress", "fnmatch", "inspect", "ast", "dis",
                 "tokenize", "copy", "array")
OLD = "The two sides met in Seoul.\n\nThey agreed to meet again. The U.S. reaffirmed it."
NEW = "The two sides met in Washington.\n\nThe U.S. reaffirmed it. They agreed to meet again."


def loaded_modules(*args: str, cwd=None) -> set[str]:
    """Every module ``tracker ARGS`` imports, from ``python -X importtime``."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tracker", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, "TRACKER_DB": "/nonexistent/tracker.db"})
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


@pytest.fixture
def pair(tmp_path):
    return text_files(tmp_path, {"old.txt": OLD, "new.txt": NEW})


def test_diff_of_two_files_loads_no_heavy_module(pair):
    loaded = loaded_modules("diff", *pair, "--format", "json")
    assert "tracker.compare.align" in loaded  # the measurement saw the work
    assert not loaded & set(NEVER), sorted(loaded & set(NEVER))
    assert not loaded & set(NOT_FOR_FILES), sorted(loaded & set(NOT_FOR_FILES))
    assert not any(name.startswith("tracker.store") for name in loaded)


def test_two_english_files_load_no_translation_module(pair):
    """The language of each side is told from its script alone; the
    translation aligner and its glossary load only for two languages."""
    loaded = loaded_modules("diff", *pair)
    assert "tracker.compare.languages" in loaded
    assert not loaded & {"tracker.compare.crosslingual", "tracker.compare.glossary",
                         "tracker.compare.translation", "html"}, sorted(loaded)


def test_an_english_and_a_korean_file_are_aligned_as_translations(pair, tmp_path):
    korean = tmp_path / "ko.txt"
    korean.write_text("양측은 서울에서 만났다.\n\n양측은 다시 만나기로 합의하였다.",
                      encoding="utf-8")
    loaded = loaded_modules("diff", pair[0], str(korean))
    assert {"tracker.compare.crosslingual", "tracker.compare.glossary"} <= loaded
    done = run_tracker("diff", pair[0], str(korean), "--format", "json")
    assert b'"mode": "translation"' in done.stdout


def test_list_loads_neither_click_nor_sqlite_utils(initialised):
    loaded = loaded_modules("--db", str(initialised), "list")
    assert "sqlite3" in loaded
    assert not loaded & set(NEVER), sorted(loaded & set(NEVER))
    assert not any(name.startswith("tracker.compare") for name in loaded)


@pytest.mark.parametrize("options", [(), ("--format", "json"), ("--format", "unified"),
                                     ("--format", "html", "--side-by-side"),
                                     ("--width", "60", "--side-by-side"), ("--color",),
                                     ("--exit-code", "--no-color")])
def test_fast_diff_prints_what_the_click_command_prints(cli, pair, options):
    fast = run_tracker("diff", *pair, *options)
    full = cli("diff", *pair, *options)
    assert fast.stdout.decode() == full.output
    assert fast.returncode == full.exit_code


@pytest.mark.parametrize("options", [(), ("--json",), ("--include-retracted",)])
def test_fast_list_prints_what_the_click_command_prints(cli, initialised, options):
    fast = run_tracker("--db", str(initialised), "list", *options)
    full = cli("list", *options)
    assert fast.returncode == full.exit_code == 0
    assert fast.stdout.decode() == full.output


@pytest.mark.parametrize("args", [
    ("diff", "--help"), ("diff", "old.txt"), ("diff", "old.txt", "missing.txt"),
    ("diff", "old.txt", "new.txt", "--width", "10"), ("diff", "old.txt", "new.txt", "--bogus"),
    ("diff", "old.txt", "new.txt", "--format", "pdf"), ("list", "extra"), ("--version",),
    ("list", "--db"), ("--config", "tracker.toml", "list"),
])
def test_anything_else_goes_to_click(args):
    from tracker.cli.fastpath import parse

    assert parse(list(args)) is None


def test_fast_path_takes_the_plain_forms(pair):
    from tracker.cli.fastpath import parse

    line = parse(["--db", "x.db", "diff", pair[0], "--format=json", pair[1], "--exit-code"])
    assert (line.command, line.words) == ("diff", list(pair))
    assert line.values == {"--db": "x.db", "--format": "json"}
    assert line.flags == {"--exit-code"}
    assert parse(["list", "--include-retracted", "--json"]).flags == {
        "--include-retracted", "--json"}


def test_a_database_not_yet_migrated_goes_the_full_way(tmp_path):
    """A database missing this version's last migration is migrated by the
    full path (the fast path never writes), then lists the same."""
    import sqlite3

    from sqlite_utils import Database

    from tracker.store.schema import migrations

    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        migrations.apply(Database(conn), stop_before="m008_corrections")
    done = run_tracker("--db", str(db), "list")
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        names = {name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations")}
    assert names >= MIGRATIONS


def test_the_fast_listing_knows_every_migration():
    from sqlite_utils import Database

    from tracker.store.schema import migrations

    assert {m.name for m in migrations.pending(Database(memory=True))} == MIGRATIONS


def test_launcher_is_the_click_group_for_click_tools(cli, pair):
    assert launcher.name == "main"
    assert "diff" in launcher.commands
    assert cli("diff", *pair, "--format", "json").exit_code == 0


# Parts a path is made of, odd ones included: empty, ".", "..", doubled slashes.
PATH_PARTS = st.lists(st.sampled_from(["", "/", "//", ".", "..", "a", "b.txt", ".md", "x.",
                                       "é", " "]), max_size=8).map("".join)


@given(PATH_PARTS)
def test_file_names_and_suffixes_are_what_pathlib_makes_of_them(name):
    """The fast path reads files by their names as strings, as ``Path``
    would write them, and picks their format by ``Path``'s suffix."""
    from pathlib import Path

    from tracker.ingest.formats import path_suffix
    from tracker.ingest.intake import file_name

    assert file_name(name) == str(Path(name))
    assert path_suffix(name) == path_suffix(Path(name)) == Path(name).suffix


def test_a_file_named_with_a_trailing_slash_is_read_as_the_full_path_reads_it(cli, pair):
    """``Path`` drops a trailing slash and a ``.`` part, so the click
    command reads ``old.txt/``; the fast path takes it too, and prints the same."""
    odd = (pair[0] + "/", str(Path(pair[1]).parent / "." / Path(pair[1]).name))
    fast = run_tracker("diff", *odd)
    full = cli("diff", *odd)
    assert fast.returncode == full.exit_code
    assert fast.stdout.decode() == full.output


def test_the_bundled_files_paths_are_still_paths():
    """The engine reads its data files by string paths; the public names
    are ``Path`` objects, made when first asked for."""
    from tracker.compare import commitments, thesaurus

    assert commitments.LEXICON_PATH.is_file() and commitments.GLOSSARY_PATH.is_file()
    assert thesaurus.THESAURUS_PATH.is_file()
    with pytest.raises(AttributeError):
        commitments.NO_SUCH_PATH  # noqa: B018


def test_a_fast_command_leaves_its_memory_to_the_system_and_still_says_everything(pair):
    """At exit the objects are frozen out of the cycle collector's final
    walk; ``atexit`` handlers still run and the output is all there."""
    code = ("import atexit, gc, sys\n"
            "from tracker.cli import main\n"
            "atexit.register(lambda: sys.stderr.write(f'frozen {gc.get_freeze_count() > 0}'))\n"
            "main(sys.argv[1:])\n")
    done = subprocess.run([sys.executable, "-c", code, "diff", *pair, "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "frozen True"
    assert done.stdout == run_tracker("diff", *pair, "--format", "json").stdout.decode()
    assert done.stdout.rstrip().endswith("}")
