"""The SQL connector against real shop databases: SQLite, PostgreSQL and MariaDB.

Each test gets its own shop database with a random name (dropped afterwards). A missing
server is a failure, never a skip.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from mailbot.config import ConfigError, ConnectorSettings, EventsSettings
from mailbot.integrations.connectors import SqlConnector
from mailbot.integrations.deliveries import deliver_events
from mailbot.integrations.events import Event, EventData
from mailbot.store import actions
from mailbot.store.crypto import Cipher
from mailbot.store.customers import find_customer, import_customers
from mailbot.store.db import transaction
from tests.fixtures.database import PG_ADMIN_URL
from tests.helpers import SAMPLE_CUSTOMER, write_jsonl

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
MARIADB_ADMIN_URL = "mysql+pymysql://root@127.0.0.1:3306/test"
SHOP_SCHEMA = [
    "CREATE TABLE customers (id VARCHAR(32) PRIMARY KEY, email VARCHAR(200), name VARCHAR(200), "
    "accepts_marketing BOOLEAN NOT NULL, unsubscribed_at TIMESTAMP NULL, channels VARCHAR(100))",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id VARCHAR(32))",
    "INSERT INTO customers VALUES ('C-7', 'sara.haddad@example.com', 'Sara Haddad', TRUE, NULL, NULL)",
    "INSERT INTO customers VALUES ('C-8', 'omar@example.com', 'Omar', TRUE, NULL, NULL)",
    "INSERT INTO orders VALUES (1, 'C-7')",
    "INSERT INTO orders VALUES (2, 'C-8')",
]
ON_UNSUBSCRIBE = ["UPDATE customers SET accepts_marketing = FALSE, unsubscribed_at = :occurred_at, "
                  "channels = :channels WHERE id = :external_id OR email = :email"]
ON_ERASE = ["UPDATE orders SET customer_id = NULL WHERE customer_id = :external_id",
            "DELETE FROM customers WHERE id = :external_id"]


def _server_database(admin_url: str, kind: str) -> Iterator[str]:
    name = f"shop_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
    except Exception as exc:  # a missing service is a failure, never a skip
        pytest.fail(f"{kind} at {admin_url} is needed by the tests: {exc}", pytrace=False)
    yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        force = " WITH (FORCE)" if kind == "PostgreSQL" else ""
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}{force}"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres", "mariadb"])
def shop_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty shop database with the shop's two tables."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'shop.db'}"
        urls: Iterator[str] = iter([url])
    elif request.param == "postgres":
        urls = _server_database(PG_ADMIN_URL, "PostgreSQL")
    else:
        urls = _server_database(MARIADB_ADMIN_URL, "MariaDB")
    url = next(urls)
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in SHOP_SCHEMA:
            conn.execute(text(statement))
    engine.dispose()
    yield url
    next(urls, None)


def _connector(shop_url: str, monkeypatch: pytest.MonkeyPatch, **overrides: object) -> SqlConnector:
    monkeypatch.setenv("SHOP_DATABASE_URL", shop_url)
    fields = {"on_unsubscribe": ON_UNSUBSCRIBE, "on_erase": ON_ERASE, **overrides}
    settings = ConnectorSettings(kind="sql", url_env="SHOP_DATABASE_URL", name="shop",
                                 **fields)  # type: ignore[arg-type]
    return SqlConnector.from_settings(settings, number=1)


def _shop(shop_url: str, query: str) -> list[tuple]:
    engine = create_engine(shop_url)
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(text(query))]
    engine.dispose()
    return rows


def _sara_erased_and_unsubscribed(engine: Engine, cipher: Cipher, tmp_path: Path) -> None:
    import_customers(write_jsonl(tmp_path / "c.jsonl", [{**SAMPLE_CUSTOMER, "id": "C-7"}]),
                     engine=engine, cipher=cipher, now=NOW)
    with transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SAMPLE_CUSTOMER["email"])
        assert sara is not None
        actions.unsubscribe(session, sara, channels=("email", "sms"), now=NOW, source="r1",
                            cipher=cipher, request_id=1)


def test_an_unsubscribe_and_an_erasure_reach_the_shop_database(
        shop_url: str, sqlite_engine: Engine, cipher: Cipher, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    connector = _connector(shop_url, monkeypatch)
    _sara_erased_and_unsubscribed(sqlite_engine, cipher, tmp_path)
    report = deliver_events(sqlite_engine, [connector], cipher=cipher, settings=EventsSettings(), now=NOW)
    assert report.delivered == 1
    (sara,) = _shop(shop_url, "SELECT accepts_marketing, channels, unsubscribed_at FROM customers "
                              "WHERE id = 'C-7'")
    assert not sara[0] and sara[1] == "email,sms" and sara[2] is not None
    assert _shop(shop_url, "SELECT accepts_marketing FROM customers WHERE id = 'C-8'") == [(1,)] \
        or _shop(shop_url, "SELECT accepts_marketing FROM customers WHERE id = 'C-8'") == [(True,)]
    with transaction(sqlite_engine) as session:
        sara_row = find_customer(session, cipher=cipher, email=SAMPLE_CUSTOMER["email"])
        assert sara_row is not None
        actions.erase(session, sara_row, now=NOW, source="r2", cipher=cipher, request_id=2)
    report = deliver_events(sqlite_engine, [connector], cipher=cipher, settings=EventsSettings(), now=NOW)
    assert report.delivered == 1 and report.scrubbed == 2
    assert _shop(shop_url, "SELECT id FROM customers") == [("C-8",)]
    assert sorted(_shop(shop_url, "SELECT id, customer_id FROM orders")) == [(1, None), (2, "C-8")]
    connector.close()


def test_statements_of_one_event_commit_together_or_not_at_all(
        shop_url: str, sqlite_engine: Engine, cipher: Cipher, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    connector = _connector(shop_url, monkeypatch, on_erase=[
        ON_ERASE[0], "DELETE FROM no_such_table WHERE id = :external_id"])
    event = Event(id=1, type="customer.erased", occurred_at=NOW, request_id=None,
                  data=EventData(email="sara.haddad@example.com", external_id="C-7"))
    outcome = connector.deliver(event)
    assert not outcome.ok and outcome.error and "sara" not in outcome.error
    assert sorted(_shop(shop_url, "SELECT id, customer_id FROM orders")) == [(1, "C-7"), (2, "C-8")]
    connector.close()


def test_a_repeated_delivery_changes_nothing_more(shop_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    connector = _connector(shop_url, monkeypatch)
    event = Event(id=1, type="customer.erased", occurred_at=NOW, request_id=None,
                  data=EventData(email="sara.haddad@example.com", external_id="C-7"))
    assert connector.deliver(event).ok and connector.deliver(event).ok
    assert _shop(shop_url, "SELECT id FROM customers") == [("C-8",)]
    connector.close()


def test_a_shop_database_that_is_down_is_retried(
        sqlite_engine: Engine, cipher: Cipher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    down = "postgresql+psycopg://postgres@127.0.0.1:1/shop?connect_timeout=1"
    connector = _connector(down, monkeypatch)
    _sara_erased_and_unsubscribed(sqlite_engine, cipher, tmp_path)
    report = deliver_events(sqlite_engine, [connector], cipher=cipher, settings=EventsSettings(), now=NOW)
    assert (report.delivered, report.failed) == (0, 1)
    shop = tmp_path / "shop.db"
    engine = create_engine(f"sqlite:///{shop}")
    with engine.begin() as conn:
        for statement in SHOP_SCHEMA:
            conn.execute(text(statement))
    engine.dispose()
    connector.close()
    connector.url = f"sqlite:///{shop}"  # the shop's database is back
    later = deliver_events(sqlite_engine, [connector], cipher=cipher, settings=EventsSettings(),
                           now=NOW + timedelta(minutes=1))
    assert later.delivered == 1
    connector.close()


def test_doctor_check_prepares_every_statement(shop_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _connector(shop_url, monkeypatch)
    assert "3 statements prepare" in good.check()
    broken = _connector(shop_url, monkeypatch, on_unsubscribe=["UPDATE nowhere SET x = 1"])
    with pytest.raises(Exception, match="nowhere"):
        broken.check()
    good.close()
    broken.close()
    assert _shop(shop_url, "SELECT COUNT(*) FROM customers") == [(2,)]


def test_missing_or_bad_url_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SHOP_DATABASE_URL", raising=False)
    settings = ConnectorSettings(kind="sql", url_env="SHOP_DATABASE_URL", on_erase=ON_ERASE)
    with pytest.raises(ConfigError, match=r"\[\[connectors\]\] #2 url_env names \$SHOP_DATABASE_URL"):
        SqlConnector.from_settings(settings, number=2)
    monkeypatch.setenv("SHOP_DATABASE_URL", "nonsense://")
    with pytest.raises(ConfigError, match="not a usable database URL"):
        SqlConnector.from_settings(settings, number=2)
