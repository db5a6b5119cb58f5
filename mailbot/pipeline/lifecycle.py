"""Time-driven request transitions: reminders, expiry, "replied", and deadline warnings.

Each function is one scheduled job; the daemon hands it the time (``now``), so tests move
the clock instead of sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.logs import get_logger
from mailbot.outgoing.outbox import enqueue
from mailbot.outgoing.replies import render_reply
from mailbot.pipeline.respond import new_token, queue_reply
from mailbot.pipeline.transitions import move_request, move_requests_where
from mailbot.policy import deadlines
from mailbot.policy.states import OPEN_STATES, RequestState
from mailbot.store import audit
from mailbot.store.crypto import Cipher, hash_token
from mailbot.store.customers import address_on_file, customer_by_index
from mailbot.store.db import claim, transaction
from mailbot.store.models import Outbox, OutboxState, PrivacyRequest

log = get_logger(__name__)


@dataclass
class LifecycleReport:
    reminded: list[int] = field(default_factory=list)
    expired: list[int] = field(default_factory=list)
    replied: int = 0
    warned: list[int] = field(default_factory=list)


def remind_and_expire(engine: Engine, *, settings: Settings, cipher: Cipher, now: datetime,
                      report: LifecycleReport | None = None) -> LifecycleReport:
    """One reminder before an unconfirmed deletion expires; then expiry with a short note.

    The whole ``settings``: the policy times the reminder, and both mails are rendered
    replies (see :func:`~mailbot.pipeline.respond.queue_reply`).
    """
    report = report or LifecycleReport()
    asked_before = now - timedelta(hours=settings.policy.reminder_after_hours)
    maybe_due = (PrivacyRequest.state == RequestState.awaiting_confirmation) & (
        (PrivacyRequest.token_expires_at <= now)
        | (PrivacyRequest.reminded_at.is_(None) & (PrivacyRequest.updated_at <= asked_before)))
    with transaction(engine) as session:
        audit.lock_chain(session)  # before any row lock: the order every writer uses
        for request in claim(session, PrivacyRequest, maybe_due, limit=500):
            expires = request.token_expires_at
            if expires is not None and expires <= now:
                _expire(session, request, now, settings=settings, cipher=cipher)
                report.expired.append(request.id or 0)
            elif deadlines.reminder_due(asked_at=request.updated_at, reminded_at=request.reminded_at,
                                     expires_at=expires, now=now, policy=settings.policy):
                _remind(session, request, now, settings=settings, cipher=cipher)
                report.reminded.append(request.id or 0)
    return report


def _expire(session: Session, request: PrivacyRequest, now: datetime, *,
            settings: Settings, cipher: Cipher) -> None:
    request.token_hash = None
    queue_reply(session, request, "confirmation_expired", now, settings=settings, cipher=cipher,
                request_kind=str(request.kind))
    request.reply_to_enc = None
    move_request(session, request, RequestState.expired, now=now, actor="scheduler")


def _remind(session: Session, request: PrivacyRequest, now: datetime, *,
            settings: Settings, cipher: Cipher) -> None:
    """A fresh reference: only the newest one works, and replies to either mail still do
    (they carry its Message-ID in In-Reply-To)."""
    token = new_token()
    request.token_hash, request.reminded_at = hash_token(token), now
    session.add(request)
    on_file = _address_on_file(session, cipher, request)
    queue_reply(session, request, "deletion_reminder", now, settings=settings, cipher=cipher,
                to=on_file, ref=token, expires_at=request.token_expires_at, force=True)
    audit.record(session, actor="scheduler", action="confirmation_reminded", now=now,
                 request_id=request.id, subject_index=request.email_index)


def _address_on_file(session: Session, cipher: Cipher, request: PrivacyRequest) -> str | None:
    customer = customer_by_index(session, request.email_index)
    return address_on_file(customer, cipher=cipher) if customer else None


def mark_replied(engine: Engine, *, now: datetime,
                 report: LifecycleReport | None = None) -> LifecycleReport:
    """``applied`` becomes ``replied`` once its reply has left (or when there is none to wait for)."""
    report = report or LifecycleReport()
    sent = select(Outbox.request_id).where(Outbox.state == OutboxState.sent,
                                           Outbox.request_id.is_not(None))
    unsent = select(Outbox.request_id).where(Outbox.state != OutboxState.sent,
                                             Outbox.request_id.is_not(None))
    with transaction(engine) as session:
        report.replied = move_requests_where(
            session, PrivacyRequest.id.in_(sent) & PrivacyRequest.id.not_in(unsent),
            current=RequestState.applied, to=RequestState.replied, now=now)
    return report


def warn_due(engine: Engine, *, settings: Settings, cipher: Cipher, now: datetime,
             report: LifecycleReport | None = None) -> LifecycleReport:
    """Requests near their deadline: one log line each and one alert mail to the admin
    (the whole ``settings``, for the policy's horizon and :func:`send_admin_alert`)."""
    report = report or LifecycleReport()
    hours = settings.policy.due_warning_hours
    with transaction(engine) as session:
        due = claim(session, PrivacyRequest, PrivacyRequest.state.in_(list(OPEN_STATES))
                    & (PrivacyRequest.due_at <= now + timedelta(hours=hours))
                    & PrivacyRequest.due_warned_at.is_(None))
        for request in due:
            request.due_warned_at = now
            session.add(request)
            log.warning("request_due_soon", request=request.id, kind=str(request.kind),
                        state=str(request.state), due_at=request.due_at.isoformat())
            report.warned.append(request.id or 0)
        if due:
            send_admin_alert(session, f"{len(due)} privacy requests are due within {hours} hours",
                             [f"request {r.id}: {r.kind}, {r.state}, due {r.due_at:%Y-%m-%d %H:%M} UTC"
                              for r in due],
                             settings=settings, cipher=cipher, now=now,
                             action="Review them with `mailbot queue list` or on the admin page.")
    return report


def send_admin_alert(session: Session, subject: str, lines: list[str], *, settings: Settings,
                     cipher: Cipher, now: datetime, action: str,
                     since: datetime | None = None) -> bool:
    """Queue one operational alert to ``[brand] admin_address`` (False when none is set).

    The whole ``settings``: the alert is a rendered reply (``[brand]``, ``[replies]``, ``[smtp]``).
    """
    admin = settings.brand.admin_address
    if not admin:
        return False
    message = render_reply("admin_alert", language="en", settings=settings, to=admin,
                           context={"alert_subject": subject, "lines": lines, "action": action,
                                    "since": since},
                           in_reply_to=None, references=(), original_subject=None, now=now)
    return enqueue(session, message, cipher=cipher, kind="admin_alert", request_id=None,
                   now=now, daily_limit=None) is not None
