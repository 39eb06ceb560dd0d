"""The engine's data files, read and compiled once per install, not per run.

The lexicon and thesaurus become a few hundred-phrase regular expressions.
Python parses and compiles a regular expression in pure Python: for these,
about as long as comparing two 1k-word statements; the engine modules' own
few dozen patterns (``compile_regex`` at their top) cost a few milliseconds
more, as much as the rest of a short comparison's start-up work. Like bytecode, the
compiled form is kept in ``__pycache__`` beside this file, in a file named
for the interpreter (its cache tag and its regex engine's version), and
loaded in a blink by every later run; the parsed TOML of the data files is
kept with it, under their size and modification time.

It is written when a process compiled something new and Python may write
bytecode (not under ``-B`` or ``PYTHONDONTWRITEBYTECODE``), and by
``python -m tracker.compare.precompiled`` at install time (the Makefile
runs it after ``compileall``). Whatever cannot be read, written or trusted
is simply compiled again: the cache changes speed, never a result. An entry
is stored only once the pattern it rebuilds compares equal to
``re.compile``'s own (same pattern, flags and compiled code).
"""

import atexit
import marshal
import os
import re
import sys

import tracker.indexedfile as indexedfile

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python: no cache, plain re.compile
    _sre = None
if memoryview(bytes(8)).cast("I").itemsize != 4:  # the regex engine's code words are 32 bits
    _sre = None

# Paths as strings, through ``os``: pathlib (with the urllib.parse it
# imports) is ~4 ms of a 1k-word diff's start-up, which needs no Path.
_FOLDER = os.path.join(os.path.dirname(os.path.realpath(__file__)), "__pycache__")
_NAME = f"precompiled.{sys.implementation.cache_tag}.{getattr(_sre, 'MAGIC', 0)}.marshal"
_FORMAT = 3


class Store:
    """Compiled regexes by (pattern, flags) and parsed data files by path,
    in one :mod:`tracker.indexedfile`: a command reads the ones it uses."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = path
        self.values = indexedfile.Values()  # (pattern, flags) tuples and path strings
        self.changed = False
        stored = indexedfile.read(path)
        if stored is not None and stored[0] == _FORMAT:
            self.values = stored[1]

    @property
    def regexes(self) -> list:
        """The (pattern, flags) of the stored and newly compiled patterns."""
        return [key for key in self.values if isinstance(key, tuple)]

    @property
    def data(self) -> list:
        """The keys of the stored and newly parsed data files."""
        return [key for key in self.values if isinstance(key, str)]

    def save(self) -> None:
        """Write the store atomically (a reader sees the old file or the new)."""
        if self.changed:
            self.changed = not indexedfile.write_if_possible(self.path, _FORMAT, self.values)

    def compile(self, pattern: str, flags: int = 0, keep: bool = True) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, from the store when it is there;
        ``keep`` adds it when it is not (the bundled files' patterns only:
        a user's trial lexicon must not fill the store)."""
        flags = int(flags)
        entry = self.values.get((pattern, flags))
        if entry is not None:
            try:
                final_flags, code, *groups = entry
                # A view, not array("I", code): the array module is 0.4 ms of start-up.
                return _sre.compile(pattern, final_flags, memoryview(code).cast("I").tolist(),
                                    *groups)
            except (TypeError, ValueError, RuntimeError):
                pass
        compiled = re.compile(pattern, flags)
        entry = _entry(pattern, flags, compiled) if keep else None
        if entry is not None:
            self.values[(pattern, flags)] = entry
            self.changed = True
        return compiled

    def read(self, path: str | os.PathLike, parse,
             also: tuple[str | os.PathLike, ...] = ()) -> object:
        """``parse(path)``, from the store while the file (and the files
        ``also`` that went into the value) are unchanged."""
        try:
            stats = [os.stat(file) for file in (path, *also)]
            key = "|".join(os.path.realpath(file) for file in (path, *also))
            stamp = tuple((stat.st_size, stat.st_mtime_ns) for stat in stats)
            stamp = stamp[0] if not also else stamp
        except OSError:
            return parse(path)
        stored = self.values.get(key)
        if stored is not None and stored[0] == stamp:
            return stored[1]
        value = parse(path)
        try:
            marshal.dumps(value)
        except ValueError:
            return value  # a value marshal cannot keep (a TOML date): not stored
        self.values[key] = (stamp, value)
        self.changed = True
        return value


def _entry(pattern: str, flags: int, compiled: re.Pattern[str]) -> tuple | None:
    """What ``_sre.compile`` needs to rebuild ``compiled``, checked to rebuild
    it exactly; None when this Python's regex internals are not the ones known."""
    if _sre is None:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # The code as bytes of 32-bit words (what the regex engine runs on):
        # marshal reads bytes in a blink, and a list of 40,000 ints slowly.
        from array import array

        packed = array("I", code).tobytes()
        entry = (int(flags | parsed.state.flags), packed, parsed.state.groups - 1,
                 groupindex, tuple(indexgroup))
        rebuilt = _sre.compile(pattern, entry[0], memoryview(packed).cast("I").tolist(),
                               *entry[2:])
    except (AttributeError, TypeError, ValueError, RuntimeError, re.error):
        return None
    same = rebuilt == compiled and rebuilt.groupindex == compiled.groupindex
    return entry if same else None


_STORE: Store | None = None


def store() -> Store:
    """The process's store, loaded on first use and saved at exit when allowed."""
    global _STORE
    if _STORE is None:
        _STORE = Store(os.path.join(_FOLDER, _NAME))
        if not sys.dont_write_bytecode:
            atexit.register(_STORE.save)
    return _STORE


def compile_regex(pattern: str, flags: int = 0, keep: bool = True) -> re.Pattern[str]:
    """``re.compile``, kept between runs (see :meth:`Store.compile`)."""
    return store().compile(pattern, flags, keep)


def read_bundled(path: str | os.PathLike, parse,
                 also: tuple[str | os.PathLike, ...] = ()) -> object:
    """``parse(path)`` of a bundled data file, kept between runs (while it
    and the bundled files ``also`` read into the value are unchanged)."""
    return store().read(path, parse, also)


# Engine modules whose own patterns come from the store (``compile_regex``).
_PATTERN_MODULES = ("languages", "normalise", "segment", "roles", "similarity", "inline",
                    "formats", "thesaurus", "commitments", "clauses")


def main() -> None:
    """Compile the bundled lexicon and thesaurus, the engine modules' own
    patterns, every pattern, and save."""
    # Imported by name: run as ``-m``, this file is ``__main__``, and the
    # engine's modules use the store of ``tracker.compare.precompiled``.
    import importlib

    from tracker.compare.commitments import default_lexicon
    from tracker.compare.precompiled import store
    from tracker.compare.thesaurus import default_thesaurus

    for module in _PATTERN_MODULES:  # their module-level patterns are stored as they load
        importlib.import_module(f"tracker.compare.{module}")
    default_thesaurus()
    lexicon = default_lexicon()
    for phrases in (lexicon.actors, lexicon.topics, lexicon.verbs, lexicon.markers,
                    lexicon.terms):
        phrases.compile_all()
    store().changed = True
    store().save()
    print(f"{store().path}: {len(store().regexes)} regexes, {len(store().data)} data values")


if __name__ == "__main__":
    main()
