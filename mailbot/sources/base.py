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

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Protocol, TypeVar, runtime_checkable

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


@dataclass(frozen=True, slots=True)
class MailTarget:
    """A message to remove, named as a mailbox can find it again after it was moved: a
    fetched message by the SHA-256 of its bytes (read only for mail of the same size) and by
    its UID while it is still in the folder it was fetched from; a sent reply by the hash of
    its Message-ID (:func:`hash_message_id`)."""

    message_id_hash: str | None
    sha256: str
    size: int
    uidvalidity: int | None = None
    uid: int | None = None

    def matches(self, mid_hash: str | None, size: int, body: Callable[[], bytes]) -> bool:
        if self.message_id_hash:
            return mid_hash == self.message_id_hash
        return bool(self.sha256) and size == self.size \
            and hashlib.sha256(body()).hexdigest() == self.sha256


def matched_targets(targets: Sequence[MailTarget], mid_hash: str | None, size: int,
                    body: Callable[[], bytes]) -> list[int]:
    """Indexes of the targets one message in a folder matches (its body read at most once)."""
    cached: list[bytes] = []

    def once() -> bytes:
        if not cached:
            cached.append(body())
        return cached[0]

    return [i for i, target in enumerate(targets) if target.matches(mid_hash, size, once)]


def header_message_id_hash(raw: bytes) -> str | None:
    """:func:`hash_message_id` of the Message-ID header, None without one. ``raw`` may be
    the whole message or its header alone."""
    end = raw.find(b"\n\n")
    end_crlf = raw.find(b"\r\n\r\n")
    cut = min(e for e in (end, end_crlf, len(raw)) if e >= 0)
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw[: cut + 4])
    value = headers.get("Message-ID")
    return hash_message_id(str(value)) if value is not None else None


def hash_message_id(value: str) -> str | None:
    """SHA-256 of a Message-ID (whitespace-trimmed), None when it is blank."""
    normalised = " ".join(value.split())
    if not normalised:
        return None
    return hashlib.sha256(normalised.encode("utf-8", "surrogateescape")).hexdigest()


@runtime_checkable
class Source(Protocol):
    @property
    def key(self) -> str:
        """Stable name of the mailbox, e.g. ``imap://user@host:993/INBOX`` (a DB key)."""

    def connect(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Source: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def uidvalidity(self) -> int: ...

    def uids_after(self, last_uid: int, since: datetime | None = None) -> list[int]:
        """UIDs above ``last_uid``, ascending; with ``since``, only mail received after it."""

    def fetch(self, uids: Iterable[int]) -> Iterator[FetchedMessage]:
        """The messages, in batches; never sets ``\\Seen``; skips UIDs that are gone."""

    def move_to_processed(self, uids: Iterable[int]) -> None:
        """Move to the processed folder (created if missing); UIDs already gone are fine."""

    def mark_left(self, uids: Iterable[int], flag: str) -> None:
        """Mark mail left for people with ``flag`` (a keyword such as ``$MailbotSeen``, or
        ``\\Flagged``), so staff can tell mailbot read it; never sets ``\\Seen``."""

    def wait_for_new(self, timeout: float) -> bool:
        """Block until new mail may have arrived (True) or ``timeout`` seconds passed."""

    def remove_messages(self, targets: Sequence[MailTarget]) -> list[int]:
        """Delete for good every copy of the targets in the folder and the processed folder;
        returns how many messages each target matched. Messages already gone are fine."""


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


T = TypeVar("T")


def batched_by_size(items: Iterable[T], size_of: Callable[[T], int],
                    max_bytes: int) -> Iterator[list[T]]:
    """Consecutive chunks whose sizes add up to at most ``max_bytes``; an item larger than
    that comes alone. Lazy: only one chunk is held at a time."""
    chunk: list[T] = []
    total = 0
    for item in items:
        size = size_of(item)
        if chunk and total + size > max_bytes:
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += size
    if chunk:
        yield chunk
