"""The rules: decisions, confirmation, the request state machine, deadlines, retention (pure)."""
