"""The public endpoints: RFC 8058 one-click unsubscribe links and their tokens."""
