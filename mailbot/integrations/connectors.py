"""The SQL connector: the store's own statements, run on the store's own database.

For shops that own their database (PostgreSQL, MySQL/MariaDB, SQLite: any SQLAlchemy URL).
Each event runs the statements configured for its type (``on_unsubscribe``, ``on_erase``) in
one transaction, with bound parameters only — never text pasted into SQL:

``:external_id``  the shop's own customer id (the import's ``"id"``; NULL when unknown)
``:email``        the normalised address
``:channels``     the channels withdrawn, comma-separated (``email,sms``)
``:occurred_at``  when mailbot made the change (UTC)

Delivery is at least once (see :mod:`mailbot.integrations.deliveries`), so the statements
should be idempotent, as ``UPDATE … SET … = FALSE`` and ``DELETE`` naturally are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from mailbot.config import ConfigError, ConnectorSettings
from mailbot.credentials import secret_from_env
from mailbot.integrations.destination import Outcome
from mailbot.integrations.events import Event


@dataclass
class SqlConnector:
    settings: ConnectorSettings
    url: str
    name: str
    events: tuple[str, ...]
    _engine: Engine | None = None

    @classmethod
    def from_settings(cls, settings: ConnectorSettings, *, number: int) -> SqlConnector:
        url = secret_from_env(setting=f"[[connectors]] #{number} url_env", name=settings.url_env)
        try:
            create_engine(url).dispose()  # parses the URL and finds the driver; no connection
        except Exception as exc:
            raise ConfigError(f"[[connectors]] #{number} url_env: ${settings.url_env} is not a "
                              f"usable database URL ({exc.__class__.__name__})") from None
        return cls(settings=settings, url=url, name=settings.destination, events=settings.events)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = create_engine(self.url, pool_pre_ping=True)
        return self._engine

    def deliver(self, event: Event) -> Outcome:
        params = self.parameters(event)
        try:
            with self.engine.begin() as connection:  # all of one event, or none of it
                for statement in self.settings.statements(event.type):
                    connection.execute(text(statement), params)
        except SQLAlchemyError as exc:
            # Never the statement's parameters: they hold the person's address.
            return Outcome(False, f"{exc.__class__.__name__}: {getattr(exc, 'orig', exc)}")
        return Outcome(True)

    def parameters(self, event: Event) -> dict[str, Any]:
        at = event.occurred_at
        if self.engine.dialect.name in ("mysql", "mariadb"):
            at = at.replace(tzinfo=None)  # MySQL's DATETIME has no zone: the value is UTC
        return {"external_id": event.data.external_id, "email": event.data.email,
                "channels": ",".join(event.data.channels), "occurred_at": at}

    def check(self) -> str:
        """For `doctor`: connect, and have the database prepare (EXPLAIN) every statement."""
        statements = [*self.settings.on_unsubscribe, *self.settings.on_erase]
        nothing = {"external_id": None, "email": None, "channels": "", "occurred_at": None}
        with self.engine.connect() as connection:
            transaction = connection.begin()
            try:
                for statement in statements:
                    connection.execute(text(f"EXPLAIN {statement}"), nothing)
            finally:
                transaction.rollback()
        return f"{self.engine.dialect.name}: {len(statements)} statements prepare"

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
