"""Stage one of the pipeline: a stored inbound message becomes a decision.

:func:`intake_message` reads one message in one transaction and ends in exactly one of: a
confirmation of a pending deletion, a new privacy request (``received`` or ``in_review``),
a merge into an open request, a quarantine entry, or nothing (other and automated mail).
Carrying the request out is :mod:`mailbot.pipeline.execute`.

The daemon takes messages in batches (:func:`intake_pending`): each message is first read
(parsed and classified, :mod:`mailbot.pipeline.reading`) outside any write transaction, then
``BATCH`` of them share one short transaction. A batch that fails rolls back whole and
runs again one message at a time, so a bad message is quarantined alone; a database outage
or a missing key stops the pass instead, and the next pass retries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import defer
from sqlmodel import Session

from mailbot.clock import Clock
from mailbot.config import PolicySettings, Settings
from mailbot.logs import get_logger
from mailbot.mail.parsing import ParsedMessage
from mailbot.pipeline import oneclick
from mailbot.pipeline.reading import Reading, read_new
from mailbot.pipeline.respond import ReplyEnvelope
from mailbot.pipeline.transitions import move_request, start_request
from mailbot.policy import confirmation, deadlines, decisions
from mailbot.policy.decisions import Action, CustomerFacts, Decision, PendingRequest
from mailbot.policy.states import RequestState
from mailbot.sources.base import batched
from mailbot.store import audit
from mailbot.store.crypto import Cipher, DecryptionError, hash_token
from mailbot.store.customers import customer_by_index
from mailbot.store.db import claim, transaction
from mailbot.store.models import (
    Customer,
    CustomerStatus,
    InboundMessage,
    InboundState,
    PrivacyRequest,
    RequestKind,
)
from mailbot.understanding.classify import Classification
from mailbot.vocabulary import REQUEST_INTENTS

log = get_logger(__name__)

BATCH = 50  # messages per transaction: one commit for many, a short rollback
_NO_RAW = (defer(InboundMessage.raw_enc),)  # already read: 50 raw mails need not be in memory


@dataclass
class IntakeResult:
    inbound_id: int
    outcome: str
    request_id: int | None = None
    intent: str | None = None
    move: bool = False


@dataclass(frozen=True)
class _Intake:
    """What taking a message in reads besides the database, threaded through this module.

    The whole ``settings``: the policy decides, reading keeps to ``[mailbox]``'s time budget,
    and the reply envelope and the one-click mailto read ``[brand]``, ``[smtp]`` and
    ``[public]``. The ``clock`` is read once per message, as each one is taken in.
    """

    settings: Settings
    cipher: Cipher
    clock: Clock


def intake_pending(engine: Engine, *, settings: Settings, cipher: Cipher, clock: Clock,
                   limit: int = 200, batch: int = BATCH) -> list[IntakeResult]:
    """Intake every ``new`` inbound message, ``batch`` messages per transaction."""
    taking = _Intake(settings, cipher, clock)
    results = []
    with Session(engine) as session:
        ids = session.scalars(select(InboundMessage.id).where(InboundMessage.state == InboundState.new)
                              .order_by(InboundMessage.id).limit(limit)).all()
    for chunk in batched(ids, batch):
        results.extend(_intake_batch(engine, taking, chunk))
    results.extend(review_quarantined(engine, now=clock()))
    return results


def _read(engine: Engine, taking: _Intake, ids: Sequence[int]) -> dict[int, Reading]:
    return read_new(engine, ids, cipher=taking.cipher, mailbox=taking.settings.mailbox,
                    store_names=taking.settings.brand.names)


def _intake_batch(engine: Engine, taking: _Intake, ids: Sequence[int]) -> list[IntakeResult]:
    """One commit for many messages; when any of them fails, the whole batch rolls back and
    runs again a message at a time, so the bad one fails (and is quarantined) alone."""
    readings = _read(engine, taking, ids)  # the slow part, before any write lock
    try:
        with transaction(engine) as session:
            audit.lock_chain(session)  # before any row lock: see audit.lock_chain
            rows = claim(session, InboundMessage, InboundMessage.id.in_(list(readings))
                         & (InboundMessage.state == InboundState.new), options=_NO_RAW)
            customers = _senders_on_file(session, taking.cipher, [readings[row.id] for row in rows])
            return [_intake_claimed(session, taking, inbound, readings[inbound.id], customers)
                    for inbound in rows]
    except Exception:
        if len(ids) == 1:
            return [result] if (result := _intake_or_quarantine(engine, taking, ids[0], readings)) else []
        log.warning("intake_batch_failed", size=len(ids), then="one message at a time")
    return [result for inbound_id in ids
            if (result := _intake_or_quarantine(engine, taking, inbound_id, readings))]


def _intake_or_quarantine(engine: Engine, taking: _Intake, inbound_id: int,
                          readings: dict[int, Reading] | None = None) -> IntakeResult | None:
    """A message that breaks intake (a bug, not a database outage) must not block the ones
    behind it: it goes to the review queue with the error's type."""
    reading = (readings or {}).get(inbound_id)
    try:
        return _intake_one(engine, taking, inbound_id, reading)
    except (OperationalError, DecryptionError):
        raise  # the database is away or a key is missing: stop the pass, the next one retries
    except Exception as exc:
        log.exception("intake_failed", inbound=inbound_id, outcome="quarantined")
        reason = f"intake failed: {exc.__class__.__name__}"
        # already read outside the transaction; never parse again under the write lock
        parsed = reading.parsed if reading is not None else None
        with transaction(engine) as session:
            inbound = session.get(InboundMessage, inbound_id)
            if inbound is None or inbound.state != InboundState.new:
                return None
            return _quarantine(session, inbound, reason, taking.clock(), parsed=parsed,
                               taking=taking)


def intake_message(engine: Engine, inbound_id: int, reading: Reading | None = None, *,
                   settings: Settings, cipher: Cipher, clock: Clock) -> IntakeResult | None:
    """Intake one message in its own transaction (read first, outside it, unless given)."""
    return _intake_one(engine, _Intake(settings, cipher, clock), inbound_id, reading)


def _intake_one(engine: Engine, taking: _Intake, inbound_id: int,
                reading: Reading | None = None) -> IntakeResult | None:
    reading = reading or _read(engine, taking, [inbound_id]).get(inbound_id)
    if reading is None:
        return None  # taken by another daemon, or done already
    with transaction(engine) as session:
        rows = claim(session, InboundMessage,
                     (InboundMessage.id == inbound_id) & (InboundMessage.state == InboundState.new),
                     options=_NO_RAW)
        if not rows:
            return None
        return _intake_claimed(session, taking, rows[0], reading)


def _senders_on_file(session: Session, cipher: Cipher,
                     readings: Sequence[Reading]) -> dict[str, Customer]:
    """The customers who sent a batch, in one query (intake never changes a customer)."""
    indexes = {cipher.email_index(reading.parsed.from_address) for reading in readings
               if reading.parsed is not None and reading.parsed.from_address}
    if not indexes:
        return {}
    found = session.scalars(select(Customer).where(Customer.email_index.in_(indexes)))
    return {customer.email_index: customer for customer in found if customer.email_index}


def _intake_claimed(session: Session, taking: _Intake, inbound: InboundMessage, reading: Reading,
                    customers: dict[str, Customer] | None = None) -> IntakeResult:
    """Intake one claimed ``new`` message in the caller's transaction; ``customers``, when
    given, holds every customer among the batch's senders."""
    now = taking.clock()
    parsed, cls = reading.parsed, reading.classification
    if parsed is None or cls is None:
        return _quarantine(session, inbound, reading.problem or "unreadable", now,
                           parsed=parsed, taking=taking)
    if parsed.from_address:
        inbound.sender_index = taking.cipher.email_index(parsed.from_address)
    result = _intake_parsed(session, taking, inbound, parsed, cls, now, customers)
    inbound.intent = result.intent
    inbound.state = InboundState.processed if result.move else InboundState.ignored
    if not result.move:  # why it was left for people, for `queue left` and the admin page
        inbound.reason = result.outcome[:200]
    session.add(inbound)
    return result


def _intake_parsed(session: Session, taking: _Intake, inbound: InboundMessage,
                   parsed: ParsedMessage, cls: Classification, now: datetime,
                   customers: dict[str, Customer] | None = None) -> IntakeResult:
    assert inbound.id is not None
    settings, cipher = taking.settings, taking.cipher
    tokened = oneclick.unsubscribe_by_mail(session, settings, cipher, parsed,
                                           inbound_id=inbound.id, now=now)
    if tokened is not None:  # the token's owner, never the sender; no reply
        return IntakeResult(inbound.id, f"one-click by mail: {tokened.status}",
                            tokened.request_id, "unsubscribe", move=True)
    sender_index = cipher.email_index(parsed.from_address) if parsed.from_address else None
    target = _confirmation_target(session, parsed)
    if target is not None or confirmation.claims_confirmation(parsed):
        result = _intake_confirmation(session, settings.policy, inbound.id, parsed, sender_index,
                                      target, now, cls)
        if result is not None:
            return result
        # the reply's own words refuse: a person reads it, the deletion waits
        return _apply_intake_decision(session, taking, inbound.id, parsed, cls, Decision(
            Action.review, "a reply to our confirmation mail that refuses the deletion"),
            customer_by_index(session, sender_index), sender_index, now)
    if customers is None:
        customer = customer_by_index(session, sender_index)
    else:
        customer = customers.get(sender_index) if sender_index else None
    pending = _open_request(session, sender_index, cls.intent)
    decision = decisions.decide(parsed, intent=cls.intent, confidence=cls.confidence,
                             customer=customer_facts(customer), pending=pending, policy=settings.policy)
    return _apply_intake_decision(session, taking, inbound.id, parsed, cls, decision, customer,
                                  sender_index, now)


def _apply_intake_decision(session: Session, taking: _Intake, inbound_id: int,
                           parsed: ParsedMessage, cls: Classification, decision: Decision,
                           customer: Customer | None, sender_index: str | None,
                           now: datetime) -> IntakeResult:
    if decision.action == Action.ignore:
        return IntakeResult(inbound_id, f"{decision.reason} (classified {cls.intent}, "
                            f"confidence {cls.confidence:.2f})", intent=cls.intent)
    if decision.action == Action.archive:
        return IntakeResult(inbound_id, "automated: archived", intent="automated", move=True)
    if decision.action == Action.merge:
        audit.record(session, actor="system", action="request_merged", now=now,
                     request_id=decision.request_id, subject_index=sender_index,
                     details={"inbound_message": inbound_id})
        _ask_again_if_waiting(session, decision.request_id, now)
        return IntakeResult(inbound_id, f"merged into request {decision.request_id}",
                            decision.request_id, cls.intent, move=True)
    request = _new_request(session, taking, inbound_id, parsed, cls, decision, customer,
                           sender_index, now)
    return IntakeResult(inbound_id, f"request {request.id}: {request.state}", request.id,
                        cls.intent, move=True)


def _ask_again_if_waiting(session: Session, request_id: int | None, now: datetime) -> None:
    """The customer asks for a deletion that already waits for confirmation (perhaps a
    forged one they never saw): the next pass mails them a fresh confirmation, rather than
    their request vanishing into the old one without an answer."""
    request = session.get(PrivacyRequest, request_id) if request_id else None
    if request is None or request.state != RequestState.awaiting_confirmation:
        return
    request.action, request.token_hash = Action.ask_confirmation, None
    move_request(session, request, RequestState.received, now=now, event="confirmation_asked_again")


def retake_merged(session: Session, request_id: int) -> int:
    """The messages merged into a request that will not be carried out (rejected) go back
    to intake, where each becomes its own request: closing a request never loses the
    customer's later mail. Returns how many."""
    merged = session.scalars(select(audit.AuditEvent.details).where(
        audit.AuditEvent.request_id == request_id, audit.AuditEvent.action == "request_merged"))
    ids = [details["inbound_message"] for details in merged if details.get("inbound_message")]
    if not ids:
        return 0
    return session.execute(update(InboundMessage).where(
        InboundMessage.id.in_(ids),
        InboundMessage.state.in_([InboundState.processed, InboundState.moved]))
        .values(state=InboundState.new)).rowcount or 0


def _new_request(session: Session, taking: _Intake, inbound_id: int, parsed: ParsedMessage,
                 cls: Classification, decision: Decision, customer: Customer | None,
                 sender_index: str | None, now: datetime) -> PrivacyRequest:
    review = decision.action == Action.review
    kind = cls.intent if cls.intent in REQUEST_INTENTS else RequestKind.other
    inbound = session.get(InboundMessage, inbound_id)
    received = deadlines.received_at(
        date_header=parsed.date, delivered=inbound.delivered_at if inbound else None,
        picked_up=min(inbound.received_at, now) if inbound else now)
    request = PrivacyRequest(
        kind=kind, state=RequestState.in_review if review else RequestState.received,
        action=decision.action, reason=decision.reason[:200], language=cls.language,
        confidence=cls.confidence, channels=list(cls.channels),
        evidence_enc=taking.cipher.encrypt_json(list(cls.evidence)[:20]),
        customer_id=customer.id if customer else None, email_index=sender_index,
        reply_to_enc=_sealed_envelope(parsed, taking), inbound_message_id=inbound_id,
        received_at=received, due_at=deadlines.due_at(kind, received=received,
                                                      policy=taking.settings.policy),
        created_at=now, updated_at=now)
    start_request(session, request, now=now,
                  details={"kind": kind, "action": decision.action, "reason": decision.reason,
                           "confidence": round(cls.confidence, 3), "inbound_message": inbound_id})
    return request


def _sealed_envelope(parsed: ParsedMessage, taking: _Intake) -> bytes | None:
    envelope = ReplyEnvelope.for_message(parsed, taking.settings)
    return envelope.seal(taking.cipher) if envelope else None


def _quarantine(session: Session, inbound: InboundMessage, reason: str, now: datetime, *,
                parsed: ParsedMessage | None = None, taking: _Intake | None = None) -> IntakeResult:
    """Into the review queue; with the sender when it is known, so an admin can approve."""
    assert inbound.id is not None
    inbound.state, inbound.reason = InboundState.quarantined, reason
    envelope = None
    if parsed is not None and parsed.from_address and taking is not None:
        inbound.sender_index = taking.cipher.email_index(parsed.from_address)
        envelope = _sealed_envelope(parsed, taking)
    session.add(inbound)
    request = _quarantine_request(session, inbound, now, envelope=envelope)
    return IntakeResult(inbound.id, f"quarantined: {reason}", request.id, None)


def _quarantine_request(session: Session, inbound: InboundMessage, now: datetime, *,
                        envelope: bytes | None = None) -> PrivacyRequest:
    request = PrivacyRequest(kind=RequestKind.quarantine, state=RequestState.in_review,
                             action=Action.review, reason=(inbound.reason or "quarantined")[:200],
                             inbound_message_id=inbound.id, email_index=inbound.sender_index,
                             reply_to_enc=envelope, due_at=now, created_at=now, updated_at=now)
    start_request(session, request, now=now, event="message_quarantined",
                  details={"reason": inbound.reason, "inbound_message": inbound.id})
    return request


def review_quarantined(engine: Engine, *, now: datetime) -> list[IntakeResult]:
    """Messages the fetcher quarantined (too big, unreadable) become review-queue entries."""
    results = []
    with transaction(engine) as session:
        has_request = select(PrivacyRequest.inbound_message_id).where(
            PrivacyRequest.inbound_message_id.is_not(None))
        for inbound in claim(session, InboundMessage,
                             (InboundMessage.state == InboundState.quarantined)
                             & InboundMessage.id.not_in(has_request), limit=100):
            request = _quarantine_request(session, inbound, now)
            results.append(IntakeResult(inbound.id or 0, f"quarantined: {inbound.reason}",
                                        request.id))
    return results


# --- confirmations ---------------------------------------------------------------------------


def _confirmation_target(session: Session, parsed: ParsedMessage) -> PrivacyRequest | None:
    """The request whose token the message carries (subject first, then body); never found
    by In-Reply-To/References: a Message-ID is no secret."""
    for ref in (*confirmation.confirmation_refs(parsed), *confirmation.body_tokens(parsed)):
        request = session.scalars(select(PrivacyRequest).where(
            PrivacyRequest.token_hash == hash_token(ref))).first()
        if request is not None:
            return request
    return None


def _intake_confirmation(session: Session, policy: PolicySettings, inbound_id: int,
                         parsed: ParsedMessage, sender_index: str | None,
                         target: PrivacyRequest | None, now: datetime,
                         cls: Classification) -> IntakeResult | None:
    """Confirm, or refuse, the deletion whose token the reply carries; None when the reply's
    own words refuse it, for the caller to put in front of a person."""
    decision = confirmation.check_confirmation(
        parsed, sender_index=sender_index, request=_pending(target) if target else None,
        policy=policy, now=now,
        sender_attempts_today=_confirmation_attempts(session, sender_index, inbound_id, now),
        refused_in_words=confirmation.words_refuse(cls.intent, cls.evidence))
    if decision.action == Action.review:
        audit.record(session, actor="system", action="confirmation_held", now=now,
                     request_id=decision.request_id, subject_index=sender_index,
                     details={"reason": decision.reason, "inbound_message": inbound_id})
        return None
    if decision.action != Action.erase or target is None:
        audit.record(session, actor="system", action="confirmation_refused", now=now,
                     request_id=decision.request_id, subject_index=sender_index,
                     details={"reason": decision.reason, "inbound_message": inbound_id})
        if confirmation.is_automatic_reply(parsed):  # changes nothing, counts for nothing
            return IntakeResult(inbound_id, f"confirmation refused: {decision.reason}",
                                decision.request_id, "automated", move=True)
        _count_failed_attempt(session, policy, target or _awaiting(session, sender_index), now)
        return IntakeResult(inbound_id, f"confirmation refused: {decision.reason}",
                            decision.request_id, "confirmation", move=True)
    target.action, target.confirmed_at, target.token_hash = Action.erase, now, None  # single use
    move_request(session, target, RequestState.received, now=now, event="deletion_confirmed",
                 details={"inbound_message": inbound_id})
    return IntakeResult(inbound_id, f"request {target.id}: deletion confirmed", target.id,
                        "confirmation", move=True)


def _confirmation_attempts(session: Session, sender_index: str | None, inbound_id: int,
                           now: datetime) -> int:
    """The sender's confirmation attempts in the last 24 hours, this one not counted."""
    if sender_index is None:
        return 0
    return session.scalar(select(func.count()).select_from(InboundMessage).where(
        InboundMessage.sender_index == sender_index, InboundMessage.intent == "confirmation",
        InboundMessage.id != inbound_id,
        InboundMessage.received_at > now - timedelta(hours=24))) or 0


def _awaiting(session: Session, sender_index: str | None) -> PrivacyRequest | None:
    """The sender's deletion request waiting for confirmation: a wrong token from its
    address counts against it (that is where a guesser who forges From: aims)."""
    if sender_index is None:
        return None
    return session.scalars(select(PrivacyRequest).where(
        PrivacyRequest.email_index == sender_index,
        PrivacyRequest.state == RequestState.awaiting_confirmation)).first()


def _count_failed_attempt(session: Session, policy: PolicySettings, request: PrivacyRequest | None,
                          now: datetime) -> None:
    """One more failure; at the limit the request stops accepting and goes to review."""
    if request is None or request.state != RequestState.awaiting_confirmation:
        return
    request.confirm_failures = (request.confirm_failures or 0) + 1
    request.updated_at = now
    session.add(request)
    if confirmation.attempts_exhausted(request.confirm_failures, policy):
        request.token_hash, request.reason = None, "too many failed confirmation attempts"
        move_request(session, request, RequestState.in_review, now=now,
                     event="confirmation_locked", details={"failures": request.confirm_failures})


def _pending(request: PrivacyRequest) -> PendingRequest:
    assert request.id is not None
    return PendingRequest(id=request.id, kind=str(request.kind), state=str(request.state),
                          email_index=request.email_index,
                          token_expires_at=request.token_expires_at)


def customer_facts(customer: Customer | None) -> CustomerFacts:
    if customer is None:
        return CustomerFacts(exists=False)
    return CustomerFacts(exists=True, erased=customer.status == CustomerStatus.erased)


def _open_request(session: Session, sender_index: str | None, kind: str) -> PendingRequest | None:
    """The sender's open request that a new one of ``kind`` would merge into, if any
    (:func:`mailbot.policy.decisions.absorbs` decides whether it does)."""
    if sender_index is None:
        return None
    request = session.scalars(
        select(PrivacyRequest).where(PrivacyRequest.email_index == sender_index,
                                     PrivacyRequest.kind == kind,
                                     PrivacyRequest.state.in_(list(decisions.ABSORBING_STATES)))
        .order_by(PrivacyRequest.id)).first()
    return _pending(request) if request else None
