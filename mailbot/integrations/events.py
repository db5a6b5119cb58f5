"""Change events: every change mailbot makes for a customer, as a row in the same transaction.

This is the transactional outbox for the store's systems: :func:`record` adds the event to
the *caller's* session, so an unsubscribe or an erasure and its event commit together or not
at all. Ids increase; ``mailbot events --since ID`` pages through them, and
:mod:`mailbot.integrations.deliveries` carries each one to every configured destination.

The event's personal data (the address, the shop's customer id) is encrypted like every
other column. An erasure event keeps it only until every destination has it; then
:func:`scrub_subject` drops it from that event and every earlier one of the same person, and
only the blind index remains.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from mailbot.store import audit
from mailbot.store.crypto import Cipher
from mailbot.store.models import ChangeEvent


class EventType(StrEnum):
    unsubscribed = "customer.unsubscribed"
    erased = "customer.erased"


PING = "webhook.ping"  # `mailbot webhooks test`: signed like an event, never stored


@dataclass(frozen=True)
class EventData:
    """What a destination learns about the person; ``external_id`` is the shop's own id."""

    email: str | None
    external_id: str | None = None
    channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """An event as read back: what the feed prints and the destinations receive."""

    id: int
    type: str
    occurred_at: datetime
    request_id: int | None
    data: EventData

    def payload(self) -> dict[str, Any]:
        """The contract's body: ``{"type", "timestamp", "data": {…}}``."""
        return {"type": self.type, "timestamp": self.occurred_at.isoformat(),
                "data": {"external_id": self.data.external_id, "email": self.data.email,
                         "channels": list(self.data.channels), "request_id": self.request_id}}

    def feed_line(self) -> dict[str, Any]:
        return {"id": self.id, **self.payload()}


def record(session: Session, *, cipher: Cipher, type: EventType, subject_index: str | None,
           data: EventData, request_id: int | None, now: datetime) -> ChangeEvent:
    """Add an event to the caller's transaction.

    The audit chain's lock is taken first and held to the commit, so event ids are handed
    out and committed in order: a store reading ``events --since ID`` can never see id 10
    while id 9 is still uncommitted (and so skip 9 for good).
    """
    audit.lock_chain(session)
    row = ChangeEvent(type=str(type), subject_index=subject_index, request_id=request_id,
                      data_enc=cipher.encrypt_json({"email": data.email,
                                                    "external_id": data.external_id,
                                                    "channels": list(data.channels)}),
                      occurred_at=now)
    session.add(row)
    return row


def read(row: ChangeEvent, *, cipher: Cipher) -> Event:
    assert row.id is not None
    stored = cipher.decrypt_json(row.data_enc) or {}
    return Event(id=row.id, type=row.type, occurred_at=row.occurred_at, request_id=row.request_id,
                 data=EventData(email=stored.get("email"), external_id=stored.get("external_id"),
                                channels=tuple(stored.get("channels") or ())))


def feed(session: Session, *, cipher: Cipher, since: int = 0, limit: int = 1000) -> Iterator[Event]:
    """Events with an id above ``since``, oldest first."""
    rows = session.exec(select(ChangeEvent).where(ChangeEvent.id > since)  # type: ignore[operator]
                        .order_by(ChangeEvent.id).limit(limit))
    for row in rows:
        yield read(row, cipher=cipher)


def scrub_subject(session: Session, *, subject_index: str | None, up_to: int, now: datetime) -> int:
    """Drop the personal data of a person's events up to ``up_to`` (an erasure that has reached
    every destination); the blind index, type and time stay."""
    if subject_index is None:
        condition = ChangeEvent.id == up_to
    else:
        condition = (ChangeEvent.subject_index == subject_index) & (ChangeEvent.id <= up_to)  # type: ignore[operator]
    result = session.execute(update(ChangeEvent).where(condition, ChangeEvent.data_enc.is_not(None))  # type: ignore[union-attr]
                             .values(data_enc=None, scrubbed_at=now))
    return result.rowcount or 0  # type: ignore[attr-defined]
