"""tracker: follow how official statements change.

Layers, from the bottom up: ``errors``, ``text``, ``indexedfile`` and
``settings`` (standard library only), the names users type (``refs``), the
pure comparison engine in ``tracker.compare``, the snapshot store in
``tracker.store``, reading pages (``ingest``), watching (``watch``) and
``reports``, and the thin edges (``cli``, ``web``) over them.
"""

__version__ = "0.1.0"
