"""``tracker diff`` without click: reading the two sides, comparing and
printing, shared by the click command and the fast path (``fastpath``), so
both give the same output. Nothing heavy is imported at the top."""

import sys
from dataclasses import dataclass


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to make at start-up
class FileText:
    """One side read from a file: what ``compare_statements`` needs of a
    ``Statement``, without the refs and store modules behind one."""

    label: str
    text: str


def compare_statements(first, second, max_sentences: int, mode: str = "auto",
                       languages=(None, None)):
    """The comparison of two resolved statements, within the sentence cap:
    a word diff, or translation alignment when the languages differ (as
    recorded in ``languages``, else as the scripts show). A word diff forced
    across languages warns on stderr."""
    from tracker.compare import compare_texts
    from tracker.compare.languages import language_warning, side_languages

    sides = side_languages(first.text, second.text, *languages)
    warning = language_warning(sides, mode)
    if warning:
        sys.stderr.write(f"tracker: warning: {warning}\n")
    return compare_texts(first.text, second.text, first.label, second.label,
                         max_sentences=max_sentences, languages=sides, mode=mode)


def format_any_json(comparison) -> str:
    """The JSON of a word diff or of a translation alignment."""
    from tracker.compare import formats, translation_formats
    from tracker.compare.languages import is_translation

    if is_translation(comparison):
        return translation_formats.format_translation_json(comparison)
    return formats.format_json(comparison)


def format_any_report(comparison, color: bool, markers: bool) -> str:
    """``tracker compare``'s report of a word diff or of a translation."""
    from tracker.compare import formats, translation_formats
    from tracker.compare.languages import is_translation

    if is_translation(comparison):
        return translation_formats.format_translation_report(comparison, color=color)
    return formats.format_report(comparison, color=color, markers=markers)


def use_color(option: bool | None) -> bool:
    """``--color``/``--no-color``, else colour when printing to a terminal."""
    return sys.stdout.isatty() if option is None else option


def write_output(output: str) -> None:
    """Print a result. Straight to stdout: click.echo would run an
    ANSI-stripping regex over megabytes of JSON for nothing, and colour is
    only ever asked for when it is wanted."""
    sys.stdout.write(output.rstrip("\n") + "\n")
    sys.stdout.flush()


def render_diff(comparison, fmt: str, side_by_side: bool, width: int | None,
                look: tuple[bool, bool], notices=()) -> str:
    """``diff --format``: one of the engine's formatters, the notices about
    the texts first (JSON keeps to the data). ``look`` is (colour, markers)."""
    from tracker.compare import formats
    from tracker.compare.languages import is_translation

    color, markers = look
    if is_translation(comparison):
        return with_notices(render_translation(comparison, fmt, side_by_side, width, color),
                            () if fmt == "json" else notices)
    if fmt == "json":
        return formats.format_json(comparison)
    if fmt == "unified":
        return with_notices(formats.format_unified(comparison), notices)
    if fmt == "html":
        return formats.format_html(comparison, side_by_side=side_by_side, notices=list(notices))
    return with_notices(formats.format_text(
        comparison, color=color, side_by_side=side_by_side, markers=markers,
        width=width or terminal_width()), notices)


def render_translation(comparison, fmt: str, side_by_side: bool, width: int | None,
                       color: bool) -> str:
    """The translation formats; a unified diff has no meaning across languages."""
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
                                         width=width or terminal_width())


def with_notices(output: str, notices) -> str:
    """The notices ("Not the official wording: …"), a blank line, the output."""
    from tracker.text import escape_controls

    head = "".join(f"{escape_controls(line)}\n" for line in notices)
    return head + ("\n" if notices else "") + output


def terminal_width() -> int:
    """``shutil.get_terminal_size().columns`` ($COLUMNS, else the terminal's,
    else 80) without importing shutil, which costs more than it does."""
    import os

    columns = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def print_diff(comparison, fmt: str, side_by_side: bool, width: int | None,
               color: bool | None, exit_code: bool, *, markers: bool = True, notices=(),
               annotations=()) -> int:
    """Print the comparison as ``fmt`` (JSON with its ``annotations``); the
    exit status (1 for a difference with ``--exit-code``, as diff does)."""
    colored = fmt == "text" and use_color(color)
    output = render_diff(comparison, fmt, side_by_side, width, (colored, markers), notices)
    if fmt == "json":
        from tracker.compare.formats import json_with

        output = json_with(output, "annotations", list(annotations))
    write_output(output)
    return 1 if exit_code and not comparison.identical else 0
