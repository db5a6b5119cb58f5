"""The database tables.

Personal data is never stored in a plain column: it sits in ``*_enc`` columns (Fernet
tokens from :mod:`mailbot.store.crypto`), and rows are found through ``email_index`` (an HMAC blind
index). Columns without ``_enc`` hold only non-personal facts: states, dates, amounts,
counts. The schema itself is owned by Alembic (``mailbot/store/migrations``); these classes are
the source the migrations were written from.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from mailbot.policy.states import OPEN_STATES, RequestState  # noqa: F401  (the state column's type)


def _enc(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(LargeBinary, nullable=nullable))


class CustomerStatus(StrEnum):
    active = "active"
    erased = "erased"


class Customer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email_index: str | None = Field(default=None, index=True, unique=True, max_length=64)
    external_index: str | None = Field(default=None, index=True, unique=True, max_length=64)
    """Blind index of the shop's own customer id (the import's ``"id"``): imports are keyed by
    it, and it outlives an erasure so a re-import cannot bring the person back."""
    external_id_enc: bytes | None = _enc()
    status: CustomerStatus = Field(sa_type=String(32), default=CustomerStatus.active)
    pii_enc: bytes | None = _enc()
    """Encrypted JSON: name, email, date_of_birth, gender, nationality, address, phone, mobile,
    password_hash."""
    created_at: datetime
    updated_at: datetime
    erased_at: datetime | None = None


class ErasedAddress(SQLModel, table=True):
    """The blind index of an erased person's address: what keeps an erasure from being undone.

    The tombstone customer row holds no address, so without this an import of the same file
    would bring the person back. It holds no personal data: an HMAC nobody can reverse
    without the index key, kept as long as the promise "never brought back" is.
    """

    __tablename__ = "erased_address"
    email_index: str = Field(primary_key=True, max_length=64)
    erased_at: datetime


class MarketingConsent(SQLModel, table=True):
    __tablename__ = "marketing_consent"
    __table_args__ = (UniqueConstraint("customer_id", "channel"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    channel: str = Field(max_length=16)  # email | sms | phone | social | post
    granted: bool
    changed_at: datetime
    source: str = Field(max_length=64)  # import | email request #id | admin


class MarketingProfile(SQLModel, table=True):
    __tablename__ = "marketing_profile"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    kind: str = Field(max_length=32)  # interest | segment | campaign | survey | competition
    value_enc: bytes | None = _enc()


class SupportMessage(SQLModel, table=True):
    __tablename__ = "support_message"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    sent_at: datetime | None = None
    content_enc: bytes | None = _enc()  # encrypted JSON {subject, body}


class TechnicalData(SQLModel, table=True):
    __tablename__ = "technical_data"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    kind: str = Field(max_length=16)  # ip | cookie | device
    value_enc: bytes | None = _enc()


class PaymentCard(SQLModel, table=True):
    __tablename__ = "payment_card"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    fingerprint: str = Field(max_length=64)  # blind index of the number: re-import is idempotent
    brand: str = Field(max_length=32)
    card_enc: bytes | None = _enc()  # encrypted JSON {number, expiry, last4}
    stored_at: datetime = Field(index=True)


class Order(SQLModel, table=True):
    __tablename__ = "customer_order"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    number: str = Field(max_length=64, index=True, unique=True)
    order_date: date = Field(index=True)
    total: Decimal = Field(max_digits=14, decimal_places=2)
    vat: Decimal = Field(max_digits=14, decimal_places=2)
    currency: str = Field(max_length=3)
    billing_enc: bytes | None = _enc()  # encrypted JSON {name, address}; stripped on erasure
    unlinked_at: datetime | None = Field(default=None, index=True)


class OrderLine(SQLModel, table=True):
    __tablename__ = "order_line"
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="customer_order.id", index=True)
    sku: str = Field(max_length=64)
    qty: int
    price: Decimal = Field(max_digits=14, decimal_places=2)


class Suppression(SQLModel, table=True):
    email_index: str = Field(primary_key=True, max_length=64)
    created_at: datetime
    source: str = Field(max_length=64)
    email_enc: bytes | None = _enc()
    """The address, for `suppression export`; dropped when the person is erased."""
    email_sha256_enc: bytes | None = _enc()
    """SHA-256 of the normalised address (what newsletter tools accept); kept after erasure."""


class RequestKind(StrEnum):
    unsubscribe = "unsubscribe"
    delete_account = "delete_account"
    other = "other"
    automated = "automated"
    quarantine = "quarantine"


class PrivacyRequest(SQLModel, table=True):
    __tablename__ = "privacy_request"
    id: int | None = Field(default=None, primary_key=True)
    kind: RequestKind = Field(sa_type=String(32))
    state: RequestState = Field(sa_type=String(32), index=True)
    language: str = Field(default="en", max_length=8)
    confidence: float = 0.0
    evidence_enc: bytes | None = _enc()
    """Encrypted JSON list: the phrases of the mail the classifier matched (mail content)."""
    reason: str = Field(default="", max_length=200)
    channels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    email_index: str | None = Field(default=None, index=True, max_length=64)
    reply_to_enc: bytes | None = _enc()
    """Encrypted JSON with what the reply needs: address, subject, message-id, references."""
    inbound_message_id: int | None = Field(default=None, foreign_key="inbound_message.id")
    action: str = Field(default="", max_length=32)
    """What the request will do or did (see :class:`mailbot.policy.decisions.Action`)."""
    token_hash: str | None = Field(default=None, index=True, unique=True, max_length=64)
    token_expires_at: datetime | None = None
    confirm_failures: int = 0
    """Failed confirmation attempts since the token was sent (see policy.confirmation)."""
    confirmed_at: datetime | None = None
    reminded_at: datetime | None = None
    received_at: datetime | None = None
    """When the store received the request (:func:`mailbot.policy.deadlines.received_at`);
    ``due_at`` counts from it."""
    due_at: datetime = Field(index=True)
    due_warned_at: datetime | None = None
    error: str | None = None
    created_at: datetime
    updated_at: datetime


class InboundState(StrEnum):
    new = "new"
    processed = "processed"
    moved = "moved"
    ignored = "ignored"
    left = "left"  # ignored, and marked on the server (``[mailbox] left_flag``) for people
    quarantined = "quarantined"
    duplicate = "duplicate"


class InboundMessage(SQLModel, table=True):
    __tablename__ = "inbound_message"
    __table_args__ = (UniqueConstraint("mailbox", "uidvalidity", "uid"),)
    id: int | None = Field(default=None, primary_key=True)
    mailbox: str = Field(max_length=255)
    uidvalidity: int = Field(sa_type=BigInteger)  # IMAP allows up to 2**32 - 1
    uid: int = Field(sa_type=BigInteger)
    message_id_hash: str | None = Field(default=None, index=True, max_length=64)
    sha256: str = Field(index=True, max_length=64)
    sender_index: str | None = Field(default=None, index=True, max_length=64)
    """Blind index of the From address, set at intake, so an erasure finds the person's mail."""
    size: int
    state: InboundState = Field(sa_type=String(32), index=True)
    intent: str | None = Field(default=None, max_length=32)
    reason: str | None = None
    raw_enc: bytes | None = _enc()
    received_at: datetime = Field(index=True)
    """When mailbot stored the message (the raw-mail retention counts from it)."""
    delivered_at: datetime | None = None
    """When the mailbox received it: IMAP INTERNALDATE or the Maildir file's time."""
    moved_at: datetime | None = None


class MailRemoval(SQLModel, table=True):
    """A copy of an erased person's mail still to be removed from a mailbox or the outbox.

    Written in the erasure's transaction; the daemon's pass removes the message and sets
    ``done_at``, retrying until it can (see :mod:`mailbot.pipeline.mail_removal`). It names
    the message the way the mailbox can find it, never by its content: the Message-ID's
    hash, the SHA-256 and size of its bytes, and its UID where it was fetched.
    """

    __tablename__ = "mail_removal"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int | None = Field(default=None, index=True)
    place: str = Field(max_length=255, index=True)
    """The mailbox's key (``inbound_message.mailbox``) or ``outbox`` (the Maildir outbox)."""
    message_id_hash: str | None = Field(default=None, max_length=64)
    sha256: str = Field(default="", max_length=64)
    size: int = 0
    uidvalidity: int | None = Field(default=None, sa_type=BigInteger)
    uid: int | None = Field(default=None, sa_type=BigInteger)
    outbox_id: int | None = None
    """For a sent reply: removed only once this outbox row has left the queue."""
    created_at: datetime
    done_at: datetime | None = Field(default=None, index=True)
    removed: int = 0
    attempts: int = 0
    last_error: str | None = None


class MailboxState(SQLModel, table=True):
    __tablename__ = "mailbox_state"
    mailbox: str = Field(primary_key=True, max_length=255)
    uidvalidity: int | None = Field(default=None, sa_type=BigInteger)
    last_uid: int = Field(default=0, sa_type=BigInteger)
    start_after: datetime | None = None
    last_success_at: datetime | None = None
    failing_since: datetime | None = None
    last_error: str | None = None
    alerted_at: datetime | None = None


class OutboxState(StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"


class Outbox(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    request_id: int | None = Field(default=None, foreign_key="privacy_request.id", index=True)
    kind: str = Field(max_length=32)
    recipient_index: str = Field(index=True, max_length=64)
    recipient_enc: bytes | None = _enc()
    message_enc: bytes | None = _enc()  # the rendered RFC 5322 bytes
    message_id: str = Field(max_length=255, unique=True)
    state: OutboxState = Field(sa_type=String(32), default=OutboxState.pending, index=True)
    attempts: int = 0
    next_attempt_at: datetime = Field(index=True)
    last_error: str | None = None
    created_at: datetime
    sent_at: datetime | None = None
    failed_at: datetime | None = None
    """When the last attempt failed for good; the text is purged raw_mail_retention_days later."""


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str = Field(max_length=64)  # system | admin:<name> | scheduler
    action: str = Field(max_length=64)
    request_id: int | None = None
    subject_index: str | None = Field(default=None, max_length=64)
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(max_length=64, unique=True)
    hash: str = Field(max_length=64, unique=True)


class AuditAnchor(SQLModel, table=True):
    """The audit chain's length and newest hash (one row), moved in each append's transaction.

    The chain alone cannot show that its newest events were deleted; the anchor can, and
    ``status`` publishes it so a copy kept elsewhere (metrics history) can be compared too.
    """

    __tablename__ = "audit_anchor"
    id: int = Field(default=1, primary_key=True)
    events: int = Field(sa_type=BigInteger)
    head_hash: str = Field(max_length=64)
    updated_at: datetime


class AdminUser(SQLModel, table=True):
    __tablename__ = "admin_user"
    name: str = Field(primary_key=True, max_length=64)
    password_hash: str = Field(max_length=255)
    created_at: datetime


class AdminSession(SQLModel, table=True):
    """A logged-in browser; the cookie names it, logging out deletes it."""

    __tablename__ = "admin_session"
    id_hash: str = Field(primary_key=True, max_length=64)
    """SHA-256 of the session id in the cookie (a database leak opens no session)."""
    name: str = Field(max_length=64, index=True)
    created_at: datetime
    expires_at: datetime


class Lease(SQLModel, table=True):
    """Who holds a mailbox or a scheduled job in a cluster, and until when."""

    name: str = Field(primary_key=True, max_length=255)
    holder: str = Field(max_length=128)
    expires_at: datetime


class JobRun(SQLModel, table=True):
    __tablename__ = "job_run"
    name: str = Field(primary_key=True, max_length=64)
    last_run_at: datetime | None = None
    last_result: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class ChangeEvent(SQLModel, table=True):
    """A change mailbot made for a customer, recorded in the change's own transaction."""

    __tablename__ = "change_event"
    id: int | None = Field(default=None, primary_key=True)
    type: str = Field(max_length=64, index=True)  # customer.unsubscribed | customer.erased
    subject_index: str | None = Field(default=None, index=True, max_length=64)
    """Blind index of the address: events of one person are delivered in order."""
    request_id: int | None = None
    data_enc: bytes | None = _enc()
    """Encrypted JSON {external_id, email, channels}; dropped once an erasure has reached every
    destination."""
    occurred_at: datetime = Field(index=True)
    fanned_out: bool = Field(default=False, index=True)
    """Delivery rows exist for every destination configured when it was fanned out."""
    scrubbed_at: datetime | None = None


class DeliveryState(StrEnum):
    pending = "pending"
    delivered = "delivered"
    failed = "failed"


class EventDelivery(SQLModel, table=True):
    """One event on its way to one destination (a webhook or a connector)."""

    __tablename__ = "event_delivery"
    __table_args__ = (UniqueConstraint("event_id", "destination"),
                      Index("ix_event_delivery_queue", "destination", "subject_index", "state",
                            "event_id"))
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="change_event.id", index=True)
    destination: str = Field(max_length=128, index=True)
    subject_index: str | None = Field(default=None, index=True, max_length=64)
    state: DeliveryState = Field(sa_type=String(16), default=DeliveryState.pending, index=True)
    attempts: int = 0
    next_attempt_at: datetime = Field(index=True)
    last_error: str | None = None
    created_at: datetime
    delivered_at: datetime | None = None


class EventDestination(SQLModel, table=True):
    """Health of one destination, for `status` and the metrics."""

    __tablename__ = "event_destination"
    name: str = Field(primary_key=True, max_length=128)
    last_success_at: datetime | None = None
    failing_since: datetime | None = None
    last_error: str | None = None


class KeyCheck(SQLModel, table=True):
    """Proof of which keyring this database belongs to (one row, written by ``init``).

    ``index_check`` is the blind index of a constant (the index key), ``check_enc`` a constant
    encrypted under the primary key (re-encrypted by ``keys rotate`` like every ``*_enc``), so
    a keyring that cannot read this database is refused before it writes anything.
    """

    __tablename__ = "key_check"
    id: int = Field(default=1, primary_key=True)
    index_check: str = Field(max_length=64)
    check_enc: bytes | None = _enc()
    created_at: datetime
