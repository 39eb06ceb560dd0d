"""Commands that watch pages: the ``sources`` group, check, schedule and
deliver."""

import sys
from pathlib import Path

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
from tracker.model import LINK_STATES


@click.group(cls=TrackerGroup)
def sources() -> None:
    """Watched pages and listings: add, list, pause, resume, remove, import
    and export.

    \b
    Examples:
      tracker sources add https://www.example.gov/s --document edscg-6-joint-statement \
        --meeting edscg-6 --every 6h
      tracker sources add https://www.example.gov/press/ --listing --series edscg \
        --link-text "Extended Deterrence Strategy and Consultation Group"
    """


@sources.command(name="add")
@click.argument("url")
@click.option("--document", help="The document this page's text becomes.")
@click.option("--meeting", help="Meeting slug, to create the document when it is new.")
@click.option("--listing", is_flag=True, help="URL is a list of statements (press releases, "
              "RSS/Atom feed, sitemap): each new matching link becomes a new document.")
@click.option("--series", help="With --listing: the series the new statements belong to.")
@click.option("--link-text", help="With --listing: follow links whose text contains this.")
@click.option("--link-selector", help="With --listing: follow links inside what this CSS "
              "selector matches (HTML lists).")
@click.option("--link-url", help="With --listing: follow links whose address matches this "
              "regular expression.")
@click.option("--meeting-pattern", help="With --listing: a regular expression whose first "
              "group is the meeting's number or ordinal, in the link text or statement.")
@click.option("--publisher", help="With --listing: the publisher of the statements found.")
@click.option("--follow-existing", is_flag=True, help="With --listing: follow the links "
              "already listed at the first check too (by default they are the baseline).")
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
def sources_add(ctx, url, as_json, **options):
    """Watch URL for DOCUMENT, or (--listing) for new statements of a series.

    \b
    Examples:
      tracker sources add https://www.example.gov/s --document edscg-6-joint-statement \
        --meeting edscg-6 --every 6h --ignore "Last updated:.*"
      tracker sources add https://www.example.gov/press/ --listing --series edscg \
        --link-text "Extended Deterrence Strategy and Consultation Group" --every 1d
    """
    from tracker.watch.sources import register_sources

    spec = _spec_from_options(url, options)
    with open_db(ctx, create=True) as store:
        source = register_sources(store, [spec], update=False,
                                  policy=cli_settings(ctx).fetch.owner_policy())[0].source
    if as_json:
        return print_json(source.to_dict())
    what = f"{source.target} ({source.listing.describe()})" if source.is_listing \
        else source.document
    click.echo(f"source {source.id}: {source.url} -> {what} ({source.schedule()})")
    _warn_if_short(source)


_LISTING_ONLY = ("series", "link_text", "link_selector", "link_url", "meeting_pattern",
                 "publisher", "follow_existing")


def _spec_from_options(url: str, options: dict):
    """A page source's or a listing's spec; options of the other kind are refused."""
    from tracker.errors import InputError
    from tracker.watch.jobfile import listing_spec, source_spec

    common = {k: options[k] for k in ("selector", "every", "cron", "ignore", "note")}
    if options["listing"]:
        if options["document"] or options["meeting"]:
            raise InputError("--listing finds its documents itself: leave out --document "
                             "and --meeting (give --series)")
        if not options["series"]:
            raise InputError("--listing needs --series (e.g. --series edscg)")
        return listing_spec(url, **{k: options[k] for k in _LISTING_ONLY}, **common)
    given = [k for k in _LISTING_ONLY if options[k]]
    if given:
        raise InputError(f"--{given[0].replace('_', '-')} applies to --listing sources only")
    if not options["document"]:
        raise InputError("give --document SLUG (or --listing --series SLUG for a list page)")
    return source_spec(url, options["document"], options["meeting"], **common)


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
    from tracker.cli.tables import format_table

    with open_db(ctx) as store:
        found = store.sources()
        counts = {s.id: store.link_counts(s.id) for s in found if s.is_listing}
    if as_json:
        return print_json([{**s.to_dict(), **({"links": counts[s.id]} if s.is_listing else {})}
                           for s in found])
    rows = [[s.id, "on" if s.enabled else "paused", s.schedule(),
             _listing_cell(s, counts[s.id]) if s.is_listing else s.document,
             s.last_outcome, s.last_checked_at, s.url] for s in found]
    echo(format_table(["ID", "STATE", "SCHEDULE", "FEEDS", "LAST", "CHECKED", "URL"], rows))


def _listing_cell(source, counts: dict[str, int]) -> str:
    """``listing → edscg (3 links: 2 stored, 1 failed)``."""
    summary = ", ".join(f"{n} {state}" for state, n in counts.items())
    total = sum(counts.values())
    return f"listing → {source.series} ({total} links{': ' + summary if summary else ''})"


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


@sources.command(name="links")
@click.argument("source_id", type=int)
@click.option("--state", "states", multiple=True, type=click.Choice(LINK_STATES),
              help="Only links in this state (repeatable).")
@db_option
@json_option
@click.pass_context
def sources_links(ctx, source_id: int, states: tuple[str, ...], as_json: bool):
    """The links listing source ID has seen, and what became of each.

    \b
    Examples:
      tracker sources links 9
      tracker sources links 9 --state failed --state unclear
    """
    from tracker.cli.tables import format_table
    from tracker.errors import InputError

    with open_db(ctx) as store:
        if not store.source(source_id).is_listing:
            raise InputError(f"source {source_id} is a page, not a listing")
        found = store.listing_links(source_id, states)
    if as_json:
        return print_json([link.to_dict() for link in found])
    rows = [[link.state, link.attempts, link.document, link.url, link.last_error or link.text]
            for link in found]
    echo(format_table(["STATE", "TRIES", "DOCUMENT", "URL", "TEXT OR ERROR"], rows))


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
    from tracker.watch.sources import describe_registered, register_sources

    specs = read_job_file(job_file)
    with open_db(ctx, create=True) as store:
        done = register_sources(store, specs, update=True,
                                policy=cli_settings(ctx).fetch.owner_policy())
    click.echo(f"{job_file}: {describe_registered(done)}")


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
    from tracker.watch.sources import export_job_file

    with open_db(ctx) as store:
        count, text = export_job_file(store)
    if job_file:
        from tracker.store.corpus import write_atomically

        write_atomically(job_file, text)
        click.echo(f"{job_file}: {count} sources")
    else:
        click.echo(text.rstrip("\n"))


@command()
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
    from tracker.watch.rounds import sources_to_check

    settings = cli_settings(ctx)
    with open_db(ctx) as store:
        done = _check_with_progress(store, sources_to_check(store, source_ids), settings,
                                    as_json)
    print_json(done.to_dict()) if as_json else click.echo(done.describe())
    if done.has_errors:
        sys.exit(1)


def _check_with_progress(store, chosen, settings, quiet: bool):
    """On a terminal with five sources or more, a progress bar naming the
    last check done; else each check's line as it finishes."""
    from tracker.watch.rounds import run_check_round

    if quiet:
        return run_check_round(store, chosen, settings)
    if len(chosen) < 5 or not sys.stderr.isatty():
        return run_check_round(store, chosen, settings,
                               on_done=lambda r: click.echo(r.describe()))
    with click.progressbar(length=len(chosen), label="checking", file=sys.stderr,
                           show_pos=True, item_show_func=_last_done) as bar:
        return run_check_round(store, chosen, settings,
                               on_done=lambda result: bar.update(1, result))


def _last_done(result) -> str | None:
    return result.describe()[:60] if result is not None else None


@command()
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
    from tracker.settings import database_path
    from tracker.watch.schedule import Watcher, run_forever

    settings = cli_settings(ctx)
    path = database_path(ctx.meta.get("tracker.db"))
    with open_db(ctx) as store:
        count = len(store.sources(enabled_only=True))
    click.echo(f"scheduling {count} sources from {path} (Ctrl-C stops)")
    run_forever(Watcher(path, settings, log=lambda line: click.echo(line)))


@command()
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
    from tracker.reports.deliver import deliver_due

    with open_db(ctx) as store:
        done = deliver_due(store, cli_settings(ctx))
    print_json(done.to_dict()) if as_json else click.echo(done.describe())


COMMANDS = [sources, check, schedule, deliver]
