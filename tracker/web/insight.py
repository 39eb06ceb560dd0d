"""Series-wide views: commitment lineage and the term timeline."""

from flask import Blueprint, current_app, render_template, request

from tracker.compare import ENGINE_VERSION
from tracker.compare.crosslingual import language_name
from tracker.compare.hangul import normal_language
from tracker.compare.lineage import build_lineage
from tracker.compare.term_gaps import language_gaps
from tracker.compare.terms import term_timeline
from tracker.errors import InputError
from tracker.refs import validate_slug
from tracker.refs.labels import meeting_headings, meeting_names
from tracker.refs.resolve import series_statements, series_statements_in, translation_pairs
from tracker.store.annotations import SIGNIFICANCES
from tracker.web.db import get_store
from tracker.web.lru import LRUCache

blueprint = Blueprint("insight", __name__)
EXTENSION = "tracker.series"
LEVELS = (0, 1, 2, 4, 8)
NO_TOPIC = "Other commitments"


def _series(series: str, language: str | None = None) -> list[tuple[str, str, str]]:
    validate_slug(series, "series slug")
    store = get_store()
    statements = (series_statements(store, series) if language is None
                  else series_statements_in(store, series, language))
    return [(s.snapshot.document.meeting, s.text, s.snapshot.info.sha256) for s in statements]


def _language(value: str | None) -> str | None:
    """``?language=``: a code such as en or ko; empty means the primary texts."""
    if not value:
        return None
    code = normal_language(value)
    if not code or not code.isalpha() or len(code) > 12:
        raise InputError(f"invalid language {value[:40]!r}: use a code such as en or ko")
    return code


def _cached(kind: str, statements: list[tuple[str, str, str]], build):
    """Series views depend only on the texts (by hash), the engine and the
    sentence cap (each build gets it: a statement past it is left out)."""
    cap = current_app.config["MAX_STATEMENT_SENTENCES"]
    key = (kind, ENGINE_VERSION, cap, tuple((m, sha) for m, _t, sha in statements))
    cache: LRUCache = current_app.extensions[EXTENSION]
    return cache.get_or_build(key, lambda: build(
        [(meeting, text) for meeting, text, _sha in statements], max_sentences=cap))



@blueprint.get("/commitments/<series>")
def commitments(series: str):
    lineage = _cached("lineage", _series(series), build_lineage)
    topic, actor = request.args.get("topic", ""), request.args.get("actor", "")
    threads = [t for t in lineage.threads
               if (not topic or topic in t.topics) and (not actor or actor in t.actors)]
    notes: dict[str, list] = {}
    for note in get_store().annotations(series=series, target="thread"):
        notes.setdefault(note.key, []).append(note)
    known = {thread.key for thread in lineage.threads}
    return render_template(
        "commitments.html", series=series, lineage=lineage, threads=threads, **_names(series),
        groups=topic_groups(threads), labels=_meeting_labels(series), notes=notes,
        orphaned_notes=[n for key, found in notes.items() if key not in known for n in found],
        topics=sorted({t for th in lineage.threads for t in th.topics}),
        actors=sorted({a for th in lineage.threads for a in th.actors}),
        topic=topic, actor=actor, significances=SIGNIFICANCES,
    )


def topic_groups(threads) -> list[tuple[str, list]]:
    """Threads under their first topic, topics in alphabetical order and
    threads in order of first appearance; those with no topic come last."""
    groups: dict[str, list] = {}
    for thread in threads:
        groups.setdefault(thread.topics[0] if thread.topics else "", []).append(thread)
    named = sorted(((name, found) for name, found in groups.items() if name),
                   key=lambda group: group[0].casefold())
    return named + ([(NO_TOPIC, groups[""])] if "" in groups else [])


def _meeting_labels(series: str) -> dict[str, dict[str, str]]:
    """``{slug: {"long": …, "short": …, "year": …}}`` for the series' meetings."""
    meetings = get_store().meetings(series, with_documents=False)
    long, heads = meeting_names(meetings), meeting_headings(meetings)
    return {slug: {"long": long[slug], "short": heads[slug][0], "year": heads[slug][1]}
            for slug in long}


@blueprint.get("/terms/<series>")
def terms(series: str):
    language = _language(request.args.get("language"))
    timeline = _cached(f"terms-{language}", _series(series, language), term_timeline)
    term, meeting = request.args.get("term", ""), request.args.get("meeting", "")
    return render_template("terms.html", series=series, timeline=timeline, **_names(series),
                           chosen=_chosen_sentences(timeline, term, meeting),
                           term=term, meeting=meeting, level=_level, language=language,
                           language_name=language_name(language) if language else None,
                           labels=_meeting_labels(series))


@blueprint.get("/terms/<series>/languages")
def term_gaps(series: str):
    """Per meeting, the terms a translation has and its original lacks."""
    validate_slug(series, "series slug")
    pairs = translation_pairs(get_store(), series)
    gaps = language_gaps([(first.snapshot.document.meeting, first.text, second.text)
                          for first, second in pairs])
    return render_template("term_gaps.html", series=series,
                           rows=list(zip(gaps, pairs, strict=True)),
                           language_name=language_name)


def _names(series: str) -> dict:
    """What people read instead of slugs: the series' title and each
    meeting's label ("Fifth EDSCG meeting (2024-09-04)")."""
    meetings = get_store().meetings(series, with_documents=False)
    title = next((m.series_title for m in meetings if m.series_title), None)
    return {"series_title": title or series,
            "meeting_names": meeting_names(meetings)}


def _level(count: int) -> int:
    """Colour step of a cell: 0, 1, 2–3, 4–7, 8 or more."""
    return max(i for i, floor in enumerate(LEVELS) if count >= floor)


def _chosen_sentences(timeline, term: str, meeting: str) -> list[str] | None:
    """The sentences behind one cell of the chart."""
    row = next((r for r in timeline.rows if r.term == term), None)
    if row is None or meeting not in timeline.meetings:
        return None
    column = timeline.meetings.index(meeting)
    return [timeline.sentences[column][i] for i in row.sentences[column]]
