"""Commands for what a reader follows: the ``subscriptions`` group and
``since`` (new versions since a reader last looked)."""

import click

from tracker.cli.options import (
    TrackerGroup,
    cli_settings,
    command,
    config_option,
    db_option,
    echo,
    json_option,
    open_db,
    print_json,
)
from tracker.model import SIGNIFICANCES
from tracker.settings.tracker_toml import CHANNELS

CHANGE_CHOICE = click.Choice(["added", "dropped", "stronger", "weaker"], case_sensitive=False)
LEVEL_CHOICE = click.Choice(SIGNIFICANCES, case_sensitive=False)


def filter_options(command_function):
    """The filter's fields as options, the same on ``add`` and ``test``."""
    options = [
        click.option("--series", multiple=True, help="Only reports of this series (e.g. edscg)."),
        click.option("--document", multiple=True, help="Only reports on this document."),
        click.option("--topic", multiple=True, help='Only sentences on this topic ("Russia" '
                     'matches "DPRK-Russia cooperation").'),
        click.option("--actor", multiple=True, help="Only sentences naming this actor."),
        click.option("--change", multiple=True, type=CHANGE_CHOICE,
                     help="Only commitments added, dropped, stronger or weaker."),
        click.option("--min-significance", type=LEVEL_CHOICE,
                     help="Only sentences annotated at least this significant "
                          "(unannotated ones are routine)."),
    ]
    for option in reversed(options):
        command_function = option(command_function)
    return command_function


def filter_from_options(options: dict):
    from tracker.reports.filters import KEYS, parse_filter

    given = {key: list(value) if isinstance(value, tuple) else value
             for key, value in options.items() if key in KEYS and value}
    return parse_filter(given, "options")


@click.group(cls=TrackerGroup)
def subscriptions() -> None:
    """Which reports each channel takes: list, add, remove, test.

    A channel with no subscription takes every report. Subscriptions are
    also read from [subscription.NAME] tables in tracker.toml.

    \b
    Example:
      tracker subscriptions add russia --channel email --topic Russia --change weaker
    """


@subscriptions.command(name="list")
@config_option
@db_option
@json_option
@click.pass_context
def subscriptions_list(ctx, as_json):
    """List subscriptions from tracker.toml and the database.

    \b
    Example:
      tracker subscriptions list
    """
    from tracker.cli.tables import format_table
    from tracker.reports.subscriptions import all_subscriptions

    settings = cli_settings(ctx)
    with open_db(ctx) as store:
        found = all_subscriptions(store, settings)
    if as_json:
        return print_json([s.to_dict() for s in found])
    configured = set(settings.channel_names)
    rows = [[s.name, s.channel + ("" if s.channel in configured else " (not configured)"),
             s.origin, s.filter.describe()] for s in found]
    echo(format_table(["NAME", "CHANNEL", "FROM", "FILTER"], rows) if rows
         else "no subscriptions: every configured channel takes every report")


@subscriptions.command(name="add")
@click.argument("name")
@click.option("--channel", required=True, type=click.Choice(CHANNELS),
              help="The channel ([report.NAME] in tracker.toml) that sends what matches.")
@filter_options
@config_option
@db_option
@json_option
@click.pass_context
def subscriptions_add(ctx, name, channel, as_json, **options):
    """Add a subscription: CHANNEL takes only the reports, and the
    sentences, that the filter keeps.

    \b
    Example:
      tracker subscriptions add weaker-us --channel webhook --actor "United States" \\
        --change weaker
    """
    from tracker.reports.subscriptions import add_subscription
    from tracker.store import utc_now

    chosen = filter_from_options(options)
    settings = cli_settings(ctx)
    with open_db(ctx) as store:
        added = add_subscription(store, settings, name, channel, chosen, utc_now())
    if as_json:
        return print_json(added.to_dict())
    echo(f"subscription {added.name}: {added.channel} takes {chosen.describe()}")
    if channel not in settings.channel_names:
        echo(f"note: no [report.{channel}] table in the configuration; "
             "nothing is sent until there is one")


@subscriptions.command(name="remove")
@click.argument("name")
@config_option
@db_option
@click.pass_context
def subscriptions_remove(ctx, name):
    """Remove a subscription kept in the database (reports already queued
    for it are still sent).

    \b
    Example:
      tracker subscriptions remove russia
    """
    from tracker.reports.subscriptions import remove_subscription

    with open_db(ctx) as store:
        removed = remove_subscription(store, cli_settings(ctx), name)
    echo(f"removed subscription {removed.name} ({removed.channel})")


@subscriptions.command(name="test")
@click.argument("name", required=False)
@filter_options
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 10_000),
              help="How many of the newest stored reports to replay.")
@config_option
@db_option
@json_option
@click.pass_context
def subscriptions_test(ctx, name, limit, as_json, **options):
    """Replay stored reports through a subscription (by NAME) or through
    the filter the options give, and print what would have been sent.

    \b
    Example:
      tracker subscriptions test russia
      tracker subscriptions test --topic Russia --change weaker
    """
    from tracker.reports.subscriptions import find_subscription, replay

    chosen = filter_from_options(options)
    with open_db(ctx) as store:
        if name:
            _refuse_both(chosen)
            chosen = find_subscription(store, cli_settings(ctx), name).filter
        sent = replay(store, chosen, limit)
    if as_json:
        from tracker.reports.render import report_document

        return print_json([report_document(report) for report in sent])
    echo(f"filter: {chosen.describe()}; {len(sent)} report(s) of the newest {limit} would "
         "be sent")
    for report in sent:
        echo(_replayed(report))


def _refuse_both(chosen) -> None:
    from tracker.errors import InputError

    if not chosen.everything:
        raise InputError("give a subscription NAME or filter options, not both")


def _replayed(report) -> str:
    """A report as the test prints it: its sections and their sentences."""
    from tracker.compare.report import counted_sections, listed_sections

    lines = ["", f"report {report.id} ({report.created_at}): {report.title}"]
    for _key, heading, items in listed_sections(report.payload):
        lines.append(f"  {heading} ({len(items)})")
        lines += [f"    - {' '.join(item['marked'].split())}" for item in items]
    lines += [f"  {heading}: {len(items)}"
              for _key, heading, items in counted_sections(report.payload) if items]
    return "\n".join(lines)


@command()
@click.option("--reader", required=True, help="Whose mark: any name, e.g. your own.")
@click.option("--mark-read", is_flag=True, help="Then mark everything listed as read.")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 10_000))
@config_option
@db_option
@json_option
@click.pass_context
def since(ctx, reader, mark_read, limit, as_json):
    """List every version and new statement stored since READER last
    marked them read, with the link to each comparison.

    \b
    Example:
      tracker since --reader alice
      tracker since --reader alice --mark-read
    """
    from tracker.store import utc_now
    from tracker.watch.since import changes_since

    base = cli_settings(ctx).base_url
    with open_db(ctx) as store:
        view = changes_since(store, reader, limit)
        if mark_read:
            store.mark_read(reader, view.upto if not view.more else _last(view), utc_now())
    if as_json:
        return print_json({**view.to_dict(base), "marked_read": mark_read})
    echo(_since_text(view, base, mark_read))


def _last(view) -> int:
    """With more than the limit listed, mark read only what was listed."""
    return view.entries[-1].version.id if view.entries else view.mark


def _since_text(view, base: str, marked: bool) -> str:
    from tracker.cli.tables import format_table

    if not view.entries:
        return f"nothing new for {view.reader} since {view.marked_at or 'the start'}"
    rows = [[e.what, e.version.document, f"v{e.version.version}", e.version.captured_at,
             base + e.path] for e in view.entries]
    lines = [f"{len(view.entries)} new for {view.reader} since {view.marked_at or 'the start'}"
             + (" (more not listed; raise --limit)" if view.more else ""),
             format_table(["WHAT", "DOCUMENT", "VERSION", "CAPTURED", "LINK"], rows)]
    if marked:
        lines.append("marked read")
    return "\n".join(lines)


COMMANDS = [subscriptions, since]
