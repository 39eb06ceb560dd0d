"""The ``tracker`` command: a thin layer over the store and the engine.

Each command opens the database, calls one library function and prints the
result. Library errors (``TrackerError``) become one line on stderr and exit
status 1; usage errors exit 2 (click's convention). Heavy modules are imported
inside the commands that need them, so ``tracker diff a.txt b.txt`` starts
fast.
"""

import json
import sys
from pathlib import Path

import click

from tracker import __version__
from tracker.errors import TrackerError
from tracker.ingest.formats import FORMATS


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
                _check_text(param, ctx.params.get(param.name))
        return super().invoke(ctx)


def _check_text(param: click.Parameter, value) -> None:
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


def open_db(ctx: click.Context, create: bool = False):
    """Open the database chosen by --db, $TRACKER_DB or ./tracker.db."""
    from tracker.config import database_path
    from tracker.store import open_store

    return open_store(database_path(ctx.meta.get("tracker.db")), create=create)


def _print_json(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _echo(text: str) -> None:
    """Print text that may hold stored text or metadata: control characters
    (an old database's, or a title's) are shown as escapes, never sent to
    the terminal to act on. JSON output does not come through here."""
    from tracker.text import escape_controls

    click.echo(escape_controls(text))


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
@db_option
@config_option
def main() -> None:
    """Follow how official statements change: keep every version of a
    statement, compare versions, meetings and publishers sentence by sentence."""


@main.command()
@db_option
@json_option
@click.pass_context
def init(ctx: click.Context, as_json: bool) -> None:
    """Create the database and load the bundled statement corpus.

    Running it again changes nothing: versions already present are skipped.

    \b
    Example:
      tracker init
    """
    from tracker.corpus import load_bundled_corpus

    with open_db(ctx, create=True) as store:
        report = load_bundled_corpus(store)
        path = store.path
    if as_json:
        _print_json({"database": str(path), **report.to_dict()})
    else:
        click.echo(f"{path}: bundled corpus loaded, {report.describe()}")


@main.command()
@click.argument("source", type=FILE_OR_NAME)
@click.option("--document", help="Document slug (default: MEETING-joint-statement).")
@click.option("--meeting", help="Meeting slug, e.g. edscg-6; created when new.")
@click.option("--series", help="Series slug (default: from the meeting slug, e.g. edscg).")
@click.option("--title", help="Document title.")
@click.option("--date", help="Meeting date, YYYY-MM-DD.")
@click.option("--location", help="Meeting place.")
@click.option("--publisher", help="Who published this text, e.g. 'U.S. Department of State'.")
@click.option("--language", help="Language code of the text, e.g. en or ko.")
@click.option("--kind", help="Document kind (default joint-statement).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto",
              show_default=True, help="How to read SOURCE.")
@click.option("--note", help="A note kept with this version.")
@db_option
@json_option
@click.pass_context
def add(ctx: click.Context, source: str, fmt: str, note: str | None, as_json: bool,
        **metadata) -> None:
    """Add a snapshot from SOURCE: a file (.txt, .md, .html, .htm), an http(s)
    URL, or - for standard input.

    Prints the new version, or "unchanged (vN)" when the text equals the
    latest version.

    \b
    Examples:
      tracker add statement.html --meeting edscg-6 --date 2025-10-01 --publisher State
      curl -s URL | tracker add - --document edscg-5-joint-statement --note "re-checked"
    """
    from tracker.config import max_input_bytes
    from tracker.ingest.intake import read_source
    from tracker.model import Capture
    from tracker.specs import document_spec_from_options

    spec = document_spec_from_options(**metadata)
    policy = _add_time_policy(ctx) if source.startswith(("http://", "https://")) else None
    intake = read_source(source, fmt, max_input_bytes(), policy)
    capture = Capture(text=intake.text, raw=intake.raw, raw_type=intake.raw_type,
                      origin="cli", source_url=intake.source_url, note=note)
    with open_db(ctx, create=True) as store:
        result = store.add(spec, capture)
    _print_json(result.to_dict()) if as_json else click.echo(result.describe())


@main.command(name="list")
@db_option
@json_option
@click.pass_context
def list_documents(ctx: click.Context, as_json: bool) -> None:
    """List documents with their meeting, publisher and versions.

    \b
    Example:
      tracker list
    """
    from tracker.tables import format_table

    with open_db(ctx) as store:
        documents = store.documents()
    if as_json:
        return _print_json([d.to_dict() for d in documents])
    rows = [[d.slug, d.meeting, d.publisher, d.versions, d.latest_captured_at]
            for d in documents]
    _echo(format_table(["DOCUMENT", "MEETING", "PUBLISHER", "VERSIONS", "LATEST"], rows))


@main.command()
@click.argument("series", required=False)
@db_option
@json_option
@click.pass_context
def meetings(ctx: click.Context, series: str | None, as_json: bool) -> None:
    """List meetings in date order, optionally of one SERIES (e.g. edscg).

    \b
    Example:
      tracker meetings edscg
    """
    from tracker.tables import format_table

    with open_db(ctx) as store:
        found = store.meetings(series)
    if as_json:
        return _print_json([m.to_dict() for m in found])
    rows = [[m.slug, m.date, m.location, len(m.documents), m.title] for m in found]
    _echo(format_table(["MEETING", "DATE", "PLACE", "DOCS", "TITLE"], rows))


@main.command()
@click.argument("document")
@db_option
@json_option
@click.pass_context
def history(ctx: click.Context, document: str, as_json: bool) -> None:
    """List the versions of one DOCUMENT.

    \b
    Example:
      tracker history edscg-5-joint-statement
    """
    from tracker.refs import check_slug
    from tracker.tables import format_table

    check_slug(document, "document slug")
    with open_db(ctx) as store:
        versions = store.history(document)
    if as_json:
        return _print_json([v.to_dict() for v in versions])
    rows = [[f"v{v.version}", v.captured_at, v.origin, v.sha256[:12], v.chars,
             v.source_url or v.note] for v in versions]
    _echo(format_table(["VERSION", "CAPTURED", "ORIGIN", "SHA256", "CHARS", "SOURCE"], rows))


@main.command()
@click.argument("ref", metavar="DOCUMENT[@VERSION]")
@click.option("--raw", is_flag=True, help="Print the input this version was made from.")
@db_option
@json_option
@click.pass_context
def show(ctx: click.Context, ref: str, raw: bool, as_json: bool) -> None:
    """Print one snapshot's text and metadata (the latest version by default).

    \b
    Examples:
      tracker show edscg-4-joint-press-release
      tracker show edscg-5-joint-statement@1 --json
    """
    from tracker.refs import parse_snapshot_ref

    parsed = parse_snapshot_ref(ref)
    with open_db(ctx) as store:
        snapshot = store.snapshot(parsed.document, parsed.version)
        original = store.raw(parsed.document, snapshot.info.version) if raw else None
    if raw:
        if original is None:
            raise TrackerError(f"{snapshot.label} was imported from a snapshot file; "
                               "no raw input is kept")
        sys.stdout.buffer.write(original)
        return
    if as_json:
        return _print_json(snapshot.to_dict())
    info, doc = snapshot.info, snapshot.document
    _echo(f"{snapshot.label}  {doc.title or ''}".rstrip())
    _echo(f"meeting {doc.meeting} · {doc.publisher or 'publisher unknown'} · "
          f"captured {info.captured_at} ({info.origin}) · sha256 {info.sha256[:12]}")
    if doc.notice:
        _echo(f"note: {doc.notice}")
    click.echo("")
    _echo(snapshot.text)


@main.command(name="export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@db_option
@json_option
@click.pass_context
def export_command(ctx: click.Context, folder: Path, as_json: bool) -> None:
    """Write every snapshot to FOLDER as text files with front matter.

    \b
    Example:
      tracker export history/ && git -C history add -A
    """
    from tracker.corpus import export_folder

    with open_db(ctx) as store:
        report = export_folder(store, folder)
    _print_json(report.to_dict()) if as_json else click.echo(report.describe())


@main.command(name="import")
@click.argument("folder", type=click.Path(path_type=Path))
@db_option
@json_option
@click.pass_context
def import_command(ctx: click.Context, folder: Path, as_json: bool) -> None:
    """Load every snapshot file (*.txt) below FOLDER; all or nothing.

    \b
    Example:
      tracker --db copy.db import history/
    """
    from tracker.corpus import import_folder, read_folder

    read_folder(folder)  # refuse a bad folder before a database is created
    with open_db(ctx, create=True) as store:
        report = import_folder(store, folder)
    _print_json(report.to_dict()) if as_json else click.echo(report.describe())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--connection-limit", default=500, show_default=True, show_envvar=True,
              envvar="TRACKER_CONNECTION_LIMIT", type=click.IntRange(10, 10_000),
              help="Open connections at most; more wait in the backlog.")
@click.option("--channel-timeout", default=30, show_default=True, show_envvar=True,
              envvar="TRACKER_CHANNEL_TIMEOUT", type=click.IntRange(1, 3600),
              help="Seconds an idle connection is kept open.")
@click.option("--cleanup-interval", default=5, show_default=True, show_envvar=True,
              envvar="TRACKER_CLEANUP_INTERVAL", type=click.IntRange(1, 3600),
              help="Seconds between sweeps that close idle connections.")
@click.option("--backlog", default=1024, show_default=True, show_envvar=True,
              envvar="TRACKER_BACKLOG", type=click.IntRange(1, 65535),
              help="Connections the system queues while all are busy.")
@click.option("--debug", is_flag=True, help="Flask's development server with the reloader.")
@config_option
@db_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int, connection_limit: int,
          channel_timeout: int, cleanup_interval: int, backlog: int, debug: bool) -> None:
    """Serve the web app (waitress); loads the bundled corpus into an empty
    database first.

    Idle connections are closed after --channel-timeout seconds, so clients
    that open sockets and send nothing are dropped instead of holding every
    connection the server has.

    \b
    Example:
      tracker serve --port 8080
    """
    from tracker.corpus import load_bundled_corpus
    from tracker.web import create_app

    with open_db(ctx, create=True) as store:
        if store.is_empty():
            click.echo(f"{store.path}: empty, {load_bundled_corpus(store).describe()}")
        path = store.path
    settings = _settings(ctx)
    overrides = {"DATABASE": str(path)}
    if settings.path:
        overrides["BASE_URL"] = settings.base_url
    app = create_app(overrides)
    click.echo(f"serving {path} on http://{host}:{port}/ (Ctrl-C stops)")
    if debug:
        app.run(host=host, port=port, debug=True)
        return
    import waitress

    # poll() rather than select(): select() cannot watch descriptors past 1023.
    waitress.serve(app, host=host, port=port, threads=threads, ident="tracker",
                   connection_limit=connection_limit, channel_timeout=channel_timeout,
                   cleanup_interval=cleanup_interval, backlog=backlog, asyncore_use_poll=True)


def _statements(ctx: click.Context, names: tuple[str, ...]):
    """Each name is a file (no database needed) or a snapshot, document or
    meeting name resolved in the database."""
    from tracker.statement import Statement

    files = {name: _read_statement_file(name) for name in names if Path(name).is_file()}
    if all(name in files for name in names):
        return [Statement(name, files[name]) for name in names]
    _check_names([name for name in names if name not in files])
    from tracker.resolve import resolve_statement

    with open_db(ctx) as store:
        return [Statement(n, files[n]) if n in files else resolve_statement(store, n)
                for n in names]


def _check_names(names: list[str]) -> None:
    """A name that is neither a file nor a valid snapshot name is most
    likely a mistyped path: say so before looking for a database."""
    from tracker.errors import InputError
    from tracker.refs import parse_snapshot_ref

    for name in names:
        try:
            parse_snapshot_ref(name)
        except InputError:
            raise InputError(f"{name}: no such file, and not a document or meeting name "
                             "(DOCUMENT, DOCUMENT@N or a meeting slug)") from None


def _read_statement_file(name: str) -> str:
    from tracker.config import max_input_bytes
    from tracker.ingest.intake import read_source

    return read_source(name, "auto", max_input_bytes()).text


def _write(output: str, color: bool) -> None:
    """Print a comparison. Plain output goes straight to stdout: click.echo
    would run an ANSI-stripping regex over megabytes of JSON for nothing."""
    if color:
        click.echo(output.rstrip("\n"), color=True)
    else:
        sys.stdout.write(output.rstrip("\n") + "\n")


def _compare(first, second):
    from tracker.compare import compare_texts
    from tracker.config import max_sentences

    return compare_texts(first.text, second.text, first.label, second.label,
                         max_sentences=max_sentences())


def _use_color(option: bool | None) -> bool:
    return sys.stdout.isatty() if option is None else option


color_option = click.option("--color/--no-color", default=None,
                            help="Colour the output (default: when printing to a terminal).")


@main.command()
@click.argument("a", type=FILE_OR_NAME)
@click.argument("b", type=FILE_OR_NAME)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "unified", "html"]),
              default="text", show_default=True)
@click.option("--side-by-side", is_flag=True, help="Two columns (text and html formats).")
@click.option("--width", type=click.IntRange(40, 400), default=None,
              help="Line width for text output (default: the terminal's).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the texts differ, as diff does.")
@color_option
@db_option
@click.pass_context
def diff(ctx: click.Context, a: str, b: str, fmt: str, side_by_side: bool, width: int | None,
         exit_code: bool, color: bool | None) -> None:
    """Compare two statements sentence by sentence.

    A and B are files (no database needed), DOCUMENT@N, DOCUMENT (its latest
    version) or a meeting slug (its primary text, latest version).

    \b
    Examples:
      tracker diff old.txt new.txt
      tracker diff edscg-4 edscg-5 --format json
      tracker diff edscg-5-joint-statement edscg-5-joint-statement-rok --side-by-side
    """
    from tracker.compare import formats

    first, second = _statements(ctx, (a, b))
    comparison = _compare(first, second)
    use_color = fmt == "text" and _use_color(color)
    if fmt == "json":
        output = formats.format_json(comparison)
    elif fmt == "unified":
        output = formats.format_unified(comparison)
    elif fmt == "html":
        output = formats.format_html(comparison, side_by_side=side_by_side)
    else:
        import shutil

        output = formats.format_text(comparison, color=use_color,
                                     side_by_side=side_by_side,
                                     width=width or shutil.get_terminal_size().columns)
    _write(output, use_color)
    if exit_code and not comparison.identical:
        sys.exit(1)


@main.command()
@click.argument("meeting_a", type=FILE_OR_NAME)
@click.argument("meeting_b", type=FILE_OR_NAME)
@color_option
@db_option
@json_option
@click.pass_context
def compare(ctx: click.Context, meeting_a: str, meeting_b: str, color: bool | None,
            as_json: bool) -> None:
    """The meeting-over-meeting report: summary, then commitments added,
    dropped, strengthened and weakened, then the other changes.

    \b
    Example:
      tracker compare edscg-4 edscg-5
    """
    from tracker.compare import formats

    first, second = _statements(ctx, (meeting_a, meeting_b))
    comparison = _compare(first, second)
    if as_json:
        click.echo(formats.format_json(comparison))
    else:
        use_color = _use_color(color)
        _write(formats.format_report(comparison, color=use_color), use_color)


def _series_texts(ctx: click.Context, series: str) -> list[tuple[str, str]]:
    from tracker.resolve import series_statements

    with open_db(ctx) as store:
        statements = series_statements(store, series)
    return [(s.snapshot.document.meeting, s.text) for s in statements]


@main.command()
@click.argument("series", default="edscg")
@db_option
@json_option
@click.pass_context
def lineage(ctx: click.Context, series: str, as_json: bool) -> None:
    """Every commitment's history across a series' meetings: where it first
    appeared, its wording at each later meeting, where it was dropped.

    \b
    Example:
      tracker lineage edscg
    """
    from tracker.compare.lineage import build_lineage, format_lineage_text
    from tracker.config import max_statement_sentences

    found = build_lineage(_series_texts(ctx, series), max_statement_sentences())
    _print_json(found.to_dict()) if as_json else _echo(format_lineage_text(found))


@main.command()
@click.argument("series", default="edscg")
@db_option
@json_option
@click.pass_context
def terms(ctx: click.Context, series: str, as_json: bool) -> None:
    """The term timeline: which tracked terms and topics each meeting's
    primary statement uses, and how often.

    \b
    Example:
      tracker terms edscg
    """
    from tracker.compare.terms import format_terms_table, term_timeline
    from tracker.config import max_statement_sentences

    timeline = term_timeline(_series_texts(ctx, series),
                             max_sentences=max_statement_sentences())
    _print_json(timeline.to_dict()) if as_json else _echo(format_terms_table(timeline))


def _settings(ctx: click.Context):
    from tracker.settings import load_settings

    return load_settings(ctx.meta.get("tracker.config"))


@main.group(cls=TrackerGroup)
def sources() -> None:
    """Watched pages: add, list, pause, resume, remove, import and export.

    \b
    Example:
      tracker sources add https://www.example.gov/s --document edscg-6-joint-statement \
        --meeting edscg-6 --every 6h
    """


@sources.command(name="add")
@click.argument("url")
@click.option("--document", required=True, help="The document this page's text becomes.")
@click.option("--meeting", help="Meeting slug, to create the document when it is new.")
@click.option("--selector", help="CSS selector of the statement text on the page.")
@click.option("--every", help="Check interval such as 6h, 30m or 10s (default 6h).")
@click.option("--cron", help='A crontab line instead, e.g. "0 */6 * * *" (UTC).')
@click.option("--ignore", multiple=True, help="A regular expression of volatile text to "
              "remove before comparing (repeatable).")
@click.option("--note", help="A note kept with the source.")
@config_option
@db_option
@json_option
@click.pass_context
def sources_add(ctx, url, document, meeting, selector, every, cron, ignore, note, as_json):
    """Watch URL for DOCUMENT.

    \b
    Example:
      tracker sources add https://www.example.gov/s --document edscg-6-joint-statement \
        --meeting edscg-6 --every 6h --ignore "Last updated:.*"
    """
    from tracker.watch.jobfile import source_spec
    from tracker.watch.sources import register_sources

    spec = source_spec(url, document, meeting, selector, every, cron, ignore, note)
    with open_db(ctx, create=True) as store:
        source = register_sources(store, [spec], update=False,
                                  policy=_add_time_policy(ctx))[0].source
    if as_json:
        return _print_json(source.to_dict())
    click.echo(f"source {source.id}: {source.url} -> {source.document} ({source.schedule()})")
    _warn_if_short(source)


def _add_time_policy(ctx):
    """The address policy new CLI sources must meet: none unless the
    configuration says ``[fetch] allow_private = false``."""
    fetch = _settings(ctx).fetch
    return None if fetch.allow_private else fetch.policy()


def _warn_if_short(source) -> None:
    if source.short_interval:
        click.echo(f"warning: checking every {source.interval_seconds}s is meant for tests and "
                   "demos; be kind to the server", err=True)


@sources.command(name="list")
@db_option
@json_option
@click.pass_context
def sources_list(ctx, as_json):
    """List watched sources with their schedule and last check.

    \b
    Example:
      tracker sources list
    """
    from tracker.tables import format_table

    with open_db(ctx) as store:
        found = store.sources()
    if as_json:
        return _print_json([s.to_dict() for s in found])
    rows = [[s.id, "on" if s.enabled else "paused", s.schedule(), s.document,
             s.last_outcome, s.last_checked_at, s.url] for s in found]
    _echo(format_table(["ID", "STATE", "SCHEDULE", "DOCUMENT", "LAST", "CHECKED", "URL"],
                            rows))


def _source_state_command(name: str, enabled: bool | None, help_text: str):
    @sources.command(name=name, help=help_text)
    @click.argument("source_id", type=int)
    @db_option
    @click.pass_context
    def command(ctx, source_id):
        with open_db(ctx) as store:
            if enabled is None:
                source = store.remove_source(source_id)
            else:
                source = store.set_source_enabled(source_id, enabled)
        click.echo(f"source {source.id} {name}d: {source.url}" if name != "remove"
                   else f"source {source.id} removed: {source.url}")

    return command


_source_state_command("pause", False, "Stop checking source ID until resumed.\n\n"
                      "\b\nExample:\n  tracker sources pause 3")
_source_state_command("resume", True, "Check source ID again.\n\n"
                      "\b\nExample:\n  tracker sources resume 3")
_source_state_command("remove", None, "Stop watching source ID and drop its check log "
                      "(versions stay).\n\n\b\nExample:\n  tracker sources remove 3")


@sources.command(name="import")
@click.argument("job_file", type=click.Path(path_type=Path))
@config_option
@db_option
@click.pass_context
def sources_import(ctx, job_file: Path):
    """Add or update the sources of a job file (e.g. jobs/edscg.toml).

    \b
    Example:
      tracker sources import jobs/edscg.toml
    """
    from tracker.watch.jobfile import read_job_file
    from tracker.watch.sources import register_sources

    specs = read_job_file(job_file)
    with open_db(ctx, create=True) as store:
        done = register_sources(store, specs, update=True, policy=_add_time_policy(ctx))
    created = sum(r.created for r in done)
    click.echo(f"{job_file}: {created} sources added, {len(done) - created} updated")


@sources.command(name="export")
@click.argument("job_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.pass_context
def sources_export(ctx, job_file: Path | None):
    """Write the sources as a job file (to JOB_FILE, or standard output).

    \b
    Example:
      tracker sources export jobs/mine.toml
    """
    from tracker.watch.jobfile import format_job_file

    with open_db(ctx) as store:
        found = store.sources()
        meetings = {s.document: store.document(s.document).meeting for s in found}
    text = format_job_file(found, meetings)
    if job_file:
        from tracker.corpus import write_atomically

        write_atomically(job_file, text)
        click.echo(f"{job_file}: {len(found)} sources")
    else:
        click.echo(text.rstrip("\n"))


@main.command()
@click.argument("source_ids", nargs=-1, type=int)
@config_option
@db_option
@json_option
@click.pass_context
def check(ctx, source_ids: tuple[int, ...], as_json: bool) -> None:
    """Check sources once now (all enabled ones, or the IDs given), store
    new versions, and send the change reports.

    \b
    Example:
      tracker check
      tracker check 3 4
    """

    settings = _settings(ctx)
    with open_db(ctx) as store:
        chosen = [store.source(i) for i in source_ids] or store.sources(enabled_only=True)
        if not chosen:
            raise TrackerError("no sources to check (add one with `tracker sources add`)")
        results = _check_with_progress(store, chosen, settings, as_json)
        delivered = _deliver_now(store, settings)
    if as_json:
        return _print_json({"checks": [r.__dict__ for r in results],
                            "deliveries": delivered.to_dict()})
    counts = {}
    for result in results:
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
    click.echo(f"{len(results)} checked: {summary}; reports: {delivered.describe()}")
    if counts.get("error"):
        sys.exit(1)


def _check_with_progress(store, chosen, settings, quiet: bool):
    from tracker.watch.check import check_round

    if quiet or len(chosen) < 5:
        return check_round(store, chosen, settings,
                           on_done=None if quiet else lambda r: click.echo(r.describe()))
    with click.progressbar(length=len(chosen), label="checking", file=sys.stderr) as bar:
        return check_round(store, chosen, settings, on_done=lambda _r: bar.update(1))


def _deliver_now(store, settings):
    from tracker.reports.deliver import deliver_due

    return deliver_due(store, settings)


@main.command()
@config_option
@db_option
@click.pass_context
def schedule(ctx) -> None:
    """Run the scheduler in the foreground: check every enabled source at its
    interval, store new versions, send reports. Stop with Ctrl-C or SIGTERM.

    \b
    Example:
      tracker schedule --config tracker.toml
    """
    from tracker.config import database_path
    from tracker.watch.schedule import Watcher, run_forever

    settings = _settings(ctx)
    path = database_path(ctx.meta.get("tracker.db"))
    with open_db(ctx) as store:
        count = len(store.sources(enabled_only=True))
    click.echo(f"scheduling {count} sources from {path} (Ctrl-C stops)")
    run_forever(Watcher(path, settings, log=lambda line: click.echo(line)))


@main.command()
@config_option
@db_option
@json_option
@click.pass_context
def deliver(ctx, as_json: bool) -> None:
    """Send the change reports that are due (new ones, and retries).

    \b
    Example:
      tracker deliver
    """
    with open_db(ctx) as store:
        done = _deliver_now(store, _settings(ctx))
    _print_json(done.to_dict()) if as_json else click.echo(done.describe())


@main.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.pass_context
def backup(ctx, target: Path) -> None:
    """Copy the database to TARGET with SQLite's online backup: safe while
    the scheduler, the web app or other commands write. Restore by using
    the copy as the database (`--db TARGET`) or copying it back while
    nothing runs.

    \b
    Example:
      tracker backup backups/tracker-2026-11-28.db
    """
    with open_db(ctx) as store:
        count = store.backup(target)
    click.echo(f"{target}: backup of {store.path} with {count} snapshots, integrity ok")
