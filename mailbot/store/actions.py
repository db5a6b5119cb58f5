"""Applying decisions to the customer database: unsubscribe, suppress, erase.

Every function works inside the caller's transaction, so a request's state change, the
customer changes, the audit event, the change event for the store's systems
(:mod:`mailbot.integrations.events`) and the reply all commit together or not at all. Every
caller that changes a customer's marketing or account goes through here, so every such
change becomes an event.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlmodel import Session

from mailbot.integrations import events
from mailbot.integrations.events import EventData, EventType
from mailbot.store.crypto import Cipher, normalise_email
from mailbot.store.models import (
    Customer,
    CustomerStatus,
    ErasedAddress,
    InboundMessage,
    MarketingConsent,
    MarketingProfile,
    Order,
    PaymentCard,
    PrivacyRequest,
    SupportMessage,
    Suppression,
    TechnicalData,
)
from mailbot.vocabulary import MARKETING_CHANNELS


@dataclass
class Unsubscribed:
    channels: list[str]
    profile_rows_deleted: int


@dataclass
class Erased:
    deleted: dict[str, int] = field(default_factory=dict)
    orders_unlinked: int = 0


def suppress(session: Session, *, email_index: str, now: datetime, source: str,
             cipher: Cipher, email: str | None, keep_address: bool = True) -> bool:
    """Add the address to the never-market list; False when it was there already.

    The list keeps the address encrypted (for `suppression export`) unless ``keep_address`` is
    false (an erasure), and its SHA-256 either way, which is what newsletter tools import.
    """
    row = session.get(Suppression, email_index)
    added = row is None
    if row is None:
        row = Suppression(email_index=email_index, created_at=now, source=source)
    if email is not None:
        address = normalise_email(email)
        row.email_sha256_enc = cipher.encrypt_text(hashlib.sha256(address.encode()).hexdigest())
        row.email_enc = cipher.encrypt_text(address) if keep_address else None
    session.add(row)
    session.flush()
    return added


def unsubscribe_address(session: Session, *, email: str, cipher: Cipher, now: datetime, source: str,
                        request_id: int | None) -> None:
    """An address with no account (newsletter lists hold people who never bought): suppress
    it, and tell the store's systems."""
    index = cipher.email_index(email)
    suppress(session, email_index=index, now=now, source=source, cipher=cipher, email=email)
    events.record(session, cipher=cipher, type=EventType.unsubscribed, subject_index=index,
                  data=EventData(email=normalise_email(email), channels=("email",)),
                  request_id=request_id, now=now)


def unsubscribe(
    session: Session, customer: Customer, *, channels: tuple[str, ...], now: datetime, source: str,
    cipher: Cipher, request_id: int | None = None,
) -> Unsubscribed:
    """Withdraw consent on the named channels (all when none named).

    Marketing-only data is deleted only when every channel is withdrawn: a customer who stops
    SMS but keeps the newsletter still wants the newsletter to fit their interests.
    """
    assert customer.id is not None
    targets = list(channels) or list(MARKETING_CHANNELS)
    consents = {
        c.channel: c for c in session.scalars(
            select(MarketingConsent).where(MarketingConsent.customer_id == customer.id))
    }
    for channel in targets:
        consent = consents.get(channel)
        if consent is None:
            session.add(MarketingConsent(customer_id=customer.id, channel=channel, granted=False,
                                         changed_at=now, source=source))
        elif consent.granted:
            consent.granted, consent.changed_at, consent.source = False, now, source
    # ``consents`` holds every consent row of the customer, now updated: no count query.
    still_granted = any(consent.granted for consent in consents.values())
    deleted = 0
    if not still_granted:
        deleted = _delete_rows(session, MarketingProfile, customer.id)
    data = _event_data(customer, cipher, channels=targets)
    if customer.email_index and (not channels or "email" in channels):
        suppress(session, email_index=customer.email_index, now=now, source=source, cipher=cipher,
                 email=data.email)
    events.record(session, cipher=cipher, type=EventType.unsubscribed,
                  subject_index=customer.email_index, data=data, request_id=request_id, now=now)
    return Unsubscribed(channels=targets, profile_rows_deleted=deleted)


def erase(session: Session, customer: Customer, *, now: datetime, source: str, cipher: Cipher,
          request_id: int | None = None) -> Erased:
    """Erase a person and keep what tax law requires, unlinked from them.

    The erasure event is the only place the address stays, until every destination has it.
    """
    assert customer.id is not None
    result = Erased()
    data = _event_data(customer, cipher, channels=list(MARKETING_CHANNELS))
    events.record(session, cipher=cipher, type=EventType.erased, subject_index=customer.email_index,
                  data=data, request_id=request_id, now=now)
    if customer.email_index:
        suppress(session, email_index=customer.email_index, now=now, source=source, cipher=cipher,
                 email=data.email, keep_address=False)
        if session.get(ErasedAddress, customer.email_index) is None:
            session.add(ErasedAddress(email_index=customer.email_index, erased_at=now))
    for table in (MarketingProfile, SupportMessage, TechnicalData, PaymentCard):
        result.deleted[table.__tablename__] = _delete_rows(session, table, customer.id)
    session.execute(
        update(MarketingConsent).where(MarketingConsent.customer_id == customer.id)
        .values(granted=False, changed_at=now, source=source)
    )
    result.orders_unlinked = session.execute(
        update(Order).where(Order.customer_id == customer.id)
        .values(customer_id=None, billing_enc=None, unlinked_at=now)
    ).rowcount or 0
    _forget_requests(session, customer)
    customer.pii_enc = customer.external_id_enc = None
    customer.email_index = None
    customer.status = CustomerStatus.erased
    customer.erased_at = customer.updated_at = now
    session.add(customer)
    session.flush()
    return result


def _event_data(customer: Customer, cipher: Cipher, *, channels: list[str]) -> EventData:
    pii = cipher.decrypt_json(customer.pii_enc) or {}
    email = pii.get("email")
    return EventData(email=normalise_email(email) if email else None,
                     external_id=cipher.decrypt_text(customer.external_id_enc),
                     channels=tuple(channels))


def _forget_requests(session: Session, customer: Customer) -> None:
    """The person's own mails, and the phrases quoted from them as evidence, go too (reply
    addresses go once the last reply is queued: :mod:`mailbot.pipeline.execute`)."""
    requests = select(PrivacyRequest.inbound_message_id).where(
        PrivacyRequest.email_index == customer.email_index)
    session.execute(update(PrivacyRequest).where(
        PrivacyRequest.email_index == customer.email_index).values(evidence_enc=None))
    session.execute(update(InboundMessage).where(
        InboundMessage.id.in_(requests) | (InboundMessage.sender_index == customer.email_index))
        .values(raw_enc=None))
    session.execute(update(PrivacyRequest).where(PrivacyRequest.customer_id == customer.id)
                    .values(customer_id=None))


def _delete_rows(session: Session, table: type, customer_id: int) -> int:
    return session.execute(
        delete(table).where(table.customer_id == customer_id)  # type: ignore[attr-defined]
    ).rowcount or 0
