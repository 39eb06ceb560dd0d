"""Reading the engine's data files (lexicon, thesaurus), which users may
replace with their own: a missing or broken file is one readable line."""

from pathlib import Path

from tracker.errors import InputError


def read_bundled_toml(path: Path, what: str) -> dict:
    """:func:`read_toml` of a file that comes with tracker, parsed once per
    install (see ``precompiled``), not once per run."""
    from tracker.compare.precompiled import read_bundled

    return read_bundled(path, lambda file: read_toml(file, what))


def read_toml(path: Path, what: str) -> dict:
    """Parse ``path``; ``what`` names the file in the error ("lexicon")."""
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise InputError(f"cannot read {what} {path}: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{what} {path} is not valid TOML: {error}") from error
