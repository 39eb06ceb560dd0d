"""The click group of every ``tracker`` command (see ``tracker.cli``).

The commands live by group: ``snapshots`` (the store), ``compare``, ``watch``
(sources, checks, reports) and ``serve``; ``options`` holds what they share.
"""

import click

from tracker import __version__
from tracker.cli import (
    annotations,
    compare,
    corrections,
    serve,
    snapshots,
    subscriptions,
    watch,
)
from tracker.cli.options import (
    TrackerGroup,
    config_option,
    db_option,
    include_retracted_option,
)


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
@db_option
@config_option
@include_retracted_option
def main() -> None:
    """Follow how official statements change: keep every version of a
    statement, compare versions, meetings and publishers sentence by sentence."""


for _module in (snapshots, corrections, annotations, compare, watch, subscriptions, serve):
    for _command in _module.COMMANDS:
        main.add_command(_command)

__all__ = ["main"]
