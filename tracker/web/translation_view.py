"""The compare page for a statement and its translation.

Two versions in different languages are shown side by side, pair by pair,
with the glossary terms one side has and the other lacks marked in the text
(``<mark>`` with a hidden "term without counterpart" for screen readers)
and named beside the pair, so colour is never the only sign.
"""

from flask import render_template, url_for

from tracker.compare.crosslingual import (
    is_translation,
    language_name,
    language_warning,
    side_languages,
)
from tracker.compare.translation_formats import (
    format_translation_json,
    term_segments,
)
from tracker.errors import InputError


def download_text(comparison, suffix: str, render) -> str:
    """A download of the comparison: JSON across languages too; Markdown and
    unified diffs only for a word diff."""
    if not is_translation(comparison):
        return render(comparison)
    if suffix == ".json":
        return format_translation_json(comparison)
    raise InputError(f"a {suffix} download needs a word diff; these texts are in two "
                     "languages (add ?mode=words to force one)")


def mismatch_warning(a, b, mode: str) -> str | None:
    """The warning a forced word diff of two languages shows."""
    languages = side_languages(a.text, b.text, a.snapshot.document.language,
                               b.snapshot.document.language)
    return language_warning(languages, mode)


def translation_page(a, b, comparison, names: tuple[str, str]) -> str:
    spec = f"{names[0]}...{names[1]}"
    return render_template(
        "translation.html", a=a, b=b, comparison=comparison, summary=comparison.summary,
        languages=[language_name(code) for code in comparison.languages],
        rows=[(number, unit, term_segments(unit, "a"), term_segments(unit, "b"))
              for number, unit in enumerate(comparison.units, start=1)],
        words_url=url_for("compare.page", spec=spec, mode="words"),
        json_url=url_for("compare.page", spec=spec + ".json"),
    )
