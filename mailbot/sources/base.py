"""What every mailbox backend offers the ingest step: the ``Source`` contract.

The contract is IMAP's, because IMAP is the hard case: messages are named by
``(uidvalidity, uid)``, UIDs only grow, and a changed UIDVALIDITY means every old UID is
meaningless. The Maildir backend imitates that, so :mod:`mailbot.sources.ingest` has one code
path for both.

All methods are synchronous (imapclient is); the daemon runs them in a worker thread.
Constructors never connect: a source becomes live in ``with source:`` or ``connect()``,
and reconnecting after a dropped connection is calling ``connect()`` again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from mailbot.mail.addresses import safe_line

# imaplib quotes server replies as Python bytes literals: b'[AUTHENTICATIONFAILED] ...'
_BYTES_LITERAL = re.compile(r"""\bb(['"])(.*?)\1""")


class SourceError(Exception):
    """The mailbox could not be read or changed.

    The message names what failed (connect, login, fetch…) and the server's reply, never
    a sender, a subject or a body: it ends up in logs and in ``mailbox_state.last_error``.
    """


@dataclass(frozen=True, slots=True)
class FetchedMessage:
    uid: int
    size: int
    raw: bytes | None
    """The whole message; None when it is larger than ``max_message_bytes`` (not downloaded)."""
    internal_date: datetime | None


@runtime_checkable
class Source(Protocol):
    @property
    def key(self) -> str:
        """Stable name of the mailbox, e.g. ``imap://user@host:993/INBOX`` (a DB key)."""
        ...

    def connect(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Source: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def uidvalidity(self) -> int: ...

    def uids_after(self, last_uid: int, since: datetime | None = None) -> list[int]:
        """UIDs above ``last_uid``, ascending; with ``since``, only mail received after it."""
        ...

    def fetch(self, uids: Iterable[int]) -> Iterator[FetchedMessage]:
        """The messages, in batches; never sets ``\\Seen``; skips UIDs that are gone."""
        ...

    def move_to_processed(self, uids: Iterable[int]) -> None:
        """Move to the processed folder (created if missing); UIDs already gone are fine."""
        ...

    def wait_for_new(self, timeout: float) -> bool:
        """Block until new mail may have arrived (True) or ``timeout`` seconds passed."""
        ...


def batched(items: Iterable[int], size: int) -> Iterator[list[int]]:
    """Consecutive chunks of at most ``size`` items."""
    chunk: list[int] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def redact(error: object, limit: int = 300) -> str:
    """An error's text fit for logs and the database: one line, addresses masked, capped."""
    return safe_line(_BYTES_LITERAL.sub(lambda m: m.group(2), str(error)), limit)
