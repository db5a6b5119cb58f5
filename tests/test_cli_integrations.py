"""The integration commands through the real CLI: events, webhooks test, deliveries,
suppression export, and doctor's destination checks (real receiver, real SQLite shop)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from mailbot.cli.app import app
from mailbot.cli.doctor import run_checks
from mailbot.config import load_settings
from mailbot.store import actions
from mailbot.store.crypto import Cipher
from mailbot.store.customers import find_customer, import_customers
from mailbot.store.db import make_engine, transaction, upgrade_schema
from tests.fixtures.webhook_receiver import SECRET, Receiver
from tests.helpers import SAMPLE_CUSTOMER, write_jsonl

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def config(tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch,
           keyring_text: str) -> Path:
    monkeypatch.setenv("MAILBOT_KEYS", keyring_text)
    monkeypatch.setenv("MAILBOT_TEST_WEBHOOK_SECRET", SECRET)
    shop = create_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    with shop.begin() as conn:
        conn.execute(text("CREATE TABLE customers (id TEXT PRIMARY KEY, accepts_marketing BOOLEAN)"))
    shop.dispose()
    monkeypatch.setenv("SHOP_DATABASE_URL", f"sqlite:///{tmp_path / 'shop.db'}")
    url = f"sqlite:///{tmp_path / 'mailbot.db'}"
    upgrade_schema(make_engine(url))
    path = tmp_path / "config.toml"
    path.write_text(f"""
[mailbox]
path = "inbox"
[smtp]
path = "sent"
[database]
url = "{url}"
[[webhooks]]
url = "{receiver.url}"
secret_env = "MAILBOT_TEST_WEBHOOK_SECRET"
name = "newsletter"
[[connectors]]
kind = "sql"
url_env = "SHOP_DATABASE_URL"
on_unsubscribe = ["UPDATE customers SET accepts_marketing = FALSE WHERE id = :external_id"]
""")
    return path


def _invoke(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--config", str(config), *args])
    return result.exit_code, result.output


def _changes(config: Path, cipher: Cipher, tmp_path: Path) -> None:
    engine = make_engine(load_settings(config).database.url)
    import_customers(write_jsonl(tmp_path / "c.jsonl", [{**SAMPLE_CUSTOMER, "id": "C-7"}]),
                     engine=engine, cipher=cipher, now=NOW)
    with transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SAMPLE_CUSTOMER["email"])
        assert sara is not None
        actions.unsubscribe(session, sara, channels=(), now=NOW, source="r1", cipher=cipher)
        actions.unsubscribe_address(session, email="reader@example.com", cipher=cipher, now=NOW,
                                    source="r2", request_id=None)
        actions.erase(session, sara, now=NOW, source="r3", cipher=cipher)
    engine.dispose()


def test_events_feed_as_json_lines_and_masked_text(config: Path, cipher: Cipher, tmp_path: Path) -> None:
    _changes(config, cipher, tmp_path)
    code, output = _invoke(config, "events", "--json")
    assert code == 0
    lines = [json.loads(line) for line in output.splitlines()]
    assert [(e["id"], e["type"]) for e in lines] == [
        (1, "customer.unsubscribed"), (2, "customer.unsubscribed"), (3, "customer.erased")]
    assert lines[0]["data"]["external_id"] == "C-7"
    code, output = _invoke(config, "events", "--since", "2")
    assert code == 0 and "customer.erased" in output and "s***@example.com" in output
    assert "sara" not in output.lower().replace("s***", "")


def test_webhooks_test_sends_a_signed_ping(config: Path, receiver: Receiver) -> None:
    code, output = _invoke(config, "webhooks", "test")
    assert code == 0 and "webhook:newsletter" in output and "ok" in output
    (ping,) = receiver.received
    assert ping.verified()["type"] == "webhook.ping" and ping.id.startswith("ping_")
    receiver.mode = "error"
    code, output = _invoke(config, "webhooks", "test")
    assert code == 1 and "HTTP 500" in output


def test_failed_deliveries_are_listed_and_retried(config: Path, cipher: Cipher, tmp_path: Path,
                                                   receiver: Receiver) -> None:
    from mailbot.config import EventsSettings
    from mailbot.integrations.deliveries import deliver_events, open_destinations

    _changes(config, cipher, tmp_path)
    settings = load_settings(config)
    engine = make_engine(settings.database.url)
    receiver.mode = "error"
    destinations = open_destinations(settings)
    deliver_events(engine, destinations, cipher=cipher, settings=EventsSettings(), now=NOW)
    deliver_events(engine, destinations, cipher=cipher, settings=EventsSettings(),
                   now=datetime(2026, 3, 9, tzinfo=UTC))  # past the retry window
    code, output = _invoke(config, "deliveries", "list", "--state", "failed", "--json")
    failed = [json.loads(line) for line in output.splitlines()]
    assert code == 0 and failed and {f["destination"] for f in failed} == {"webhook:newsletter"}
    code, output = _invoke(config, "status")
    assert code == 1 and "failed for good to webhook:newsletter" in output
    assert _invoke(config, "deliveries", "retry")[0] == 2  # ids or --all
    code, output = _invoke(config, "deliveries", "retry", "--all")
    assert code == 0 and f"{len(failed)} deliveries queued again" in output
    receiver.mode = "ok"
    report = deliver_events(engine, destinations, cipher=cipher, settings=EventsSettings(),
                            now=datetime.now(UTC))  # `retry` queued them for the real now
    assert report.delivered == 3
    code, output = _invoke(config, "status", "--prometheus")
    assert 'mailbot_destination_up{destination="webhook:newsletter"} 1' in output
    assert 'mailbot_event_deliveries{destination="webhook:newsletter",state="failed"} 0' in output
    engine.dispose()


def test_suppression_export_plain_and_hashed(config: Path, cipher: Cipher, tmp_path: Path) -> None:
    _changes(config, cipher, tmp_path)
    result = CliRunner().invoke(app, ["--config", str(config), "suppression", "export"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "email,suppressed_at"
    assert result.stdout.splitlines()[1].startswith("reader@example.com,2026-03-01")
    assert len(result.stdout.splitlines()) == 2  # erased: no address kept
    assert "1 erased people are left out" in result.stderr
    result = CliRunner().invoke(app, ["--config", str(config), "suppression", "export", "--hashed",
                                      "--format", "json"])
    hashes = {json.loads(line)["sha256"] for line in result.stdout.splitlines()}
    assert hashes == {hashlib.sha256(a.encode()).hexdigest()
                      for a in ("reader@example.com", "sara.haddad@example.com")}


def test_doctor_checks_each_destination(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checks = {c.name: c for c in run_checks(load_settings(config), now=NOW)}
    assert checks["webhook:newsletter"].ok
    assert checks["sql:SHOP_DATABASE_URL"].ok and "1 statements prepare" in \
        checks["sql:SHOP_DATABASE_URL"].detail
    monkeypatch.delenv("MAILBOT_TEST_WEBHOOK_SECRET")
    config.write_text(config.read_text().replace("accepts_marketing = FALSE", "nope = FALSE"))
    checks = {c.name: c for c in run_checks(load_settings(config), now=NOW)}
    assert not checks["webhook:newsletter"].ok and "$MAILBOT_TEST_WEBHOOK_SECRET" in \
        checks["webhook:newsletter"].detail
    assert not checks["sql:SHOP_DATABASE_URL"].ok and "nope" in checks["sql:SHOP_DATABASE_URL"].detail


def test_destination_config_errors_name_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[mailbox]\npath = "i"\n[smtp]\npath = "s"\n'
                    '[[webhooks]]\nurl = "ftp://x"\nsecret_env = "S"\n')
    code, output = _invoke(path, "status")
    assert code == 2 and "[[webhooks]] #1 url" in output
