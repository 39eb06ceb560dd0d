"""tracker: follow how official statements change.

Layers, from the bottom up: ``errors`` and ``text`` (standard library only),
the pure comparison engine in ``tracker.compare``, the snapshot store in
``tracker.store``, and the thin edges (``cli``, ``web``) over them.
"""

__version__ = "0.1.0"
