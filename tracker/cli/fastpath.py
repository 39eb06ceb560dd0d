"""The fast path: ``tracker diff FILE FILE`` and ``tracker list`` without
click, the other command modules or sqlite-utils.

A command line is taken here only when every word of it is understood:
the command, its options in their plain forms, the global ``--db``,
``--config`` and ``--include-retracted``, and (for ``diff``) two names that
are files. Anything else, from ``--help`` to a mistyped option or a name in
the database, returns None and goes to the click group, which handles it
in full; so does a database this path cannot simply read (missing, not yet
migrated). The output is the click commands' own, from the same functions.
"""

import os
import sys

_GLOBAL_VALUES = ("--db",)
_GLOBAL_FLAGS = ("--include-retracted",)
_DIFF_VALUES = ("--format", "--width")
_DIFF_FLAGS = ("--side-by-side", "--exit-code", "--color", "--no-color", "--no-markers")
_FORMATS = ("text", "json", "unified", "html")


class CommandLine:
    """One understood command line: the command, its words and options.

    A plain class, not a dataclass: it never leaves this module, and making
    a dataclass costs ~0.3 ms of a start-up that this path exists to cut."""

    __slots__ = ("command", "words", "values", "flags")

    def __init__(self, command: str, words: list[str] | None = None,
                 values: dict[str, str] | None = None, flags: set[str] | None = None) -> None:
        self.command = command
        self.words = [] if words is None else words
        self.values = {} if values is None else values
        self.flags = set() if flags is None else flags


def run_fast(args: list[str]) -> int | None:
    """The exit status of a command run here, or None to use the click group."""
    # A one-shot command keeps what it builds until it exits: the cycle
    # collector's passes over the engine's objects only cost time (5-6% of
    # a diff), and free nothing (the same peak memory either way).
    import gc

    gc.disable()
    try:
        line = parse(args)
        return None if line is None else _run(line)
    finally:
        gc.enable()


def _run(line: "CommandLine") -> int | None:
    from tracker.errors import TrackerError

    try:
        if line.command == "diff":
            return _diff(line)
        return _list(line)
    except TrackerError as error:
        from tracker.text import escape_controls

        sys.stderr.write(f"tracker: error: {escape_controls(str(error))}\n")
        return 1


def parse(args: list[str]) -> CommandLine | None:
    """``args`` as a :class:`CommandLine`, when all of it is understood."""
    before = CommandLine("")
    words = iter(args)
    for word in words:  # global options, up to the command's name
        if word in _GLOBAL_VALUES:
            before.values[word] = next(words, "-")
        elif word in _GLOBAL_FLAGS:
            before.flags.add(word)
        else:
            break
    else:
        return None
    if word not in ("diff", "list"):
        return None
    values = _GLOBAL_VALUES + (_DIFF_VALUES if word == "diff" else ())
    flags = _GLOBAL_FLAGS + (_DIFF_FLAGS if word == "diff" else ("--json",))
    line = CommandLine(word, [], dict(before.values), set(before.flags))
    if not _take_options(line, words, values, flags):
        return None
    return line if _valid(line) else None


def _take_options(line: CommandLine, words, values, flags) -> bool:
    """Read options and plain words into ``line``; False at anything unknown."""
    words = iter(words)
    for word in words:
        name, equals, value = word.partition("=")
        if name in values:
            value = value if equals else next(words, None)
            if value is None or name in line.values:
                return False
            line.values[name] = value
        elif word in flags and not equals:
            line.flags.add(word)
        elif word.startswith("-"):
            return False
        else:
            line.words.append(word)
    return True


def _valid(line: CommandLine) -> bool:
    """Only what the click command would accept as it stands (the tests
    of ``Path``, through ``os.path``: pathlib costs ~4 ms to import)."""
    if "--color" in line.flags and "--no-color" in line.flags:
        return False
    db = line.values.get("--db")
    if db is not None and (not db or db.startswith("-") or os.path.isdir(db)):
        return False
    if line.command == "list":
        return not line.words
    width = line.values.get("--width")
    if width is not None and not (width.isdigit() and 40 <= int(width) <= 400):
        return False
    if line.values.get("--format", "text") not in _FORMATS or len(line.words) != 2:
        return False
    from tracker.ingest.intake import file_name  # str(Path(word)): what click's path tests

    return all(os.path.isfile(file_name(word)) for word in line.words)


def _limits():
    from tracker.settings.environment import Limits

    return Limits.from_environ()


def _diff(line: CommandLine) -> int:
    from tracker.cli.diffing import FileText, compare_statements, print_diff
    from tracker.ingest.intake import read_source

    limits = _limits()
    first, second = (FileText(name, read_source(name, "auto", limits.max_input_bytes).text)
                     for name in line.words)
    color = True if "--color" in line.flags else False if "--no-color" in line.flags else None
    width = line.values.get("--width")
    return print_diff(compare_statements(first, second, limits.max_sentences),
                      line.values.get("--format", "text"), "--side-by-side" in line.flags,
                      int(width) if width else None, color, "--exit-code" in line.flags,
                      markers="--no-markers" not in line.flags)


def _list(line: CommandLine) -> int | None:
    from tracker.cli.listing import print_documents
    from tracker.settings.environment import database_path
    from tracker.store.reading import read_documents

    documents = read_documents(database_path(line.values.get("--db")),
                               "--include-retracted" in line.flags)
    if documents is None:
        return None
    print_documents(documents, "--json" in line.flags)
    return 0
