"""Watched sources and sent reports. Watching is not built yet: these pages
say so, so that links to them already work."""

from flask import Blueprint, render_template

blueprint = Blueprint("watch", __name__)


@blueprint.get("/sources")
def sources():
    return render_template("placeholder.html", title="Sources",
                           message="No sources are watched yet.")


@blueprint.get("/reports")
def reports():
    return render_template("placeholder.html", title="Reports",
                           message="No change reports have been sent yet.")
