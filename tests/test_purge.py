from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from mailbot.config import PolicySettings
from mailbot.daemon.purge import purge
from mailbot.store.audit import verify_chain
from mailbot.store.models import (
    AuditEvent,
    Customer,
    InboundMessage,
    InboundState,
    Order,
    OrderLine,
    Outbox,
    OutboxState,
    PaymentCard,
    PrivacyRequest,
    RequestKind,
    RequestState,
)

AS_OF = datetime(2026, 6, 1, tzinfo=UTC)
POLICY = PolicySettings()  # 365 days, 5 years, 30 days


def _seed(engine: Engine) -> None:
    with Session(engine) as s:
        customer = Customer(created_at=AS_OF, updated_at=AS_OF)
        s.add(customer)
        s.flush()
        for days, brand in ((366, "old"), (364, "young")):
            s.add(PaymentCard(customer_id=customer.id, fingerprint=brand, brand=brand,
                              card_enc=b"x", stored_at=AS_OF - timedelta(days=days)))
        for number, years_days, linked in (("OLD", 5 * 365 + 2, False), ("NEW", 5 * 365 - 2, False),
                                          ("LINKED", 9 * 365, True)):
            order = Order(number=number, order_date=(AS_OF - timedelta(days=years_days)).date(),
                          total=Decimal("10"), vat=Decimal("1"), currency="AED",
                          customer_id=customer.id if linked else None,
                          unlinked_at=None if linked else AS_OF - timedelta(days=10))
            s.add(order)
            s.flush()
            s.add(OrderLine(order_id=order.id, sku="S", qty=1, price=Decimal("10")))
        for uid, days in ((1, 31), (2, 29)):
            s.add(InboundMessage(mailbox="m", uidvalidity=1, uid=uid, sha256=str(uid), size=1,
                                 state=InboundState.moved, raw_enc=b"raw",
                                 received_at=AS_OF - timedelta(days=days)))
        for n, days in ((1, 31), (2, 29)):
            s.add(Outbox(kind="unsubscribed", recipient_index=str(n), recipient_enc=b"r",
                         message_enc=b"m", message_id=f"<{n}@x>", state=OutboxState.sent,
                         next_attempt_at=AS_OF, created_at=AS_OF - timedelta(days=days)))
        for token, hours in (("expired", -1), ("live", 1)):
            s.add(PrivacyRequest(kind=RequestKind.delete_account, state=RequestState.expired,
                                 token_hash=token, token_expires_at=AS_OF + timedelta(hours=hours),
                                 due_at=AS_OF, created_at=AS_OF, updated_at=AS_OF))
        s.commit()


def _remaining(engine: Engine) -> dict[str, object]:
    with Session(engine) as s:
        return {
            "cards": sorted(s.scalars(select(PaymentCard.brand))),
            "orders": sorted(s.scalars(select(Order.number))),
            "lines": s.scalar(select(func.count()).select_from(OrderLine)),
            "raw": sorted(s.scalars(select(InboundMessage.uid).where(InboundMessage.raw_enc.is_not(None)))),
            "replies": sorted(s.scalars(select(Outbox.message_id).where(Outbox.message_enc.is_not(None)))),
            "tokens": sorted(s.scalars(select(PrivacyRequest.token_hash)
                                       .where(PrivacyRequest.token_hash.is_not(None)))),
        }


def test_each_retention_rule_at_its_boundary(engine: Engine) -> None:
    _seed(engine)
    report = purge(engine, POLICY, now=AS_OF)
    assert report.counts == {"cards": 1, "order_lines": 1, "orders": 1, "raw_mail": 1,
                             "sent_replies": 1, "expired_tokens": 1}
    assert _remaining(engine) == {"cards": ["young"], "orders": ["LINKED", "NEW"], "lines": 2,
                                  "raw": [2], "replies": ["<2@x>"], "tokens": ["live"]}
    with Session(engine) as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "purge")).one()
        assert event.details["cards"] == 1
    assert verify_chain(engine)[1] == []


def test_dry_run_counts_and_changes_nothing(engine: Engine) -> None:
    _seed(engine)
    before = _remaining(engine)
    report = purge(engine, POLICY, now=AS_OF, dry_run=True)
    assert report.total == 6
    assert _remaining(engine) == before


def test_purge_twice_is_harmless_and_batches(engine: Engine, monkeypatch) -> None:
    import mailbot.daemon.purge as purge_module

    monkeypatch.setattr(purge_module, "BATCH", 1)
    _seed(engine)
    with Session(engine) as s:
        customer_id = s.scalar(select(Customer.id))
        for n in range(5):
            s.add(PaymentCard(customer_id=customer_id, fingerprint=f"b{n}", brand="bulk",
                              stored_at=AS_OF - timedelta(days=400)))
        s.commit()
    assert purge(engine, POLICY, now=AS_OF).counts["cards"] == 6
    assert purge(engine, POLICY, now=AS_OF).total == 0


def test_as_of_date_moves_the_cutoff(engine: Engine) -> None:
    _seed(engine)
    later = datetime.combine(date(2026, 6, 3), datetime.min.time(), tzinfo=UTC)
    assert purge(engine, POLICY, now=later, dry_run=True).counts["cards"] == 2
