"""The modules a fast command imports, read from one file per install.

Python imports a module by looking for it along its package's path,
checking its source's time and size against its bytecode file, then opening
and reading that file: for the sixty-odd modules a ``tracker diff`` imports
after start-up (tracker's own and the standard library's ``re``,
``dataclasses``, ``difflib`` ...), about 1.5 ms of a 35-ms command, none of
it Python's start-up or tracker's work. This store keeps those modules'
compiled code in one file in ``__pycache__`` beside this one (named for the
interpreter, checked against its bytecode magic number), open once, each
module's code read when it is imported (``tracker.indexedfile``).

A module is taken from the store only while its source file has the
modification time and size it had when stored (the check bytecode files
get); any other module, or one edited since, is imported the usual way. The
store is written only by ``python -m tracker.cli.modulestore`` (the
Makefile runs it at install) and read only by the ``tracker`` command (the
launcher); a library user's process is left alone. Whatever cannot be read
or trusted is imported as usual: the store changes speed, never a result.
"""

import os
import sys

# What importlib.machinery re-exports, from the modules Python always has
# loaded: importing importlib.machinery itself costs 0.5 ms.
from _frozen_importlib import ModuleSpec
from _frozen_importlib_external import SourceFileLoader

from tracker import indexedfile

_FOLDER = os.path.join(os.path.dirname(os.path.realpath(__file__)), "__pycache__")
_PATH = os.path.join(_FOLDER, f"modules.{sys.implementation.cache_tag}.marshal")
_MAGIC = getattr(sys.modules.get("_frozen_importlib_external"), "MAGIC_NUMBER", None)
_FORMAT = 3
# The fast path's commands (``diff``, ``list``) import these; the store holds
# them, every module they import, and the whole engine (``ENTRY_PACKAGE``),
# much of which a comparison imports only when it needs it.
ENTRY_MODULES = ("tracker.cli.codecache", "tracker.cli.deferred", "tracker.cli.fastpath",
                 "tracker.cli.diffing", "tracker.cli.listing", "tracker.ingest.intake",
                 "tracker.settings.environment", "tracker.store.reading")
ENTRY_PACKAGE = "tracker.compare"


class StoredLoader(SourceFileLoader):
    """A source module whose code comes from the store; everything else
    (its source for tracebacks, ``is_package``) as for any source file."""

    def __init__(self, name: str, path: str, codes: indexedfile.Values) -> None:
        super().__init__(name, path)
        self.codes = codes

    def get_code(self, fullname: str):
        import _imp

        code = self.codes.get(fullname)
        if code is None:  # the file went bad since it was opened: the usual way
            return super().get_code(fullname)
        _imp._fix_co_filename(code, self.path)  # as importlib does for a bytecode file
        return code


class ModuleStore:
    """A meta path finder over the stored modules: ``modules`` maps a
    module's name to (its source file, is it a package, the source's mtime
    in ns, its size); ``codes`` holds their code, read when imported."""

    def __init__(self, modules: dict, codes: indexedfile.Values | None = None) -> None:
        self.modules = modules
        self.codes = indexedfile.Values() if codes is None else codes

    @classmethod
    def read(cls, path: str = _PATH) -> "ModuleStore":
        """The store at ``path``, empty if it cannot be read or trusted."""
        stored = indexedfile.read(path)
        head = stored[0] if stored else None
        if (isinstance(head, tuple) and len(head) == 3 and head[:2] == _stamp()
                and _MAGIC is not None and isinstance(head[2], dict)):
            return cls(head[2], stored[1])
        return cls({})

    def find_spec(self, name: str, path=None, target=None) -> ModuleSpec | None:
        entry = self.modules.get(name)
        if entry is None:
            return None
        origin, package, mtime_ns, size = entry
        try:
            status = os.stat(origin)
        except OSError:
            return None
        if status.st_mtime_ns != mtime_ns or status.st_size != size:
            return None  # edited since it was stored: the usual import
        spec = ModuleSpec(name, StoredLoader(name, origin, self.codes), origin=origin,
                          is_package=package)
        spec.has_location = True  # sets __file__ and __cached__ as a file's import does
        if package:
            spec.submodule_search_locations = [os.path.dirname(origin)]
        return spec


def _stamp() -> tuple:
    """What stored code must have been compiled for: this store's format,
    this interpreter's bytecode and its ``-O`` level (asserts, docstrings)."""
    return _FORMAT, (_MAGIC, sys.flags.optimize)


def install(path: str = _PATH) -> ModuleStore | None:
    """Import the stored modules from the store from now on (once a process:
    a second call returns the store installed); None when there is none."""
    for finder in sys.meta_path:
        if isinstance(finder, ModuleStore):
            return finder
    store = ModuleStore.read(path)
    if not store.modules:
        return None
    sys.meta_path.insert(0, store)
    return store


def storable(name: str, module) -> bool:
    """Imported from a source file by its own name (not ``__main__``, not an
    alias such as ``os.path``)."""
    spec = getattr(module, "__spec__", None)
    return (spec is not None and spec.name == name and isinstance(spec.loader, SourceFileLoader)
            and str(spec.origin).endswith(".py"))


def save(names, path: str = _PATH) -> int:
    """Store the named modules (imported already; any not :func:`storable`
    left out), atomically; how many were stored."""
    modules, codes = {}, {}
    for name in names:
        module = sys.modules[name]
        if not storable(name, module):
            continue
        origin = os.path.realpath(module.__spec__.origin)
        status = os.stat(origin)
        package = module.__spec__.submodule_search_locations is not None
        modules[name] = (origin, package, status.st_mtime_ns, status.st_size)
        codes[name] = module.__spec__.loader.get_code(name)
    indexedfile.write(path, (*_stamp(), modules), codes)
    return len(modules)


def fast_path_modules() -> list[str]:
    """The modules the fast commands may import after start-up: those the
    entry modules and the engine's import, less what Python had loaded."""
    before = set(sys.modules)
    for name in ENTRY_MODULES:
        __import__(name)
    folder = os.path.dirname(__import__(ENTRY_PACKAGE, fromlist=["_"]).__file__)
    for file in sorted(os.listdir(folder)):
        if file.endswith(".py") and file != "__init__.py":
            __import__(f"{ENTRY_PACKAGE}.{file[:-3]}")
    return sorted(name for name in sys.modules
                  if name not in before or name.startswith("tracker."))


def main() -> None:
    print(f"{_PATH}: {save(fast_path_modules(), _PATH)} modules")


if __name__ == "__main__":
    main()
