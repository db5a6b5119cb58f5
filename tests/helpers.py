"""Helpers shared by several test modules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, LargeBinary, select
from sqlmodel import SQLModel

from mailbot.store.crypto import Cipher

SAMPLE_CUSTOMER: dict[str, Any] = {
    "email": "Sara.Haddad@example.com",
    "name": "Sara Haddad",
    "phone": "+971-4-5550123",
    "mobile": "+971-50-5550199",
    "date_of_birth": "1990-01-31",
    "gender": "female",
    "nationality": "Jordanian",
    "address": "Villa 12, Jumeirah Street 7, Dubai",
    "marketing": {"email": True, "sms": True},
    "interests": ["smartwatches-unique-interest"],
    "ip_addresses": ["203.0.113.77"],
    "orders": [{"number": "WS-100231", "date": "2025-03-01", "total": "120.50", "vat": "5.74",
                "currency": "AED", "items": [{"sku": "SKU-1", "qty": 1, "price": "114.76"}]}],
    "cards": [{"brand": "visa", "number": "4111111111111111", "expiry": "12/28",
               "stored_at": "2025-01-01"}],
    "support_messages": [{"date": "2025-02-01", "subject": "Where is my parcel",
                          "body": "My parcel Zx-unique-body-text has not arrived"}],
}

PERSONAL_VALUES = ["Sara Haddad", "sara.haddad@example.com", "Sara.Haddad@example.com",
                   "5550123", "5550199", "Jumeirah Street", "4111111111111111",
                   "Zx-unique-body-text", "203.0.113.77", "smartwatches-unique-interest",
                   "Jordanian"]


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def raw_database_text(engine: Engine) -> str:
    """Every stored value of every table as text, *without* decrypting anything."""
    parts = []
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                for value in row:
                    parts.append(value.decode("latin-1") if isinstance(value, bytes) else str(value))
    return "\n".join(parts)


def decrypted_database_text(engine: Engine, cipher: Cipher) -> str:
    """Every stored value, with every encrypted column decrypted: what an attacker with the
    keys would see."""
    parts = []
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                for column, value in zip(table.columns, row, strict=True):
                    if isinstance(column.type, LargeBinary) and value:
                        value = cipher.decrypt(value).decode("utf-8", "replace")
                    parts.append(str(value))
    return "\n".join(parts)
