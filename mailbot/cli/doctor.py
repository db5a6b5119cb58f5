"""`mailbot doctor`: check a deployment's settings against the real world, send nothing.

Each check answers one question an operator has when mail is not being handled — do the
keys load, is the schema current, can we log in to the mailbox, will the relay take our
mail, do the templates render — and says what to do when the answer is no.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mailbot.config import ConfigError, Settings
from mailbot.store.crypto import Cipher, load_keyring
from mailbot.store.db import make_engine, schema_is_current
from mailbot.store.keys import KeyringMismatch, check_keyring


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    hint: str = ""
    wrong_keyring: bool = False


def run_checks(settings: Settings, *, now: datetime) -> list[Check]:
    checks: list[tuple[str, Callable[[], str], str]] = [
        ("encryption keys", lambda: _keys(settings, now), "set [crypto] keys_env or key_file "
         "to this database's keyring (see docs/deployment.md#keys)"),
        ("database", lambda: _database(settings), "check [database] url, then run `mailbot init`"),
        ("mailbox", lambda: _mailbox(settings), "check [mailbox] host, port, security, username "
         "and the password or token it names"),
        ("outgoing mail", lambda: _smtp(settings), "check [smtp] host, port, security, username "
         "and password"),
        ("reply templates", lambda: _templates(settings, now), "fix or remove the override in "
         "[replies] template_dir"),
    ]
    checks += _destination_checks(settings)
    return [_run(name, check, hint) for name, check, hint in checks]


def _destination_checks(settings: Settings) -> list[tuple[str, Callable[[], str], str]]:
    """Webhooks: the signing secret loads (nothing is sent: `mailbot webhooks test` does that).
    Connectors: the shop's database answers and every statement prepares."""
    from mailbot.integrations.connectors import SqlConnector
    from mailbot.integrations.webhooks import WebhookDestination

    def webhook(number: int) -> str:
        hook = WebhookDestination.from_settings(settings.webhooks[number - 1], number=number)
        return f"signing secret loads; events go to {hook.url}"

    def connector(number: int) -> str:
        sql = SqlConnector.from_settings(settings.connectors[number - 1], number=number)
        try:
            return sql.check()
        finally:
            sql.close()

    checks: list[tuple[str, Callable[[], str], str]] = []
    for number, hook in enumerate(settings.webhooks, start=1):
        checks.append((hook.destination, lambda n=number: webhook(n),  # type: ignore[misc]
                       f"[[webhooks]] #{number}: export the whsec_ secret as ${hook.secret_env}; "
                       "then `mailbot webhooks test`"))
    for number, sql in enumerate(settings.connectors, start=1):
        checks.append((sql.destination, lambda n=number: connector(n),  # type: ignore[misc]
                       f"[[connectors]] #{number}: check ${sql.url_env} and the statements "
                       "against the shop's schema"))
    return checks


def _run(name: str, check: Callable[[], str], hint: str) -> Check:
    try:
        return Check(name, True, check())
    except Exception as exc:  # every failure is a finding, never a crash
        detail = str(exc) if isinstance(exc, ConfigError) else f"{exc.__class__.__name__}: {exc}"
        return Check(name, False, detail.splitlines()[0][:400] if detail else "failed", hint,
                     wrong_keyring=isinstance(exc, KeyringMismatch))


def _keys(settings: Settings, now: datetime) -> str:
    keyring = load_keyring(settings.crypto)
    cipher = Cipher(keyring)
    assert cipher.decrypt(cipher.encrypt(b"doctor")) == b"doctor"
    loaded = f"{len(keyring.fernet_keys)} encryption key(s) and the index key load"
    engine = make_engine(settings.database.url)
    try:
        if not schema_is_current(engine):
            return loaded + " (no database to check them against yet)"
        check_keyring(engine, cipher, now=now, record=False)
        return loaded + " and read this database"
    finally:
        engine.dispose()


def _database(settings: Settings) -> str:
    engine = make_engine(settings.database.url)
    try:
        if not schema_is_current(engine):
            raise ConfigError("the schema is missing or older than this version")
        _private(settings.database.sqlite_path)
        return f"{engine.dialect.name}: reachable, schema current"
    finally:
        engine.dispose()


def _private(db_file: Path | None) -> None:
    """A SQLite file from before mailbot created it 0600 may be readable by others."""
    if db_file is None:
        return
    for path in (db_file, *(db_file.with_name(db_file.name + s) for s in ("-wal", "-shm"))):
        if path.exists() and path.stat().st_mode & 0o077:
            raise ConfigError(f"{path} can be read by other users of this machine: "
                              f"chmod 600 {path}")


def _mailbox(settings: Settings) -> str:
    from mailbot.sources import open_source

    with open_source(settings.mailbox) as source:
        uidvalidity = source.uidvalidity()
        return f"{source.key}: reachable, folder open (UIDVALIDITY {uidvalidity})"


def _smtp(settings: Settings) -> str:
    from mailbot.outgoing.smtp import make_mailer

    mailer: Any = make_mailer(settings)
    return str(asyncio.run(mailer.check()))


def _templates(settings: Settings, now: datetime) -> str:
    from mailbot.outgoing.replies import preview_all, sample_contexts

    rendered = preview_all(settings, now=now, contexts=sample_contexts(now))
    return f"{len(rendered)} replies render in Arabic and English"
