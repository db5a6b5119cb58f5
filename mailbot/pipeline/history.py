"""What happened, for people looking back: every request (not only the open ones) searched
by address, state, kind and date; one customer's whole story; the replies a request got.

Addresses are found through the blind index (never by decrypting every row), so a search
by address costs one indexed lookup and works for people who were erased long ago.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from mailbot.store.audit import AuditEvent
from mailbot.store.crypto import Cipher
from mailbot.store.models import (
    Customer,
    ErasedAddress,
    MarketingConsent,
    Outbox,
    PrivacyRequest,
)


@dataclass(frozen=True)
class RequestFilter:
    email: str = ""
    state: str = ""
    kind: str = ""
    since: datetime | None = None
    until: datetime | None = None
    """Received before this moment (exclusive)."""


@dataclass(frozen=True)
class RequestRow:
    id: int
    kind: str
    state: str
    language: str
    created_at: datetime
    due_at: datetime
    reason: str


@dataclass(frozen=True)
class ReplyRow:
    id: int
    kind: str
    state: str
    created_at: datetime
    sent_at: datetime | None
    message_id: str
    subject: str | None
    text: str | None
    """The text while it waits or failed; a delivered reply keeps only its metadata."""


@dataclass(frozen=True)
class CustomerView:
    status: str
    """active | erased | unknown (no account; requests or replies may still exist)"""
    created_at: datetime | None
    erased_at: datetime | None
    consents: list[MarketingConsent]
    requests: list[RequestRow]
    replies: list[ReplyRow]
    events: list[AuditEvent]


def search_requests(session: Session, query: RequestFilter, *, cipher: Cipher,
                    limit: int = 200) -> list[RequestRow]:
    """Requests matching every given condition, newest first."""
    statement = select(PrivacyRequest)
    if query.email.strip():
        index = cipher.email_index(query.email.strip())
        customer = session.scalars(select(Customer.id).where(Customer.email_index == index)).first()
        mine = PrivacyRequest.email_index == index
        statement = statement.where(mine if customer is None
                                    else or_(mine, PrivacyRequest.customer_id == customer))
    if query.state:
        statement = statement.where(PrivacyRequest.state == query.state)
    if query.kind:
        statement = statement.where(PrivacyRequest.kind == query.kind)
    if query.since:
        statement = statement.where(PrivacyRequest.created_at >= query.since)
    if query.until:
        statement = statement.where(PrivacyRequest.created_at < query.until)
    rows = session.scalars(statement.order_by(PrivacyRequest.created_at.desc(),
                                              PrivacyRequest.id.desc()).limit(limit))
    return [_row(r) for r in rows]


def customer_view(session: Session, email: str, *, cipher: Cipher) -> CustomerView | None:
    """Everything about one address; None when mailbot has never heard of it."""
    index = cipher.email_index(email.strip())
    customer = session.scalars(select(Customer).where(Customer.email_index == index)).first()
    erased = session.get(ErasedAddress, index)
    requests = search_requests(session, RequestFilter(email=email), cipher=cipher)
    replies = [_reply(cipher, r) for r in session.scalars(
        select(Outbox).where(Outbox.recipient_index == index).order_by(Outbox.id.desc()).limit(100))]
    events = list(session.scalars(select(AuditEvent).where(AuditEvent.subject_index == index)
                                  .order_by(AuditEvent.id.desc()).limit(200)))
    if customer is None and erased is None and not requests and not replies:
        return None
    consents = [] if customer is None else list(session.scalars(
        select(MarketingConsent).where(MarketingConsent.customer_id == customer.id)
        .order_by(MarketingConsent.channel)))
    status = str(customer.status) if customer else "erased" if erased else "unknown"
    return CustomerView(status=status, created_at=customer.created_at if customer else None,
                        erased_at=(customer.erased_at if customer else None)
                        or (erased.erased_at if erased else None),
                        consents=consents, requests=requests, replies=replies, events=events)


def replies_for_request(session: Session, request_id: int, *, cipher: Cipher) -> list[ReplyRow]:
    rows = session.scalars(select(Outbox).where(Outbox.request_id == request_id).order_by(Outbox.id))
    return [_reply(cipher, r) for r in rows]


def _row(r: PrivacyRequest) -> RequestRow:
    return RequestRow(id=r.id or 0, kind=str(r.kind), state=str(r.state), language=r.language,
                      created_at=r.created_at, due_at=r.due_at, reason=r.reason)


def _reply(cipher: Cipher, row: Outbox) -> ReplyRow:
    subject = text = None
    if row.message_enc is not None:
        message: Any = message_from_bytes(cipher.decrypt(row.message_enc), policy=policy.default)
        subject = str(message["Subject"] or "")
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else None
    return ReplyRow(id=row.id or 0, kind=row.kind, state=str(row.state), created_at=row.created_at,
                    sent_at=row.sent_at, message_id=row.message_id, subject=subject, text=text)
