"""The engine stays pure and light: standard library and tracker.text, errors
and indexedfile only."""

import ast
import subprocess
import sys
from pathlib import Path

import tracker.compare

PACKAGE = Path(tracker.compare.__file__).resolve().parent
ALLOWED_TRACKER = {"tracker.text", "tracker.errors", "tracker.indexedfile"}
HEAVY = ["sqlite_utils", "flask", "click", "requests", "bs4", "lxml", "apscheduler"]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_stdlib_and_allowed_tracker_modules():
    for path in PACKAGE.glob("*.py"):
        for name in imported_modules(path):
            if name.startswith("tracker"):
                assert name.startswith("tracker.compare") or name in ALLOWED_TRACKER, (path, name)
            else:
                assert name.split(".")[0] in sys.stdlib_module_names, (path, name)


def test_import_and_compare_load_no_heavy_module():
    code = ("import sys; from tracker.compare import compare_texts; "
            "from tracker.compare.formats import format_json; "
            "format_json(compare_texts('A b. C d.', 'A b. C e.')); "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
