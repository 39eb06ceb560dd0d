"""Corrections with the history kept: ``meta`` edits metadata, ``retract``
and ``unretract`` hide and bring back a version, ``history`` lists a
document's versions and every correction made to it."""

import click

from tracker.cli.options import (
    command,
    db_option,
    echo,
    include_retracted_option,
    json_option,
    open_db,
    print_json,
)


def _os_user() -> str:
    """Who made a correction when ``--by`` is not given: the login name."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


by_option = click.option("--by", default=_os_user, show_default="the OS user",
                         help="Who makes the correction, kept in the history.")


@command()
@click.argument("slug", metavar="DOCUMENT|MEETING")
@click.option("--title", help="Title (document or meeting).")
@click.option("--date", help="Meeting date, YYYY-MM-DD (meeting).")
@click.option("--location", help="Meeting place (meeting).")
@click.option("--delegations", help="Who attended (meeting).")
@click.option("--publisher", help="Who published the text (document).")
@click.option("--language", help="Language code, e.g. en or ko (document).")
@click.option("--url", help="Official address (document).")
@click.option("--url-status", help="verified, unverified or unknown (document).")
@click.option("--notice", help="A note shown with the document (document).")
@by_option
@db_option
@json_option
@click.pass_context
def meta(ctx: click.Context, slug: str, by: str, as_json: bool, **fields) -> None:
    """Correct the metadata of a DOCUMENT or a MEETING; each change is kept
    with who, when, and the old and new value (see `tracker history`).
    An empty value ("") clears a field.

    \b
    Examples:
      tracker meta edscg-6 --date 2025-10-02 --title "Sixth EDSCG"
      tracker meta edscg-6-joint-statement --publisher "U.S. Department of State"
    """
    from tracker.refs import validate_slug

    validate_slug(slug, "document or meeting slug")
    with open_db(ctx) as store:
        edits = store.edit_metadata(slug, fields, by)
    if as_json:
        return print_json([edit.to_dict() for edit in edits])
    if not edits:
        return echo(f"{slug}: unchanged (the values given are the ones held)")
    for edit in edits:
        echo(f"{slug}: {edit.field}: {edit.old!r} → {edit.new!r}")


@command()
@click.argument("ref", metavar="DOCUMENT@N")
@click.option("--reason", required=True, help="Why the version is withdrawn.")
@by_option
@db_option
@json_option
@click.pass_context
def retract(ctx: click.Context, ref: str, reason: str, by: str, as_json: bool) -> None:
    """Hide the version DOCUMENT@N from lists, pages, comparisons, lineage,
    terms, search and reports. Nothing is deleted: the snapshot stays as it
    was, and `tracker unretract` brings it back.

    \b
    Example:
      tracker retract edscg-6-joint-statement@2 --reason "raw PDF bytes, not text"
    """
    parsed = _exact_ref(ref)
    with open_db(ctx) as store:
        done = store.retract(parsed.document, parsed.version, reason, by)
    print_json(done.to_dict()) if as_json else echo(
        f"{ref}: retracted ({done.reason}); `tracker unretract {ref}` undoes it")


@command()
@click.argument("ref", metavar="DOCUMENT@N")
@by_option
@db_option
@json_option
@click.pass_context
def unretract(ctx: click.Context, ref: str, by: str, as_json: bool) -> None:
    """Bring back a retracted version; the retraction stays in the history.

    \b
    Example:
      tracker unretract edscg-6-joint-statement@2
    """
    parsed = _exact_ref(ref)
    with open_db(ctx) as store:
        done = store.unretract(parsed.document, parsed.version, by)
    print_json({**done.to_dict(), "unretracted_by": by}) if as_json else echo(
        f"{ref}: back (it was retracted by {done.retracted_by}: {done.reason})")


def _exact_ref(ref: str):
    from tracker.errors import InputError
    from tracker.refs import parse_snapshot_ref

    parsed = parse_snapshot_ref(ref)
    if parsed.version is None:
        raise InputError(f"name one version: {ref}@N (see `tracker history {ref}`)")
    return parsed


@command()
@click.argument("document")
@click.option("--edits", is_flag=True, help="Only the corrections (edits and retractions).")
@include_retracted_option
@db_option
@json_option
@click.pass_context
def history(ctx: click.Context, document: str, edits: bool, as_json: bool) -> None:
    """List the versions of one DOCUMENT, then the corrections made to it
    and to its meeting (who, when, old and new value).

    \b
    Examples:
      tracker history edscg-5-joint-statement
      tracker history edscg-5-joint-statement --edits --json
    """
    from tracker.refs import validate_slug

    validate_slug(document, "document slug")
    with open_db(ctx) as store:
        versions = [] if edits else store.history(document)
        log = store.corrections(document)
        retracted = {r.version for r in store.retractions(document)}
    if as_json:
        return print_json([c.to_dict() for c in log] if edits
                          else [v.to_dict() for v in versions])
    if not edits:
        _print_versions(versions, retracted)
    _print_log(log, blank_line=not edits)


def _print_versions(versions, retracted: set[int]) -> None:
    from tracker.cli.tables import format_table

    rows = [[f"v{v.version}" + (" (retracted)" if v.version in retracted else ""),
             v.captured_at, v.origin, v.sha256[:12], v.chars, v.source_url or v.note]
            for v in versions]
    echo(format_table(["VERSION", "CAPTURED", "ORIGIN", "SHA256", "CHARS", "SOURCE"], rows))


def _print_log(log, blank_line: bool) -> None:
    from tracker.cli.tables import format_table

    if not log:
        return None if blank_line else echo("no corrections")
    if blank_line:
        click.echo("")
    rows = [[c.at, c.by, c.action, _what(c)] for c in log]
    echo(format_table(["WHEN", "BY", "ACTION", "WHAT"], rows))


def _what(correction) -> str:
    if correction.action == "edit":
        return (f"{correction.target} {correction.slug}: {correction.field} "
                f"{correction.old!r} → {correction.new!r}")
    reason = f": {correction.reason}" if correction.reason else ""
    return f"v{correction.version}{reason}"


COMMANDS = [meta, retract, unretract, history]
