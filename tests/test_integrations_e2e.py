"""End to end: mail in (real Dovecot), the daemon's own pass, the changes out to a real webhook
receiver and a real shop database, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mailbot.config import ConnectorSettings, WebhookSettings
from mailbot.runtime import Runtime
from tests.fixtures.webhook_receiver import SECRET, Receiver, webhook_config
from tests.fixtures.world import World
from tests.helpers import PERSONAL_VALUES, SAMPLE_CUSTOMER, decrypted_database_text

SARA = SAMPLE_CUSTOMER["email"]
REF = re.compile(r"\[ref:([A-Z0-9]{4}-[A-Z0-9]{4})\]")
SHOP_TABLES = [
    "CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, phone TEXT, accepts_marketing BOOLEAN)",
    "CREATE TABLE orders (number TEXT PRIMARY KEY, customer_id TEXT)",
    "INSERT INTO customers VALUES ('C-7', 'Sara Haddad', '+971-4-5550123', TRUE)",
    "INSERT INTO orders VALUES ('WS-100231', 'C-7')",
]


@pytest.fixture
def shop(world: World, receiver: Receiver, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The world's daemon, configured with a webhook and a SQL connector to a SQLite shop."""
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in SHOP_TABLES:
            conn.execute(text(statement))
    engine.dispose()
    monkeypatch.setenv("MAILBOT_TEST_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("SHOP_DATABASE_URL", url)
    connector = ConnectorSettings(
        kind="sql", url_env="SHOP_DATABASE_URL",
        on_unsubscribe=("UPDATE customers SET accepts_marketing = FALSE WHERE id = :external_id",),
        on_erase=("UPDATE orders SET customer_id = NULL WHERE customer_id = :external_id",
                  "DELETE FROM customers WHERE id = :external_id"))
    settings = world.rt.settings.model_copy(update={
        "webhooks": (WebhookSettings(**webhook_config(receiver)),), "connectors": (connector,)})
    world.rt = Runtime(settings=settings, engine=world.rt.engine, cipher=world.rt.cipher,
                       clock=world.clock)
    yield url


def _shop(url: str, query: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(text(query))]
    engine.dispose()
    return rows


def test_unsubscribe_and_confirmed_erasure_reach_the_webhook_and_the_shop(
        world: World, shop: str, receiver: Receiver) -> None:
    world.customers({**SAMPLE_CUSTOMER, "id": "C-7"})
    world.send(f"Sara Haddad <{SARA}>", "Stop", "Please unsubscribe me from all marketing emails.")
    report = world.run()
    assert report.events_delivered == 2  # the webhook and the shop's database
    (unsubscribed,) = receiver.payloads()
    assert unsubscribed["type"] == "customer.unsubscribed"
    assert unsubscribed["data"]["external_id"] == "C-7"
    assert unsubscribed["data"]["email"] == "sara.haddad@example.com"
    assert _shop(shop, "SELECT accepts_marketing FROM customers") in ([(0,)], [(False,)])

    world.clock.advance(hours=1)
    world.send(f"Sara <{SARA}>", "Delete my account", "Please delete my account and my data.")
    world.run()
    assert len(receiver.received) == 1  # asking is not erasing
    ref = REF.search(str(world.replies(SARA)[-1]["Subject"])).group(1)  # type: ignore[union-attr]
    world.clock.advance(hours=1)
    world.send(SARA, f"Re: Confirm the deletion of your account [ref:{ref}]", "Yes.")
    world.run()
    erased = receiver.payloads()[-1]
    assert erased["type"] == "customer.erased" and erased["data"]["external_id"] == "C-7"
    assert _shop(shop, "SELECT * FROM customers") == []
    assert _shop(shop, "SELECT * FROM orders") == [("WS-100231", None)]
    world.run()  # the last reply goes; its copy is forgotten
    leftover = decrypted_database_text(world.rt.engine, world.rt.cipher).lower()
    assert [v for v in [*PERSONAL_VALUES, "C-7"] if v.lower() in leftover] == []
    assert len({hook.id for hook in receiver.received}) == len(receiver.received) == 2


def test_an_address_without_an_account_reaches_the_newsletter_tool(
        world: World, shop: str, receiver: Receiver) -> None:
    world.send("reader@example.org", "unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    (event,) = receiver.payloads()
    assert event["data"] == {"external_id": None, "email": "reader@example.org",
                             "channels": ["email"], "request_id": event["data"]["request_id"]}
    assert event["data"]["request_id"] is not None


def test_a_receiver_down_for_hours_gets_every_event_once_it_is_back(
        world: World, shop: str, receiver: Receiver) -> None:
    receiver.stop()
    world.customers({**SAMPLE_CUSTOMER, "id": "C-7"}, {"email": "omar@example.com", "id": "C-8",
                                                       "marketing": {"email": True}})
    world.send(SARA, "Stop", "Please unsubscribe me from all marketing emails.")
    world.send("omar@example.com", "unsubscribe", "Unsubscribe me please.")
    report = world.run()
    assert report.event_failures >= 1 and receiver.received == []
    assert _shop(shop, "SELECT accepts_marketing FROM customers") in ([(0,)], [(False,)])
    world.clock.advance(hours=5)
    receiver.start()
    world.run()
    assert sorted(p["data"]["external_id"] for p in receiver.payloads()) == ["C-7", "C-8"]
