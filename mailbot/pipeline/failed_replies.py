"""Replies the relay refused for good: listed for a human, and sent again on their word.

A reply becomes ``failed`` after a permanent refusal (5xx) or ``[smtp] max_attempts``
transient ones. It keeps its text until the purge drops it ``raw_mail_retention_days`` after
the failure (:mod:`mailbot.daemon.purge`), so an operator who fixed the cause (a relay
setting, a full mailbox) can send it again: ``mailbot queue retry-reply ID`` or the
"Send again" button on the admin page, which both call :func:`retry_reply`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.config import PolicySettings
from mailbot.outgoing.outbox import requeue_failed
from mailbot.pipeline.review import ReviewError
from mailbot.store import audit
from mailbot.store.db import transaction
from mailbot.store.models import Outbox, OutboxState


@dataclass(frozen=True)
class FailedReply:
    id: int
    kind: str
    request_id: int | None
    attempts: int
    error: str | None
    created_at: datetime
    failed_at: datetime | None
    retryable: bool
    """False once the purge dropped the text: nothing is left to send."""

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "created_at": self.created_at.isoformat(),
                "failed_at": self.failed_at.isoformat() if self.failed_at else None}


def list_failed(session: Session) -> list[FailedReply]:
    """Failed replies, newest failure first (no recipient, no text: those stay encrypted)."""
    rows = session.scalars(select(Outbox).where(Outbox.state == OutboxState.failed)
                           .order_by(Outbox.id.desc()))
    return [FailedReply(id=r.id or 0, kind=r.kind, request_id=r.request_id, attempts=r.attempts,
                        error=r.last_error, created_at=r.created_at, failed_at=r.failed_at,
                        retryable=r.message_enc is not None) for r in rows]


def retry_reply(engine: Engine, reply_id: int, *, policy: PolicySettings, now: datetime,
                actor: str) -> str:
    """Queue a failed reply again with fresh attempts; the next delivery sends it (``policy``
    only names the retention in the refusal once the text was purged)."""
    with transaction(engine) as session:
        audit.lock_chain(session)  # the lock order every writer uses
        row = session.get(Outbox, reply_id)
        if row is None:
            raise ReviewError(f"there is no reply {reply_id}")
        if row.state != OutboxState.failed:
            raise ReviewError(f"reply {reply_id} is {row.state}; only failed replies can be "
                              "sent again")
        if not requeue_failed(session, now=now, ids=[reply_id]):
            raise ReviewError(f"reply {reply_id} can no longer be sent: its text was purged "
                              f"{policy.raw_mail_retention_days} days after it failed")
        audit.record(session, actor=actor, action="reply_requeued", now=now,
                     request_id=row.request_id, subject_index=row.recipient_index,
                     details={"reply": reply_id, "kind": row.kind})
    return f"reply {reply_id} queued again; it goes out with the next delivery"
