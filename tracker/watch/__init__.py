"""Watching sources: job files, checks, and the scheduler that runs them.

One module per stage, as urlwatch has: ``jobfile`` (which sources, how
often), ``fetch`` lives in ``tracker.fetch``, ``fetcher`` (which session,
deadline and cancel event a check fetches with), ``check`` (fetch, extract,
filter, store, report), ``schedule`` (APScheduler in the foreground).
"""
