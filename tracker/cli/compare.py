"""Commands that compare: diff and compare (two statements), lineage and
terms (a whole series). Only ``diff`` of two files must start fast, so
nothing heavy is imported here at the top."""

import sys

import click

from tracker.cli import diffing, options
from tracker.cli.options import (
    FILE_OR_NAME,
    command,
    db_option,
    include_retracted_option,
    json_option,
)


def _statements(ctx: click.Context, names: tuple[str, ...]):
    """The two sides, files or names in the database (opened only if needed)."""
    from tracker.refs.resolve import resolve_statements

    limit = options.environment_settings(ctx).limits.max_input_bytes
    return resolve_statements(names, limit, lambda: options.open_db(ctx))


def _compare(ctx: click.Context, first, second):
    return diffing.compare_statements(
        first, second, options.environment_settings(ctx).limits.max_sentences)


color_option = click.option("--color/--no-color", default=None,
                            help="Colour the output (default: when printing to a terminal).")


@command()
@click.argument("a", type=FILE_OR_NAME)
@click.argument("b", type=FILE_OR_NAME)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "unified", "html"]),
              default="text", show_default=True)
@click.option("--side-by-side", is_flag=True, help="Two columns (text and html formats).")
@click.option("--width", type=click.IntRange(40, 400), default=None,
              help="Line width for text output (default: the terminal's).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the texts differ, as diff does.")
@color_option
@include_retracted_option
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
    first, second = _statements(ctx, (a, b))
    status = diffing.print_diff(_compare(ctx, first, second), fmt, side_by_side, width, color,
                                exit_code)
    if status:
        sys.exit(status)


@command()
@click.argument("meeting_a", type=FILE_OR_NAME)
@click.argument("meeting_b", type=FILE_OR_NAME)
@color_option
@include_retracted_option
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
    comparison = _compare(ctx, first, second)
    if as_json:
        click.echo(formats.format_json(comparison))
    else:
        diffing.write_output(formats.format_report(comparison,
                                                   color=diffing.use_color(color)))


def _print_series_view(ctx: click.Context, series: str, as_json: bool, build, render) -> None:
    """Build a series view (lineage, term timeline) from the latest primary
    text of each meeting, capped by ``$TRACKER_MAX_STATEMENT_SENTENCES``."""
    from tracker.refs.resolve import series_texts

    with options.open_db(ctx) as store:
        texts = series_texts(store, series)
    view = build(texts, options.environment_settings(ctx).limits.max_statement_sentences)
    options.print_json(view.to_dict()) if as_json else options.echo(render(view))


def _series_command(function):
    """A command over the meetings of one SERIES (default edscg)."""
    for decorate in (click.pass_context, json_option, db_option, include_retracted_option,
                     click.argument("series", default="edscg"), command()):
        function = decorate(function)
    return function


@_series_command
def lineage(ctx: click.Context, series: str, as_json: bool) -> None:
    """Every commitment's history across a series' meetings: where it first
    appeared, its wording at each later meeting, where it was dropped.

    \b
    Example:
      tracker lineage edscg
    """
    from tracker.compare.lineage import build_lineage, format_lineage_text

    _print_series_view(ctx, series, as_json, build_lineage, format_lineage_text)


@_series_command
def terms(ctx: click.Context, series: str, as_json: bool) -> None:
    """The term timeline: which tracked terms and topics each meeting's
    primary statement uses, and how often.

    \b
    Example:
      tracker terms edscg
    """
    from tracker.compare.terms import format_terms_table, term_timeline

    build = lambda texts, cap: term_timeline(texts, max_sentences=cap)  # noqa: E731
    _print_series_view(ctx, series, as_json, build, format_terms_table)


COMMANDS = [diff, compare, lineage, terms]
