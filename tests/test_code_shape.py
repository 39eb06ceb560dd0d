"""The house rules a newcomer can rely on (issue 11): a small top level, and
functions that fit on a screen, the engine's included."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"
MAX_LINES = 30


def test_the_top_level_holds_only_the_bottom_modules():
    """Everything else lives in a folder named for its job (``cli/``,
    ``settings/``, ``refs/``, ``store/``…), as the README's Layout shows."""
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    assert modules <= {"__init__", "__main__", "errors", "model", "text", "indexedfile"}, modules


def long_functions(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_LINES:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({lines})")
    return found


def test_no_function_is_longer_than_a_screen():
    files = list(PACKAGE.rglob("*.py"))
    assert any(p.parent.name == "compare" for p in files)
    found = [entry for path in sorted(files) for entry in long_functions(path)]
    assert not found, found


LIMIT_READERS = ("max_input_bytes", "max_sentences", "max_statement_sentences",
                 "api_rate_limit", "login_rate_limit", "search_rate_limit", "session_hours",
                 "secure_cookies")


def test_limits_are_read_once_and_passed_in():
    """The environment's limits are read into ``Limits`` (by the CLI, or by
    ``create_app`` for the web app) and handed on; nothing deeper reads them
    mid-way, so one run never sees two different limits."""
    calls = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] == "settings":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in LIMIT_READERS:
                calls.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not calls, calls
