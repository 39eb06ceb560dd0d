"""Which language each side of a comparison is in, and what follows from it.

Kept apart from :mod:`tracker.compare.crosslingual` (the translation
alignment, its glossary and result classes) because every comparison asks
it first, and most are two English texts that never need the rest: telling
the script costs a regex scan, importing the translation machinery costs
more than comparing two short statements.

>>> detect_language("양측은 확장억제 공약을 재확인하였다."), detect_language("The allies met.")
('ko', 'en')
>>> comparison_mode(side_languages("The allies met.", "동맹국들이 만났다."))
'translation'
"""

from tracker.compare.precompiled import compile_regex

ENGLISH, KOREAN = "en", "ko"
AUTO, WORDS, TRANSLATION = "auto", "words", "translation"
MODES = (AUTO, WORDS, TRANSLATION)
LANGUAGE_NAMES = {ENGLISH: "English", KOREAN: "Korean"}
# Hangul syllables (jamo alone do not make Korean text); Latin letters.
_HANGUL = compile_regex(r"[\uac00-\ud7a3]")
_LATIN = compile_regex(r"[A-Za-z]")
# A text is Korean once this share of its letters is Hangul: Korean
# statements carry Latin acronyms (NCG, DMZ) and names, English ones none of
# Hangul.
KOREAN_SHARE = 0.3
# Fewer letters than this say nothing about the language.
MIN_LETTERS = 6
# Letters looked at: the opening of a long text tells its language.
SAMPLE_CHARS = 20_000


def detect_language(text: str) -> str | None:
    """``"ko"``, ``"en"`` or None (too few letters to tell) from the script."""
    sample = text[:SAMPLE_CHARS]
    if _HANGUL.search(sample) is None:  # English, or too short: no need to count
        return _english_or_none(sample)
    hangul, latin = len(_HANGUL.findall(sample)), len(_LATIN.findall(sample))
    if hangul + latin < MIN_LETTERS:
        return None
    return KOREAN if hangul >= KOREAN_SHARE * (hangul + latin) else ENGLISH


def _english_or_none(sample: str) -> str | None:
    """``"en"`` once ``sample`` (no Hangul in it) has ``MIN_LETTERS`` Latin
    letters, else None: stopping at the sixth, not listing all 16,000 of a
    long text's sample, saves ~0.7 ms a side."""
    for found, _ in enumerate(_LATIN.finditer(sample), 1):
        if found == MIN_LETTERS:
            return ENGLISH
    return None


def normal_language(code: str | None) -> str | None:
    """A document's ``language`` ("ko-KR", "EN") as ``ko``/``en``, else as given."""
    if not code:
        return None
    return code.strip().lower().split("-")[0].split("_")[0] or None


def side_languages(a_text: str, b_text: str, a_language: str | None = None,
                   b_language: str | None = None) -> tuple[str | None, str | None]:
    """Each side's language: as its document says, else as its script shows."""
    return (normal_language(a_language) or detect_language(a_text),
            normal_language(b_language) or detect_language(b_text))


def is_translation(comparison) -> bool:
    """Whether ``comparison`` is a translation alignment, not a word diff."""
    return getattr(comparison, "mode", None) == TRANSLATION


def comparison_mode(languages: tuple[str | None, str | None], mode: str = AUTO) -> str:
    """``words`` or ``translation``: forced, or translation when both
    languages are known and differ."""
    if mode not in MODES:
        raise ValueError(f"unknown comparison mode {mode!r}")
    if mode != AUTO:
        return mode
    first, second = languages
    return TRANSLATION if first and second and first != second else WORDS


def language_warning(languages: tuple[str | None, str | None], mode: str) -> str | None:
    """The warning for a word diff of two texts in different languages."""
    first, second = languages
    if mode != WORDS or not first or not second or first == second:
        return None
    return (f"A is in {language_name(first)} and B in {language_name(second)}: a word diff "
            "across languages reports every sentence as added or removed; compare them as "
            "translations instead (leave out --word-diff)")


def language_name(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code or "", code or "an unknown language")
