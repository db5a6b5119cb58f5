"""The customer store: import from JSON Lines, look up, and show a customer.

Import is idempotent and works as a sync: a customer is found by the shop's own id (the
line's ``"id"``, through a blind index) or else by the blind index of their address, and
updated in place (an address changed at the shop follows the id); orders are matched by
number, cards by a blind fingerprint of their number, and the per-customer lists
(interests, IP addresses, support messages) are replaced. Two privacy rules win over the
file: an erased customer is never brought back, and marketing consent is never re-granted
to an address on the suppression list.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import Engine, delete, func, select
from sqlmodel import Session

from mailbot.mail.addresses import is_plausible_address
from mailbot.store.crypto import Cipher
from mailbot.store.db import transaction
from mailbot.store.models import (
    Customer,
    CustomerStatus,
    ErasedAddress,
    MarketingConsent,
    MarketingProfile,
    Order,
    OrderLine,
    PaymentCard,
    SupportMessage,
    Suppression,
    TechnicalData,
)
from mailbot.vocabulary import Channel

MAX_LINE_BYTES = 1024 * 1024
BATCH_SIZE = 500
PII_FIELDS = ("name", "email", "date_of_birth", "gender", "nationality", "address", "phone",
              "mobile", "password_hash")



class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OrderItemIn(_Strict):
    sku: str = Field(min_length=1, max_length=64)
    qty: int = Field(ge=0)
    price: Decimal


class OrderIn(_Strict):
    number: str = Field(min_length=1, max_length=64)
    date: date
    total: Decimal
    vat: Decimal = Decimal("0")
    currency: str = Field(min_length=3, max_length=3)
    items: list[OrderItemIn] = []


class CardIn(_Strict):
    brand: str = Field(min_length=1, max_length=32)
    number: str = Field(pattern=r"^[0-9 ]{8,23}$")
    expiry: str | None = Field(default=None, pattern=r"^(0[1-9]|1[0-2])/[0-9]{2}$")
    stored_at: date


class SupportMessageIn(_Strict):
    date: datetime | date | None = None
    subject: str = ""
    body: str = ""


class CustomerIn(_Strict):
    """One line of the import file (the design's import contract)."""

    id: str | None = Field(default=None, min_length=1, max_length=128)
    """The shop's own customer id: the import is keyed by it when given, and it goes out
    with every change event as ``external_id``."""
    email: str
    name: str | None = None
    phone: str | None = None
    mobile: str | None = None
    date_of_birth: date | None = None
    gender: str | None = None
    nationality: str | None = None
    address: str | None = None
    password_hash: str | None = None
    marketing: dict[Channel, bool] = {}
    interests: list[str] = []
    ip_addresses: list[str] = []
    orders: list[OrderIn] = []
    cards: list[CardIn] = []
    support_messages: list[SupportMessageIn] = []

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str) -> str:
        if not is_plausible_address(value):
            raise ValueError("not an email address")
        return value.strip()


@dataclass
class LineError:
    line: int
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped_erased: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def lines_ok(self) -> int:
        return self.created + self.updated + self.skipped_erased


def read_customer_lines(path: Path) -> Iterator[tuple[int, CustomerIn | LineError, int]]:
    """Yield (line number, record or error, bytes consumed) for every non-blank line."""
    with path.open("rb") as fh:
        for number, line in enumerate(_bounded_lines(fh), start=1):
            raw, size = line
            if raw is None:
                yield number, LineError(number, f"line is longer than {MAX_LINE_BYTES} bytes"), size
            elif raw.strip():
                yield number, _parse_line(number, raw), size


def _bounded_lines(fh: Any) -> Iterator[tuple[bytes | None, int]]:
    """Lines of at most MAX_LINE_BYTES; a longer one is skipped without holding it in memory."""
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            size = len(line)
            while chunk := fh.readline(MAX_LINE_BYTES):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield None, size
        else:
            yield line, len(line)


def _parse_line(number: int, raw: bytes) -> CustomerIn | LineError:
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return LineError(number, f"not valid JSON: {exc}")
    if not isinstance(data, dict):
        return LineError(number, "each line must be a JSON object")
    try:
        return CustomerIn.model_validate(data)
    except ValidationError as exc:
        return LineError(number, "; ".join(_validation_message(e) for e in exc.errors()))


def _validation_message(err: Any) -> str:
    where = ".".join(str(p) for p in err["loc"]) or "line"
    if err["type"] == "extra_forbidden":
        return f"unknown field {where!r}"
    if err["type"] == "missing":
        return f"missing field {where!r}"
    return f"{where}: {err['msg']}"


def import_customers(
    path: Path,
    *,
    engine: Engine,
    cipher: Cipher,
    now: datetime,
    progress: Callable[[int], None] = lambda _bytes: None,
) -> ImportReport:
    report = ImportReport()
    batch: list[CustomerIn] = []
    for _number, item, size in read_customer_lines(path):
        progress(size)
        if isinstance(item, LineError):
            report.errors.append(item)
            continue
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            _import_batch(batch, engine=engine, cipher=cipher, now=now, report=report)
            batch = []
    if batch:
        _import_batch(batch, engine=engine, cipher=cipher, now=now, report=report)
    return report


def _import_batch(
    batch: list[CustomerIn], *, engine: Engine, cipher: Cipher, now: datetime, report: ImportReport
) -> None:
    """One transaction and a handful of set-based statements per batch of lines."""
    latest = {_record_key(cipher, r): r for r in batch}  # a later line wins
    with transaction(engine) as session, session.no_autoflush:
        by_email = _customers_by_index(session, [cipher.email_index(r.email) for r in batch])
        by_id = _customers_by_external(session, [external_index(cipher, r.id) for r in batch if r.id])
        suppressed = _suppressed(session, by_email.keys() | {cipher.email_index(r.email) for r in batch})
        erased = _erased(session, [cipher.email_index(r.email) for r in batch])
        rows: list[tuple[Customer, CustomerIn]] = []
        for record in latest.values():
            index = cipher.email_index(record.email)
            customer = (by_id.get(external_index(cipher, record.id)) if record.id else None) \
                or by_email.get(index)
            if index in erased or (customer is not None
                                   and customer.status == CustomerStatus.erased):
                report.skipped_erased += 1
                continue
            if customer is None:
                customer = Customer(email_index=index, created_at=now)
                report.created += 1
            elif customer.email_index != index and index in by_email:
                report.errors.append(LineError(0, "the shop's id and the address belong to two "
                                                  "different customers; line skipped"))
                continue
            else:
                report.updated += 1
            customer.email_index = index  # the shop changed the address of this id
            if record.id:
                customer.external_index = external_index(cipher, record.id)
                customer.external_id_enc = cipher.encrypt_text(record.id)
            customer.pii_enc, customer.updated_at = cipher.encrypt_json(_pii(record)), now
            session.add(customer)
            rows.append((customer, record))
        session.flush()
        ids = [c.id for c, _ in rows if c.id is not None]
        withdrawn = _store_consents(session, rows, now=now, suppressed=suppressed)
        _replace_personal_lists(session, rows, ids, cipher=cipher, withdrawn=withdrawn)
        _store_orders(session, rows, cipher=cipher)
        _store_cards(session, rows, ids, cipher=cipher)


def external_index(cipher: Cipher, external_id: str) -> str:
    """Blind index of the shop's own customer id (its own key space, apart from addresses)."""
    return cipher.blind_index("customer-id:" + external_id)


def _record_key(cipher: Cipher, record: CustomerIn) -> str:
    return external_index(cipher, record.id) if record.id else cipher.email_index(record.email)


def _customers_by_external(session: Session, indexes: Iterable[str]) -> dict[str, Customer]:
    rows = session.scalars(select(Customer).where(Customer.external_index.in_(list(indexes))))
    return {c.external_index: c for c in rows if c.external_index}


def _customers_by_index(session: Session, indexes: Iterable[str]) -> dict[str, Customer]:
    rows = session.scalars(select(Customer).where(Customer.email_index.in_(list(indexes))))
    return {c.email_index: c for c in rows if c.email_index}


def _erased(session: Session, indexes: Iterable[str]) -> set[str]:
    rows = session.scalars(
        select(ErasedAddress.email_index).where(ErasedAddress.email_index.in_(list(indexes))))
    return set(rows)


def _suppressed(session: Session, indexes: Iterable[str]) -> set[str]:
    rows = session.scalars(
        select(Suppression.email_index).where(Suppression.email_index.in_(list(indexes)))
    )
    return set(rows)


def _pii(record: CustomerIn) -> dict[str, Any]:
    data = record.model_dump(include=set(PII_FIELDS), mode="json")
    return {k: v for k, v in data.items() if v is not None}


Rows = list[tuple[Customer, CustomerIn]]


def _store_consents(session: Session, rows: Rows, *, now: datetime,
                    suppressed: set[str]) -> set[int]:
    """Store the file's consents; returns the customers who withdrew all marketing themselves.

    A withdrawal the customer made (by mail, a one-click link, an admin on their behalf:
    anything but an import) is never undone by a nightly import.
    """
    ids = [c.id for c, _ in rows]
    current = {(c.customer_id, c.channel): c for c in session.scalars(
        select(MarketingConsent).where(MarketingConsent.customer_id.in_(ids)))}
    for customer, record in rows:
        assert customer.id is not None
        for channel, granted in record.marketing.items():
            granted = granted and not (customer.email_index in suppressed and channel == "email")
            consent = current.get((customer.id, channel))
            if consent is None:
                consent = MarketingConsent(customer_id=customer.id, channel=channel,
                                           granted=granted, changed_at=now, source="import")
                session.add(consent)
                current[(customer.id, channel)] = consent
            elif consent.granted != granted and not (granted and _withdrawn_by_customer(consent)):
                consent.granted, consent.changed_at, consent.source = granted, now, "import"
    return _withdrew_all(current.values())


def _withdrawn_by_customer(consent: MarketingConsent) -> bool:
    return not consent.granted and consent.source != "import"


def _withdrew_all(consents: Iterable[MarketingConsent]) -> set[int]:
    """Customers with no channel granted and a withdrawal of their own: their marketing-only
    data was deleted by the unsubscribe (:func:`mailbot.store.actions.unsubscribe`) and an
    import must not bring it back."""
    granted = {c.customer_id for c in consents if c.granted}
    return {c.customer_id for c in consents
            if _withdrawn_by_customer(c) and c.customer_id not in granted}


def _replace_personal_lists(session: Session, rows: Rows, ids: list[int], *, cipher: Cipher,
                            withdrawn: set[int]) -> None:
    for table in (MarketingProfile, TechnicalData, SupportMessage):
        session.execute(delete(table).where(table.customer_id.in_(ids)))
    for customer, record in rows:
        if customer.id not in withdrawn:
            session.add_all(
                MarketingProfile(customer_id=customer.id, kind="interest",
                                 value_enc=cipher.encrypt_text(interest))
                for interest in record.interests)
        session.add_all(
            TechnicalData(customer_id=customer.id, kind="ip", value_enc=cipher.encrypt_text(ip))
            for ip in record.ip_addresses)
        session.add_all(
            SupportMessage(customer_id=customer.id, sent_at=_as_datetime(m.date),
                           content_enc=cipher.encrypt_json({"subject": m.subject, "body": m.body}))
            for m in record.support_messages)


def _as_datetime(value: datetime | date | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(), tzinfo=UTC)


def _store_orders(session: Session, rows: Rows, *, cipher: Cipher) -> None:
    numbers = [o.number for _, record in rows for o in record.orders]
    if not numbers:
        return
    existing = {o.number: o for o in session.scalars(select(Order).where(Order.number.in_(numbers)))}
    lines: list[tuple[Order, OrderIn]] = []
    for customer, record in rows:
        billing = cipher.encrypt_json({"name": record.name, "address": record.address})
        for item in record.orders:
            order = existing.get(item.number) or Order(number=item.number, customer_id=customer.id)
            if order.customer_id not in (None, customer.id) or order.unlinked_at is not None:
                continue  # belongs to someone else, or was unlinked by an erasure
            order.order_date, order.total, order.vat = item.date, item.total, item.vat
            order.currency, order.billing_enc = item.currency.upper(), billing
            existing[item.number] = order
            session.add(order)
            lines.append((order, item))
    session.flush()
    session.execute(delete(OrderLine).where(OrderLine.order_id.in_([o.id for o, _ in lines])))
    session.add_all(OrderLine(order_id=order.id, sku=i.sku, qty=i.qty, price=i.price)
                    for order, item in lines for i in item.items)


def _store_cards(session: Session, rows: Rows, ids: list[int], *, cipher: Cipher) -> None:
    existing = {(c.customer_id, c.fingerprint): c for c in session.scalars(
        select(PaymentCard).where(PaymentCard.customer_id.in_(ids)))}
    for customer, record in rows:
        for card in record.cards:
            number = card.number.replace(" ", "")
            fingerprint = cipher.blind_index("card:" + number)
            row = existing.get((customer.id, fingerprint)) or PaymentCard(
                customer_id=customer.id, fingerprint=fingerprint)
            row.brand = card.brand.lower()
            row.stored_at = _as_datetime(card.stored_at)  # type: ignore[assignment]
            row.card_enc = cipher.encrypt_json(
                {"number": number, "expiry": card.expiry, "last4": number[-4:]})
            existing[(customer.id, fingerprint)] = row
            session.add(row)


# --- reading -------------------------------------------------------------------------------


def customer_by_index(session: Session, email_index: str | None) -> Customer | None:
    if email_index is None:
        return None
    return session.scalars(select(Customer).where(Customer.email_index == email_index)).first()


def address_on_file(customer: Customer, *, cipher: Cipher) -> str | None:
    """The address the customer registered with: where deletion confirmations go."""
    return customer_pii(customer, cipher=cipher).get("email")


def find_customer(session: Session, *, cipher: Cipher, email: str) -> Customer | None:
    return session.scalars(
        select(Customer).where(Customer.email_index == cipher.email_index(email))
    ).first()


def customer_pii(customer: Customer, *, cipher: Cipher) -> dict[str, Any]:
    return cipher.decrypt_json(customer.pii_enc) or {}


def granted_channels(session: Session, customer: Customer) -> list[str]:
    """The marketing channels the customer currently allows, by name."""
    return list(session.scalars(select(MarketingConsent.channel).where(
        MarketingConsent.customer_id == customer.id, MarketingConsent.granted.is_(True))
        .order_by(MarketingConsent.channel)))


def describe_customer(
    session: Session, customer: Customer, *, cipher: Cipher, reveal: bool = False
) -> dict[str, Any]:
    """What `mailbot customers show` prints; personal data only when ``reveal``."""
    consents = session.scalars(
        select(MarketingConsent).where(MarketingConsent.customer_id == customer.id)
    )
    summary: dict[str, Any] = {
        "id": customer.id,
        "status": str(customer.status),
        "marketing": {c.channel: c.granted for c in consents},
        "orders": _count(session, Order, Order.customer_id == customer.id),
        "cards": _count(session, PaymentCard, PaymentCard.customer_id == customer.id),
        "support_messages": _count(session, SupportMessage, SupportMessage.customer_id == customer.id),
        "created_at": customer.created_at.isoformat(),
        "erased_at": customer.erased_at.isoformat() if customer.erased_at else None,
    }
    if reveal and customer.status == CustomerStatus.active:
        summary["personal_data"] = customer_pii(customer, cipher=cipher)
    return summary


def describe_erased(session: Session, *, cipher: Cipher, email: str) -> dict[str, Any] | None:
    """What `customers show` says of an address whose person was erased: that, and when."""
    row = session.get(ErasedAddress, cipher.email_index(email))
    if row is None:
        return None
    return {"status": str(CustomerStatus.erased), "erased_at": row.erased_at.isoformat()}


def _count(session: Session, table: Any, condition: Any) -> int:
    return session.scalar(select(func.count()).select_from(table).where(condition)) or 0
