"""Watching sources: job files, checks, and the scheduler that runs them.

One module per stage, as urlwatch has: ``jobfile`` (which sources, how
often), ``fetcher`` (which session, deadline and cancel event a check
fetches with; the fetch itself, the reading and the filters live in
``tracker.ingest``), ``check`` (one check, and the job boundary that keeps
one source's error from stopping the others), ``visit`` (what a check
carries and how it is recorded), ``schedule`` (APScheduler in the
foreground).
"""
