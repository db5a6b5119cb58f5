"""The review queue: what the machine was unsure about, for a human to decide.

The CLI (``mailbot queue``) and the admin web page call these same functions. Approving runs
the request exactly as the automatic path would (a deletion still needs the customer's
confirmation from the address on file: an admin cannot skip that); rejecting closes it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, select
from sqlmodel import Session

from mailbot.clock import Clock
from mailbot.config import PolicySettings, Settings
from mailbot.mail.parsing import parse_message
from mailbot.pipeline.execute import execute_request
from mailbot.pipeline.intake import customer_facts, retake_merged
from mailbot.pipeline.transitions import move_request
from mailbot.policy import deadlines, decisions
from mailbot.policy.states import RequestState
from mailbot.store import audit
from mailbot.store.crypto import Cipher
from mailbot.store.customers import customer_by_index
from mailbot.store.db import transaction
from mailbot.store.models import InboundMessage, PrivacyRequest, RequestKind
from mailbot.vocabulary import REVIEW_INTENTS

QUEUE_STATES = (RequestState.in_review, RequestState.failed, RequestState.awaiting_confirmation,
                RequestState.received)
INTENTS = REVIEW_INTENTS


class ReviewError(Exception):
    """The request cannot take that decision; the message says why."""


@dataclass(frozen=True)
class QueueItem:
    id: int
    kind: str
    state: str
    confidence: float
    language: str
    reason: str
    due_at: datetime
    created_at: datetime
    error: str | None

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "due_at": self.due_at.isoformat(),
                "created_at": self.created_at.isoformat()}


def list_queue(session: Session, *, states: tuple[str, ...] = QUEUE_STATES) -> list[QueueItem]:
    """Open requests, the ones needing a human first, then by due date."""
    needs_human = case((PrivacyRequest.state.in_([RequestState.in_review, RequestState.failed]), 0),
                       else_=1)
    rows = session.scalars(select(PrivacyRequest).where(PrivacyRequest.state.in_(list(states)))
                           .order_by(needs_human, PrivacyRequest.due_at, PrivacyRequest.id))
    return [_item(r) for r in rows]


def _item(r: PrivacyRequest) -> QueueItem:
    return QueueItem(id=r.id or 0, kind=str(r.kind), state=str(r.state), confidence=r.confidence,
                     language=r.language, reason=r.reason, due_at=r.due_at,
                     created_at=r.created_at, error=r.error)


@dataclass(frozen=True)
class MessageView:
    """The stored message behind a request; the text only while the raw mail is kept."""

    size: int
    state: str
    reason: str | None
    stored: bool = False
    sender: str | None = None
    subject: str | None = None
    date: datetime | None = None
    text: str | None = None
    quoted: str = ""
    automation: tuple[str, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    details: dict[str, Any]


@dataclass(frozen=True)
class RequestView:
    """Everything a reviewer sees of one request (CLI and web page alike)."""

    item: QueueItem
    evidence: tuple[str, ...]
    channels: tuple[str, ...]
    action: str
    token_expires_at: datetime | None
    confirmed_at: datetime | None
    message: MessageView | None
    history: tuple[HistoryEntry, ...]

    def as_dict(self) -> dict[str, Any]:
        """For ``--json``: dates as ISO 8601, the message's sender as ``from``."""
        data = {**self.item.as_dict(), "evidence": list(self.evidence),
                "channels": list(self.channels), "action": self.action,
                "token_expires_at": _iso(self.token_expires_at),
                "confirmed_at": _iso(self.confirmed_at), "message": None,
                "history": [{**asdict(e), "at": _iso(e.at)} for e in self.history]}
        if self.message is not None:
            message = {k: v for k, v in asdict(self.message).items() if k != "sender"}
            data["message"] = {**message, "from": self.message.sender, "date": _iso(self.message.date),
                               "automation": list(self.message.automation)}
        return data


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def show_request(session: Session, request_id: int, *, cipher: Cipher) -> RequestView:
    """Everything a reviewer needs, including the message text (decrypted for this view only)."""
    request = _get(session, request_id)
    history = session.scalars(select(audit.AuditEvent)
                              .where(audit.AuditEvent.request_id == request_id)
                              .order_by(audit.AuditEvent.id))
    return RequestView(
        item=_item(request), evidence=tuple(cipher.decrypt_json(request.evidence_enc) or ()),
        channels=tuple(request.channels), action=request.action,
        token_expires_at=request.token_expires_at, confirmed_at=request.confirmed_at,
        message=_message_view(session, cipher, request),
        history=tuple(HistoryEntry(e.at, e.actor, e.action, e.details) for e in history))


def _message_view(session: Session, cipher: Cipher, request: PrivacyRequest) -> MessageView | None:
    inbound = session.get(InboundMessage, request.inbound_message_id) if request.inbound_message_id else None
    if inbound is None:
        return None
    if not inbound.raw_enc:
        return MessageView(size=inbound.size, state=str(inbound.state), reason=inbound.reason)
    parsed = parse_message(cipher.decrypt(inbound.raw_enc))
    return MessageView(size=inbound.size, state=str(inbound.state), reason=inbound.reason,
                       stored=True, sender=parsed.from_address, subject=parsed.subject,
                       date=parsed.date, text=parsed.text, quoted=parsed.quoted[:4000],
                       automation=tuple(parsed.automation))


def _get(session: Session, request_id: int) -> PrivacyRequest:
    request = session.get(PrivacyRequest, request_id)
    if request is None:
        raise ReviewError(f"there is no request {request_id}")
    return request


def _get_for_decision(session: Session, request_id: int) -> PrivacyRequest:
    """The request, after the audit chain's lock: the lock order every writer uses."""
    audit.lock_chain(session)
    return _get(session, request_id)


def approve(engine: Engine, request_id: int, *, settings: Settings, cipher: Cipher, clock: Clock,
            actor: str, as_intent: str | None = None) -> str:
    """Approve a request in review, optionally re-labelled; then run it like the daemon would.

    The whole ``settings`` and the ``clock``: the approved request is carried out at once
    (:func:`~mailbot.pipeline.execute.execute_request`), at its own moment.
    """
    if as_intent is not None and as_intent not in INTENTS:
        raise ReviewError(f"a request can be approved as {', '.join(INTENTS)}; not {as_intent!r}")
    now = clock()
    with transaction(engine) as session:
        request = _get_for_decision(session, request_id)
        if request.state != RequestState.in_review:
            raise ReviewError(f"request {request_id} is {request.state}; only requests in review "
                              "can be approved (a failed one can be retried)")
        intent = as_intent or str(request.kind)
        if intent not in INTENTS:
            raise ReviewError(f"request {request_id} is a {request.kind}: approve it as "
                              f"{', '.join(INTENTS)}")
        if intent != "other" and not request.email_index:
            raise ReviewError(f"request {request_id} has no sender address to act on; reject it")
        decision = decisions.plan_for_intent(
            intent, customer_facts(customer_by_index(session, request.email_index)))
        _relabel(request, intent, decision, settings.policy)
        target = (RequestState.rejected if decision.action == decisions.Action.ignore
                  else RequestState.received)
        move_request(session, request, target, now=now, actor=actor, event="request_approved",
                     details={"as": intent, "action": decision.action})
    if request.state == RequestState.received:
        outcome = execute_request(engine, request_id, settings=settings, cipher=cipher, now=clock())
        return outcome or f"request {request_id} failed; see `mailbot queue show {request_id}`"
    return f"request {request_id} closed: {decision.reason}"


def _relabel(request: PrivacyRequest, intent: str, decision: decisions.Decision,
             policy: PolicySettings) -> None:
    request.kind = RequestKind(intent)
    request.action, request.reason = decision.action, decision.reason
    received = request.received_at or request.created_at
    request.due_at = min(request.due_at, deadlines.due_at(intent, received=received,
                                                          policy=policy))


def reject(engine: Engine, request_id: int, *, now: datetime, actor: str, note: str = "") -> str:
    with transaction(engine) as session:
        request = _get_for_decision(session, request_id)
        if not RequestState(request.state).is_open:
            raise ReviewError(f"request {request_id} is already {request.state}")
        request.token_hash = None
        retaken = retake_merged(session, request_id)
        details: dict[str, Any] = {"note": note[:200]} if note else {}
        move_request(session, request, RequestState.rejected, now=now, actor=actor,
                     details={**details, "merged_retaken": retaken} if retaken else details)
    return f"request {request_id} rejected" + (
        f"; {retaken} merged message(s) will be taken up again as their own requests"
        if retaken else "")


def retry(engine: Engine, request_id: int, *, settings: Settings, cipher: Cipher, clock: Clock,
          actor: str) -> str:
    """Run a failed request again, once its cause is fixed (carried out at once, as
    :func:`approve` does)."""
    now = clock()
    with transaction(engine) as session:
        request = _get_for_decision(session, request_id)
        if request.state != RequestState.failed:
            raise ReviewError(f"request {request_id} is {request.state}; only failed requests "
                              "can be retried")
        move_request(session, request, RequestState.received, now=now, actor=actor,
                     event="request_retried")
    outcome = execute_request(engine, request_id, settings=settings, cipher=cipher, now=clock())
    return outcome or f"request {request_id} failed again; see `mailbot queue show {request_id}`"
