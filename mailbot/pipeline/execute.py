"""Stage two of the pipeline: carrying out privacy requests.

:func:`execute_request` carries out one ``received`` request in one transaction: the
customer change, the audit event and the reply in the outbox commit together. When it
fails, the transaction rolls back and the request is marked ``failed`` with its error, so
nothing half-applied stays behind and ``mailbot queue retry`` can run it again.

The daemon runs requests in batches (:func:`execute_pending`): ``BATCH`` of them share one
transaction. A batch that fails rolls back whole and runs again one request at a time, so a
bad request still fails alone, exactly as it would have on its own.

A crash between intake (:mod:`mailbot.pipeline.intake`) and execution leaves a ``received``
request, which the next pass executes: the work is idempotent by state, never by luck.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.clock import Clock
from mailbot.config import Settings
from mailbot.logs import get_logger
from mailbot.mail.addresses import describe_error
from mailbot.pipeline import mail_removal
from mailbot.pipeline.respond import ReplyEnvelope, new_token, queue_reply
from mailbot.pipeline.transitions import move_request
from mailbot.policy import deadlines, decisions
from mailbot.policy.decisions import Action
from mailbot.policy.states import RequestState
from mailbot.sources.base import batched
from mailbot.store import actions, audit
from mailbot.store.crypto import Cipher, hash_token
from mailbot.store.customers import address_on_file, customer_by_index, granted_channels
from mailbot.store.db import claim, transaction
from mailbot.store.models import Customer, CustomerStatus, PrivacyRequest

Outcome = tuple[RequestState, str]
"""Where a handler leaves the request, and what it did in words."""

log = get_logger(__name__)

BATCH = 50  # requests per transaction: one commit for many, a short rollback
EXECUTABLE = {Action.unsubscribe, Action.suppress, Action.ask_confirmation, Action.no_account,
              Action.erase}


@dataclass
class ExecutionReport:
    done: dict[int, str] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)


def execute_pending(engine: Engine, *, settings: Settings, cipher: Cipher, clock: Clock,
                    limit: int = 500, batch: int = BATCH) -> ExecutionReport:
    """Execute ``received`` requests, ``batch`` requests per transaction.

    The whole ``settings``: replies are rendered (see :func:`queue_reply`), the policy sets
    the confirmation's expiry and ``[smtp]`` says whether erased mail is in a Maildir outbox.
    The ``clock`` is read as each request is carried out.
    """
    report = ExecutionReport()
    with Session(engine) as session:
        ids = session.scalars(select(PrivacyRequest.id)
                              .where(PrivacyRequest.state == RequestState.received)
                              .order_by(PrivacyRequest.due_at).limit(limit)).all()
    for chunk in batched(ids, batch):
        _execute_batch(engine, chunk, report, settings=settings, cipher=cipher, clock=clock)
    return report


def _execute_batch(engine: Engine, ids: Sequence[int], report: ExecutionReport, *,
                   settings: Settings, cipher: Cipher, clock: Clock) -> None:
    """One commit for many requests; when any of them fails, the whole batch rolls back and
    runs again a request at a time, so the bad one alone is marked ``failed``."""
    if len(ids) > 1:
        try:
            with transaction(engine) as session:
                audit.lock_chain(session)  # before any row lock: see audit.lock_chain
                rows = claim(session, PrivacyRequest, PrivacyRequest.id.in_(list(ids))
                             & (PrivacyRequest.state == RequestState.received))
                rows = sorted(rows, key=lambda row: ids.index(row.id))  # due first, as picked
                done = {row.id: _execute(session, row, clock(), settings=settings, cipher=cipher)
                        for row in rows}
            report.done.update(done)
            return
        except Exception:
            log.warning("execute_batch_failed", size=len(ids), then="one request at a time")
    for request_id in ids:
        execute_request(engine, request_id, report, settings=settings, cipher=cipher, now=clock())


def execute_request(engine: Engine, request_id: int, report: ExecutionReport | None = None, *,
                    settings: Settings, cipher: Cipher, now: datetime) -> str | None:
    """Carry out one ``received`` request; on failure record the error and return None.

    The whole ``settings``, for the same reasons as :func:`execute_pending`.
    """
    report = report if report is not None else ExecutionReport()
    try:
        with transaction(engine) as session:
            rows = claim(session, PrivacyRequest, (PrivacyRequest.id == request_id)
                         & (PrivacyRequest.state == RequestState.received))
            if not rows:
                return None
            outcome = _execute(session, rows[0], now, settings=settings, cipher=cipher)
        report.done[request_id] = outcome
        return outcome
    except Exception as exc:
        error = describe_error(exc)
        log.exception("request_failed", request=request_id)
        _mark_failed(engine, request_id, error, now)
        report.failed[request_id] = error
        return None


def _mark_failed(engine: Engine, request_id: int, error: str, now: datetime) -> None:
    with transaction(engine) as session:
        request = session.get(PrivacyRequest, request_id)
        if request is None:
            return
        request.error = error
        move_request(session, request, RequestState.failed, now=now,
                     details={"error": error.split(":")[0]})


def _execute(session: Session, request: PrivacyRequest, now: datetime, *,
             settings: Settings, cipher: Cipher) -> str:
    action = Action(request.action)
    if action not in EXECUTABLE:
        raise ValueError(f"request {request.id} has no executable action ({request.action!r})")
    handler = {Action.unsubscribe: _do_unsubscribe, Action.suppress: _do_suppress,
               Action.no_account: _do_no_account, Action.ask_confirmation: _do_ask_confirmation,
               Action.erase: _do_erase}[action]
    target, outcome = handler(session, request, now, settings=settings, cipher=cipher)
    request.error = None
    move_request(session, request, target, now=now, details={"action": action, "outcome": outcome})
    return outcome


def _customer_of(session: Session, request: PrivacyRequest) -> Customer:
    customer = customer_by_index(session, request.email_index)
    if customer is None or customer.status == CustomerStatus.erased:
        raise LookupError(f"request {request.id}: the customer is no longer active")
    return customer


def _do_unsubscribe(session: Session, request: PrivacyRequest, now: datetime, *,
                    settings: Settings, cipher: Cipher) -> Outcome:
    customer = _customer_of(session, request)
    named = decisions.channels_to_withdraw(tuple(request.channels))
    consented = granted_channels(session, customer)
    done = actions.unsubscribe(session, customer, channels=named, now=now,
                               source=f"request {request.id}", cipher=cipher,
                               request_id=request.id)
    # The reply names only channels the customer had consented to: never "marketing by
    # phone continues" to someone who never allowed phone marketing.
    remaining = [c for c in consented if c not in done.channels]
    said = list(done.channels) if named else [c for c in done.channels if c in consented]
    queue_reply(session, request, "unsubscribed", now, settings=settings, cipher=cipher,
                channels=said, remaining_channels=remaining if named else [])
    return RequestState.applied, f"unsubscribed from {', '.join(done.channels)}"


def _do_suppress(session: Session, request: PrivacyRequest, now: datetime, *,
                 settings: Settings, cipher: Cipher) -> Outcome:
    address = ReplyEnvelope.unseal(cipher, request.reply_to_enc).address
    if address:
        actions.unsubscribe_address(session, email=address, cipher=cipher, now=now,
                                    source=f"request {request.id}", request_id=request.id)
    elif request.email_index:  # the address was forgotten with an erasure: the index is enough
        actions.suppress(session, email_index=request.email_index, now=now,
                         source=f"request {request.id}", cipher=cipher, email=None)
    queue_reply(session, request, "no_account", now, settings=settings, cipher=cipher,
                request_kind=str(request.kind))
    return RequestState.applied, "address suppressed"


def _do_no_account(session: Session, request: PrivacyRequest, now: datetime, *,
                   settings: Settings, cipher: Cipher) -> Outcome:
    queue_reply(session, request, "no_account", now, settings=settings, cipher=cipher,
                request_kind=str(request.kind))
    return RequestState.applied, "no account for this address"


def _do_ask_confirmation(session: Session, request: PrivacyRequest, now: datetime, *,
                         settings: Settings, cipher: Cipher) -> Outcome:
    customer = _customer_of(session, request)
    token = new_token()
    request.token_hash = hash_token(token)
    request.token_expires_at = deadlines.confirmation_expiry(now, settings.policy)
    request.confirm_failures = 0
    on_file = address_on_file(customer, cipher=cipher)
    queue_reply(session, request, "confirm_deletion", now, settings=settings, cipher=cipher,
                to=on_file, ref=token, expires_at=request.token_expires_at, force=True)
    return RequestState.awaiting_confirmation, "confirmation sent to the address on file"


def _do_erase(session: Session, request: PrivacyRequest, now: datetime, *,
              settings: Settings, cipher: Cipher) -> Outcome:
    customer = _customer_of(session, request)
    envelope = ReplyEnvelope.unseal(cipher, request.reply_to_enc).to_address(
        address_on_file(customer, cipher=cipher))
    done = actions.erase(session, customer, now=now, source=f"request {request.id}",
                         cipher=cipher, request_id=request.id)
    queue_reply(session, request, "deletion_done", now, settings=settings, cipher=cipher,
                envelope=envelope, orders_kept=done.orders_unlinked)
    assert request.email_index is not None  # the customer was found by it
    mail_removal.record(session, email_index=request.email_index, request_id=request.id, now=now,
                        outbox_maildir=settings.smtp.backend == "maildir")
    _forget_reply_addresses(session, request.email_index)
    return RequestState.applied, f"erased; {done.orders_unlinked} orders kept unlinked"


def _forget_reply_addresses(session: Session, email_index: str | None) -> None:
    if email_index is None:
        return
    for other in session.scalars(select(PrivacyRequest).where(PrivacyRequest.email_index == email_index)):
        other.reply_to_enc = None
        session.add(other)
