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


def _compare(ctx: click.Context, first, second, mode: str = "auto"):
    """Compare two statements; a forced word diff across languages warns."""
    return diffing.compare_statements(
        first, second, options.environment_settings(ctx).limits.max_sentences, mode,
        (statement_language(first), statement_language(second)))


def statement_language(statement) -> str | None:
    """The language its document records (None for a file)."""
    return statement.snapshot.document.language if statement.snapshot else None


def _mode(word_diff: bool, translation: bool, glossaries: tuple[str, ...]) -> str:
    """The comparison mode the flags ask for, with the users' glossaries loaded."""
    if word_diff and translation:
        raise click.UsageError("--word-diff and --translation exclude each other")
    if glossaries:
        from tracker.compare.glossary import use_glossary_files

        use_glossary_files(glossaries)
    return "words" if word_diff else "translation" if translation else "auto"


def _language_options(function):
    """``--word-diff``, ``--translation`` and ``--glossary``, shared by diff and compare."""
    for decorate in (
        click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
                     help="A glossary file of your own, added to the bundled one "
                          "(repeatable; see README, 'Bilingual glossary')."),
        click.option("--translation", is_flag=True,
                     help="Align as translations even if the languages look the same."),
        click.option("--word-diff", is_flag=True,
                     help="Word diff even across languages (warns when they differ)."),
    ):
        function = decorate(function)
    return function


def _for_people(comparison, first, second):
    """The comparison under the names people read, and the notices about
    its texts ("a digest, not the official wording"); JSON keeps slugs."""
    from tracker.refs.labels import named_sides

    names, notices = named_sides(first, second)
    return comparison.relabelled(*names), [f"Not the official wording: {n.line()}"
                                           for n in notices]


color_option = click.option("--color/--no-color", default=None,
                            help="Colour the output (default: when printing to a terminal).")
markers_option = click.option(
    "--no-markers", "no_markers", is_flag=True,
    help="With colour, drop the [-…-] {+…+} marks around changed words (colour alone).")
LEGEND_HELP = """

\b
Legend (each sentence starts with a mark):
  *  reworded          +  added          -  dropped
  ~  moved, after the mark ("*~" reworded and moved, " ~" only moved)
  [-deleted words-]  {+inserted words+}  (kept in colour unless --no-markers)
  A sentence added or dropped whole is not bracketed: its mark says it.
"""


@command()
@click.argument("a", type=FILE_OR_NAME)
@click.argument("b", type=FILE_OR_NAME)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "unified", "html"]),
              default="text", show_default=True)
@click.option("--side-by-side", is_flag=True, help="Two columns (text and html formats).")
@click.option("--width", type=click.IntRange(40, 400), default=None,
              help="Line width for text output (default: the terminal's).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the texts differ, as diff does.")
@_language_options
@color_option
@markers_option
@include_retracted_option
@db_option
@click.pass_context
def diff(ctx: click.Context, a: str, b: str, fmt: str, side_by_side: bool, width: int | None,
         exit_code: bool, color: bool | None, no_markers: bool, word_diff: bool,
         translation: bool, glossaries: tuple[str, ...]) -> None:
    """Compare two statements sentence by sentence.

    A and B are files (no database needed), DOCUMENT@N, DOCUMENT (its latest
    version) or a meeting slug (its primary text, latest version).

    \b
    Examples:
      tracker diff old.txt new.txt
      tracker diff edscg-4 edscg-5 --format json
      tracker diff edscg-5-joint-statement edscg-5-joint-statement-rok --side-by-side
      tracker diff edscg-5-joint-statement edscg-5-joint-statement-ko

    Two texts in different languages (as their documents say, or as their
    script shows) are aligned as translations, each pair listing the
    glossary terms one side has without their counterpart.
    """
    mode = _mode(word_diff, translation, glossaries)
    first, second = _statements(ctx, (a, b))
    comparison = _compare(ctx, first, second, mode)
    if fmt == "json":
        shown, notices, notes = comparison, [], _unit_annotations(ctx, comparison, first, second)
    else:
        (shown, notices), notes = _for_people(comparison, first, second), []
    status = diffing.print_diff(shown, fmt, side_by_side, width, color, exit_code,
                                markers=not no_markers, notices=notices, annotations=notes)
    if status:
        sys.exit(status)


@command()
@click.argument("meeting_a", type=FILE_OR_NAME)
@click.argument("meeting_b", type=FILE_OR_NAME)
@_language_options
@color_option
@markers_option
@include_retracted_option
@db_option
@json_option
@click.pass_context
def compare(ctx: click.Context, meeting_a: str, meeting_b: str, color: bool | None,
            no_markers: bool, as_json: bool, word_diff: bool, translation: bool,
            glossaries: tuple[str, ...]) -> None:
    """The meeting-over-meeting report: summary, then commitments added,
    dropped, strengthened and weakened, then the other changes.

    \b
    Example:
      tracker compare edscg-4 edscg-5
    """
    from tracker.compare.languages import is_translation

    mode = _mode(word_diff, translation, glossaries)
    first, second = _statements(ctx, (meeting_a, meeting_b))
    comparison = _compare(ctx, first, second, mode)
    if as_json:
        return click.echo(_with_annotations(ctx, diffing.format_any_json(comparison), comparison,
                                            first, second))
    use_color = diffing.use_color(color)
    shown, notices = _for_people(comparison, first, second)
    report = diffing.format_any_report(shown, use_color, not no_markers)
    notes = [] if is_translation(comparison) else _annotations(ctx, first, second)
    if notes:
        from tracker.reports.annotations import annotation_text
        from tracker.text import escape_controls

        report += "\n" + escape_controls("\n".join(annotation_text(comparison, notes))) + "\n"
    diffing.write_output(diffing.with_notices(report, notices))


def _annotations(ctx: click.Context, first, second) -> list:
    """The annotations on units of this pair; none for files."""
    if first.snapshot is None or second.snapshot is None:
        return []
    with options.open_db(ctx) as store:
        return store.annotations_for_pair(first.label, second.label)


def _unit_annotations(ctx: click.Context, comparison, first, second) -> list:
    """The annotations of this pair as the JSON lists them (none for files,
    none across languages: annotations are made on word diffs)."""
    from tracker.compare.languages import is_translation
    from tracker.refs.subjects import unit_annotations

    if is_translation(comparison):
        return []
    return unit_annotations(comparison, _annotations(ctx, first, second))


def _with_annotations(ctx: click.Context, output: str, comparison, first, second) -> str:
    """The comparison JSON with ``annotations`` (an empty list for files)."""
    from tracker.compare.formats import json_with

    return json_with(output, "annotations", _unit_annotations(ctx, comparison, first, second))


def _print_series_view(ctx: click.Context, series: str, as_json: bool, build, render,
                       annotated: bool = False, language: str | None = None) -> None:
    """Build a series view (lineage, term timeline) from the latest primary
    text of each meeting (or its text in ``language``), capped by
    ``$TRACKER_MAX_STATEMENT_SENTENCES``; ``annotated`` adds each thread's
    annotations. ``render(view, meetings)`` names the meetings for people;
    the JSON keeps their slugs."""
    from tracker.refs.resolve import series_statements_in, series_texts

    with options.open_db(ctx) as store:
        texts = series_texts(store, series) if language is None else [
            (s.snapshot.document.meeting, s.text)
            for s in series_statements_in(store, series, language)]
        notes = store.annotations(series=series, target="thread") if annotated else []
        meetings = store.meetings(series, with_documents=False)
    view = build(texts, options.environment_settings(ctx).limits.max_statement_sentences)
    if as_json:
        return options.print_json(_with_thread_notes(view.to_dict(), notes) if annotated
                                  else view.to_dict())
    options.echo(render(view, meetings) + "".join(_thread_note_lines(view, notes)))


def _with_thread_notes(data: dict, notes: list) -> dict:
    """Each thread with its ``annotations``."""
    for thread in data["threads"]:
        thread["annotations"] = [a.to_dict() for a in notes if a.key == thread["key"]]
    return data


def _thread_note_lines(view, notes: list) -> list[str]:
    from tracker.reports.annotations import annotation_line

    ids = {thread.key: thread.id for thread in getattr(view, "threads", ())}
    lines = [f"\n[{ids.get(a.key, 'no longer found')}] {annotation_line(a)}" for a in notes]
    return [f"\n\nAnnotations ({len(notes)})", *lines] if notes else []


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
    from tracker.refs.labels import meeting_names

    render = lambda view, meetings: format_lineage_text(view, meeting_names(meetings))  # noqa: E731
    _print_series_view(ctx, series, as_json, build_lineage, render, annotated=True)


@click.option("--gaps", is_flag=True,
              help="Per meeting, the terms its translation has and the original lacks, "
                   "and the reverse.")
@click.option("--language", help="Count each meeting's text in this language (en, ko).")
@_series_command
def terms(ctx: click.Context, series: str, as_json: bool, language: str | None,
          gaps: bool) -> None:
    """The term timeline: which tracked terms and topics each meeting's
    primary statement (or its text in --language) uses, and how often.

    \b
    Examples:
      tracker terms edscg
      tracker terms ncg --language ko
      tracker terms ncg --gaps
    """
    from tracker.compare.terms import term_timeline

    if gaps:
        return _print_gaps(ctx, series, as_json)
    build = lambda texts, cap: term_timeline(texts, max_sentences=cap)  # noqa: E731
    _print_series_view(ctx, series, as_json, build, _terms_table, language=_language(language))


def _terms_table(timeline, meetings) -> str:
    """The terminal table, its columns headed "EDSCG 5" over "2024"."""
    from tracker.compare.terms import format_terms_table
    from tracker.refs.labels import meeting_headings, meeting_names

    return format_terms_table(timeline, headings=meeting_headings(meetings),
                              names=meeting_names(meetings))


def _language(code: str | None) -> str | None:
    from tracker.compare.hangul import normal_language
    from tracker.errors import InputError

    if code is not None and not (normal_language(code) or "").isalpha():
        raise InputError(f"invalid language {code[:40]!r}: use a code such as en or ko")
    return normal_language(code)


def _print_gaps(ctx: click.Context, series: str, as_json: bool) -> None:
    """``terms --gaps``: each translated text beside the text it translates."""
    from tracker.compare.term_gaps import format_gaps, language_gaps
    from tracker.refs.labels import meeting_names
    from tracker.refs.resolve import translation_pairs

    with options.open_db(ctx) as store:
        pairs = translation_pairs(store, series)
        names = meeting_names(store.meetings(series, with_documents=False))
    gaps = language_gaps([(first.snapshot.document.meeting, first.text, second.text)
                          for first, second in pairs])
    if as_json:
        options.print_json([{**gap.to_dict(), "first": first.label, "second": second.label}
                            for gap, (first, second) in zip(gaps, pairs, strict=True)])
    else:
        options.echo(format_gaps(gaps, ("the original", "the translation"), names))


for _command in (diff, compare):
    _command.help = (_command.help or "") + LEGEND_HELP

COMMANDS = [diff, compare, lineage, terms]
