"""What every entry point builds once from the settings: engine, cipher and clock.

Only the composition roots hold a :class:`Runtime` (the CLI commands, the daemon's
scheduler, the admin and public apps' route handlers): they unpack it, and everything below
them takes just the engine or session, cipher, settings section and time it uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from mailbot.clock import Clock, system_clock
from mailbot.config import ConfigError, Settings
from mailbot.store.crypto import Cipher, load_keyring
from mailbot.store.db import make_engine, schema_is_current
from mailbot.store.keys import check_keyring

__all__ = ["Clock", "Runtime", "ensure_schema", "system_clock"]


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
