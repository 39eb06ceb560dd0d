"""``tracker annotate``: record what a change means (a note, a significance,
tags) on a unit of a comparison or on a commitment thread, list and remove
such annotations. Built for scripts too: every verb takes ``--json``, a unit
can be named by its text (``--match``), and errors are one line."""

import click

from tracker.cli.corrections import by_option
from tracker.cli.options import (
    TrackerGroup,
    db_option,
    echo,
    environment_settings,
    json_option,
    open_db,
    print_json,
)
from tracker.model import SIGNIFICANCES

SIGNIFICANCE = click.Choice(SIGNIFICANCES)


@click.group(cls=TrackerGroup)
def annotate() -> None:
    """Annotations: a note, a significance and tags on a change.

    \b
    Examples:
      tracker annotate add edscg-4 edscg-5 --match "ironclad" --significance major \\
        --tag deterrence --note "U.S. wording softened"
      tracker annotate add --thread c5 --series edscg --significance notable --tag returned
      tracker annotate list edscg-4 edscg-5 --json
      tracker annotate remove 3
    """


@annotate.command(name="add")
@click.argument("pair", nargs=-1, metavar="[A B]")
@click.option("--unit", help="The unit: its number (as in the page's #u7) or its key.")
@click.option("--match", help="The unit whose text holds this (must be the only one).")
@click.option("--thread", help="A commitment thread instead: its id (c5) or key.")
@click.option("--series", default="edscg", show_default=True, help="The thread's series.")
@click.option("--significance", type=SIGNIFICANCE, default="notable", show_default=True)
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable, or comma-separated).")
@click.option("--note", help="What the change means.")
@by_option
@db_option
@json_option
@click.pass_context
def annotate_add(ctx, pair, unit, match, thread, series, significance, tags, note, by,
                 as_json):
    """Annotate a unit of the comparison A → B, or a commitment thread."""
    with open_db(ctx) as store:
        subject = _subject(ctx, store, pair, unit, match, thread, series)
        done = store.annotate(subject, note=note, significance=significance,
                              tags=",".join(tags), by=by)
    if as_json:
        return print_json(done.to_dict())
    echo(f"annotation {done.id}: {done.significance} on {_where(done)}: {done.excerpt[:80]}")


def _subject(ctx, store, pair, unit, match, thread, series):
    from tracker.errors import InputError
    from tracker.refs.subjects import thread_subject, unit_subject

    if thread:
        if pair or unit or match:
            raise InputError("give either A B with --unit/--match, or --thread, not both")
        return thread_subject(_lineage(ctx, store, series), series, thread)
    if len(pair) != 2:
        raise InputError("give the two sides compared (A B), e.g. edscg-4 edscg-5")
    first, second, comparison = _comparison(ctx, store, pair)
    return unit_subject(comparison, first.label, second.label, unit=unit, match=match)


def _comparison(ctx, store, pair):
    from tracker.compare import compare_texts
    from tracker.refs.resolve import resolve_statement

    first, second = (resolve_statement(store, name) for name in pair)
    cap = environment_settings(ctx).limits.max_sentences
    return first, second, compare_texts(first.text, second.text, first.label, second.label,
                                        max_sentences=cap)


def _lineage(ctx, store, series: str):
    from tracker.compare.lineage import build_lineage
    from tracker.refs import validate_slug
    from tracker.refs.resolve import series_texts

    validate_slug(series, "series slug")
    cap = environment_settings(ctx).limits.max_statement_sentences
    return build_lineage(series_texts(store, series), max_sentences=cap)


@annotate.command(name="list")
@click.argument("pair", nargs=-1, metavar="[A B]")
@click.option("--series", help="Only annotations on threads of this series.")
@click.option("--thread", help="Only this thread (its key).")
@click.option("--significance", type=SIGNIFICANCE, help="Only this significance.")
@click.option("--tag", help="Only annotations with this tag.")
@db_option
@json_option
@click.pass_context
def annotate_list(ctx, pair, series, thread, significance, tag, as_json):
    """List annotations, newest first: all, or those of the comparison A → B."""
    from tracker.errors import InputError
    from tracker.refs.resolve import resolve_statement

    if len(pair) not in (0, 2):
        raise InputError("give both sides (A B) or neither")
    with open_db(ctx) as store:
        refs = [resolve_statement(store, name).label for name in pair] or [None, None]
        found = store.annotations(a_ref=refs[0], b_ref=refs[1], series=series, key=thread,
                                  significance=significance, tag=tag)
    if as_json:
        return print_json([a.to_dict() for a in found])
    _print_annotations(found)


def _print_annotations(found) -> None:
    from tracker.cli.tables import format_table

    if not found:
        return echo("no annotations")
    rows = [[a.id, a.significance, _where(a), ", ".join(a.tags), a.created_by, a.note[:60]]
            for a in found]
    echo(format_table(["ID", "SIGNIFICANCE", "ON", "TAGS", "BY", "NOTE"], rows))


def _where(annotation) -> str:
    if annotation.target == "thread":
        return f"{annotation.series} thread {annotation.key}"
    return f"{annotation.a_ref} → {annotation.b_ref} unit {annotation.key}"


@annotate.command(name="remove")
@click.argument("annotation_id", type=click.IntRange(1, 2**31 - 1))
@by_option
@db_option
@json_option
@click.pass_context
def annotate_remove(ctx, annotation_id, by, as_json):
    """Remove an annotation (it is kept, stamped as removed, so that an older
    export imported again does not bring it back)."""
    with open_db(ctx) as store:
        done = store.remove_annotation(annotation_id, by)
    print_json(done.to_dict()) if as_json else echo(f"annotation {done.id}: removed")


COMMANDS = [annotate]
