"""Key rotation: re-encrypt every encrypted column under the keyring's primary key.

Rotation runs in batches, each its own transaction, so it can be stopped and restarted;
values already under the new key are simply re-encrypted again. Old keys must stay in the
keyring until it has finished.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, LargeBinary, Table, select, update
from sqlmodel import SQLModel

from mailbot.store.crypto import Cipher
from mailbot.store.db import transaction

BATCH = 1000


@dataclass
class RotationReport:
    values: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.values.values())


def encrypted_columns() -> list[tuple[Table, list[str]]]:
    """Every table with ``*_enc`` columns, and those columns."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        cols = [c.name for c in table.columns
                if c.name.endswith("_enc") and isinstance(c.type, LargeBinary)]
        if cols:
            found.append((table, cols))
    return found


def rotate_keys(
    engine: Engine, cipher: Cipher, *, progress: Callable[[str, int], None] = lambda t, n: None
) -> RotationReport:
    report = RotationReport()
    for table, columns in encrypted_columns():
        count = _rotate_table(engine, cipher, table, columns)
        report.values[table.name] = count
        progress(table.name, count)
    return report


def _rotate_table(engine: Engine, cipher: Cipher, table: Table, columns: list[str]) -> int:
    (key,) = table.primary_key.columns
    done, last = 0, None
    while True:
        with transaction(engine) as session:
            query = select(key, *[table.c[c] for c in columns]).order_by(key).limit(BATCH)
            if last is not None:
                query = query.where(key > last)
            rows = session.execute(query).all()
            for row in rows:
                values = {c: cipher.rotate(v) for c, v in zip(columns, row[1:], strict=True) if v}
                if values:
                    session.execute(update(table).where(key == row[0]).values(**values))
                    done += len(values)
        if len(rows) < BATCH:
            return done
        last = rows[-1][0]
