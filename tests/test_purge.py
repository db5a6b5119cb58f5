from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session
from typer.testing import CliRunner

from mailbot.cli.app import app
from mailbot.config import PolicySettings, settings_from_dict
from mailbot.daemon.purge import purge
from mailbot.daemon.scheduler import Daemon, PassReport
from mailbot.policy.states import RequestState
from mailbot.runtime import Runtime
from mailbot.store.audit import verify_chain
from mailbot.store.crypto import Cipher
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
        # Retention counts from the erasure (unlinked_at), not from the order's date.
        for number, years_days, linked in (("OLD", 5 * 365 + 2, False), ("NEW", 5 * 365 - 2, False),
                                          ("LINKED", 9 * 365, True)):
            order = Order(number=number, order_date=(AS_OF - timedelta(days=9 * 365)).date(),
                          total=Decimal("10"), vat=Decimal("1"), currency="AED",
                          customer_id=customer.id if linked else None,
                          unlinked_at=None if linked else AS_OF - timedelta(days=years_days))
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


# --- day-exact rules: the daemon's clock and `purge --as-of` agree --------------------------

DAY = date(2026, 6, 1)


def _card_and_order(engine: Engine) -> None:
    """A card stored 365 days and one 364 days before DAY (late and early in the day), an
    order of an erasure five years before DAY and one of the day after; old order dates."""
    with Session(engine) as s:
        customer = Customer(created_at=AS_OF, updated_at=AS_OF)
        s.add(customer)
        s.flush()
        for days, hour, brand in ((365, 23, "day365"), (364, 0, "day364")):
            stored = datetime.combine(DAY - timedelta(days=days), datetime.min.time(), tzinfo=UTC)
            s.add(PaymentCard(customer_id=customer.id, fingerprint=brand, brand=brand,
                              stored_at=stored + timedelta(hours=hour, minutes=30)))
        for number, erased in (("ERASED-5Y", date(2021, 6, 1)), ("ERASED-5Y-1D", date(2021, 6, 2))):
            s.add(Order(number=number, order_date=date(2015, 1, 1), total=Decimal("1"),
                        vat=Decimal("0"), currency="AED",
                        unlinked_at=datetime.combine(erased, datetime.min.time(), tzinfo=UTC)
                        + timedelta(hours=20)))
        s.commit()


def _left(engine: Engine) -> tuple[list[str], list[str]]:
    with Session(engine) as s:
        return (sorted(s.scalars(select(PaymentCard.brand))),
                sorted(s.scalars(select(Order.number))))


@pytest.mark.parametrize("hour", [0, 8, 23])
def test_day_365_is_deleted_and_day_364_kept_at_any_hour(engine: Engine, hour: int) -> None:
    _card_and_order(engine)
    now = datetime.combine(DAY, datetime.min.time(), tzinfo=UTC) + timedelta(hours=hour, minutes=59)
    purge(engine, POLICY, now=now)
    assert _left(engine) == (["day364"], ["ERASED-5Y-1D"])


def test_the_day_before_keeps_both(engine: Engine) -> None:
    _card_and_order(engine)
    purge(engine, POLICY, now=datetime.combine(DAY, datetime.min.time(), tzinfo=UTC)
          - timedelta(seconds=1))
    assert _left(engine) == (["day364", "day365"], ["ERASED-5Y", "ERASED-5Y-1D"])


def test_purge_as_of_matches_the_daemon(engine: Engine, db_url: str, tmp_path: Path,
                                        keyring_text: str, monkeypatch: pytest.MonkeyPatch,
                                        cipher: Cipher) -> None:
    _card_and_order(engine)
    monkeypatch.setenv("MAILBOT_KEYS", keyring_text)
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n[mailbox]\nbackend = "maildir"\n'
                      f'path = "{tmp_path}/in"\n[smtp]\nbackend = "maildir"\npath = "{tmp_path}/out"\n')
    before = CliRunner().invoke(app, ["--config", str(config), "purge", "--as-of",
                                      (DAY - timedelta(days=1)).isoformat()])
    assert before.exit_code == 0, before.output
    assert _left(engine) == (["day364", "day365"], ["ERASED-5Y", "ERASED-5Y-1D"])
    result = CliRunner().invoke(app, ["--config", str(config), "purge", "--as-of", DAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert _left(engine) == (["day364"], ["ERASED-5Y-1D"])


def test_the_daemon_purges_day_365_on_its_clock(engine: Engine, cipher: Cipher,
                                                tmp_path: Path) -> None:
    _card_and_order(engine)
    clock = {"now": datetime.combine(DAY, datetime.min.time(), tzinfo=UTC) - timedelta(hours=1)}
    settings = settings_from_dict({"database": {"url": "sqlite://"},
                                   "smtp": {"backend": "maildir", "path": str(tmp_path / "out")},
                                   "scheduler": {"purge_cron": "* * * * *"}})
    daemon = Daemon(Runtime(settings=settings, engine=engine, cipher=cipher,
                            clock=lambda: clock["now"]))
    daemon.purge_if_due(PassReport())
    assert _left(engine) == (["day364", "day365"], ["ERASED-5Y", "ERASED-5Y-1D"])
    clock["now"] += timedelta(hours=10)
    daemon.purge_if_due(PassReport())
    assert _left(engine) == (["day364"], ["ERASED-5Y-1D"])


def test_a_failed_reply_keeps_its_text_until_the_cutoff_after_the_failure(engine: Engine) -> None:
    with Session(engine) as s:
        for n, failed_days in ((1, 29), (2, 30)):
            s.add(Outbox(kind="unsubscribed", recipient_index=str(n), recipient_enc=b"r",
                         message_enc=b"m", message_id=f"<f{n}@x>", state=OutboxState.failed,
                         next_attempt_at=AS_OF, created_at=AS_OF - timedelta(days=90),
                         failed_at=AS_OF - timedelta(days=failed_days)))
        s.commit()
    assert purge(engine, POLICY, now=AS_OF).counts["sent_replies"] == 1
    with Session(engine) as s:
        kept = s.scalars(select(Outbox.message_id).where(Outbox.message_enc.is_not(None))).all()
    assert kept == ["<f1@x>"]
