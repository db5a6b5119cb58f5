"""Mailbox backends: where new mail comes from and where handled mail goes.

``open_source(settings)`` picks the backend; it does not connect (use ``with``).
"""

from __future__ import annotations

from mailbot.config import MailboxSettings
from mailbot.credentials import tls_context
from mailbot.sources.base import FetchedMessage, Source, SourceError

__all__ = ["FetchedMessage", "Source", "SourceError", "open_source"]


def open_source(settings: MailboxSettings) -> Source:
    """The configured backend, not yet connected."""
    if settings.backend == "imap":
        from mailbot.sources.imap import ImapSource

        context = tls_context(section="mailbox", ca_file=settings.ca_file)
        return ImapSource(settings, ssl_context=context)
    from mailbot.sources.maildir import MaildirSource

    return MaildirSource(settings)
