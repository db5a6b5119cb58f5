"""Delivering change events: a real HTTP receiver on loopback, SQLite and PostgreSQL.

The receiver refuses, answers 500 or times out for a while; nothing is lost, every retry
carries the same ``webhook-id``, one person's events arrive in order, and an erasure's
address is gone from mailbot's database once every destination has it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.config import EventsSettings, WebhookSettings
from mailbot.integrations.deliveries import (
    DeliveryReport,
    backoff,
    deliver_events,
    list_deliveries,
    redact,
    retry_failed,
)
from mailbot.integrations.webhooks import WebhookDestination
from mailbot.store import actions
from mailbot.store.crypto import Cipher
from mailbot.store.customers import find_customer, import_customers
from mailbot.store.db import transaction
from mailbot.store.models import DeliveryState, EventDelivery, EventDestination
from tests.fixtures.webhook_receiver import SECRET, Receiver, webhook_config
from tests.helpers import PERSONAL_VALUES, SAMPLE_CUSTOMER, decrypted_database_text, write_jsonl

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SARA = SAMPLE_CUSTOMER["email"]
SETTINGS = EventsSettings()


@pytest.fixture
def hook(receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> WebhookDestination:
    monkeypatch.setenv("MAILBOT_TEST_WEBHOOK_SECRET", SECRET)
    return WebhookDestination.from_settings(WebhookSettings(**webhook_config(receiver)), number=1)


def _unsubscribe(engine: Engine, cipher: Cipher, *addresses: str) -> None:
    with transaction(engine) as session:
        for address in addresses:
            actions.unsubscribe_address(session, email=address, cipher=cipher, now=NOW,
                                        source="test", request_id=None)


def _deliver(engine: Engine, hook: WebhookDestination, cipher: Cipher, at: datetime,
             settings: EventsSettings = SETTINGS) -> DeliveryReport:
    return deliver_events(engine, [hook], cipher=cipher, settings=settings, now=at)


def test_an_event_reaches_the_receiver_signed(engine: Engine, cipher: Cipher, hook: WebhookDestination,
                                              receiver: Receiver) -> None:
    _unsubscribe(engine, cipher, "reader@example.com")
    report = _deliver(engine, hook, cipher, NOW)
    assert (report.fanned_out, report.delivered, report.failed) == (1, 1, 0)
    (sent,) = receiver.received
    assert sent.verified() == {"type": "customer.unsubscribed", "timestamp": NOW.isoformat(),
                               "data": {"external_id": None, "email": "reader@example.com",
                                        "channels": ["email"], "request_id": None}}
    assert sent.id.startswith("evt_") and sent.headers["webhook-signature"].startswith("v1,")
    assert _deliver(engine, hook, cipher, NOW + timedelta(hours=1)).delivered == 0  # once


def test_a_wrong_secret_does_not_verify(engine: Engine, cipher: Cipher, hook: WebhookDestination,
                                        receiver: Receiver) -> None:
    from standardwebhooks import WebhookVerificationError
    _unsubscribe(engine, cipher, "reader@example.com")
    _deliver(engine, hook, cipher, NOW)
    with pytest.raises(WebhookVerificationError):
        receiver.received[0].verified("whsec_" + "QUJD" * 8)


@pytest.mark.parametrize("outage", ["refusing", "error", "slow"])
def test_an_outage_loses_nothing_and_retries_keep_the_webhook_id(
        outage: str, engine: Engine, cipher: Cipher, hook: WebhookDestination,
        receiver: Receiver) -> None:
    _unsubscribe(engine, cipher, "a@example.com", "b@example.com")
    if outage == "refusing":
        receiver.stop()
    else:
        receiver.mode, receiver.slow_seconds = outage, 1.5  # type: ignore[assignment]
    failed = _deliver(engine, hook, cipher, NOW)
    assert failed.delivered == 0 and failed.failed >= 1  # what was in flight, then it stops
    assert _deliver(engine, hook, cipher, NOW + timedelta(seconds=10)).failed == 0  # backing off
    with Session(engine) as session:
        health = session.get(EventDestination, "webhook:shop")
        assert health is not None and health.failing_since == NOW and health.last_error
    if outage == "refusing":
        receiver.start()
    receiver.mode = "ok"
    done = _deliver(engine, hook, cipher, NOW + backoff(1))  # the first retry: within a minute
    assert done.delivered == 2 and backoff(1) <= timedelta(minutes=1)
    # a slow receiver may still record the attempt it answered too late: receivers keep one
    # delivery per webhook id (Standard Webhooks), and so does this check
    payloads = {hook.id: hook.verified() for hook in receiver.received}
    assert sorted(p["data"]["email"] for p in payloads.values()) == ["a@example.com",
                                                                     "b@example.com"]
    with Session(engine) as session:
        health = session.get(EventDestination, "webhook:shop")
        assert health is not None and health.failing_since is None
    ids = [hook.id for hook in receiver.received]
    assert len(set(ids)) == 2
    if outage == "slow":  # the timed-out attempt did reach the receiver: same id again
        assert receiver.attempts >= 3


def test_same_webhook_id_when_a_delivery_is_repeated(engine: Engine, cipher: Cipher,
                                                     hook: WebhookDestination, receiver: Receiver) -> None:
    """A crash after the receiver accepted but before the outcome was recorded: sent again."""
    _unsubscribe(engine, cipher, "a@example.com")
    _deliver(engine, hook, cipher, NOW)
    with transaction(engine) as session:  # as if the outcome had never been committed
        row = session.scalars(select(EventDelivery)).one()
        row.state, row.next_attempt_at = DeliveryState.pending, NOW
    _deliver(engine, hook, cipher, NOW)
    first, second = receiver.received
    assert first.id == second.id and first.body == second.body


def test_one_persons_events_arrive_in_order(engine: Engine, cipher: Cipher, hook: WebhookDestination,
                                            receiver: Receiver, tmp_path: Path) -> None:
    import_customers(write_jsonl(tmp_path / "c.jsonl", [{**SAMPLE_CUSTOMER, "id": "C-7"}]),
                     engine=engine, cipher=cipher, now=NOW)
    with transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SARA)
        assert sara is not None
        actions.unsubscribe(session, sara, channels=("sms",), now=NOW, source="r1", cipher=cipher)
    receiver.mode = "error"
    _deliver(engine, hook, cipher, NOW)
    with transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SARA)
        assert sara is not None
        actions.erase(session, sara, now=NOW, source="r2", cipher=cipher)
    receiver.mode = "ok"
    later = NOW + timedelta(minutes=5)
    with transaction(engine) as session:  # the erasure alone is due: it must wait its turn
        session.execute(EventDelivery.__table__.update().values(next_attempt_at=later))  # type: ignore[attr-defined]
        first = session.scalars(select(EventDelivery).order_by(EventDelivery.id)).first()
        assert first is not None
        first.next_attempt_at = later + timedelta(hours=1)
    assert _deliver(engine, hook, cipher, later).delivered == 0
    assert _deliver(engine, hook, cipher, later + timedelta(hours=1)).delivered == 2
    assert [p["type"] for p in receiver.payloads()] == ["customer.unsubscribed", "customer.erased"]
    assert {p["data"]["external_id"] for p in receiver.payloads()} == {"C-7"}


def test_erasure_data_is_gone_once_every_destination_has_it(
        engine: Engine, cipher: Cipher, hook: WebhookDestination, receiver: Receiver,
        tmp_path: Path) -> None:
    import_customers(write_jsonl(tmp_path / "c.jsonl", [{**SAMPLE_CUSTOMER, "id": "C-7"}]),
                     engine=engine, cipher=cipher, now=NOW)
    with transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SARA)
        assert sara is not None
        actions.unsubscribe(session, sara, channels=(), now=NOW, source="r1", cipher=cipher)
        actions.erase(session, sara, now=NOW, source="r2", cipher=cipher)
    receiver.mode = "error"
    _deliver(engine, hook, cipher, NOW)
    assert "sara.haddad@example.com" in decrypted_database_text(engine, cipher)  # not yet there
    receiver.mode = "ok"
    report = _deliver(engine, hook, cipher, NOW + timedelta(minutes=1))
    assert report.delivered == 2 and report.scrubbed == 2
    leftover = decrypted_database_text(engine, cipher)
    assert not [value for value in [*PERSONAL_VALUES, "C-7"] if value.lower() in leftover.lower()]


def test_a_destination_taken_out_of_the_config_no_longer_holds_the_address(
        engine: Engine, cipher: Cipher, hook: WebhookDestination, receiver: Receiver,
        tmp_path: Path) -> None:
    import_customers(write_jsonl(tmp_path / "c.jsonl", [SAMPLE_CUSTOMER]), engine=engine,
                     cipher=cipher, now=NOW)
    with transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SARA)
        assert sara is not None
        actions.erase(session, sara, now=NOW, source="r", cipher=cipher)
    receiver.mode = "error"
    assert _deliver(engine, hook, cipher, NOW).scrubbed == 0  # the webhook has not got it yet
    assert "sara.haddad@example.com" in decrypted_database_text(engine, cipher)
    report = deliver_events(engine, [], cipher=cipher, settings=SETTINGS, now=NOW)  # removed
    assert report.scrubbed == 1
    assert "sara.haddad@example.com" not in decrypted_database_text(engine, cipher)


def test_giving_up_after_the_retry_window_and_retrying_from_the_cli(
        engine: Engine, cipher: Cipher, hook: WebhookDestination, receiver: Receiver) -> None:
    _unsubscribe(engine, cipher, "a@example.com")
    receiver.mode = "error"
    _deliver(engine, hook, cipher, NOW)
    _deliver(engine, hook, cipher, NOW + timedelta(hours=SETTINGS.retry_hours, minutes=1))
    with Session(engine) as session:
        (row,) = list_deliveries(session, state=DeliveryState.failed)
        assert row.attempts == 2 and row.last_error == "HTTP 500"
    receiver.mode = "ok"
    with transaction(engine) as session:
        assert retry_failed(session, now=NOW + timedelta(days=4)) == 1
    assert _deliver(engine, hook, cipher, NOW + timedelta(days=4)).delivered == 1


def test_events_a_destination_does_not_want_are_not_sent(
        engine: Engine, cipher: Cipher, receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILBOT_TEST_WEBHOOK_SECRET", SECRET)
    erasures_only = WebhookDestination.from_settings(
        WebhookSettings(**webhook_config(receiver, events=["customer.erased"])), number=1)
    _unsubscribe(engine, cipher, "a@example.com")
    assert _deliver(engine, erasures_only, cipher, NOW).delivered == 0
    assert receiver.received == []


def test_errors_are_stored_without_addresses() -> None:
    assert redact("duplicate key (email)=(sara@example.com)\nDETAIL: more") == \
        "duplicate key (email)=(s***@example.com)"


def test_backoff_doubles_up_to_an_hour() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(40) == timedelta(hours=1)
