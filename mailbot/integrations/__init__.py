"""How mailbot's changes reach the store's own systems.

``events`` is the feed (recorded in the change's own transaction), ``deliveries`` carries each
event to each destination with retries, ``webhooks`` and ``connectors`` are the two kinds of
destination, and ``suppression`` exports the never-market list for newsletter tools.
"""
