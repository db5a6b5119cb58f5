"""An erased person's mail removed from the mailbox and from the Maildir outbox.

The erasure's transaction calls :func:`record`: one ``mail_removal`` row for every copy of
the person's mail mailbot stored (their requests, confirmations and any other mail from
their address, wherever mailbot moved it) and, when replies go to a Maildir
(``[smtp] backend = "maildir"``), for every reply sent to them. Nothing on the server is
touched before that commit. The daemon's pass then removes them
(:func:`remove_from_mailbox` with the connected mailbox, :func:`remove_from_outbox` once
each reply has left the queue) and marks the rows done with the count, plus one
``erased_mail_removed`` audit event per request. A failure leaves the rows to the next
pass; a crash between the removal and the mark repeats the removal, which finds nothing
left and still completes the rows (the audit count then says 0 for that retry).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.logs import get_logger
from mailbot.sources.base import MailTarget, Source, SourceError, hash_message_id
from mailbot.sources.maildir import remove_from_maildir
from mailbot.store import audit
from mailbot.store.db import claim, transaction
from mailbot.store.models import InboundMessage, MailRemoval, Outbox, OutboxState, PrivacyRequest

log = get_logger(__name__)

OUTBOX = "outbox"
BATCH = 500


def record(session: Session, *, email_index: str, request_id: int | None, now: datetime,
           outbox_maildir: bool) -> int:
    """In the erasure's transaction: what must leave the mailbox (and the Maildir outbox)."""
    their_requests = select(PrivacyRequest.inbound_message_id).where(
        PrivacyRequest.email_index == email_index, PrivacyRequest.inbound_message_id.is_not(None))
    stored = session.execute(select(
        InboundMessage.mailbox, InboundMessage.sha256, InboundMessage.size,
        InboundMessage.uidvalidity, InboundMessage.uid,
    ).where((InboundMessage.sender_index == email_index)
            | InboundMessage.id.in_(their_requests))).all()
    rows = [MailRemoval(request_id=request_id, place=m.mailbox, sha256=m.sha256, size=m.size,
                        uidvalidity=m.uidvalidity, uid=m.uid, created_at=now) for m in stored]
    if outbox_maildir:
        session.flush()  # the erasure's own reply, queued just before, is among them
        replies = session.execute(select(Outbox.id, Outbox.message_id)
                                  .where(Outbox.recipient_index == email_index)).all()
        rows += [MailRemoval(request_id=request_id, place=OUTBOX, outbox_id=reply.id,
                             message_id_hash=hash_message_id(reply.message_id), created_at=now)
                 for reply in replies]
    session.add_all(rows)
    return len(rows)


def remove_from_mailbox(engine: Engine, source: Source, *, now: datetime) -> int:
    """Remove what erasures left in this mailbox; the source must be connected."""
    return _remove(engine, MailRemoval.place == source.key, source.remove_messages,
                   now=now, where="mailbox")


def remove_from_outbox(engine: Engine, maildir: Path, *, now: datetime) -> int:
    """Remove erased people's replies from the Maildir outbox, once each has left the queue."""
    waiting = select(Outbox.id).where(Outbox.state == OutboxState.pending)
    ready = (MailRemoval.place == OUTBOX) & (MailRemoval.outbox_id.is_(None)
                                             | MailRemoval.outbox_id.not_in(waiting))
    return _remove(engine, ready, lambda targets: remove_from_maildir(maildir, targets),
                   now=now, where="outbox")


def _remove(engine: Engine, condition: object,
            remove: Callable[[Sequence[MailTarget]], list[int]], *, now: datetime,
            where: str) -> int:
    with transaction(engine) as session:
        rows = claim(session, MailRemoval, condition & MailRemoval.done_at.is_(None),  # type: ignore[operator]
                     limit=BATCH)
    if not rows:
        return 0
    targets = [MailTarget(r.message_id_hash, r.sha256, r.size, r.uidvalidity, r.uid) for r in rows]
    try:
        counts = remove(targets)
    except (SourceError, OSError) as exc:
        log.warning("erased_mail_removal_failed", place=where, error=str(exc),
                    then="the next pass retries")
        _note_failure(engine, [r.id for r in rows], str(exc))
        return 0
    _complete(engine, rows, counts, now=now, where=where)
    return sum(counts)


def _complete(engine: Engine, rows: Sequence[MailRemoval], counts: list[int], *,
              now: datetime, where: str) -> None:
    per_request: Counter[int | None] = Counter()
    with transaction(engine) as session:
        audit.lock_chain(session)  # the lock order every writer uses
        for row, count in zip(rows, counts, strict=True):
            stored = session.get(MailRemoval, row.id)
            if stored is None or stored.done_at is not None:
                continue
            stored.done_at, stored.removed, stored.last_error = now, count, None
            stored.attempts += 1
            per_request[row.request_id] += count
        for request_id, count in per_request.items():
            audit.record(session, actor="system", action="erased_mail_removed", now=now,
                         request_id=request_id, details={"from": where, "messages": count})
    log.info("erased_mail_removed", place=where, count=sum(counts))


def _note_failure(engine: Engine, ids: list[int | None], error: str) -> None:
    with transaction(engine) as session:
        for row in session.scalars(select(MailRemoval).where(MailRemoval.id.in_(ids))):
            row.attempts += 1
            row.last_error = error[:500]
