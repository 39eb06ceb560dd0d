"""What every command shares: the command and group classes that turn
failures into one line, the options accepted before or after a command
name, opening the database, loading the settings, printing."""

import json
import sys

import click

from tracker.errors import TrackerError


class FileOrName(click.ParamType):
    """A file name, URL or database name: a file name may hold any bytes
    (Python keeps undecodable ones as surrogates), so it is not checked as text."""

    name = "text"

    def convert(self, value, param, ctx):
        return value


FILE_OR_NAME = FileOrName()


class TrackerCommand(click.Command):
    """Refuses text options that would be stored or printed badly: bytes
    that are not UTF-8 (the shell passed e.g. $'\\xff') and control
    characters (an escape sequence in a title would reach every terminal
    that lists it)."""

    def invoke(self, ctx: click.Context):
        for param in self.params:
            if isinstance(param.type, click.types.StringParamType):
                _validate_text(param, ctx.params.get(param.name))
        return super().invoke(ctx)


def _validate_text(param: click.Parameter, value) -> None:
    from tracker.errors import InputError
    from tracker.text import has_controls

    values = value if isinstance(value, tuple) else (value,)
    name = param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
    for text in values:
        if not isinstance(text, str):
            continue
        bad = next((c for c in text if "\udc80" <= c <= "\udcff"), None)
        if bad is not None:
            raise InputError(f"{name}: not UTF-8 text (byte 0x{ord(bad) - 0xdc00:02x}); "
                             "give it in UTF-8")
        if has_controls(text.replace("\r", "")):
            raise InputError(f"{name}: holds a control character")


class TrackerGroup(click.Group):
    """Turns expected failures into one readable line, never a traceback."""

    command_class = TrackerCommand

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TrackerError as error:
            _fail(str(error))
        except OSError as error:
            _fail(f"{error.filename or ''}: {error.strerror or error}".lstrip(": "))
        except KeyboardInterrupt:
            _fail("interrupted", status=130)


def _fail(message: str, status: int = 1) -> None:
    from tracker.text import escape_controls

    click.echo(f"tracker: error: {escape_controls(message)}", err=True)
    sys.exit(status)


def _path_option(name: str, key: str, help_text: str):
    """An option accepted before or after the command name (``tracker --db X
    list`` and ``tracker list --db X``), remembered in the context."""

    def remember(ctx: click.Context, _param, value):
        if value is not None:
            ctx.meta[key] = value
        return value

    return click.option(name, type=click.Path(dir_okay=False), expose_value=False,
                        callback=remember, is_eager=True, help=help_text)


db_option = _path_option("--db", "tracker.db",
                         "Database file (default: $TRACKER_DB, else ./tracker.db).")
config_option = _path_option("--config", "tracker.config",
                             "Configuration file (default: $TRACKER_CONFIG, else ./tracker.toml).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _remember_flag(ctx: click.Context, _param, value):
    if value:
        ctx.meta["tracker.include_retracted"] = True
    return value


include_retracted_option = click.option(
    "--include-retracted", is_flag=True, expose_value=False, callback=_remember_flag,
    is_eager=True, help="Show retracted versions too (they are hidden by default).")


def open_db(ctx: click.Context, create: bool = False, announce: bool = False):
    """Open the database chosen by --db, $TRACKER_DB or ./tracker.db.

    With ``announce``, a database about to be created says so on stderr:
    a new one holds no bundled corpus, so a later ``compare`` with a
    bundled meeting would fail without the user knowing why."""
    from tracker.settings import database_path
    from tracker.store import open_store

    path = database_path(ctx.meta.get("tracker.db"))
    if create and announce and not path.exists():
        click.echo(new_database_note(path), err=True)
    store = open_store(path, create=create)
    store.include_retracted = bool(ctx.meta.get("tracker.include_retracted"))
    return store


def new_database_note(path) -> str:
    from tracker.text import escape_controls

    shown = escape_controls(str(path))
    return (f"tracker: note: no database at {shown}; creating an empty one. "
            f"To load the bundled corpus (the EDSCG, NCG and alliance statements), "
            f"run `tracker --db {shown} init`.")


def print_json(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def echo(text: str) -> None:
    """Print text that may hold stored text or metadata: control characters
    (an old database's, or a title's) are shown as escapes, never sent to
    the terminal to act on. JSON output does not come through here."""
    from tracker.text import escape_controls

    click.echo(escape_controls(text))


def cli_settings(ctx: click.Context):
    """The one ``Settings`` of this run (``--config``/``$TRACKER_CONFIG`` and
    the environment), loaded once and passed into the library."""
    if "tracker.settings" not in ctx.meta:
        from tracker.reports.subscriptions import configured_subscriptions
        from tracker.settings import load_settings

        settings = load_settings(ctx.meta.get("tracker.config"))
        configured_subscriptions(settings)  # a wrong [subscription] table fails here, once
        ctx.meta["tracker.settings"] = settings
    return ctx.meta["tracker.settings"]


def environment_settings(ctx: click.Context):
    """Settings without ``tracker.toml``: the environment's limits, for the
    commands that take no ``--config`` (a broken file must not stop them)."""
    if "tracker.environment" not in ctx.meta:
        from tracker.settings import Settings

        ctx.meta["tracker.environment"] = Settings.from_environment()
    return ctx.meta["tracker.environment"]


def command(name: str | None = None, **kwargs):
    """``click.command`` with the text checks of ``TrackerCommand``."""
    return click.command(name, cls=TrackerCommand, **kwargs)
