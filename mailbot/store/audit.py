"""The audit trail: every transition and admin decision, hash-chained.

Each event's hash is SHA-256 over the previous event's hash and the event's own fields, in
canonical JSON. Editing or deleting an event breaks the chain at that point, and
:func:`verify_chain` names the first event where it breaks. Deleting the newest events
leaves a shorter chain that is intact, so each append also moves the anchor (the chain's
length and newest hash, one row, same transaction); ``verify`` compares the two, and
``status`` shows the anchor for a copy to be kept outside the database. ``prev_hash`` is unique, so two
writers can never fork the chain; on PostgreSQL an advisory lock serialises appends.
Events hold no personal data: people are referred to by blind index only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, text, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from mailbot.store.models import AuditAnchor, AuditEvent

GENESIS = "0" * 64
AUDIT_LOCK_KEY = 0x6D61696C  # "mail"
_HEAD, _LOCKED, _PENDING = "audit_head", "audit_locked", "audit_unanchored"  # Session.info keys


def event_hash(prev_hash: str, *, at: datetime, actor: str, action: str,
               request_id: int | None, subject_index: str | None,
               details: dict[str, Any]) -> str:
    body = json.dumps(
        {"at": at.isoformat(timespec="microseconds"), "actor": actor, "action": action,
         "request_id": request_id, "subject": subject_index, "details": details},
        sort_keys=True, ensure_ascii=True, default=str,
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def record(session: Session, *, actor: str, action: str, now: datetime,
           request_id: int | None = None, subject_index: str | None = None,
           details: dict[str, Any] | None = None) -> AuditEvent:
    """Append an event in the caller's transaction."""
    lock_chain(session)
    prev = _chain_head(session)
    details = json.loads(json.dumps(details or {}, default=str))
    at = now.astimezone(UTC)
    event = AuditEvent(at=at, actor=actor, action=action, request_id=request_id,
                       subject_index=subject_index, details=details, prev_hash=prev,
                       hash=event_hash(prev, at=at, actor=actor, action=action,
                                       request_id=request_id, subject_index=subject_index,
                                       details=details))
    session.add(event)
    session.flush()
    _count_for_anchor(session, event, first=prev == GENESIS)
    # Our own insert now holds the chain (the advisory lock on PostgreSQL, the write lock on
    # SQLite) until the transaction ends, so the next append in it can skip the lookup.
    session.info[_HEAD] = (session.get_transaction(), event.hash)
    return event


@dataclass
class _Unanchored:
    """Appends of one transaction not yet counted into the anchor."""

    transaction: Any
    events: int
    head_hash: str
    at: datetime
    first: bool


def _count_for_anchor(session: Session, event: AuditEvent, *, first: bool) -> None:
    pending = session.info.get(_PENDING)
    if pending is None or pending.transaction is not session.get_transaction():
        session.info[_PENDING] = _Unanchored(session.get_transaction(), 1, event.hash, event.at,
                                             first)
    else:
        pending.events, pending.head_hash, pending.at = pending.events + 1, event.hash, event.at


@sa_event.listens_for(OrmSession, "before_commit")
def _move_anchor(session: OrmSession) -> None:
    """Move the anchor once per transaction, as it commits: one UPDATE however many events
    (the chain is locked by then, so the anchor moves in the appends' order)."""
    pending = session.info.pop(_PENDING, None)
    if pending is None or pending.transaction is not session.get_transaction():
        return  # nothing appended, or appended in a transaction that was rolled back
    moved = session.execute(
        update(AuditAnchor).where(AuditAnchor.id == 1)
        .values(events=AuditAnchor.events + pending.events, head_hash=pending.head_hash,
                updated_at=pending.at)
        .execution_options(synchronize_session=False)  # no anchor object is kept in sessions
    ).rowcount
    if not moved and pending.first:  # a new chain; a missing anchor on an old one stays missing
        session.add(AuditAnchor(id=1, events=pending.events, head_hash=pending.head_hash,
                                updated_at=pending.at))


def read_anchor(session: Session) -> AuditAnchor | None:
    return session.get(AuditAnchor, 1)


def lock_chain(session: Session) -> None:
    """Serialise writers until the caller's transaction ends (taken once per transaction).

    A batch takes it before any row lock or read it will act on, so every writer waits for
    the chain first and two batches cannot each hold what the other needs. PostgreSQL: a
    transaction-scoped advisory lock. SQLite starts a transaction at its first write, so
    two writers could both read "not done yet" and both do it; a no-op write takes the
    database's write lock at once instead, and the second writer waits, then reads what
    the first one did.
    """
    if session.get_transaction() is not None \
            and session.info.get(_LOCKED) is session.get_transaction():
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK_KEY})
    elif dialect == "sqlite":
        session.execute(update(AuditAnchor).where(text("0")).values(events=AuditAnchor.events))
    session.info[_LOCKED] = session.get_transaction()


def _chain_head(session: Session) -> str:
    """The newest event's hash; remembered per transaction (a rollback starts a new one)."""
    transaction, head = session.info.get(_HEAD, (None, None))
    if transaction is not None and transaction is session.get_transaction():
        return str(head)
    prev = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return prev or GENESIS


@dataclass(frozen=True)
class ChainProblem:
    event_id: int
    problem: str

    def __str__(self) -> str:
        return f"audit event {self.event_id}: {self.problem}"


@dataclass(frozen=True)
class Anchor:
    """A point the chain must still pass through: its length then, and its newest hash."""

    events: int
    head_hash: str

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """``EVENTS:HASH``, as ``status --json`` shows it (``audit.anchor``)."""
        events, _, head = text.strip().partition(":")
        if not events.isdigit() or len(head) != 64 or not all(c in "0123456789abcdef" for c in head):
            raise ValueError(f"an anchor is EVENTS:HASH (a count, a colon, 64 hex digits), not {text!r}")
        return cls(int(events), head)

    def __str__(self) -> str:
        return f"{self.events}:{self.head_hash}"


def verify_chain(engine: Engine, *, anchor: Anchor | None = None) -> tuple[int, list[ChainProblem]]:
    """(events checked, problems found); an empty list means the chain is intact.

    The chain is checked against ``anchor`` (one the operator kept elsewhere) or else the
    stored anchor, read first: events appended while this runs come after its head, so only
    a chain that no longer reaches the anchored head (or reaches it at another length) is
    reported as truncated.
    """
    if anchor is None:
        with Session(engine) as session:
            stored = read_anchor(session)
        anchor = Anchor(stored.events, stored.head_hash) if stored is not None else None
    problems: list[ChainProblem] = []
    expected_prev, count, last_id, anchored = GENESIS, 0, 0, False
    for event in _events(engine):
        count, last_id = count + 1, event.id or 0
        if event.prev_hash != expected_prev:
            problems.append(ChainProblem(last_id, "does not follow the event before it "
                                         "(an earlier event was edited or deleted)"))
        recomputed = event_hash(event.prev_hash, at=event.at, actor=event.actor,
                                action=event.action, request_id=event.request_id,
                                subject_index=event.subject_index, details=event.details)
        if recomputed != event.hash:
            problems.append(ChainProblem(last_id, "was edited after it was written"))
        if anchor is not None and event.hash == anchor.head_hash:
            anchored = count == anchor.events
        expected_prev = event.hash
    problems.extend(_anchor_problems(anchor, count, last_id, anchored=anchored))
    return count, problems


def _anchor_problems(anchor: Anchor | None, count: int, last_id: int, *,
                     anchored: bool) -> list[ChainProblem]:
    if anchor is None:
        return [ChainProblem(last_id, "the audit_anchor row is missing: the chain's length "
                             "cannot be checked (was it deleted?)")] if count else []
    if anchored or (anchor.events == 0 and anchor.head_hash == GENESIS):
        return []
    return [ChainProblem(last_id, f"is the newest of {count} events, but the anchor records "
                         f"{anchor.events} events ending in {anchor.head_hash[:16]}…: the newest "
                         "events were deleted")]


def _events(engine: Engine) -> Iterator[AuditEvent]:
    with Session(engine) as session:
        last = 0
        while True:
            batch = session.scalars(select(AuditEvent).where(AuditEvent.id > last)
                                    .order_by(AuditEvent.id).limit(1000)).all()
            yield from batch
            if len(batch) < 1000:
                return
            last = batch[-1].id or 0
