"""The dataclasses' compiled methods, kept between runs, make the same classes."""

import dataclasses
import subprocess
import sys

import pytest

from tests.conftest import text_files
from tracker.cli.codecache import CodeStore


def define():
    @dataclasses.dataclass(frozen=True)
    class Point:
        """A frozen class: every method dataclasses writes."""

        x: int
        y: str = "y"
        tags: tuple = dataclasses.field(default_factory=tuple)

    return Point


def behaviour(cls) -> tuple:
    point = cls(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2
    return (repr(point), point == cls(1), point == cls(2), hash(point) == hash(cls(1)),
            dataclasses.astuple(point), cls.__init__.__code__.co_varnames)


def test_stored_code_makes_the_class_that_compiling_makes(tmp_path, monkeypatch):
    plain = behaviour(define())
    path = str(tmp_path / "code.marshal")
    first = CodeStore(path)
    monkeypatch.setattr(dataclasses, "exec", first.exec, raising=False)
    assert behaviour(define()) == plain
    assert first.changed and len(first.codes) >= 5  # init, repr, eq, setattr, delattr, hash
    first.save()
    second = CodeStore(path)
    assert second.codes.keys() == first.codes.keys()
    monkeypatch.setattr(dataclasses, "exec", second.exec, raising=False)
    assert behaviour(define()) == plain
    assert not second.changed  # nothing compiled: all of it came from the file


@pytest.mark.parametrize("content", [b"", b"not marshal", b"\x00" * 40])
def test_an_unreadable_store_is_an_empty_one(tmp_path, content):
    path = tmp_path / "code.marshal"
    path.write_bytes(content)
    assert len(CodeStore(str(path)).codes) == 0


def test_a_store_of_another_interpreter_is_not_used(tmp_path):
    from tracker import indexedfile

    path = tmp_path / "code.marshal"
    indexedfile.write(path, b"\x00\x00\r\n", {"x = 1": compile("x = 2", "<s>", "exec")})
    assert len(CodeStore(str(path)).codes) == 0


def test_the_command_writes_the_store_and_reads_it_back(tmp_path):
    """Run as ``tracker`` with bytecode writing on: a store appears; a second
    run with it prints the same."""
    old, new = text_files(tmp_path, {"a.txt": "We met. We agreed.",
                                     "b.txt": "We met. We firmly agreed."})
    code = ("import sys, tracker.cli.codecache as c\n"
            f"c._PATH = {str(tmp_path / 'store.marshal')!r}\n"
            "c.install.__defaults__ = (c._PATH,)\n"
            "from tracker.cli import main\n"
            "main(sys.argv[1:])\n")
    runs = [subprocess.run([sys.executable, "-c", code, "diff", "--no-color", old, new],
                           capture_output=True, text=True, timeout=120,
                           env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)})
            for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout and "firmly" in runs[0].stdout
    assert len(CodeStore(str(tmp_path / "store.marshal")).codes) >= 10
