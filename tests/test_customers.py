import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from mailbot.store.crypto import Cipher, Keyring, generate_fernet_key, generate_keyring
from mailbot.store.customers import MAX_LINE_BYTES, describe_customer, find_customer, import_customers
from mailbot.store.keys import rotate_keys
from mailbot.store.models import Customer, MarketingConsent, Order, PaymentCard
from tests.helpers import PERSONAL_VALUES, SAMPLE_CUSTOMER, raw_database_text, write_jsonl

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def _import(tmp_path: Path, engine: Engine, cipher: Cipher, rows: list) -> object:
    return import_customers(write_jsonl(tmp_path / "c.jsonl", rows), engine=engine, cipher=cipher,
                            now=NOW)


def _show(engine: Engine, cipher: Cipher, email: str, reveal: bool = False) -> dict:
    with Session(engine) as session:
        customer = find_customer(session, cipher=cipher, email=email)
        assert customer is not None
        return describe_customer(session, customer, cipher=cipher, reveal=reveal)


def test_import_then_show(tmp_path: Path, engine: Engine, cipher: Cipher) -> None:
    report = _import(tmp_path, engine, cipher, [SAMPLE_CUSTOMER])
    assert (report.created, report.updated, report.errors) == (1, 0, [])
    shown = _show(engine, cipher, "  SARA.haddad@EXAMPLE.com ", reveal=True)
    assert shown["status"] == "active"
    assert shown["marketing"] == {"email": True, "sms": True}
    assert (shown["orders"], shown["cards"], shown["support_messages"]) == (1, 1, 1)
    assert shown["personal_data"]["name"] == "Sara Haddad"
    assert "personal_data" not in _show(engine, cipher, "sara.haddad@example.com")


def test_no_personal_field_is_stored_in_plaintext(tmp_path: Path, engine: Engine,
                                                   cipher: Cipher) -> None:
    _import(tmp_path, engine, cipher, [SAMPLE_CUSTOMER])
    stored = raw_database_text(engine)
    assert "WS-100231" in stored  # the scan does see plain columns
    for value in PERSONAL_VALUES:
        assert value not in stored


def test_sqlite_file_holds_no_plaintext(tmp_path: Path, sqlite_url: str, cipher: Cipher) -> None:
    from mailbot.store.db import make_engine

    engine = make_engine(sqlite_url)
    _import(tmp_path, engine, cipher, [SAMPLE_CUSTOMER])
    engine.dispose()
    db_path = Path(sqlite_url.removeprefix("sqlite:///"))
    blob = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    for value in PERSONAL_VALUES:
        assert value.encode() not in blob


def test_reimport_updates_and_never_duplicates(tmp_path: Path, engine: Engine,
                                               cipher: Cipher) -> None:
    _import(tmp_path, engine, cipher, [SAMPLE_CUSTOMER])
    changed = {**SAMPLE_CUSTOMER, "name": "Sara H.", "marketing": {"email": True, "sms": False}}
    report = _import(tmp_path, engine, cipher, [changed, changed])
    assert (report.created, report.updated) == (0, 1)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 1
        assert session.scalar(select(func.count()).select_from(Order)) == 1
        assert session.scalar(select(func.count()).select_from(PaymentCard)) == 1
        assert session.scalar(select(func.count()).select_from(MarketingConsent)) == 2
    shown = _show(engine, cipher, SAMPLE_CUSTOMER["email"], reveal=True)
    assert shown["personal_data"]["name"] == "Sara H."
    assert shown["marketing"] == {"email": True, "sms": False}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"email": "a@example.com", ', "not valid JSON"),
        ('{"name": "No Email"}', "missing field 'email'"),
        ('{"email": "b@example.com", "date_of_birth": "1990-02-31"}', "date_of_birth"),
        ('{"email": "c@example.com", "shoe_size": 42}', "unknown field 'shoe_size'"),
        ('{"email": "not-an-address"}', "not an email address"),
        ('["a", "list"]', "must be a JSON object"),
        ('{"email": "d@example.com", "cards": [{"brand": "visa", "number": "x", "stored_at": "2025-01-01"}]}',
         "cards.0.number"),
    ],
)
def test_bad_lines_are_reported_and_the_rest_imported(
    tmp_path: Path, sqlite_engine: Engine, cipher: Cipher, line: str, reason: str
) -> None:
    good = {"email": "good@example.com", "name": "Good"}
    report = _import(tmp_path, sqlite_engine, cipher, [good, line, {**good, "email": "g2@example.com"}])
    assert report.created == 2
    assert len(report.errors) == 1
    assert report.errors[0].line == 2
    assert reason in report.errors[0].reason


def test_huge_line_is_refused_without_stopping(tmp_path: Path, sqlite_engine: Engine,
                                               cipher: Cipher) -> None:
    huge = json.dumps({"email": "huge@example.com", "name": "x" * (5 * 1024 * 1024)})
    assert len(huge) > MAX_LINE_BYTES
    report = _import(tmp_path, sqlite_engine, cipher,
                     [{"email": "a@example.com"}, huge, {"email": "b@example.com"}])
    assert report.created == 2
    assert [(e.line, "longer than" in e.reason) for e in report.errors] == [(2, True)]


def test_key_rotation(tmp_path: Path, engine: Engine) -> None:
    key_a = generate_keyring()
    index_key, fernet_a = key_a.split(",")
    _import(tmp_path, engine, Cipher(Keyring.parse(key_a, where="a")), [SAMPLE_CUSTOMER])

    fernet_b = generate_fernet_key()
    both = Cipher(Keyring.parse(f"{index_key},{fernet_b},{fernet_a}", where="a+b"))
    report = rotate_keys(engine, both)
    assert report.total >= 6

    only_b = Cipher(Keyring.parse(f"{index_key},{fernet_b}", where="b"))
    shown = _show(engine, only_b, SAMPLE_CUSTOMER["email"], reveal=True)
    assert shown["personal_data"]["address"] == SAMPLE_CUSTOMER["address"]
    from tests.helpers import decrypted_database_text

    assert "4111111111111111" in decrypted_database_text(engine, only_b)
    only_a = Cipher(Keyring.parse(key_a, where="a"))
    with pytest.raises(ValueError, match="none of the configured keys"):
        decrypted_database_text(engine, only_a)


def _erase(engine: Engine, cipher: Cipher, email: str) -> None:
    from mailbot.store import actions
    from mailbot.store.db import transaction

    with transaction(engine) as session:
        customer = find_customer(session, cipher=cipher, email=email)
        assert customer is not None
        actions.erase(session, customer, now=NOW, source="request 1", cipher=cipher)


def test_reimport_never_brings_an_erased_person_back(tmp_path: Path, engine: Engine,
                                                     cipher: Cipher) -> None:
    from mailbot.store.customers import describe_erased
    from tests.helpers import decrypted_database_text

    _import(tmp_path, engine, cipher, [SAMPLE_CUSTOMER, {"email": "other@example.com"}])
    _erase(engine, cipher, SAMPLE_CUSTOMER["email"])
    report = _import(tmp_path, engine, cipher, [SAMPLE_CUSTOMER, {"email": "other@example.com"}])
    assert (report.skipped_erased, report.created, report.updated) == (1, 0, 1)
    everything = decrypted_database_text(engine, cipher).lower()  # every column decrypted
    for value in PERSONAL_VALUES:
        if "@" not in value:
            assert value.lower() not in everything, value
    # Only the erasure's change event (until delivered; the daemon scrubs it) names her.
    assert everything.count("sara.haddad@example.com") == 1
    with Session(engine) as session:
        assert find_customer(session, cipher=cipher, email=SAMPLE_CUSTOMER["email"]) is None
        assert session.scalar(select(func.count()).select_from(MarketingConsent)
                              .where(MarketingConsent.granted)) == 0
        erased = describe_erased(session, cipher=cipher, email=" SARA.haddad@example.com")
        assert erased is not None and erased["status"] == "erased"
        assert describe_erased(session, cipher=cipher, email="other@example.com") is None


def test_reimport_restores_neither_consent_nor_interests_an_unsubscribe_removed(
        tmp_path: Path, engine: Engine, cipher: Cipher) -> None:
    from mailbot.store import actions
    from mailbot.store.db import transaction
    from mailbot.store.models import MarketingProfile

    _import(tmp_path, engine, cipher, [SAMPLE_CUSTOMER])
    with transaction(engine) as session:
        customer = find_customer(session, cipher=cipher, email=SAMPLE_CUSTOMER["email"])
        assert customer is not None
        done = actions.unsubscribe(session, customer, channels=(), now=NOW, source="request 7",
                                   cipher=cipher)
        assert done.profile_rows_deleted == 1
    _import(tmp_path, engine, cipher, [SAMPLE_CUSTOMER])
    shown = _show(engine, cipher, SAMPLE_CUSTOMER["email"])
    assert shown["marketing"]["email"] is False and shown["marketing"]["sms"] is False
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(MarketingProfile)) == 0
    # A customer who never withdrew anything still gets the shop's interests on import.
    _import(tmp_path, engine, cipher, [{**SAMPLE_CUSTOMER, "email": "kept@example.com"}])
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(MarketingProfile)) == 1
