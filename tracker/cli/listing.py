"""Printing the document list, for ``tracker list`` by either path (the
click command and the fast path): one function, so both print the same."""

import sys


def print_documents(documents, as_json: bool) -> None:
    """A table of ``documents`` (``DocumentSummary``), or JSON."""
    if as_json:
        import json

        sys.stdout.write(json.dumps([d.to_dict() for d in documents], indent=2,
                                    ensure_ascii=False) + "\n")
        return
    from tracker.cli.tables import format_table
    from tracker.text import escape_controls

    rows = [[d.slug, d.meeting, d.publisher, d.versions, d.latest_captured_at]
            for d in documents]
    table = format_table(["DOCUMENT", "MEETING", "PUBLISHER", "VERSIONS", "LATEST"], rows)
    sys.stdout.write(escape_controls(table) + "\n")
