"""Change events: recorded by the actions in the change's own transaction (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from mailbot.integrations import events
from mailbot.integrations.events import EventType
from mailbot.store import actions
from mailbot.store.crypto import Cipher
from mailbot.store.customers import find_customer, import_customers
from mailbot.store.db import transaction
from mailbot.store.models import ChangeEvent, Customer, Suppression
from tests.helpers import SAMPLE_CUSTOMER, write_jsonl

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SARA = SAMPLE_CUSTOMER["email"]


def _import(engine: Engine, cipher: Cipher, tmp_path: Path, *records: dict) -> None:
    import_customers(write_jsonl(tmp_path / "c.jsonl", list(records)), engine=engine, cipher=cipher,
                     now=NOW)


def _feed(engine: Engine, cipher: Cipher, since: int = 0) -> list[events.Event]:
    with Session(engine) as session:
        return list(events.feed(session, cipher=cipher, since=since))


def test_unsubscribe_records_an_event_with_the_shops_id(engine: Engine, cipher: Cipher,
                                                          tmp_path: Path) -> None:
    _import(engine, cipher, tmp_path, {**SAMPLE_CUSTOMER, "id": "C-1001"})
    with transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SARA)
        assert sara is not None
        actions.unsubscribe(session, sara, channels=("sms",), now=NOW, source="request 7",
                            cipher=cipher, request_id=7)
    (event,) = _feed(engine, cipher)
    assert event.type == "customer.unsubscribed"
    assert event.payload() == {"type": "customer.unsubscribed", "timestamp": NOW.isoformat(),
                               "data": {"external_id": "C-1001", "email": "sara.haddad@example.com",
                                        "channels": ["sms"], "request_id": 7}}


def test_an_event_rolls_back_with_its_change(engine: Engine, cipher: Cipher, tmp_path: Path) -> None:
    _import(engine, cipher, tmp_path, SAMPLE_CUSTOMER)
    with pytest.raises(RuntimeError), transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SARA)
        assert sara is not None
        actions.erase(session, sara, now=NOW, source="request 1", cipher=cipher, request_id=1)
        raise RuntimeError("the reply could not be queued")
    assert _feed(engine, cipher) == []
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Suppression)) == 0


def test_an_address_without_an_account_is_an_event_too(engine: Engine, cipher: Cipher) -> None:
    with transaction(engine) as session:
        actions.unsubscribe_address(session, email=" News.Reader@Example.com ", cipher=cipher,
                                    now=NOW, source="request 3", request_id=3)
    (event,) = _feed(engine, cipher)
    assert event.data == events.EventData(email="news.reader@example.com", external_id=None,
                                          channels=("email",))
    with Session(engine) as session:
        row = session.get(Suppression, cipher.email_index("news.reader@example.com"))
        assert row is not None and cipher.decrypt_text(row.email_enc) == "news.reader@example.com"


def test_erasure_event_then_scrub_leaves_only_the_blind_index(engine: Engine, cipher: Cipher,
                                                              tmp_path: Path) -> None:
    _import(engine, cipher, tmp_path, {**SAMPLE_CUSTOMER, "id": "C-1001"})
    index = cipher.email_index(SARA)
    with transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SARA)
        assert sara is not None
        actions.unsubscribe(session, sara, channels=(), now=NOW, source="r1", cipher=cipher)
        actions.erase(session, sara, now=NOW, source="r2", cipher=cipher, request_id=2)
    unsubscribed, erased = _feed(engine, cipher)
    assert (unsubscribed.type, erased.type) == (EventType.unsubscribed, EventType.erased)
    assert erased.data.email == "sara.haddad@example.com" and erased.data.external_id == "C-1001"
    with Session(engine) as session:  # the suppression keeps no address of an erased person
        row = session.get(Suppression, index)
        assert row is not None and row.email_enc is None and row.email_sha256_enc is not None
    with transaction(engine) as session:
        assert events.scrub_subject(session, subject_index=index, up_to=erased.id, now=NOW) == 2
    rows = _feed(engine, cipher)
    assert [e.data.email for e in rows] == [None, None]
    with Session(engine) as session:
        assert {e.subject_index for e in session.scalars(select(ChangeEvent))} == {index}


def test_feed_pages_by_id(engine: Engine, cipher: Cipher) -> None:
    with transaction(engine) as session:
        for n in range(3):
            actions.unsubscribe_address(session, email=f"p{n}@example.com", cipher=cipher, now=NOW,
                                        source="t", request_id=None)
    first, *rest = _feed(engine, cipher)
    assert [e.data.email for e in _feed(engine, cipher, since=first.id)] == \
        ["p1@example.com", "p2@example.com"] == [e.data.email for e in rest]


def test_import_is_keyed_by_the_shops_id(engine: Engine, cipher: Cipher, tmp_path: Path) -> None:
    _import(engine, cipher, tmp_path, {**SAMPLE_CUSTOMER, "id": "C-1001"})
    moved = {**SAMPLE_CUSTOMER, "id": "C-1001", "email": "sara.new@example.com"}
    _import(engine, cipher, tmp_path, moved)
    with Session(engine) as session:
        (sara,) = session.scalars(select(Customer)).all()
        assert sara.email_index == cipher.email_index("sara.new@example.com")
        assert cipher.decrypt_text(sara.external_id_enc) == "C-1001"


def test_reimport_by_id_never_brings_an_erased_customer_back(engine: Engine, cipher: Cipher,
                                                              tmp_path: Path) -> None:
    _import(engine, cipher, tmp_path, {**SAMPLE_CUSTOMER, "id": "C-1001"})
    with transaction(engine) as session:
        sara = find_customer(session, cipher=cipher, email=SARA)
        assert sara is not None
        actions.erase(session, sara, now=NOW, source="r", cipher=cipher)
    report = import_customers(write_jsonl(tmp_path / "again.jsonl", [{**SAMPLE_CUSTOMER, "id": "C-1001"}]),
                              engine=engine, cipher=cipher, now=NOW)
    assert report.skipped_erased == 1 and report.created == 0
    with Session(engine) as session:
        (tombstone,) = session.scalars(select(Customer)).all()
        assert tombstone.pii_enc is None and tombstone.external_id_enc is None


def test_bad_id_is_a_clear_line_error(engine: Engine, cipher: Cipher, tmp_path: Path) -> None:
    report = import_customers(write_jsonl(tmp_path / "bad.jsonl", [{**SAMPLE_CUSTOMER, "id": ""}]),
                              engine=engine, cipher=cipher, now=NOW)
    assert report.created == 0 and "id" in report.errors[0].reason


def test_events_commit_in_id_order_so_a_puller_never_skips_one(pg_url: str, cipher: Cipher) -> None:
    """A second writer cannot take an event id while the first one's is uncommitted."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from mailbot.store.db import make_engine

    engine = make_engine(pg_url)
    data = events.EventData(email="a@example.com", external_id=None, channels=("email",))
    try:
        with Session(engine) as first, Session(engine) as second:
            events.record(first, cipher=cipher, type=EventType.unsubscribed, subject_index="x",
                          data=data, request_id=None, now=NOW)
            first.flush()  # id 1 handed out, not yet committed
            second.execute(text("SET lock_timeout = '300ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                events.record(second, cipher=cipher, type=EventType.unsubscribed,
                              subject_index="y", data=data, request_id=None, now=NOW)
            second.rollback()
            first.commit()
            events.record(second, cipher=cipher, type=EventType.unsubscribed, subject_index="y",
                          data=data, request_id=None, now=NOW)
            second.commit()
        assert [e.id for e in _feed(engine, cipher)] == [1, 2]
    finally:
        engine.dispose()
