"""The compare page: ``/compare/<a>...<b>``, its downloads and its picker."""

import unicodedata
from dataclasses import dataclass, replace
from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from tracker.compare import formats
from tracker.compare.languages import is_translation
from tracker.compare.markdown import format_markdown
from tracker.refs.labels import (
    document_label,
    meeting_label,
    meeting_names,
    named_sides,
    previous_of_kind,
    report_sources,
)
from tracker.refs.subjects import key_of, place_annotations
from tracker.store import Store
from tracker.store.annotations import SIGNIFICANCES
from tracker.web.choices import ChoiceLists, choice_lists
from tracker.web.comparisons import (
    SEPARATOR,
    annotated_json,
    annotated_markdown,
    cached_comparison,
    change_choices,
    commitment_rows,
    filter_commitments,
    layout,
    request_mode,
    resolve_pair,
    split_pair,
    summary_bar,
)
from tracker.web.db import get_store
from tracker.web.pagecache import cached_page
from tracker.web.translation_view import download_text, mismatch_warning, translation_page

blueprint = Blueprint("compare", __name__)

DOWNLOADS = {
    ".json": ("application/json", lambda c, _a, _b: formats.format_json(c)),
    ".md": ("text/markdown; charset=utf-8",
            lambda c, a, b: format_markdown(c, report_sources(a.snapshot, b.snapshot))),
    ".diff": ("text/x-diff; charset=utf-8", lambda c, _a, _b: formats.format_unified(c)),
}
LONG_TEXT_UNITS = 60
NEAR = 10  # meetings suggested on each side of a compared one, past MAX_OPTIONS


def compare_url(a: str, b: str, **params) -> str:
    return url_for("compare.page", spec=f"{a}{SEPARATOR}{b}", **params)


@blueprint.get("/compare")
def picker():
    """The dropdown form lands here; a chosen pair redirects to its permalink."""
    a, b = request.args.get("a", "").strip(), request.args.get("b", "").strip()
    if a and b:
        keep = {k: v for k, v in request.args.items() if k in ("view", "changes") and v}
        return redirect(compare_url(a, b, **keep))
    store = get_store()
    if len([m for m in store.meetings(with_documents=False) if m.document_count and m.date]) < 2:
        abort(404, "There are fewer than two dated statements to compare yet.")
    return redirect(compare_url(*_newest_pair(store)))


def _newest_pair(store: Store) -> tuple[str, str]:
    """The two latest meetings of the main series (``DEFAULT_SERIES``, else the
    series of the most recent meeting)."""
    dated = [m for m in store.meetings(with_documents=False) if m.document_count and m.date]
    series = current_app.config.get("DEFAULT_SERIES")
    if not any(m.series == series for m in dated):
        series = dated[-1].series
    same = [m for m in dated if m.series == series]
    pair = same[-2:] if len(same) >= 2 else dated[-2:]
    return pair[0].slug, pair[1].slug


@blueprint.get("/compare/<path:spec>")
@cached_page
def page(spec: str):
    mode = request_mode(request.args.get("mode"))
    for suffix in DOWNLOADS:
        if spec.endswith(suffix):
            return _download(spec[: -len(suffix)], suffix, mode)
    a, b, comparison = _comparison(spec, mode)
    if is_translation(comparison):
        return translation_page(a, b, comparison, split_pair(spec))
    lists = choice_lists()
    meetings = lists.meetings
    compared = (a.snapshot.document.meeting, b.snapshot.document.meeting)
    args = request.args
    view = "side" if args.get("view") == "side" else "inline"
    default_fold = len(comparison.units) > LONG_TEXT_UNITS
    changes_only = args.get("changes", "only" if default_fold else "all") == "only"
    all_commitments = commitment_rows(comparison)
    shown = filter_commitments(all_commitments, args.get("topic", ""), args.get("actor", ""),
                               args.get("change", ""))
    return render_template(
        "compare.html", a=a, b=b, comparison=comparison, view=view,
        **_annotations(a, b, comparison),
        changes_only=changes_only, rows=layout(comparison, changes_only),
        identical=comparison.identical, commitments=shown,
        all_commitments=all_commitments, filters=_filters(all_commitments, args),
        picker=_picker(lists, compared), neighbours=_neighbours(a, b),
        names=split_pair(spec), bar=summary_bar(comparison), **_for_people(a, b, meetings),
        warning=mismatch_warning(a, b, mode),
    )


# What the downloads add to the engine's rendering: the annotations of the pair.
_ANNOTATED = {".json": annotated_json, ".md": annotated_markdown}


def _download(spec: str, suffix: str, mode: str) -> Response:
    mimetype, render = DOWNLOADS[suffix]
    a, b, comparison = _comparison(spec, mode)
    body = download_text(comparison, suffix, lambda c: render(c, a, b))
    if suffix in _ANNOTATED:
        body = _ANNOTATED[suffix](body, comparison, a, b)
    name = spec.replace(SEPARATOR, "_vs_").replace("@", "-v") + suffix
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": attachment(name)})


def _annotations(a, b, comparison) -> dict:
    """What the page shows of annotations: by unit anchor, those whose unit
    is gone, and each unit's key for the forms."""
    placed, orphaned = place_annotations(comparison, get_store().annotations_for_pair(a.label,
                                                                                      b.label))
    return {"notes": {f"u{number}": found for number, found in placed.items()},
            "orphaned_notes": orphaned, "significances": SIGNIFICANCES,
            "unit_keys": {f"u{i}": key_of(u) for i, u in enumerate(comparison.units, start=1)}}


def _for_people(a, b, meetings) -> dict:
    """The two sides' names, the notices about their texts, the meetings' names."""
    shown, notices = named_sides(a, b)
    return {"shown": shown, "notices": notices,
            "meeting_names": meeting_names(meetings)}


def attachment(name: str) -> str:
    """A ``Content-Disposition`` header any server can send.

    HTTP headers are Latin-1, so a name outside ASCII goes in RFC 5987's
    ``filename*`` (UTF-8, percent-encoded), with an ASCII ``filename`` for
    clients that do not read it.
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = "".join(c if c.isprintable() and c not in '"\\' else "_" for c in plain)
    if plain == name:
        return f'attachment; filename="{name}"'
    encoded = quote(name, safe="")
    return f"attachment; filename=\"{plain or 'download'}\"; filename*=UTF-8''{encoded}"


def _comparison(spec: str, mode: str = "auto"):
    first, second = split_pair(spec)
    a, b = resolve_pair(get_store(), first, second)
    return a, b, cached_comparison(a, b, mode)


def _filters(rows, args) -> dict:
    return {
        "topics": sorted({t for r in rows for t in r.topics}),
        "actors": sorted({a for r in rows for a in r.actors}),
        "changes": change_choices(rows),
        "topic": args.get("topic", ""), "actor": args.get("actor", ""),
        "change": args.get("change", ""),
    }


@dataclass(frozen=True)
class Picker:
    """What the From/to pickers offer: every choice in a ``<select>``; or,
    past ``MAX_OPTIONS`` meetings, text fields (``typed``) suggesting the
    meetings near the two compared and their versions."""

    choices: list[tuple[str, str]]
    typed: bool = False


def _picker(lists: ChoiceLists, compared: tuple) -> Picker:
    """Every meeting with a text (its primary text), then every version of
    the documents of the two meetings compared. Versions of any other
    document are picked from that document's page."""
    versions = []
    for slug in dict.fromkeys(compared):
        for document in get_store().documents(meeting=slug):
            versions += [(f"{document.slug}@{n}", f"{document_label(document)} · v{n}")
                         for n in range(document.versions, 0, -1)]
    meetings = [(m.slug, meeting_label(m.title, m.date or "undated", m.slug))
                for m in lists.meetings]
    if not lists.many_meetings:
        return Picker(meetings + versions)
    places = [i for i, (slug, _label) in enumerate(meetings) if slug in compared]
    near = sorted({i for p in places for i in range(max(0, p - NEAR), p + NEAR + 1)})
    return Picker([meetings[i] for i in near if i < len(meetings)] + versions, typed=True)


def _neighbours(a, b) -> dict:
    """Previous and next meeting-over-meeting pairs, by the rule of the home
    page's "what changed since" (:func:`previous_of_kind`): offered only
    when A's meeting is the one B's follows under that rule."""
    doc_a, doc_b = a.snapshot.document, b.snapshot.document
    if doc_a.series != doc_b.series or doc_a.meeting == doc_b.meeting:
        return {}
    previous = previous_of_kind(_with_kinds(get_store(), doc_a.series))
    if previous.get(doc_b.meeting) != doc_a.meeting:
        return {}
    found = {}
    if doc_a.meeting in previous:
        found["previous"] = (previous[doc_a.meeting], doc_a.meeting)
    later = next((m for m, before in previous.items() if before == doc_b.meeting), None)
    if later:
        found["next"] = (doc_b.meeting, later)
    return found


def _with_kinds(store: Store, series: str) -> list:
    """The series' meetings, with documents read only for those without a
    number (whose pairing depends on their text's kind): the page stays
    light on a database of thousands of documents."""
    return [replace(m, documents=tuple(store.documents(meeting=m.slug)))
            if m.number is None and m.document_count else m
            for m in store.meetings(series, with_documents=False)]
