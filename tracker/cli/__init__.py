"""The ``tracker`` command: a thin layer over the store and the engine.

Each command opens the database, calls one library function and prints the
result. Library errors (``TrackerError``) become one line on stderr and exit
status 1; usage errors exit 2 (click's convention).

Start-up is most of the time of a small command, and click with every
command module costs more than comparing two 1k-word files. So ``main`` is
a launcher: the common cases that need none of that machinery (``tracker
diff FILE FILE``, ``tracker list``, see ``fastpath``) run straight away,
and everything else (help, usage errors, every other command) goes to the
click group in ``group``, imported only then. Both give the same output.
"""

import sys


class Launcher:
    """The installed ``tracker`` script's ``main``. Called, it takes the
    fast path when it can; for click's own API (``main.main(args)``, which
    ``click.testing.CliRunner`` uses) and every attribute it is the group."""

    name = "main"

    def __call__(self, args: list[str] | None = None) -> None:
        from tracker.cli import modulestore

        modulestore.install()  # what follows from one file, not sixty: ~1.5 ms less start-up

        from tracker.cli.codecache import install
        from tracker.cli.deferred import defer_all
        from tracker.cli.fastpath import run_fast

        defer_all()  # before anything imports dataclasses: inspect and copy on first use, ~7 ms
        install()  # before any module defines a dataclass: ~6 ms less start-up
        status = run_fast(sys.argv[1:] if args is None else list(args))
        if status is not None:
            _leave_memory_to_the_system()
            sys.exit(status)
        self.group().main(args)

    @staticmethod
    def group():
        from tracker.cli.group import main as group

        return group

    def main(self, *args, **kwargs):
        return self.group().main(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.group(), name)


def _leave_memory_to_the_system() -> None:
    """A fast command is done and its process about to exit. On the way
    out the interpreter's cycle collector would walk every object left and
    free the cycles the engine made (it runs with the collector off): 6-10
    ms of CPU of a 1k-word diff (~15%), for memory the system takes back
    anyway. ``gc.freeze`` puts the objects out of its reach; streams are
    still flushed and closed, and ``atexit`` handlers run, as before. (A
    caller that catches the ``SystemExit`` and goes on can ``gc.unfreeze()``.)"""
    import gc

    gc.freeze()


main = Launcher()

__all__ = ["main"]
