"""Applying decisions to the customer database: unsubscribe, suppress, erase.

Every function works inside the caller's transaction, so a request's state change, the
customer changes, the audit event and the reply all commit together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from mailbot.store.models import (
    Customer,
    CustomerStatus,
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

MARKETING_CHANNELS = ("email", "sms", "phone", "social", "post")


@dataclass
class Unsubscribed:
    channels: list[str]
    profile_rows_deleted: int


@dataclass
class Erased:
    deleted: dict[str, int] = field(default_factory=dict)
    orders_unlinked: int = 0


def suppress(session: Session, *, email_index: str, now: datetime, source: str) -> bool:
    """Add the address to the never-market list; False when it was there already."""
    if session.get(Suppression, email_index) is not None:
        return False
    session.add(Suppression(email_index=email_index, created_at=now, source=source))
    session.flush()
    return True


def unsubscribe(
    session: Session, customer: Customer, *, channels: tuple[str, ...], now: datetime, source: str
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
    if customer.email_index and (not channels or "email" in channels):
        suppress(session, email_index=customer.email_index, now=now, source=source)
    return Unsubscribed(channels=targets, profile_rows_deleted=deleted)


def erase(session: Session, customer: Customer, *, now: datetime, source: str) -> Erased:
    """Erase a person and keep what tax law requires, unlinked from them."""
    assert customer.id is not None
    result = Erased()
    if customer.email_index:
        suppress(session, email_index=customer.email_index, now=now, source=source)
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
    customer.pii_enc = None
    customer.email_index = None
    customer.status = CustomerStatus.erased
    customer.erased_at = customer.updated_at = now
    session.add(customer)
    session.flush()
    return result


def _forget_requests(session: Session, customer: Customer) -> None:
    """The person's own mails and reply addresses held with their requests go too."""
    requests = select(PrivacyRequest.inbound_message_id).where(
        PrivacyRequest.email_index == customer.email_index)
    session.execute(update(InboundMessage).where(
        InboundMessage.id.in_(requests) | (InboundMessage.sender_index == customer.email_index))
        .values(raw_enc=None))
    session.execute(update(PrivacyRequest).where(PrivacyRequest.customer_id == customer.id)
                    .values(customer_id=None))


def _delete_rows(session: Session, table: type, customer_id: int) -> int:
    return session.execute(
        delete(table).where(table.customer_id == customer_id)  # type: ignore[attr-defined]
    ).rowcount or 0


def erasure_summary(customer_id: int, session: Session) -> dict[str, int]:
    """What an erasure of this customer would delete and keep (for the confirmation mail)."""
    counts = {
        table.__tablename__: session.scalar(
            select(func.count()).select_from(table).where(table.customer_id == customer_id)) or 0
        for table in (MarketingProfile, SupportMessage, TechnicalData, PaymentCard, Order)
    }
    return counts
