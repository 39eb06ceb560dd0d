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


class TrackerGroup(click.Group):
    """Turns expected failures into one readable line, never a traceback."""

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
    click.echo(f"tracker: error: {message}", err=True)
    sys.exit(status)


def _db_callback(ctx: click.Context, _param, value):
    if value is not None:
        ctx.meta["tracker.db"] = value
    return value


db_option = click.option(
    "--db", type=click.Path(dir_okay=False), expose_value=False, callback=_db_callback,
    is_eager=True, help="Database file (default: $TRACKER_DB, else ./tracker.db).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def open_db(ctx: click.Context, create: bool = False):
    """Open the database chosen by --db, $TRACKER_DB or ./tracker.db."""
    from tracker.config import database_path
    from tracker.store import open_store

    return open_store(database_path(ctx.meta.get("tracker.db")), create=create)


def _print_json(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
@db_option
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
@click.argument("source")
@click.option("--document", help="Document slug (default: MEETING-joint-statement).")
@click.option("--meeting", help="Meeting slug, e.g. edscg-6; created when new.")
@click.option("--series", help="Series slug (default: from the meeting slug, e.g. edscg).")
@click.option("--title", help="Document title.")
@click.option("--date", help="Meeting date, YYYY-MM-DD.")
@click.option("--location", help="Meeting place.")
@click.option("--publisher", help="Who published this text, e.g. 'U.S. Department of State'.")
@click.option("--language", help="Language code of the text, e.g. en or ko.")
@click.option("--kind", help="Document kind (default joint-statement).")
@click.option("--format", "fmt", type=click.Choice(["auto", "html", "text"]), default="auto",
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
    from tracker.intake import read_source
    from tracker.model import Capture
    from tracker.specs import document_spec_from_options

    spec = document_spec_from_options(**metadata)
    intake = read_source(source, fmt, max_input_bytes())
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
    click.echo(format_table(["DOCUMENT", "MEETING", "PUBLISHER", "VERSIONS", "LATEST"], rows))


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
    click.echo(format_table(["MEETING", "DATE", "PLACE", "DOCS", "TITLE"], rows))


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
    click.echo(format_table(["VERSION", "CAPTURED", "ORIGIN", "SHA256", "CHARS", "SOURCE"], rows))


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
    click.echo(f"{snapshot.label}  {doc.title or ''}".rstrip())
    click.echo(f"meeting {doc.meeting} · {doc.publisher or 'publisher unknown'} · "
               f"captured {info.captured_at} ({info.origin}) · sha256 {info.sha256[:12]}")
    if doc.notice:
        click.echo(f"note: {doc.notice}")
    click.echo("")
    click.echo(snapshot.text)


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
@click.option("--debug", is_flag=True, help="Flask's development server with the reloader.")
@db_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int, debug: bool) -> None:
    """Serve the web app (waitress); loads the bundled corpus into an empty
    database first.

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
    app = create_app({"DATABASE": str(path)})
    click.echo(f"serving {path} on http://{host}:{port}/ (Ctrl-C stops)")
    if debug:
        app.run(host=host, port=port, debug=True)
        return
    import waitress

    waitress.serve(app, host=host, port=port, threads=threads, ident="tracker")


def _statements(ctx: click.Context, names: tuple[str, ...]):
    """Each name is a file (no database needed) or a snapshot, document or
    meeting name resolved in the database."""
    from tracker.resolve import Statement

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
    from tracker.intake import read_source

    return read_source(name, "auto", max_input_bytes()).text


def _use_color(option: bool | None) -> bool:
    return sys.stdout.isatty() if option is None else option


color_option = click.option("--color/--no-color", default=None,
                            help="Colour the output (default: when printing to a terminal).")


@main.command()
@click.argument("a")
@click.argument("b")
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
    from tracker.compare import compare_texts, formats

    first, second = _statements(ctx, (a, b))
    comparison = compare_texts(first.text, second.text, first.label, second.label)
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
    click.echo(output.rstrip("\n"), color=use_color)
    if exit_code and any(u.kind != "unchanged" or u.moved for u in comparison.units):
        sys.exit(1)


@main.command()
@click.argument("meeting_a")
@click.argument("meeting_b")
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
    from tracker.compare import compare_texts, formats

    first, second = _statements(ctx, (meeting_a, meeting_b))
    comparison = compare_texts(first.text, second.text, first.label, second.label)
    if as_json:
        click.echo(formats.format_json(comparison))
    else:
        use_color = _use_color(color)
        click.echo(formats.format_report(comparison, color=use_color).rstrip("\n"),
                   color=use_color)


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

    found = build_lineage(_series_texts(ctx, series))
    _print_json(found.to_dict()) if as_json else click.echo(format_lineage_text(found))


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

    timeline = term_timeline(_series_texts(ctx, series))
    _print_json(timeline.to_dict()) if as_json else click.echo(format_terms_table(timeline))
