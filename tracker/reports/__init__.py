"""Change reports: built from the engine's result, stored, then delivered
through every configured channel (email, webhook, outbox files) and shown in
the Atom feed."""
