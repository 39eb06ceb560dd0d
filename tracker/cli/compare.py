"""Commands that compare: diff and compare (two statements), lineage and
terms (a whole series). Only ``diff`` of two files must start fast, so
nothing heavy is imported here at the top."""

import sys

import click

from tracker.cli import options
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


def _write(output: str, color: bool) -> None:
    """Print a comparison. Plain output goes straight to stdout: click.echo
    would run an ANSI-stripping regex over megabytes of JSON for nothing."""
    if color:
        click.echo(output.rstrip("\n"), color=True)
    else:
        sys.stdout.write(output.rstrip("\n") + "\n")


def _compare(ctx: click.Context, first, second, mode: str = "auto"):
    """Compare two statements; a forced word diff across languages warns."""
    from tracker.compare import compare_texts
    from tracker.compare.crosslingual import language_warning, side_languages

    languages = side_languages(first.text, second.text, statement_language(first),
                               statement_language(second))
    warning = language_warning(languages, mode)
    if warning:
        click.echo(f"tracker: warning: {warning}", err=True)
    return compare_texts(first.text, second.text, first.label, second.label,
                         max_sentences=options.environment_settings(ctx).limits.max_sentences,
                         languages=languages, mode=mode)


def statement_language(statement) -> str | None:
    """The language its document records (None for a file)."""
    return statement.snapshot.document.language if statement.snapshot else None


def _mode(word_diff: bool, translation: bool) -> str:
    if word_diff and translation:
        raise click.UsageError("--word-diff and --translation exclude each other")
    return "words" if word_diff else "translation" if translation else "auto"


def _use_glossaries(paths: tuple[str, ...]) -> None:
    if paths:
        from tracker.compare.glossary import use_glossary_files

        use_glossary_files(paths)


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


def _use_color(option: bool | None) -> bool:
    return sys.stdout.isatty() if option is None else option


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
@_language_options
@color_option
@include_retracted_option
@db_option
@click.pass_context
def diff(ctx: click.Context, a: str, b: str, fmt: str, side_by_side: bool, width: int | None,
         exit_code: bool, color: bool | None, word_diff: bool, translation: bool,
         glossaries: tuple[str, ...]) -> None:
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
    mode = _mode(word_diff, translation)
    _use_glossaries(glossaries)
    first, second = _statements(ctx, (a, b))
    comparison = _compare(ctx, first, second, mode)
    use_color = fmt == "text" and _use_color(color)
    _write(_render_diff(comparison, fmt, side_by_side, width, use_color), use_color)
    if exit_code and not comparison.identical:
        sys.exit(1)


def _render_diff(comparison, fmt: str, side_by_side: bool, width: int | None,
                 color: bool) -> str:
    """``diff --format``: one of the engine's formatters."""
    from tracker.compare import formats

    if getattr(comparison, "mode", None) == "translation":
        return _render_translation(comparison, fmt, side_by_side, width, color)
    if fmt == "json":
        return formats.format_json(comparison)
    if fmt == "unified":
        return formats.format_unified(comparison)
    if fmt == "html":
        return formats.format_html(comparison, side_by_side=side_by_side)
    import shutil

    return formats.format_text(comparison, color=color, side_by_side=side_by_side,
                               width=width or shutil.get_terminal_size().columns)


def _render_translation(comparison, fmt: str, side_by_side: bool, width: int | None,
                        color: bool) -> str:
    """The translation formats; a unified diff has no meaning across languages."""
    import shutil

    from tracker.compare import translation_formats as shown
    from tracker.errors import InputError

    if fmt == "json":
        return shown.format_translation_json(comparison)
    if fmt == "html":
        return shown.format_translation_html(comparison)
    if fmt == "unified":
        raise InputError("a unified diff cannot show two languages; use --format text, "
                         "json or html, or --word-diff")
    return shown.format_translation_text(comparison, color=color, side_by_side=side_by_side,
                                         width=width or shutil.get_terminal_size().columns)


@command()
@click.argument("meeting_a", type=FILE_OR_NAME)
@click.argument("meeting_b", type=FILE_OR_NAME)
@_language_options
@color_option
@include_retracted_option
@db_option
@json_option
@click.pass_context
def compare(ctx: click.Context, meeting_a: str, meeting_b: str, color: bool | None,
            as_json: bool, word_diff: bool, translation: bool,
            glossaries: tuple[str, ...]) -> None:
    """The meeting-over-meeting report: summary, then commitments added,
    dropped, strengthened and weakened, then the other changes.

    \b
    Example:
      tracker compare edscg-4 edscg-5
    """
    from tracker.compare import formats, translation_formats

    mode = _mode(word_diff, translation)
    _use_glossaries(glossaries)
    first, second = _statements(ctx, (meeting_a, meeting_b))
    comparison = _compare(ctx, first, second, mode)
    across = getattr(comparison, "mode", None) == "translation"
    if as_json:
        click.echo(translation_formats.format_translation_json(comparison) if across
                   else formats.format_json(comparison))
    else:
        use_color = _use_color(color)
        report = translation_formats.format_translation_report if across else formats.format_report
        _write(report(comparison, color=use_color), use_color)


def _print_series_view(ctx: click.Context, series: str, as_json: bool, build, render,
                       language: str | None = None) -> None:
    """Build a series view (lineage, term timeline) from the latest primary
    text of each meeting (or its text in ``language``), capped by
    ``$TRACKER_MAX_STATEMENT_SENTENCES``."""
    from tracker.refs.resolve import series_statements_in, series_texts

    with options.open_db(ctx) as store:
        texts = series_texts(store, series) if language is None else [
            (s.snapshot.document.meeting, s.text)
            for s in series_statements_in(store, series, language)]
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
    from tracker.compare.terms import format_terms_table, term_timeline

    if gaps:
        return _print_gaps(ctx, series, as_json)
    build = lambda texts, cap: term_timeline(texts, max_sentences=cap)  # noqa: E731
    _print_series_view(ctx, series, as_json, build, format_terms_table,
                       _language(language))


def _language(code: str | None) -> str | None:
    from tracker.compare.hangul import normal_language
    from tracker.errors import InputError

    if code is not None and not (normal_language(code) or "").isalpha():
        raise InputError(f"invalid language {code[:40]!r}: use a code such as en or ko")
    return normal_language(code)


def _print_gaps(ctx: click.Context, series: str, as_json: bool) -> None:
    """``terms --gaps``: each translated text beside the text it translates."""
    from tracker.compare.term_gaps import format_gaps, language_gaps
    from tracker.refs.resolve import translation_pairs

    with options.open_db(ctx) as store:
        pairs = translation_pairs(store, series)
    gaps = language_gaps([(first.snapshot.document.meeting, first.text, second.text)
                          for first, second in pairs])
    if as_json:
        options.print_json([{**gap.to_dict(), "first": first.label, "second": second.label}
                            for gap, (first, second) in zip(gaps, pairs, strict=True)])
    else:
        options.echo(format_gaps(gaps, ("the original", "the translation")))


COMMANDS = [diff, compare, lineage, terms]
