"""Keys and the database they belong to: the key check, rotation, and its verification.

The key check (the ``key_check`` row) ties a database to its keyring: every command that
opens the database refuses a keyring that cannot read it, before it writes anything. A
wrong keyring would otherwise look like an empty store: customers not found, duplicates
created by an import, and new data encrypted under a key nobody keeps.

Rotation runs in batches, each its own transaction, so it can be stopped and restarted;
values already under the new key are simply re-encrypted again. The tables are read from
the database itself, not from whichever models happen to be imported, so every ``*_enc``
column is covered wherever the command runs from. Afterwards every value is decrypted with
the primary key alone; only when all open may the older keys be dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, MetaData, Table, select, update
from sqlalchemy.exc import IntegrityError

from mailbot.config import ConfigError
from mailbot.store.crypto import Cipher, DecryptionError
from mailbot.store.db import transaction
from mailbot.store.models import Customer, KeyCheck

BATCH = 1000
CHECK_TEXT = "mailbot key check v1"
SAMPLE = 20  # customers decrypted when a database without a key check is first opened


class KeyringMismatch(ConfigError):
    """The configured keyring is not the one this database was written with."""


def keyring_mismatch(what: str) -> KeyringMismatch:
    return KeyringMismatch(
        f"the configured keyring cannot read this database ({what}). Set [crypto] keys_env or "
        "key_file to the keyring this database was created with (the copy kept in escrow; see "
        "docs/deployment.md#keys). Do not make a new keyring: nothing stored can be read "
        "without the original keys, and mailbot will not write under a new one.")


def check_keyring(engine: Engine, cipher: Cipher, *, now: datetime, record: bool = True) -> None:
    """Refuse a keyring that cannot read this database; record the check on first use
    (``record=False`` for read-only callers such as ``doctor``)."""
    try:
        with transaction(engine) as session:
            row = session.get(KeyCheck, 1)
            if row is not None:
                _compare(row, cipher)
                return
            _compare_with_data(engine, cipher)
            if record:
                session.add(KeyCheck(id=1, index_check=cipher.blind_index(CHECK_TEXT),
                                     check_enc=cipher.encrypt_text(CHECK_TEXT), created_at=now))
    except IntegrityError:  # another process recorded it at the same moment: compare with it
        check_keyring(engine, cipher, now=now)


def _compare(row: KeyCheck, cipher: Cipher) -> None:
    if row.index_check != cipher.blind_index(CHECK_TEXT):
        raise keyring_mismatch("its index: key is different")
    if not _opens(cipher, row.check_enc or b""):
        raise keyring_mismatch("none of its encryption keys opens the stored values")


def _compare_with_data(engine: Engine, cipher: Cipher) -> None:
    """A database from before the key check: a stored value of every encrypted column must
    open, and its customers' addresses must match their blind index."""
    unreadable = keyring_mismatch("none of its encryption keys opens the stored values")
    for table, columns in encrypted_columns(engine):
        with engine.connect() as connection:
            for column in columns:
                value = connection.execute(select(table.c[column])
                                           .where(table.c[column].is_not(None)).limit(1)).scalar()
                if value is not None and not _opens(cipher, bytes(value)):
                    raise unreadable
    with transaction(engine) as session:
        customers = session.scalars(select(Customer).where(Customer.pii_enc.is_not(None))
                                    .order_by(Customer.id).limit(SAMPLE)).all()
        for customer in customers:
            if not _opens(cipher, customer.pii_enc or b""):
                raise unreadable
            email = (cipher.decrypt_json(customer.pii_enc) or {}).get("email")
            if email and cipher.email_index(email) != customer.email_index:
                raise keyring_mismatch("its index: key is different")


def _opens(cipher: Cipher, token: bytes) -> bool:
    try:
        cipher.decrypt(token)
    except DecryptionError:
        return False
    return True


@dataclass
class RotationReport:
    values: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.values.values())


@dataclass
class VerifyReport:
    readable: int = 0
    unreadable: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.unreadable


def encrypted_columns(engine: Engine) -> list[tuple[Table, list[str]]]:
    """Every table in the database with ``*_enc`` columns, and those columns."""
    metadata = MetaData()
    metadata.reflect(engine)
    found = []
    for table in metadata.sorted_tables:
        cols = [c.name for c in table.columns if c.name.endswith("_enc")]
        if cols:
            if len(table.primary_key.columns) != 1:
                raise ValueError(f"table {table.name}: encrypted columns need a one-column key")
            found.append((table, cols))
    return found


def rotate_keys(
    engine: Engine, cipher: Cipher, *, progress: Callable[[str, int], None] = lambda t, n: None
) -> RotationReport:
    report = RotationReport()
    for table, columns in encrypted_columns(engine):
        count = 0
        for session, key, row in _rows(engine, table, columns):
            values = {c: cipher.rotate(v) for c, v in zip(columns, row, strict=True) if v}
            if values:
                session.execute(update(table).where(table.primary_key.columns[0] == key)
                                .values(**values))
                count += len(values)
        report.values[table.name] = count
        progress(table.name, count)
    return report


def verify_keys(engine: Engine, cipher: Cipher) -> VerifyReport:
    """Decrypt every stored value with ``cipher`` (the primary key alone, after a rotation)."""
    report = VerifyReport()
    for table, columns in encrypted_columns(engine):
        for _session, _key, row in _rows(engine, table, columns):
            for value in row:
                if not value:
                    continue
                try:
                    cipher.decrypt(bytes(value))
                    report.readable += 1
                except DecryptionError:
                    report.unreadable[table.name] = report.unreadable.get(table.name, 0) + 1
    return report


def _rows(engine: Engine, table: Table, columns: list[str]):  # type: ignore[no-untyped-def]
    """(session, key, values) for every row, in batches of one transaction each."""
    (key,) = table.primary_key.columns
    last = None
    while True:
        with transaction(engine) as session:
            query = select(key, *[table.c[c] for c in columns]).order_by(key).limit(BATCH)
            if last is not None:
                query = query.where(key > last)
            rows = session.execute(query).all()
            for row in rows:
                yield session, row[0], [bytes(v) if v is not None else None for v in row[1:]]
        if len(rows) < BATCH:
            return
        last = rows[-1][0]
