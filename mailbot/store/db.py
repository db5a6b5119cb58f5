"""The database engine, sessions and schema upgrades (Alembic owns the schema)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, select
from sqlmodel import Session

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # How long a writer waits for another's lock: 30 s unless the URL says (``?timeout=5``).
        waits = {} if "timeout=" in url else {"timeout": 30}
        engine = create_engine(url, connect_args={"check_same_thread": False, **waits})
        if engine.url.database and engine.url.database != ":memory:":
            create_private_file(Path(engine.url.database))
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def create_private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only, before SQLite does (with 0644).

    SQLite gives the ``-wal`` and ``-shm`` files the database file's permissions, so they
    are private too. An existing file keeps the permissions its operator chose.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError:
        pass  # a missing folder: SQLite reports it in its own words when it connects


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any exception."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade_schema(engine: Engine) -> tuple[str | None, str]:
    """Create or upgrade the schema to the newest migration; returns (before, after)."""
    before = current_revision(engine)
    command.upgrade(_alembic_config(engine), "head")
    return before, head_revision()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()  # type: ignore[arg-type]
    assert head is not None
    return head


def schema_is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def claim(session: Session, model: Any, condition: Any, *, limit: int | None = None,
          options: tuple[Any, ...] = ()) -> Any:
    """Rows another daemon is not working on (``FOR UPDATE SKIP LOCKED`` on PostgreSQL);
    ``options`` are loader options such as ``defer`` for a large column."""
    query = select(model).where(condition).order_by(model.id).options(*options)
    if limit:
        query = query.limit(limit)
    if is_postgres(session.get_bind()):  # type: ignore[arg-type]
        query = query.with_for_update(skip_locked=True)
    return session.scalars(query).all()
