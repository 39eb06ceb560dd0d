"""Imports point inward: the engine is pure, the store knows no web or CLI."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"
FORBIDDEN = {
    "compare": ("sqlite_utils", "sqlite3", "flask", "click", "requests", "bs4", "apscheduler",
                "tracker.store", "tracker.web", "tracker.cli", "tracker.ingest",
                "tracker.store.corpus", "tracker.settings"),
    "store": ("flask", "click", "apscheduler", "tracker.web", "tracker.cli"),
    # Reading pages knows nothing of where the text goes or who asked.
    "ingest": ("sqlite_utils", "sqlite3", "flask", "click", "apscheduler", "tracker.store",
               "tracker.web", "tracker.cli", "tracker.watch", "tracker.reports",
               "tracker.compare"),
    "text.py": ("tracker.", "sqlite_utils", "flask", "click"),
    "errors.py": ("tracker.",),
    "indexedfile.py": ("tracker.",),
    # Settings sit at the bottom: the one lazy import (an address policy
    # from ``ingest.netguard``) is checked by the test below.
    "settings": ("sqlite_utils", "sqlite3", "flask", "click", "apscheduler", "requests",
                 "tracker.store", "tracker.web", "tracker.cli", "tracker.watch",
                 "tracker.reports", "tracker.compare", "tracker.refs"),
    "model.py": ("tracker.",),
}


def test_settings_load_the_standard_library_only():
    """Every layer imports ``tracker.settings``, so importing it must pull in
    nothing of tracker beyond ``errors`` and nothing outside the standard
    library."""
    import subprocess
    import sys

    code = ("import sys, tracker.settings; "
            "print('\\n'.join(m for m in sys.modules if not m.startswith('_')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    loaded = set(done.stdout.split())
    ours = {m for m in loaded if m.split(".")[0] == "tracker"}
    assert ours <= {"tracker", "tracker.errors", "tracker.settings",
                    "tracker.settings.environment", "tracker.settings.tracker_toml"}, ours
    outside = {m.split(".")[0] for m in loaded} - set(sys.stdlib_module_names) - {"tracker"}
    assert not outside, outside


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("part", sorted(FORBIDDEN))
def test_imports_point_inward(part):
    target = PACKAGE / part
    files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    assert files
    for path in files:
        for name in imported_modules(path):
            bad = [f for f in FORBIDDEN[part] if name == f.rstrip(".") or name.startswith(f)]
            assert not bad, f"{path.relative_to(PACKAGE)} imports {name}"


WEB = PACKAGE / "web"


def _defines_blueprint(path: Path) -> bool:
    return any(isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Blueprint"
               for node in ast.walk(ast.parse(path.read_text())))


def _web_modules_imported(path: Path) -> set[str]:
    """Names of ``tracker.web`` modules that ``path`` imports, in either spelling
    (``from tracker.web.auth import x`` and ``from tracker.web import auth``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module == "tracker.web":
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tracker.web."):
            names.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[2] for alias in node.names
                         if alias.name.startswith("tracker.web."))
    return names


def test_web_blueprints_import_the_library_not_each_other():
    """A blueprint may use the library and the small shared helper modules of
    ``tracker.web`` (access, writes, db, errors…), never another blueprint:
    what two blueprints share moves to a helper both import."""
    blueprints = {path.stem for path in WEB.glob("*.py") if _defines_blueprint(path)}
    assert {"pages", "compare", "api", "admin", "auth", "watch"} <= blueprints
    for name in sorted(blueprints):
        crossing = _web_modules_imported(WEB / f"{name}.py") & (blueprints - {name})
        assert not crossing, f"blueprint web/{name}.py imports blueprint(s) {sorted(crossing)}"


def test_diff_of_two_files_imports_nothing_heavy(tmp_path):
    """`tracker diff a b` must start fast: no Flask, BeautifulSoup, sqlite-utils,
    APScheduler or requests on its path."""
    import subprocess
    import sys

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The allies met.")
    b.write_text("The allies met again.")
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tracker", "diff",
                           str(a), str(b)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines()
              if line.startswith("import time:")}
    heavy = {"flask", "bs4", "sqlite_utils", "apscheduler", "requests", "lxml", "numpy",
             "waitress", "sqlite3"}
    assert not loaded & heavy, loaded & heavy


def test_no_path_of_one_machine_in_the_repository():
    """The checkout runs anywhere: data beside it is found relative to it or
    through an environment variable (``TRACKER_EVAL_DATA``), never at an
    absolute path of the machine it was written on."""
    root = PACKAGE.parent
    homes = ["/" + name + "/" for name in ("work", "root", "home")]
    files = [root / name for name in ("README.md", "Makefile", "pyproject.toml")]
    for folder in ("tracker", "tests", "benchmarks", "templates", "jobs"):
        files += [p for p in (root / folder).rglob("*") if p.is_file()
                  and p.suffix in (".py", ".toml", ".html", ".md", ".txt", ".cfg", ".sh")]
    for path in files:
        text = path.read_text(errors="replace")
        found = [home for home in homes if home in text]
        assert not found, f"{path.relative_to(root)} names {found}"
