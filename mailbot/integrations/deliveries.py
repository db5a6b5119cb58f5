"""Carrying every change event to every destination, at least once, in order per person.

One pass of :func:`deliver_events` (the daemon's ``events`` job, once per cluster by row
claims, like the outbox):

1. **Fan out.** Events not yet fanned out get one ``event_delivery`` row per configured
   destination that wants their type, in one transaction with the event's ``fanned_out`` flag,
   so a crash leaves either all of an event's rows or none, and each event is fanned out once.
2. **Claim**, per destination: due ``pending`` rows with no earlier pending row of the same
   person (so one customer's events arrive in order), under ``FOR UPDATE SKIP LOCKED`` on
   PostgreSQL; claiming moves ``next_attempt_at`` past a lease, which keeps other daemons off
   the rows and hands them back if this process dies (``SIGKILL`` mid-delivery loses nothing).
3. **Deliver** the rows, ``[events] concurrency`` at a time (destinations side by side); the
   first failure stops the destination's batch (it is down: no point hammering it). A
   webhook is signed with the same ``webhook-id`` on every attempt.
4. **Record** the outcomes in one transaction: ``delivered``; or ``pending`` again with
   back-off (30 s, doubling, at most an hour) until ``[events] retry_hours``, then ``failed``
   (`mailbot deliveries retry` queues it again). The destination's health goes with them.
5. **Scrub**: an erasure event that every destination has (and that is older than
   ``[events] keep_erasure_hours``) loses the person's data, with their earlier events.

A crash after a destination accepted an event and before step 4 commits means that event is
delivered again, with the same ``webhook-id``: at least once, never lost.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, exists, func, insert, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session

from mailbot.config import ConnectorSettings, EventsSettings, Settings, WebhookSettings
from mailbot.integrations import events
from mailbot.integrations.connectors import SqlConnector
from mailbot.integrations.destination import Destination, Outcome
from mailbot.integrations.events import Event, EventType
from mailbot.integrations.webhooks import WebhookDestination
from mailbot.logs import get_logger
from mailbot.mail.addresses import safe_line
from mailbot.store.crypto import Cipher
from mailbot.store.db import claim, transaction
from mailbot.store.models import (
    ChangeEvent,
    DeliveryState,
    EventDelivery,
    EventDestination,
)

log = get_logger(__name__)

FIRST_RETRY = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
LEASE = timedelta(minutes=5)
MAX_ERROR = 300


@dataclass
class DeliveryReport:
    fanned_out: int = 0
    delivered: int = 0
    failed: int = 0
    scrubbed: int = 0
    by_destination: dict[str, int] = field(default_factory=dict)


def open_destinations(settings: Settings) -> list[Destination]:
    """The configured destinations, their secrets read from the environment (ConfigError)."""
    built: list[Destination] = []
    for number, destination in enumerate(settings.destinations, start=1):
        if isinstance(destination, WebhookSettings):
            built.append(WebhookDestination.from_settings(destination, number=number))
        elif isinstance(destination, ConnectorSettings):
            built.append(SqlConnector.from_settings(destination, number=number))
    return built


def deliver_events(engine: Engine, destinations: Sequence[Destination], *, cipher: Cipher,
                   settings: EventsSettings, now: datetime) -> DeliveryReport:
    """One pass: fan out, then deliver what is due to each destination, then scrub."""
    report = DeliveryReport()
    while fanned := fan_out(engine, destinations, now=now, limit=settings.batch_size):
        report.fanned_out += fanned
    def one(destination: Destination) -> DeliveryReport:
        alone = DeliveryReport()
        _deliver_to(engine, destination, cipher=cipher, settings=settings, now=now, report=alone)
        return alone

    with ThreadPoolExecutor(max_workers=max(1, len(destinations))) as pool:  # side by side
        for alone in pool.map(one, destinations):
            report.delivered += alone.delivered
            report.failed += alone.failed
            report.by_destination.update(alone.by_destination)
    report.scrubbed = scrub_delivered_erasures(engine, settings=settings, now=now,
                                               destinations=[d.name for d in destinations])
    return report


def fan_out(engine: Engine, destinations: Sequence[Destination], *, now: datetime, limit: int) -> int:
    with transaction(engine) as session:
        rows = claim(session, ChangeEvent, ChangeEvent.fanned_out.is_(False), limit=limit)  # type: ignore[attr-defined]
        if not rows:
            return 0
        deliveries = [{"event_id": event.id, "destination": destination.name,
                       "subject_index": event.subject_index, "state": DeliveryState.pending,
                       "attempts": 0, "next_attempt_at": now, "created_at": now}
                      for event in rows for destination in destinations
                      if event.type in destination.events]
        if deliveries:
            session.execute(insert(EventDelivery), deliveries)
        session.execute(update(ChangeEvent).where(ChangeEvent.id.in_([e.id for e in rows]))  # type: ignore[union-attr]
                        .values(fanned_out=True))
        return len(rows)


def _deliver_to(engine: Engine, destination: Destination, *, cipher: Cipher,
                settings: EventsSettings, now: datetime, report: DeliveryReport) -> None:
    """Batch after batch while the destination takes them (a person's next event becomes due
    once the one before it is delivered), for at most half a lease."""
    started = time.monotonic()
    while time.monotonic() - started < (LEASE / 2).total_seconds():
        claimed = _claim(engine, destination.name, cipher=cipher, now=now, limit=settings.batch_size)
        if not claimed or not _deliver_batch(engine, destination, claimed, settings=settings,
                                             now=now, report=report, started=started):
            return


def _deliver_batch(engine: Engine, destination: Destination, claimed: list[tuple[int, Event]], *,
                   settings: EventsSettings, now: datetime, report: DeliveryReport,
                   started: float) -> bool:
    """Deliver a claimed batch, ``[events] concurrency`` at a time, and record it; False when
    the destination failed. A batch holds at most one event per person (see :func:`_claim`),
    so its events may travel side by side."""
    failed = threading.Event()

    def one(event: Event) -> Outcome | None:
        if failed.is_set() or time.monotonic() - started > (LEASE / 2).total_seconds():
            return None  # handed back below, well inside the lease
        outcome = destination.deliver(event)
        if not outcome.ok:
            failed.set()
            log.warning("event_refused", destination=destination.name, event_id=event.id,
                        error=redact(outcome.error or "failed"))
        return outcome

    with ThreadPoolExecutor(max_workers=settings.concurrency) as pool:
        results = list(pool.map(one, [event for _, event in claimed]))
    outcomes = {row: outcome for (row, _), outcome in zip(claimed, results, strict=True) if outcome}
    untried = [row for row, _ in claimed if row not in outcomes]
    _record(engine, destination.name, outcomes, untried, settings=settings, now=now)
    delivered = sum(o.ok for o in outcomes.values())
    report.delivered += delivered
    report.failed += len(outcomes) - delivered
    report.by_destination[destination.name] = report.by_destination.get(destination.name, 0) + delivered
    return delivered == len(outcomes) and not untried


def _claim(engine: Engine, name: str, *, cipher: Cipher, now: datetime,
           limit: int) -> list[tuple[int, Event]]:
    # A person's next event is their earliest pending one. A correlated min() over the queue
    # index, not NOT EXISTS: PostgreSQL plans the latter as an unindexed nested loop while the
    # table's statistics are fresh, which is quadratic in the backlog.
    earlier = aliased(EventDelivery)
    first_pending = select(func.min(earlier.event_id)).where(
        earlier.destination == EventDelivery.destination,
        earlier.subject_index == EventDelivery.subject_index,
        earlier.state == DeliveryState.pending).scalar_subquery()
    in_turn = EventDelivery.subject_index.is_(None) | (EventDelivery.event_id == first_pending)  # type: ignore[union-attr]
    with transaction(engine) as session:
        rows = claim(session, EventDelivery, and_(
            EventDelivery.destination == name, EventDelivery.state == DeliveryState.pending,
            EventDelivery.next_attempt_at <= now, in_turn), limit=limit)
        if not rows:
            return []
        ids = [row.id for row in rows]
        session.execute(update(EventDelivery).where(EventDelivery.id.in_(ids))  # type: ignore[union-attr]
                        .values(next_attempt_at=now + LEASE))
        found = {e.id: e for e in session.scalars(
            select(ChangeEvent).where(ChangeEvent.id.in_([r.event_id for r in rows])))}  # type: ignore[union-attr]
        return [(row.id, events.read(found[row.event_id], cipher=cipher)) for row in rows]


def backoff(attempts: int) -> timedelta:
    """30 s after the first failure, doubling, at most an hour."""
    return min(MAX_BACKOFF, FIRST_RETRY * 2 ** max(0, attempts - 1))


def _record(engine: Engine, name: str, outcomes: dict[int, Outcome], untried: list[int], *,
            settings: EventsSettings, now: datetime) -> None:
    give_up_before = now - timedelta(hours=settings.retry_hours)
    delivered = [row for row, outcome in outcomes.items() if outcome.ok]
    with transaction(engine) as session:
        if delivered:  # the common case, in one statement
            session.execute(update(EventDelivery).where(EventDelivery.id.in_(delivered))  # type: ignore[union-attr]
                            .values(state=DeliveryState.delivered, delivered_at=now, last_error=None,
                                    attempts=EventDelivery.attempts + 1))
        rows = session.scalars(select(EventDelivery).where(EventDelivery.id.in_(  # type: ignore[union-attr]
            [*(row for row in outcomes if row not in delivered), *untried]))
            .order_by(EventDelivery.id)).all()
        resume_at = now  # rows the batch did not reach: at once, or with the failed one
        for row in rows:
            outcome = outcomes.get(row.id)  # type: ignore[arg-type]
            if outcome is None:
                continue
            row.attempts += 1
            row.last_error = redact(outcome.error or "failed")
            row.next_attempt_at = resume_at = now + backoff(row.attempts)
            if row.created_at <= give_up_before:
                row.state = DeliveryState.failed
        for row in rows:
            if row.id not in outcomes:
                row.next_attempt_at = resume_at
        if outcomes:
            _record_health(session, name, outcomes, now=now)


def _record_health(session: Session, name: str, outcomes: dict[int, Outcome], *, now: datetime) -> None:
    health = session.get(EventDestination, name) or EventDestination(name=name)
    failure = next((o for o in outcomes.values() if not o.ok), None)
    if failure is None:
        health.last_success_at, health.failing_since, health.last_error = now, None, None
    else:
        health.failing_since = health.failing_since or now
        health.last_error = redact(failure.error or "failed")
    session.add(health)


def scrub_delivered_erasures(engine: Engine, *, settings: EventsSettings, now: datetime,
                             destinations: Sequence[str]) -> int:
    """Erasure events every configured destination has: only the blind index of the person
    stays. A destination taken out of the config no longer holds the address back."""
    not_everywhere = exists().where(EventDelivery.event_id == ChangeEvent.id,
                                    EventDelivery.destination.in_(list(destinations)),  # type: ignore[attr-defined]
                                    EventDelivery.state != DeliveryState.delivered)
    kept_until = now - timedelta(hours=settings.keep_erasure_hours)
    scrubbed = 0
    with transaction(engine) as session:
        done = session.execute(select(ChangeEvent.id, ChangeEvent.subject_index).where(
            ChangeEvent.type == str(EventType.erased), ChangeEvent.fanned_out.is_(True),  # type: ignore[attr-defined]
            ChangeEvent.data_enc.is_not(None), ChangeEvent.occurred_at <= kept_until,  # type: ignore[union-attr]
            ~not_everywhere).order_by(ChangeEvent.id)).all()
        for event_id, subject_index in done:
            scrubbed += events.scrub_subject(session, subject_index=subject_index, up_to=event_id,
                                             now=now)
    return scrubbed


def redact(error: str) -> str:
    """One line of a destination's error, with any address masked: errors are logged and
    stored, and a database's error can quote the row it choked on."""
    line = error.strip().splitlines()[0] if error.strip() else "failed"
    return safe_line(line, MAX_ERROR)


# --- the CLI's view -------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    event_id: int
    type: str
    destination: str
    state: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime


def list_deliveries(session: Session, *, state: DeliveryState | None = None,
                    limit: int = 100) -> list[DeliveryRow]:
    query = (select(EventDelivery, ChangeEvent.type)
             .join(ChangeEvent, ChangeEvent.id == EventDelivery.event_id)  # type: ignore[arg-type]
             .order_by(EventDelivery.id).limit(limit))
    if state is not None:
        query = query.where(EventDelivery.state == state)
    return [DeliveryRow(id=d.id, event_id=d.event_id, type=kind, destination=d.destination,
                        state=str(d.state), attempts=d.attempts, last_error=d.last_error,
                        next_attempt_at=d.next_attempt_at)
            for d, kind in session.execute(query).all()]


def retry_failed(session: Session, *, ids: Sequence[int] = (), now: datetime) -> int:
    """Queue failed deliveries again (all of them when no ids); the retry window restarts."""
    condition = EventDelivery.state == DeliveryState.failed
    if ids:
        condition = condition & EventDelivery.id.in_(list(ids))  # type: ignore[union-attr]
    result = session.execute(update(EventDelivery).where(condition).values(
        state=DeliveryState.pending, next_attempt_at=now, created_at=now))
    return result.rowcount or 0  # type: ignore[attr-defined]
