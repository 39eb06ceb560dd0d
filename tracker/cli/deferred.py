"""Standard-library modules imported on a command's path but seldom used
there, loaded when first used instead.

``dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis`` and
``tokenize``) for one call, made only for a class without a docstring, and
every class of tracker has one; and ``copy`` for ``asdict``, which no fast
command calls. The two are about 7 ms of a 40-ms ``tracker diff``
(``benchmarks/bench_startup.py --steps``).
So the launcher puts a placeholder in ``sys.modules``: an ``import
inspect`` binds it at no cost, and the first attribute read from it
imports the real module, which takes its place in ``sys.modules`` and
lends its namespace to the placeholder for whoever holds it. Nothing
changes but when the import happens (Mercurial starts up the same way).
Only the ``tracker`` command installs it; a library user's process is
left alone.
"""

import sys

# ModuleSpec from where importlib.machinery takes it, always loaded:
# importing importlib (with warnings) for the name costs 0.4 ms.
from _frozen_importlib import ModuleSpec
from types import ModuleType

# What a fast command's own modules import and (almost) never use.
DEFERRED = ("inspect", "copy")


def defer(name: str) -> ModuleType | None:
    """Put a placeholder for the standard-library module ``name`` in
    ``sys.modules``, unless it is loaded already (then nothing changes)."""
    if name in sys.modules:
        return None
    placeholder = ModuleType(name)
    # What ``import`` reads of a module it finds loaded; the real module is
    # found afresh when first used (finding it now would cost 0.5 ms a module).
    placeholder.__spec__ = ModuleSpec(name, None)

    def load(attribute: str):
        return getattr(_load(placeholder), attribute)

    placeholder.__getattr__ = load  # module attributes missing from its namespace (PEP 562)
    sys.modules[name] = placeholder
    return placeholder


def _load(placeholder: ModuleType) -> ModuleType:
    """The real module behind ``placeholder``, imported now if need be."""
    name = placeholder.__name__
    if sys.modules.get(name) is placeholder:
        del sys.modules[name]
    __import__(name)
    real = sys.modules[name]
    placeholder.__dict__.update(real.__dict__)
    return real


def defer_all() -> None:
    """Defer every module of :data:`DEFERRED`."""
    for name in DEFERRED:
        defer(name)
