"""Turn what a user typed (CLI options, a web form) into a ``DocumentSpec``.

Shared by the CLI and the web app so both name new meetings and documents
the same way: a meeting slug ``edscg-6`` gives series ``edscg`` and number 6,
and its first statement is ``edscg-6-joint-statement`` unless named.
"""

from tracker.errors import InputError
from tracker.model import DocumentSpec, MeetingSpec
from tracker.refs import parse_meeting_slug, validate_date, validate_slug

DEFAULT_KIND = "joint-statement"


def document_spec_from_options(
    document: str | None = None, meeting: str | None = None, series: str | None = None,
    title: str | None = None, date: str | None = None, location: str | None = None,
    publisher: str | None = None, language: str | None = None, kind: str | None = None,
    translation_of: str | None = None,
) -> DocumentSpec:
    """Validate the options and say which document a new snapshot belongs to."""
    if kind:
        validate_slug(kind, "kind")
    meeting_spec = _meeting_spec(meeting, series, date, location)
    if document:
        slug = validate_slug(document, "document slug")
    elif meeting_spec:
        slug = f"{meeting_spec.slug}-{kind or DEFAULT_KIND}"
    else:
        raise InputError("say where the text belongs: give --document, or --meeting for a new one")
    if language and not (language.replace("-", "").isalpha() and len(language) <= 12):
        raise InputError(f"invalid language {language!r}: use a code such as en or ko")
    if translation_of:
        validate_slug(translation_of, "translation_of document slug")
    return DocumentSpec(slug=slug, meeting=meeting_spec, kind=kind, publisher=publisher,
                        language=language, title=title, translation_of=translation_of or None)


def _meeting_spec(meeting, series, date, location) -> MeetingSpec | None:
    if not meeting:
        if series or date or location:
            raise InputError("--series, --date and --location describe a meeting: "
                             "give --meeting too")
        return None
    name = parse_meeting_slug(meeting)
    return MeetingSpec(
        slug=name.slug,
        series=validate_slug(series, "series slug") if series else name.series,
        number=name.number,
        date=validate_date(date) if date else None,
        location=location or None,
    )
