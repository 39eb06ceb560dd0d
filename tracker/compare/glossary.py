"""The bilingual glossary: which English and Korean words render each other.

Translation alignment needs words both versions of a statement share (a
name, a term of art) to anchor the sentences, and the analyst needs to know
which of those words one version has and the other lacks. Both come from
``glossary.toml`` beside this file, plus any files a user adds (see
:func:`use_glossary_files`); the file's comments say how forms match.

The same file teaches the commitment reader Korean: :func:`with_korean_forms`
adds the ``[korean.*]`` forms to the parsed ``lexicon.toml`` before it is
compiled, so ``lexicon.toml`` itself stays English.

>>> g = default_glossary()
>>> [e.name for e in g.found("미국은 철통같은 확장억제 공약을 재확인하였다.", "ko")][:2]
['ironclad', 'extended deterrence']
"""

import copy
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tracker.compare.datafile import read_bundled_toml, read_toml
from tracker.errors import InputError

GLOSSARY_PATH = Path(__file__).with_name("glossary.toml")
LEXICON_PATH = Path(__file__).with_name("lexicon.toml")
ENGLISH, KOREAN = "en", "ko"
LANGUAGES = (ENGLISH, KOREAN)
# Sections whose entries are checked for a missing counterpart.
CHECKED = ("terms", "names")
# Sections of [korean.*] and the lexicon section each one extends.
_READER_SECTIONS = ("actors", "topics", "verbs", "intensifiers", "hedges", "terms")
_SECTIONS = {"terms", "names", "korean"}

_user_files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One glossary word: its name (English), where it came from, and one
    compiled pattern per language."""

    name: str
    section: str
    patterns: dict
    examples: dict

    def example(self, language: str) -> str:
        """A readable form of this entry in ``language`` (its first form)."""
        return self.examples.get(language, "")

    def find(self, text: str, language: str) -> str | None:
        """The first form of this entry in ``text`` (read as ``language``), or None."""
        pattern = self.patterns.get(language)
        found = pattern.search(text) if pattern is not None else None
        return found.group() if found else None

    def forms(self, language: str) -> str:
        """The patterns of one language, for a reader ("철통\\s?같\\w*|철통")."""
        pattern = self.patterns.get(language)
        return pattern.pattern if pattern is not None else ""


@dataclass(frozen=True)
class Glossary:
    """Every entry, checked ones (``[terms]``, ``[names]``) first; ``korean``
    holds the ``[korean.*]`` tables for the commitment reader."""

    entries: tuple[Entry, ...]
    korean: dict

    def found(self, text: str, language: str) -> list[Entry]:
        """The entries with a form in ``text``, in glossary order."""
        return [entry for entry in self.entries if entry.find(text, language) is not None]

    @property
    def checked(self) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.entries if entry.section in CHECKED)


def use_glossary_files(paths) -> None:
    """Add users' glossary files to the bundled one for this process (the CLI
    and the web app call this from ``--glossary`` and ``tracker.toml``).
    Each file is read now, so a broken one fails here, in one line."""
    global _user_files
    files = tuple(Path(path) for path in paths)
    for path in files:
        _check_sections(read_toml(path, "glossary"), path)
    if files != _user_files:
        _user_files = files
        default_glossary.cache_clear()
        from tracker.compare.commitments import default_lexicon

        default_lexicon.cache_clear()


def user_glossary_files() -> tuple[Path, ...]:
    return _user_files


@cache
def default_glossary() -> Glossary:
    """The bundled glossary with the users' files merged in, compiled once."""
    return build_glossary(merged_data(), read_bundled_toml(LEXICON_PATH, "lexicon"))


def merged_data() -> dict:
    """The bundled glossary's tables with each user file's added in turn."""
    data = read_bundled_toml(GLOSSARY_PATH, "glossary")
    for path in _user_files:
        data = merge_tables(data, _check_sections(read_toml(path, "glossary"), path))
    return data


def merge_tables(base: dict, extra: dict) -> dict:
    """``base`` with ``extra``'s entries added: a new name is added, the
    forms of a known name are appended to its own (lists and ``en``/``ko``)."""
    merged = copy.deepcopy(base)
    for key, value in extra.items():
        known = merged.get(key)
        if isinstance(value, dict) and isinstance(known, dict):
            merged[key] = merge_tables(known, value)
        elif isinstance(value, list) and isinstance(known, list):
            merged[key] = known + [form for form in value if form not in known]
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _check_sections(data: dict, path) -> dict:
    unknown = set(data) - _SECTIONS
    if unknown:
        raise InputError(f"glossary {path}: unknown sections: {', '.join(sorted(unknown))} "
                         "(use terms, names, korean)")
    return data


def build_glossary(data: dict, lexicon: dict) -> Glossary:
    """Compile the parsed glossary; English forms a ``[terms]`` entry leaves
    out come from the lexicon's tracked term of the same name."""
    tracked = lexicon.get("terms", {})
    entries = []
    for section in CHECKED:
        for name, spec in _table(data, section).items():
            english = _forms(spec, ENGLISH, name, section) or tracked.get(name) or []
            korean = _forms(spec, KOREAN, name, section)
            entries.append(Entry(name, section, _compile_both(name, section, english, korean),
                                 _examples(name, english, korean)))
    korean = data.get("korean", {})
    entries += _reader_entries(korean, lexicon)
    return Glossary(tuple(entries), korean)


def _reader_entries(korean: dict, lexicon: dict) -> list[Entry]:
    """Anchors from the reader's vocabulary (actors, verbs…): English forms
    from the lexicon, Korean ones from ``[korean.*]``; never checked."""
    entries = []
    for section in ("actors", "topics", "verbs"):
        for name, forms in korean.get(section, {}).items():
            english = _lexicon_forms(lexicon.get(section, {}).get(name))
            patterns = _compile_both(name, f"korean.{section}", english, forms)
            entries.append(Entry(name, section, patterns, _examples(name, english, forms)))
    return entries


def _table(data: dict, section: str) -> dict:
    table = data.get(section, {})
    if not isinstance(table, dict):
        raise InputError(f"glossary section [{section}] must be a table")
    return table


def _forms(spec, language: str, name: str, section: str) -> list[str]:
    if not isinstance(spec, dict):
        raise InputError(f"glossary [{section}] {name!r}: give {{ en = [...], ko = [...] }}")
    forms = spec.get(language, [])
    if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
        raise InputError(f"glossary [{section}] {name!r}: {language} must be a list of strings")
    return forms


def _lexicon_forms(value) -> list[str]:
    if isinstance(value, dict):
        value = value.get("patterns", [])
    return list(value or [])


def _compile_both(name: str, section: str, english: list[str], korean: list[str]) -> dict:
    """One pattern per language: English whole words, case-insensitive (the
    name itself when no form is given); Korean from the start of a word, with
    its ending."""
    english = english or [phrase_pattern(name)]
    patterns = {ENGLISH: _compile(rf"(?<!\w)(?:{'|'.join(english)})(?!\w)", name, section)}
    if korean:
        patterns[KOREAN] = _compile(rf"(?<!\w)(?:{'|'.join(korean)})\w*", name, section)
    return patterns


def _examples(name: str, english: list[str], korean: list[str]) -> dict:
    """Readable forms: the name in English, the first Korean form as words."""
    return {ENGLISH: name, KOREAN: readable(korean[0]) if korean else ""}


def readable(pattern: str) -> str:
    """A form's pattern as a reader would write it: ``철통\\s?같\\w*`` → 철통 같."""
    text = re.sub(r"\(\?[=!<][^)]*\)|\\w\*|\[[^\]]*\]\??", "", pattern)
    text = re.sub(r"\\s[?*+]?", " ", text).replace("(?:", "")
    return " ".join(re.sub(r"[()?|*+\\]", "", text).split())


def phrase_pattern(name: str) -> str:
    """A name as a literal phrase, any run of spaces between its words."""
    return r"\s+".join(map(re.escape, name.split()))


def _compile(pattern: str, name: str, section: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise InputError(f"glossary [{section}] {name!r}: bad pattern: {error}") from error


def with_korean_forms(lexicon: dict, glossary: dict | None = None) -> dict:
    """A copy of the parsed lexicon whose entries also match their Korean
    forms (``[korean.*]``, and ``[terms]`` forms of tracked terms), each
    form taking its ending (``재확인`` finds 재확인하였다)."""
    glossary = merged_data() if glossary is None else glossary
    merged = copy.deepcopy(lexicon)
    korean = glossary.get("korean", {})
    for section in _READER_SECTIONS:
        _add_forms(merged.setdefault(section, {}), korean.get(section, {}), section)
    for ladder, table in korean.get("ladders", {}).items():
        rungs = merged.setdefault("ladders", {}).setdefault(ladder, {})
        _add_forms(rungs, table, f"ladders.{ladder}")
    tracked = {name: spec.get(KOREAN, []) for name, spec in _table(glossary, "terms").items()
               if name in merged.get("terms", {}) and isinstance(spec, dict)}
    _add_forms(merged["terms"], tracked, "terms")
    return merged


def _add_forms(entries: dict, forms: dict, section: str) -> None:
    """Append Korean forms to lexicon ``entries`` (a list, or a table with
    ``patterns``); an entry the lexicon lacks is added as given."""
    for label, given in forms.items():
        spec = given.get("patterns", []) if isinstance(given, dict) else given
        extra = [rf"(?:{form})\w*" for form in spec]
        value = entries.get(label)
        if value is None:
            entries[label] = ({**given, "patterns": extra} if isinstance(given, dict)
                              else extra)
        elif isinstance(value, dict):
            value["patterns"] = _existing(label, value.get("patterns", [])) + extra
        else:
            entries[label] = _existing(label, value) + extra


def _existing(label: str, patterns: list[str]) -> list[str]:
    """The lexicon's patterns of an entry; an empty list meant the label itself."""
    return list(patterns) or [phrase_pattern(label)]
