"""Alembic environment: the engine is handed in by mailbot.store.db, never read from a file."""

from alembic import context
from sqlmodel import SQLModel

import mailbot.store.models  # noqa: F401  (registers the tables)

target_metadata = SQLModel.metadata
engine = context.config.attributes.get("engine")

if engine is None:  # pragma: no cover - only for `alembic revision --autogenerate` by hand
    raise SystemExit("mailbot migrations run through `mailbot init`")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
