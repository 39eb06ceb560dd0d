"""Commands on the snapshot store: init, add, list, meetings, show, export,
import and backup (``history`` is with the corrections)."""

import sys
from pathlib import Path

import click

from tracker.cli.options import (
    FILE_OR_NAME,
    cli_settings,
    command,
    db_option,
    echo,
    environment_settings,
    include_retracted_option,
    json_option,
    open_db,
    print_json,
)
from tracker.errors import TrackerError
from tracker.ingest.formats import FORMATS


@command()
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
    from tracker.store.corpus import load_bundled_corpus

    with open_db(ctx, create=True) as store:
        report = load_bundled_corpus(store)
        path = store.path
    if as_json:
        print_json({"database": str(path), **report.to_dict()})
    else:
        click.echo(f"{path}: bundled corpus loaded, {report.describe()}")


@command()
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
              show_default=True,
              help="How to read SOURCE; auto goes by the bytes (PDF, DOCX), then the "
                   "content type or file suffix.")
@click.option("--note", help="A note kept with this version.")
@db_option
@json_option
@click.pass_context
def add(ctx: click.Context, source: str, fmt: str, note: str | None, as_json: bool,
        **metadata) -> None:
    """Add a snapshot from SOURCE: a file (.txt, .md, .html, .htm, .pdf,
    .docx), an http(s) URL, or - for standard input.

    Prints the new version, or "unchanged (vN)" when the text equals the
    latest version.

    \b
    Examples:
      tracker add statement.html --meeting edscg-6 --date 2025-10-01 --publisher State
      tracker add statement.pdf --meeting edscg-6
      curl -s URL | tracker add - --document edscg-5-joint-statement --note "re-checked"
    """
    from tracker.ingest.intake import read_source
    from tracker.refs.specs import document_spec_from_options

    spec = document_spec_from_options(**metadata)
    is_url = source.startswith(("http://", "https://"))
    settings = cli_settings(ctx) if is_url else environment_settings(ctx)
    policy = settings.fetch.owner_policy() if is_url else None
    intake = read_source(source, fmt, settings.limits.max_input_bytes, policy)
    with open_db(ctx, create=True, announce=True) as store:
        result = store.add(spec, intake.capture("cli", note))
        # After the add, so the flags, stored with the document, win.
        store.fill_document_blanks(result.document, **intake.metadata.to_dict())
    print_json(result.to_dict()) if as_json else click.echo(result.describe())


@command(name="list")
@include_retracted_option
@db_option
@json_option
@click.pass_context
def list_documents(ctx: click.Context, as_json: bool) -> None:
    """List documents with their meeting, publisher and versions.

    \b
    Example:
      tracker list
    """
    from tracker.cli.listing import print_documents

    with open_db(ctx) as store:
        documents = store.documents()
    print_documents(documents, as_json)


@command()
@click.argument("series", required=False)
@include_retracted_option
@db_option
@json_option
@click.pass_context
def meetings(ctx: click.Context, series: str | None, as_json: bool) -> None:
    """List meetings in date order, optionally of one SERIES (e.g. edscg).

    \b
    Example:
      tracker meetings edscg
    """
    from tracker.cli.tables import format_table

    with open_db(ctx) as store:
        found = store.meetings(series)
    if as_json:
        return print_json([m.to_dict() for m in found])
    rows = [[m.slug, m.date, m.location, len(m.documents), m.title] for m in found]
    echo(format_table(["MEETING", "DATE", "PLACE", "DOCS", "TITLE"], rows))


@command()
@click.argument("ref", metavar="DOCUMENT[@VERSION]")
@click.option("--raw", is_flag=True, help="Print the input this version was made from.")
@include_retracted_option
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
        date = store.meeting(snapshot.document.meeting).date
    if raw:
        if original is None:
            raise TrackerError(f"{snapshot.label} was imported from a snapshot file; "
                               "no raw input is kept")
        sys.stdout.buffer.write(original)
        return
    if as_json:
        return print_json({**snapshot.to_dict(), "metadata": _metadata(snapshot, date)})
    _print_snapshot(snapshot)


def _print_snapshot(snapshot) -> None:
    """A snapshot for a reader: a heading line, a facts line, the text."""
    info, doc = snapshot.info, snapshot.document
    echo(f"{snapshot.label}  {doc.title or ''}".rstrip())
    echo(f"meeting {doc.meeting} · {doc.publisher or 'publisher unknown'} · "
          f"captured {info.captured_at} ({info.origin}) · sha256 {info.sha256[:12]}")
    if doc.notice:
        echo(f"note: {doc.notice}")
    click.echo("")
    echo(snapshot.text)


def _metadata(snapshot, date: str | None) -> dict:
    """The fields a page fills when they are empty, in one place for scripts."""
    doc = snapshot.document
    return {"title": doc.title, "language": doc.language, "date": date, "url": doc.url}


@command(name="export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@db_option
@json_option
@click.pass_context
def export_command(ctx: click.Context, folder: Path, as_json: bool) -> None:
    """Write every snapshot to FOLDER as text files with front matter, and
    the annotations to FOLDER/annotations.json.

    \b
    Example:
      tracker export history/ && git -C history add -A
    """
    from tracker.store.corpus import export_folder

    with open_db(ctx) as store:
        report = export_folder(store, folder)
    print_json(report.to_dict()) if as_json else click.echo(report.describe())


@command(name="import")
@click.argument("folder", type=click.Path(path_type=Path))
@db_option
@json_option
@click.pass_context
def import_command(ctx: click.Context, folder: Path, as_json: bool) -> None:
    """Load every snapshot file (*.txt) below FOLDER, and FOLDER/annotations.json
    when there is one; all or nothing.

    \b
    Example:
      tracker --db copy.db import history/
    """
    from tracker.store.corpus import add_files, read_annotations, read_folder

    # Read and refuse a bad folder before a database is created.
    limit = environment_settings(ctx).limits.max_input_bytes
    files, annotations = read_folder(folder, limit), read_annotations(folder, limit)
    with open_db(ctx, create=True) as store:
        report = add_files(store, files, annotations)
    print_json(report.to_dict()) if as_json else click.echo(report.describe())


@command()
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


COMMANDS = [init, add, list_documents, meetings, show, export_command, import_command,
            backup]
