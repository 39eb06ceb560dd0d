"""From a page or file to statement text: one pipeline for ``tracker add``,
the web's upload form and the watcher's checks.

One module per stage, the way urlwatch lays out its pipeline:

- ``netguard``: which network addresses a fetch may reach.
- ``transport``: the HTTP transport that checks those addresses on every
  connection and keeps the deadline of a whole fetch.
- ``fetch``: one page over HTTP(S), within limits (``FetchedPage``).
- ``formats``: which content types and file suffixes are read, and as what.
- ``decode``: bytes to text (BOM, ``<meta charset>``, UTF-8, the HTTP
  charset, detection).
- ``sniff``: what a file is from its first bytes (PDF, DOCX, HWP, images…),
  so that no binary file is ever stored as text.
- ``extract``: HTML to the statement's paragraphs.
- ``pdftext`` (pdfminer.six), with ``layout`` (column order), ``furniture``
  (running headers, footers, page numbers) and ``paragraphs`` (lines back
  into paragraphs): a PDF to the statement's paragraphs.
- ``docxtext`` (python-docx): a DOCX to its paragraphs, list numbers kept.
- ``pipeline``: bytes with what is known about them to one ``Intake`` record.
- ``intake``: a SOURCE argument (file, URL or ``-``) into the pipeline.
- ``filters``: what a check does to the text after extraction (ignore
  rules, the shrink guard), as small classes in a registry.

Both ``tracker add URL`` and a scheduled check of the same URL go through
``pipeline.from_page``, so the same bytes give the same text, and a page
added by hand is not stored again by the watcher as a spurious new version.

Nothing here is imported by ``tracker.ingest`` itself: ``tracker diff``
must start without requests, BeautifulSoup, pdfminer.six or python-docx.
"""
