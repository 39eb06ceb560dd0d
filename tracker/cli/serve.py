"""``tracker serve``: the web app under waitress."""

import click

from tracker.cli.options import cli_settings, command, config_option, db_option, open_db


def _server_option(name: str, default: int, low: int, high: int, help_text: str):
    """A waitress limit, also read from ``$TRACKER_<NAME>`` (``--backlog`` is
    ``$TRACKER_BACKLOG``)."""
    envvar = "TRACKER_" + name.removeprefix("--").replace("-", "_").upper()
    return click.option(name, default=default, show_default=True, show_envvar=True,
                        envvar=envvar, type=click.IntRange(low, high), help=help_text)


@command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@_server_option("--connection-limit", 500, 10, 10_000,
                "Open connections at most; more wait in the backlog.")
@_server_option("--channel-timeout", 30, 1, 3600, "Seconds an idle connection is kept open.")
@_server_option("--cleanup-interval", 5, 1, 3600,
                "Seconds between sweeps that close idle connections.")
@_server_option("--backlog", 1024, 1, 65535, "Connections the system queues while all are busy.")
@click.option("--debug", is_flag=True, help="Flask's development server with the reloader.")
@config_option
@db_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, debug: bool, **server_limits: int) -> None:
    """Serve the web app (waitress); loads the bundled corpus into an empty
    database first.

    Idle connections are closed after --channel-timeout seconds, so clients
    that open sockets and send nothing are dropped instead of holding every
    connection the server has.

    \b
    Example:
      tracker serve --port 8080
    """
    app = _web_app(ctx)
    click.echo(f"serving {app.config['DATABASE']} on http://{host}:{port}/ (Ctrl-C stops)")
    if debug:
        app.run(host=host, port=port, debug=True)
        return
    import waitress

    # poll() rather than select(): select() cannot watch descriptors past 1023.
    waitress.serve(app, host=host, port=port, ident="tracker", asyncore_use_poll=True,
                   **server_limits)


def _web_app(ctx: click.Context):
    """The Flask app over the chosen database, loading the bundled corpus
    into it first when it is empty."""
    from tracker.store.corpus import load_bundled_corpus
    from tracker.web import create_app

    with open_db(ctx, create=True) as store:
        if store.is_empty():
            click.echo(f"{store.path}: empty, {load_bundled_corpus(store).describe()}")
        path = store.path
    settings = cli_settings(ctx)
    overrides = {"DATABASE": str(path), "TRACKER_SETTINGS": settings}
    if settings.path:
        overrides["BASE_URL"] = settings.base_url
    return create_app(overrides)


COMMANDS = [serve]
