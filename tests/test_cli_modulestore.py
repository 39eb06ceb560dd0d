"""Modules imported from the per-install module store are the modules a
plain import makes; an edited, missing or untrusted one is imported as usual."""

import importlib
import os
import subprocess
import sys
import traceback

import pytest

from tests.conftest import text_files
from tracker import indexedfile
from tracker.cli import modulestore
from tracker.cli.modulestore import ModuleStore, StoredLoader


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A two-module package on the path, imported once the usual way."""
    root = tmp_path / "src"
    (root / "storedpkg").mkdir(parents=True)
    (root / "storedpkg" / "__init__.py").write_text('"""A package."""\nNAME = "package"\n')
    (root / "storedpkg" / "parts.py").write_text(
        '"""A module."""\nfrom storedpkg import NAME\n\n\ndef fail():\n'
        '    raise ValueError(NAME)\n\n\nVALUE = 41 + 1\n')
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    importlib.import_module("storedpkg.parts")
    yield root
    for name in ("storedpkg.parts", "storedpkg"):
        sys.modules.pop(name, None)


def reimport(path) -> object:
    """``storedpkg.parts`` imported afresh, with the store at ``path`` installed."""
    for name in ("storedpkg.parts", "storedpkg"):
        sys.modules.pop(name, None)
    sys.meta_path[:] = [finder for finder in sys.meta_path
                        if not isinstance(finder, ModuleStore)]
    assert modulestore.install(str(path)) is not None
    return importlib.import_module("storedpkg.parts")


def test_a_stored_module_is_the_module_a_plain_import_makes(package, tmp_path):
    plain = sys.modules["storedpkg.parts"]
    shown = (plain.VALUE, plain.__file__, plain.__cached__, plain.__package__, plain.__doc__)
    path = tmp_path / "modules.marshal"
    assert modulestore.save(["storedpkg", "storedpkg.parts"], str(path)) == 2
    stored = reimport(path)
    assert isinstance(stored.__spec__.loader, StoredLoader)
    assert isinstance(sys.modules["storedpkg"].__spec__.loader, StoredLoader)
    assert sys.modules["storedpkg"].__path__ == [str(package / "storedpkg")]
    assert (stored.VALUE, stored.__file__, stored.__cached__, stored.__package__,
            stored.__doc__) == shown
    with pytest.raises(ValueError) as raised:  # tracebacks still show the source line
        stored.fail()
    assert "raise ValueError(NAME)" in "".join(traceback.format_tb(raised.tb))


def test_a_module_edited_since_it_was_stored_is_imported_as_usual(package, tmp_path):
    path = tmp_path / "modules.marshal"
    modulestore.save(["storedpkg", "storedpkg.parts"], str(path))
    source = package / "storedpkg" / "parts.py"
    source.write_text(source.read_text().replace("41 + 1", "41 + 2"))
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    importlib.invalidate_caches()
    edited = reimport(path)
    assert edited.VALUE == 43
    assert not isinstance(edited.__spec__.loader, StoredLoader)
    assert isinstance(sys.modules["storedpkg"].__spec__.loader, StoredLoader)  # untouched


def test_a_removed_source_is_not_served_from_the_store(package, tmp_path):
    path = tmp_path / "modules.marshal"
    modulestore.save(["storedpkg.parts"], str(path))
    (package / "storedpkg" / "parts.py").unlink()
    store = ModuleStore.read(str(path))
    assert store.find_spec("storedpkg.parts") is None


@pytest.mark.parametrize("content", [b"", b"not a store", b"\xff" * 8 + b"x",
                                     (5).to_bytes(8, "little") + b"\x00" * 5])
def test_an_unreadable_store_is_an_empty_one(tmp_path, content):
    path = tmp_path / "modules.marshal"
    path.write_bytes(content)
    assert ModuleStore.read(str(path)).modules == {}
    assert modulestore.install(str(path)) is None


def test_a_store_of_another_interpreter_or_optimisation_is_not_used(tmp_path):
    path = tmp_path / "modules.marshal"
    stat = os.stat(os.__file__)
    modules = {"os": (os.__file__, False, stat.st_mtime_ns, stat.st_size)}
    code = {"os": compile("", "", "exec")}
    indexedfile.write(path, (*modulestore._stamp(), modules), code)
    assert ModuleStore.read(str(path)).modules == modules  # the control: this one is read
    for other in ((b"\x00\x00\r\n", sys.flags.optimize), (modulestore._MAGIC, 2)):
        indexedfile.write(path, (modulestore._FORMAT, other, modules), code)
        assert ModuleStore.read(str(path)).modules == {}, other


def test_a_store_leaves_out_what_it_cannot_rebuild():
    assert not modulestore.storable("__main__", sys.modules["__main__"])
    assert not modulestore.storable("os.path", sys.modules["os.path"])  # an alias
    assert not modulestore.storable("sys", sys)  # built in
    assert modulestore.storable("tracker.cli.modulestore", modulestore)


def test_the_command_prints_the_same_with_its_modules_from_the_store(tmp_path):
    """``tracker diff`` run with a store of the fast path's modules: they come
    from it, and the output is the output of a run without one."""
    old, new = text_files(tmp_path, {"a.txt": "We met. We agreed to deter.",
                                     "b.txt": "We met. We firmly agreed to deter."})
    path = str(tmp_path / "modules.marshal")
    environment = {"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}
    subprocess.run([sys.executable, "-c", f"import tracker.cli.modulestore as m; "
                    f"m._PATH = {path!r}; m.main()"], check=True, capture_output=True,
                   env=environment, timeout=120)
    code = ("import atexit, sys, tracker.cli.modulestore as m\n"
            f"m.install.__defaults__ = ({path!r},) if sys.argv[1] == 'store' else ('/nowhere',)\n"
            "atexit.register(lambda: print(sum(isinstance(getattr(module.__spec__, 'loader', None),"
            " m.StoredLoader) for module in list(sys.modules.values())), file=sys.stderr))\n"
            "from tracker.cli import main\n"
            "main(sys.argv[2:])\n")
    runs = {how: subprocess.run([sys.executable, "-c", code, how, "diff", "--no-color", old, new],
                                capture_output=True, text=True, env=environment, timeout=120)
            for how in ("store", "none")}
    assert [run.returncode for run in runs.values()] == [0, 0], runs["store"].stderr
    assert runs["store"].stdout == runs["none"].stdout and "firmly" in runs["store"].stdout
    assert int(runs["none"].stderr.split()[-1]) == 0
    assert int(runs["store"].stderr.split()[-1]) >= 30  # tracker's modules and re, difflib ...
