"""In-memory stand-ins for the edges, for tests of code that uses mailbot.

:class:`MemorySource` is a mailbox and :class:`MemoryMailer` an SMTP relay, both in a
Python list: no server, no disk. They keep the real contracts (UIDs only grow, a moved
message leaves the inbox, one result per envelope), so a pass of the daemon behaves as it
does against Dovecot and a relay — mailbot's own tests use the real servers; these are for
yours.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from mailbot.outgoing.smtp import Envelope, SendResult
from mailbot.sources.base import (
    FetchedMessage,
    MailTarget,
    batched,
    header_message_id_hash,
    matched_targets,
)


@dataclass
class MemorySource:
    """A mailbox folder in memory. ``deliver()`` adds mail; ``processed`` holds moved mail."""

    key: str = "memory:INBOX"
    batch_size: int = 200
    max_message_bytes: int = 25 * 1024 * 1024
    uidvalidity_value: int = 1
    inbox: dict[int, tuple[bytes, datetime | None]] = field(default_factory=dict)
    processed: list[bytes] = field(default_factory=list)
    flags: dict[int, set[str]] = field(default_factory=dict)
    """Flags set by ``mark_left``, by UID."""
    _next_uid: int = 1

    def deliver(self, raw: bytes, received: datetime | None = None) -> int:
        uid, self._next_uid = self._next_uid, self._next_uid + 1
        self.inbox[uid] = (raw, received)
        return uid

    def connect(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> MemorySource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def uidvalidity(self) -> int:
        return self.uidvalidity_value

    def uids_after(self, last_uid: int, since: datetime | None = None) -> list[int]:
        return sorted(uid for uid, (_raw, received) in self.inbox.items()
                      if uid > last_uid and (since is None or received is None or received >= since))

    def fetch(self, uids: Iterable[int]) -> Iterator[FetchedMessage]:
        for chunk in batched(uids, self.batch_size):
            for uid in chunk:
                if uid in self.inbox:
                    raw, received = self.inbox[uid]
                    small = len(raw) <= self.max_message_bytes
                    yield FetchedMessage(uid, len(raw), raw if small else None, received)

    def move_to_processed(self, uids: Iterable[int]) -> None:
        for uid in uids:
            if uid in self.inbox:
                self.processed.append(self.inbox.pop(uid)[0])

    def mark_left(self, uids: Iterable[int], flag: str) -> None:
        for uid in uids:
            if uid in self.inbox:
                self.flags.setdefault(uid, set()).add(flag)

    def wait_for_new(self, timeout: float) -> bool:
        return bool(self.inbox)

    def remove_messages(self, targets: Sequence[MailTarget]) -> list[int]:
        counts = [0] * len(targets)

        def hits(raw: bytes) -> list[int]:
            return matched_targets(targets, header_message_id_hash(raw), len(raw), lambda: raw)

        for uid, (raw, _received) in list(self.inbox.items()):
            named = [i for i, t in enumerate(targets)
                     if t.uid == uid and t.uidvalidity == self.uidvalidity_value]
            if found := sorted(set(named) | set(hits(raw))):
                del self.inbox[uid]
                for i in found:
                    counts[i] += 1
        kept = []
        for raw in self.processed:
            found = hits(raw)
            for i in found:
                counts[i] += 1
            if not found:
                kept.append(raw)
        self.processed[:] = kept
        return counts


@dataclass
class MemoryMailer:
    """Accepts every message (or refuses them all with ``refuse_with``) and keeps them."""

    sent: list[Envelope] = field(default_factory=list)
    refuse_with: tuple[int, str] | None = None

    async def send_batch(self, envelopes: Sequence[Envelope]) -> AsyncGenerator[SendResult, None]:
        for envelope in envelopes:
            if self.refuse_with is not None:
                yield SendResult.refused(envelope.key, *self.refuse_with)
                continue
            self.sent.append(envelope)
            yield SendResult.accepted(envelope.key)

    async def check(self) -> str:
        return "in-memory mailer"
