"""The methods ``dataclasses`` writes, compiled once per install, not per run.

``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``,
``__eq__`` (and, frozen, ``__setattr__``/``__delattr__``) and compiles it
with ``exec``: for the twenty classes a ``tracker diff`` defines, ~7 ms of
a 50-ms command, 85% of it in the compiler. Like bytecode, the compiled
code is kept in ``__pycache__`` beside this file (named for the interpreter,
checked against its bytecode magic number) and taken from there by the
next run, keyed by the full source text: the same text always compiles to
the same code, so a class comes out exactly as before, only sooner.

Only the ``tracker`` command installs it (the launcher, before anything
defines a dataclass); a library user's process is left alone. The store is
written at exit when something new was compiled and Python may write
bytecode, and by ``python -m tracker.cli.codecache`` at install time (the
Makefile runs it). Whatever cannot be read, written or trusted is simply
compiled again: the store changes speed, never a result.
"""

import os
import sys

from tracker import indexedfile

_FOLDER = os.path.join(os.path.dirname(os.path.realpath(__file__)), "__pycache__")
_PATH = os.path.join(_FOLDER, f"dataclass-code.{sys.implementation.cache_tag}.marshal")
# Code objects are only valid for the bytecode they were compiled for.
_MAGIC = getattr(sys.modules.get("_frozen_importlib_external"), "MAGIC_NUMBER", None)
# A store that grew past this many sources (classes edited over time) starts again.
_MOST = 2_000


class CodeStore:
    """Compiled code by source text, read from and written to ``path`` (a
    :mod:`tracker.indexedfile`: a command reads the code of the classes it
    defines, not of every class stored)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.codes = indexedfile.Values()
        self.changed = False
        stored = indexedfile.read(path)
        if stored is not None and stored[0] == _MAGIC and _MAGIC is not None:
            self.codes = stored[1] if len(stored[1].places) <= _MOST else self.codes

    def exec(self, source, globals=None, locals=None) -> None:  # noqa: A002 (exec's own names)
        """``exec(source, globals, locals)``, with a source text's code from the store."""
        if type(source) is str:
            code = self.codes.get(source)
            if code is None:
                code = compile(source, "<string>", "exec")
                self.codes[source] = code
                self.changed = True
            source = code
        exec(source, globals, locals)  # noqa: S102 (dataclasses' own call, unchanged)

    def save(self) -> None:
        """Write the store atomically (a reader sees the old file or the new)."""
        if self.changed and _MAGIC is not None:
            self.changed = not indexedfile.write_if_possible(self.path, _MAGIC, self.codes)


def install(path: str = _PATH) -> CodeStore:
    """Have ``dataclasses`` compile through a :class:`CodeStore` from now on
    (once a process: a second call returns the store installed)."""
    import dataclasses

    installed = getattr(dataclasses.__dict__.get("exec"), "__self__", None)
    if isinstance(installed, CodeStore):
        return installed
    store = CodeStore(path)
    dataclasses.exec = store.exec  # its module global, found before the builtin
    if not sys.dont_write_bytecode:
        import atexit

        atexit.register(store.save)
    return store


def main() -> None:
    """Compile the dataclasses of every command's modules, and save."""
    store = install()
    for module in ("tracker.cli.group", "tracker.cli.fastpath", "tracker.cli.diffing",
                   "tracker.ingest.intake", "tracker.compare.model", "tracker.compare.segment",
                   "tracker.compare.align", "tracker.compare.classify",
                   "tracker.compare.commitments", "tracker.compare.formats",
                   "tracker.compare.crosslingual", "tracker.store.reading"):
        __import__(module)
    store.changed = True
    store.save()
    print(f"{store.path}: {len(store.codes)} compiled sources")


if __name__ == "__main__":
    main()
