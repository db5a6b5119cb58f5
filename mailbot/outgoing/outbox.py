"""The transactional outbox: replies are rows first, mail second.

``enqueue`` adds the rendered reply to the *caller's* session, so the reply is committed in
the same transaction as the change it confirms (an unsubscribe, an erasure): either both
happen or neither. The recipient is stored encrypted with a blind index, the message bytes
encrypted. ``enqueue`` also enforces ``[policy] replies_per_recipient_per_day``: it counts
the rows for that recipient created in the last 24 hours and refuses (returns None) at the
limit. On PostgreSQL a transaction-scoped advisory lock per recipient serialises the count
and the insert, so a burst of forged messages handled by several daemons at once still
cannot exceed the limit; on SQLite the count runs under the database's write lock.

``deliver_due`` sends what is due:

1. **Claim** (one short transaction, one statement): up to ``[smtp] batch_size`` pending
   rows whose ``next_attempt_at`` has come get ``attempts + 1`` and a lease, i.e.
   ``next_attempt_at`` moved past the time connecting and sending one message can take
   (``timeout_seconds`` × 8 + 10 s). On PostgreSQL the rows are picked with
   ``SELECT … FOR UPDATE SKIP LOCKED``, so concurrent daemons claim disjoint rows; once
   committed, the lease keeps every other daemon away from them. A recorded outcome renews
   the lease of the rows still waiting in the batch once ``LEASE_MARGIN`` of it is used up,
   so a long batch keeps its rows and a dead daemon's rows come back within one lease.
2. **Send** the batch over one SMTP connection (:class:`mailbot.outgoing.smtp.Mailer`).
3. **Record** each outcome in its own transaction, committed as soon as the server has
   answered for that message and before the next one is sent: ``sent`` (and the reply's
   text and address are dropped from the row); ``pending`` again
   with an exponential, jittered, capped backoff on a transient failure (4xx, connection
   refused or lost); ``failed`` with the server's reason and ``failed_at`` on a 5xx or after
   ``[smtp] max_attempts``. A failed reply keeps its text so an operator can send it again
   (``mailbot queue retry-reply``, the admin page) until the purge drops it
   ``raw_mail_retention_days`` after the failure.

The guarantee: **a reply is never lost, and is sent twice at most once per crash.** If the
process dies (or the database is unreachable) between the server accepting a message and
the commit that marks it sent, that one row is still pending and its lease expires; it is
then sent again, byte for byte, with the same Message-ID, so a receiving MTA or mail client
can recognise the duplicate. Rows of the batch not yet sent when the process dies are
simply sent after the lease expires. A lost connection after DATA (the server may or may
not have accepted) is the same case: retried, same Message-ID.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from contextlib import aclosing
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from sqlalchemy import Engine, func, text, update
from sqlmodel import Session, col, select

from mailbot.config import Settings, SmtpSettings
from mailbot.logs import get_logger
from mailbot.mail.addresses import mask_email
from mailbot.outgoing.replies import WIRE_POLICY, WIRE_POLICY_UTF8
from mailbot.outgoing.smtp import Envelope, Mailer, SendResult
from mailbot.store import audit
from mailbot.store.crypto import Cipher
from mailbot.store.db import is_postgres
from mailbot.store.models import Outbox, OutboxState

log = get_logger(__name__)

BACKOFF_BASE = timedelta(minutes=2)
BACKOFF_CAP = timedelta(hours=4)
LEASE_MARGIN = timedelta(seconds=10)
ADVISORY_CLASS = 0x4F42  # "OB": our own key space for pg_advisory_xact_lock(int, int)
MAX_ERROR = 500


# ---------------------------------------------------------------- enqueue


def enqueue(
    session: Session,
    message: EmailMessage,
    *,
    cipher: Cipher,
    kind: str,
    request_id: int | None,
    now: datetime,
    daily_limit: int | None,
) -> Outbox | None:
    """Add ``message`` to the outbox in the caller's transaction; None when over the limit.

    ``daily_limit`` is normally ``settings.policy.replies_per_recipient_per_day``; None means
    no limit (operator alerts).
    """
    recipient = message_recipient(message)
    message_id = str(message["Message-ID"] or "").strip()
    if not message_id:
        raise ValueError("a reply needs a Message-ID before it is queued")
    index = cipher.email_index(recipient)
    if daily_limit is not None:
        lock_recipient(session, index)
        if replies_in_last_day(session, recipient_index=index, now=now) >= daily_limit:
            log.info("reply_limit_reached", recipient=mask_email(recipient), kind=kind)
            return None
    row = Outbox(
        request_id=request_id,
        kind=kind,
        recipient_index=index,
        recipient_enc=cipher.encrypt_text(recipient),
        message_enc=cipher.encrypt(message_bytes(message, recipient)),
        message_id=message_id,
        state=OutboxState.pending,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def message_bytes(message: EmailMessage, recipient: str) -> bytes:
    """The wire form, CRLF; UTF-8 headers only for an internationalised (SMTPUTF8) recipient."""
    policy = WIRE_POLICY if recipient.isascii() else WIRE_POLICY_UTF8
    return message.as_bytes(policy=policy)


def message_recipient(message: EmailMessage) -> str:
    header: Any = message["To"]
    addresses: tuple[Any, ...] = tuple(getattr(header, "addresses", ()))
    if len(addresses) != 1 or not addresses[0].addr_spec:
        raise ValueError("a reply must have exactly one To: address")
    return str(addresses[0].addr_spec)


def lock_recipient(session: Session, recipient_index: str) -> None:
    """Serialise count-then-insert per recipient until the caller's transaction ends.

    PostgreSQL: a transaction-scoped advisory lock on the recipient (two-key form, in our own
    key space). SQLite: take the database's write lock now (a write that touches no row), so
    the count below already sees every other writer's committed rows.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # The reply's audit event comes later in this transaction anyway: taking the chain's
        # lock first keeps one lock order (chain, then recipient) for every writer, so a
        # batch holding the chain and a transaction holding a recipient cannot deadlock.
        audit.lock_chain(session)
        objid = int(recipient_index[:8], 16) - 2**31
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:classid, :objid)"),
            {"classid": ADVISORY_CLASS, "objid": objid},
        )
    elif connection.dialect.name == "sqlite":
        connection.execute(text("UPDATE outbox SET attempts = attempts WHERE 1 = 0"))


def replies_in_last_day(session: Session, *, recipient_index: str, now: datetime) -> int:
    query = select(func.count()).select_from(Outbox).where(
        Outbox.recipient_index == recipient_index,
        Outbox.created_at > now - timedelta(days=1),
    )
    return int(session.exec(query).one())


# ---------------------------------------------------------------- deliver


@dataclass(frozen=True)
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Claimed:
    id: int
    attempts: int
    recipient_enc: bytes | None
    message_enc: bytes | None


async def deliver_due(
    engine: Engine,
    mailer: Mailer,
    *,
    cipher: Cipher,
    settings: Settings,
    now: datetime,
    rng: random.Random | None = None,
    monotonic: Callable[[], float] = time.monotonic,
) -> DeliveryReport:
    """Claim one batch of due replies, send it over one connection, record every outcome.

    ``now`` is the batch's time (claims, backoff, ``sent_at``); ``monotonic`` only measures
    how long the batch has been running, to renew the leases of the rows still waiting.
    """
    smtp = settings.smtp
    lease = claim_lease(smtp)
    started = monotonic()
    claimed = claim_due(engine, now=now, limit=smtp.batch_size, lease=lease)
    if not claimed:
        return DeliveryReport()
    envelopes, unreadable = build_envelopes(claimed, cipher=cipher, sender=settings.from_address)
    for row_id in unreadable:
        mark_failed(engine, row_id, reason="cannot decrypt the stored reply", now=now)
    attempts = {row.id: row.attempts for row in claimed}
    waiting = [envelope.key for envelope in envelopes]
    leased_until = now + lease  # as claimed
    tally = {"sent": 0, "retrying": 0, "failed": len(unreadable)}
    async with aclosing(mailer.send_batch(envelopes)) as results:
        async for result in results:
            waiting.remove(result.key)
            elapsed = timedelta(seconds=monotonic() - started)
            renew = lease_needs_renewal(leased_until, now=now + elapsed, lease=lease)
            if renew:
                leased_until = now + elapsed + lease
            outcome = record_result(engine, result, attempts=attempts[result.key], now=now,
                                    max_attempts=smtp.max_attempts, rng=rng,
                                    renew=waiting if renew else (), lease_until=leased_until)
            tally[outcome] += 1
    report = DeliveryReport(claimed=len(claimed), **tally)
    log.info("delivered", **asdict(report))
    return report


def claim_lease(smtp: SmtpSettings) -> timedelta:
    """Long enough to connect (connect, EHLO, STARTTLS, EHLO, AUTH) and send one message
    (MAIL, RCPT, DATA, the data) when every step takes up to the timeout."""
    return timedelta(seconds=smtp.timeout_seconds * 8) + LEASE_MARGIN


def lease_needs_renewal(leased_until: datetime, *, now: datetime, lease: timedelta) -> bool:
    """Renew once the waiting rows have less than a full lease minus the margin left.

    Renewing after every message rewrote every waiting row on every commit (quadratic in
    the batch size); renewing only once ``LEASE_MARGIN`` of the lease is used up still
    leaves the next message at least ``timeout_seconds`` × 8, enough to connect and send
    it, and a dead daemon's rows still come back within one lease.
    """
    return leased_until - now < lease - LEASE_MARGIN


def claim_due(engine: Engine, *, now: datetime, limit: int, lease: timedelta) -> list[Claimed]:
    """Atomically take up to ``limit`` due rows (disjoint between concurrent callers)."""
    due = (
        select(Outbox.id)
        .where(Outbox.state == OutboxState.pending, Outbox.next_attempt_at <= now)
        .order_by(col(Outbox.next_attempt_at), col(Outbox.id))
        .limit(limit)
    )
    if is_postgres(engine):
        due = due.with_for_update(skip_locked=True)
    claim = (
        update(Outbox)
        .where(col(Outbox.id).in_(due.scalar_subquery()))
        .values(attempts=Outbox.attempts + 1, next_attempt_at=now + lease)
        .returning(col(Outbox.id), col(Outbox.attempts), col(Outbox.recipient_enc),
                   col(Outbox.message_enc))
    )
    with engine.begin() as connection:
        rows = connection.execute(claim).all()  # RETURNING: one statement claims on any engine
    claimed = [
        Claimed(id=int(row.id), attempts=int(row.attempts), recipient_enc=row.recipient_enc,
                message_enc=row.message_enc)
        for row in rows
    ]
    return sorted(claimed, key=lambda c: c.id)


def build_envelopes(
    claimed: Sequence[Claimed], *, cipher: Cipher, sender: str
) -> tuple[list[Envelope], list[int]]:
    envelopes: list[Envelope] = []
    unreadable: list[int] = []
    for row in claimed:
        try:
            recipient = cipher.decrypt_text(row.recipient_enc)
            data = cipher.decrypt(row.message_enc) if row.message_enc else None
        except ValueError:
            recipient = data = None
        if not recipient or not data:
            unreadable.append(row.id)
            continue
        envelopes.append(Envelope(key=row.id, sender=sender, recipient=recipient, data=data))
    return envelopes, unreadable


def record_result(
    engine: Engine,
    result: SendResult,
    *,
    attempts: int,
    now: datetime,
    max_attempts: int,
    rng: random.Random | None = None,
    renew: Sequence[int] = (),
    lease_until: datetime | None = None,
) -> str:
    """Commit one outcome (and renew the lease of ``renew``); "sent", "retrying" or "failed"."""
    outcome, values = outcome_values(result, attempts=attempts, now=now,
                                     max_attempts=max_attempts, rng=rng)
    if outcome == "failed":
        log.warning("reply_failed", outbox=result.key, reason=result.reason)
    with engine.begin() as connection:
        connection.execute(update(Outbox).where(col(Outbox.id) == result.key).values(**values))
        if renew and lease_until is not None:
            connection.execute(
                update(Outbox)
                .where(col(Outbox.id).in_(list(renew)), col(Outbox.state) == OutboxState.pending)
                .values(next_attempt_at=lease_until)
            )
    return outcome


def outcome_values(
    result: SendResult, *, attempts: int, now: datetime, max_attempts: int,
    rng: random.Random | None = None,
) -> tuple[str, dict[str, Any]]:
    """What one server answer does to its row (pure)."""
    if result.ok:
        # Once delivered, the reply's text and address are forgotten: the row keeps only
        # what accounting needs (kind, blind index, Message-ID, when).
        return "sent", {"state": OutboxState.sent, "sent_at": now, "last_error": None,
                        "message_enc": None, "recipient_enc": None}
    if result.permanent or attempts >= max_attempts:
        return "failed", {"state": OutboxState.failed, "failed_at": now,
                          "last_error": result.reason[:MAX_ERROR]}
    return "retrying", {"state": OutboxState.pending, "last_error": result.reason[:MAX_ERROR],
                        "next_attempt_at": now + retry_delay(attempts, rng=rng)}


def mark_failed(engine: Engine, row_id: int, *, reason: str, now: datetime) -> None:
    log.warning("reply_failed", outbox=row_id, reason=reason)
    with engine.begin() as connection:
        connection.execute(update(Outbox).where(col(Outbox.id) == row_id)
                           .values(state=OutboxState.failed, failed_at=now,
                                   last_error=reason[:MAX_ERROR]))


def retry_delay(attempts: int, *, rng: random.Random | None = None) -> timedelta:
    """2, 4, 8 … minutes after the n-th attempt, capped at 4 h, times a jitter in [0.5, 1)."""
    exponent = min(max(attempts, 1) - 1, 20)
    delay = min(BACKOFF_CAP, BACKOFF_BASE * (1 << exponent))
    draw = rng.random() if rng is not None else random.random()
    return delay * (0.5 + draw / 2)


def requeue_failed(session: Session, *, now: datetime, ids: Sequence[int] | None = None) -> int:
    """Put failed replies back in the queue with fresh attempts (an operator's decision), in
    the caller's transaction. A reply whose text was purged (``raw_mail_retention_days``
    after it failed) cannot be sent again and is left as it is."""
    statement = update(Outbox).where(col(Outbox.state) == OutboxState.failed,
                                     col(Outbox.message_enc).is_not(None))
    if ids is not None:
        statement = statement.where(col(Outbox.id).in_(list(ids)))
    statement = statement.values(state=OutboxState.pending, attempts=0, next_attempt_at=now,
                                 failed_at=None)
    return int(session.execute(statement).rowcount or 0)


# ---------------------------------------------------------------- status


def outbox_status(session: Session) -> dict[str, Any]:
    """Counts by state, the oldest pending reply, the latest failure reason (no personal data)."""
    counts = dict(
        session.exec(select(Outbox.state, func.count()).group_by(Outbox.state)).all()
    )
    oldest = session.exec(
        select(func.min(Outbox.created_at)).where(Outbox.state == OutboxState.pending)
    ).one()
    last_error = session.exec(
        select(Outbox.last_error)
        .where(col(Outbox.last_error).is_not(None), Outbox.state != OutboxState.sent)
        .order_by(col(Outbox.id).desc())
        .limit(1)
    ).first()
    return {
        "pending": int(counts.get(OutboxState.pending, 0)),
        "failed": int(counts.get(OutboxState.failed, 0)),
        "sent": int(counts.get(OutboxState.sent, 0)),
        "oldest_pending_at": oldest,
        "last_failure_reason": last_error,
    }
