"""What every entry point builds once from the settings: engine, cipher and clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine

from mailbot.config import ConfigError, Settings
from mailbot.store.crypto import Cipher, load_keyring
from mailbot.store.db import make_engine, schema_is_current
from mailbot.store.keys import check_keyring

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    cipher: Cipher
    clock: Clock = field(default=system_clock)

    @classmethod
    def open(cls, settings: Settings, *, clock: Clock = system_clock,
             require_schema: bool = True) -> Runtime:
        cipher = Cipher(load_keyring(settings.crypto))
        settings.create_folders()
        engine = make_engine(settings.database.url)
        if require_schema:
            try:
                ensure_schema(engine, settings)
                check_keyring(engine, cipher, now=clock())
            except BaseException:
                engine.dispose()
                raise
        return cls(settings=settings, engine=engine, cipher=cipher, clock=clock)

    def close(self) -> None:
        self.engine.dispose()


def ensure_schema(engine: Engine, settings: Settings) -> None:
    try:
        current = schema_is_current(engine)
    except Exception as exc:
        raise ConfigError(f"[database] url: cannot open the database: {exc.__class__.__name__}: "
                          f"{str(exc).splitlines()[0]}") from None
    if not current:
        where = f" --config {settings.source}" if settings.source else ""
        raise ConfigError(f"the database schema is missing or old: run `mailbot{where} init`")
