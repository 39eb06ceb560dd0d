"""The launcher's deferred standard-library modules: ``import`` binds a
placeholder at no cost, and the first use loads the real module, so that
nothing but the moment of the import changes."""

import subprocess
import sys

import pytest

from tests.conftest import run_tracker
from tracker.cli.deferred import DEFERRED


def run_python(script: str) -> str:
    """``script``'s output, in a fresh interpreter (sys.modules is per process)."""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_a_deferred_module_is_loaded_by_its_first_use():
    out = run_python(
        "import sys\n"
        "from tracker.cli.deferred import defer\n"
        "placeholder = defer('inspect')\n"
        "import inspect\n"
        "print(inspect is placeholder, 'ast' in sys.modules)\n"
        "def f(a, b=2): pass\n"
        "print(inspect.signature(f))\n"
        "print(sys.modules['inspect'] is not placeholder, 'ast' in sys.modules)\n"
        "from inspect import isclass\n"
        "print(isclass(int), inspect.isfunction(f))\n")
    assert out.split("\n")[:4] == ["True False", "(a, b=2)", "True True", "True True"]


def test_dataclasses_work_through_the_placeholders():
    # A class without a docstring gets one from inspect.signature; asdict
    # deep-copies through copy: both through placeholders, both as usual.
    out = run_python(
        "from tracker.cli.deferred import defer_all\n"
        "defer_all()\n"
        "from dataclasses import asdict, dataclass, field\n"
        "@dataclass\n"
        "class Point:\n"
        "    x: int\n"
        "    tags: list = field(default_factory=list)\n"
        "point = Point(1, [[2]])\n"
        "copied = asdict(point)\n"
        "print(Point.__doc__)\n"
        "print(copied, copied['tags'][0] is not point.tags[0])\n")
    assert out.splitlines() == ["Point(x: int, tags: list = <factory>)",
                                "{'x': 1, 'tags': [[2]]} True"]


@pytest.mark.parametrize("name", DEFERRED)
def test_a_module_already_loaded_is_left_as_it_is(name):
    out = run_python(
        f"import sys, {name}\n"
        "from tracker.cli.deferred import defer\n"
        f"print(defer({name!r}) is None, sys.modules[{name!r}] is {name})\n")
    assert out.strip() == "True True"


def test_commands_on_the_click_path_still_use_them():
    # click reads its commands' help through inspect: the placeholder must
    # hand it over whole.
    done = run_tracker("diff", "--help")
    assert done.returncode == 0, done.stderr
    assert b"Usage:" in done.stdout
