"""Raw message bytes → :class:`ParsedMessage` (headers, the sender's own text, signals).

(Interface fixed; the implementation of ``parse_message`` is being written.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str | None
    subject: str
    from_address: str | None
    """The addr-spec of From:, as written (not lower-cased)."""
    from_name: str
    reply_to: str | None
    to: tuple[str, ...]
    date: datetime | None
    in_reply_to: str | None
    references: tuple[str, ...]
    return_path: str | None
    """The Return-Path addr-spec; "" for the null sender <>; None when the header is absent."""
    text: str
    """The sender's own words: preferred text part (or HTML → text), quotes and signature removed."""
    quoted: str
    """Quoted or forwarded material split off ``text``."""
    signature: str
    language_hint: str
    """"ar", "en" or "und", from the script of ``text`` (then subject)."""
    automation: tuple[str, ...]
    """Signals that a machine sent it, e.g. "auto-submitted:auto-replied", "precedence:bulk",
    "list-id", "list-unsubscribe", "dsn", "sender:mailer-daemon", "sender:no-reply",
    "x-autoreply", "null-return-path". Empty for mail a person wrote."""
    authentication_results: tuple[str, ...] = ()
    """Raw values of every Authentication-Results header, top first."""
    list_unsubscribe_mailto: bool = False
    """True when this looks like an RFC 2369 mailto unsubscribe a mail client generated."""
    defects: tuple[str, ...] = ()
    size: int = 0
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """All headers decoded, in order (for rules that need one we did not lift out)."""

    @property
    def is_automated(self) -> bool:
        return bool(self.automation)
