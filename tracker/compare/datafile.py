"""Reading the engine's data files (lexicon, thesaurus), which users may
replace with their own: a missing or broken file is one readable line."""

import os

from tracker.errors import InputError


def path_attributes(module: str, files: dict[str, str]):
    """A module ``__getattr__`` (PEP 562) giving each name of ``files`` as a
    ``pathlib.Path``, made when first asked for: the engine reads its files
    by their string paths, since importing pathlib (and the urllib.parse it
    imports) is ~4 ms of a 1k-word diff's start-up."""

    def module_getattr(name: str):
        if name not in files:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        from pathlib import Path

        return Path(files[name])

    return module_getattr


def read_bundled_toml(path: str | os.PathLike, what: str) -> dict:
    """:func:`read_toml` of a file that comes with tracker, parsed once per
    install (see ``precompiled``), not once per run."""
    from tracker.compare.precompiled import read_bundled

    return read_bundled(path, lambda file: read_toml(file, what))


def read_toml(path: str | os.PathLike, what: str) -> dict:
    """Parse ``path``; ``what`` names the file in the error ("lexicon").
    A path may be a string: the bundled files' are (no pathlib on start-up)."""
    import tomllib

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise InputError(f"cannot read {what} {path}: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{what} {path} is not valid TOML: {error}") from error
