"""Keys and the database they belong to: rotation from a fresh process, the key check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, select, update

from mailbot.store.crypto import Cipher, Keyring, generate_fernet_key, generate_keyring
from mailbot.store.customers import import_customers
from mailbot.store.db import transaction
from mailbot.store.keys import KeyringMismatch, check_keyring, verify_keys
from mailbot.store.models import Customer, KeyCheck
from tests.helpers import PERSONAL_VALUES, SAMPLE_CUSTOMER, decrypted_database_text, write_jsonl

NOW = datetime(2026, 3, 1, tzinfo=UTC)
MAILBOT = [sys.executable, "-m", "mailbot"]
EXIT_WRONG_KEYRING = 4


def cipher_of(ring: str) -> Cipher:
    return Cipher(Keyring.parse(ring, where="test"))


def write_config(tmp_path: Path, db_url: str) -> Path:
    (tmp_path / "inbox").mkdir(exist_ok=True)
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "inbox" / sub).mkdir(exist_ok=True)
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n'
                    f'[mailbox]\nbackend = "maildir"\npath = "{tmp_path / "inbox"}"\n'
                    f'[smtp]\nbackend = "maildir"\npath = "{tmp_path / "outbox"}"\n')
    return path


def mailbot(config: Path, ring: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A fresh process, as an operator runs it: nothing imported beforehand."""
    return subprocess.run([*MAILBOT, "--config", str(config), *args], capture_output=True,
                          text=True, env={**os.environ, "MAILBOT_KEYS": ring}, timeout=120,
                          cwd=config.parent)


def populated(tmp_path: Path, engine: Engine, ring: str) -> None:
    cipher = cipher_of(ring)
    check_keyring(engine, cipher, now=NOW)
    import_customers(write_jsonl(tmp_path / "c.jsonl", [SAMPLE_CUSTOMER]), engine=engine,
                     cipher=cipher, now=NOW)


def test_rotate_from_a_fresh_process_then_drop_the_old_key(tmp_path: Path, db_url: str,
                                                           engine: Engine) -> None:
    old = generate_keyring()
    index_key, old_key = old.split(",")
    populated(tmp_path, engine, old)
    config = write_config(tmp_path, db_url)
    new_key = generate_fernet_key()

    rotated = mailbot(config, f"{index_key},{new_key},{old_key}", "keys", "rotate")
    assert rotated.returncode == 0, rotated.stderr
    assert "older keys can now be removed" in rotated.stdout
    assert "customer: 1 values" in rotated.stderr and "key_check: 1 values" in rotated.stderr

    only_new = f"{index_key},{new_key}"
    everything = decrypted_database_text(engine, cipher_of(only_new))
    assert [v for v in PERSONAL_VALUES if v not in everything] == ["sara.haddad@example.com"]
    shown = mailbot(config, only_new, "customers", "show", SAMPLE_CUSTOMER["email"], "--json",
                    "--reveal")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["personal_data"]["address"] == SAMPLE_CUSTOMER["address"]
    assert mailbot(config, only_new, "doctor").returncode != EXIT_WRONG_KEYRING
    with pytest.raises(ValueError, match="none of the configured keys"):
        decrypted_database_text(engine, cipher_of(old))


def test_verify_names_values_the_primary_key_cannot_open(tmp_path: Path, engine: Engine) -> None:
    old = generate_keyring()
    index_key, old_key = old.split(",")
    populated(tmp_path, engine, old)
    report = verify_keys(engine, cipher_of(f"{index_key},{generate_fernet_key()}"))
    assert not report.ok and report.unreadable["customer"] == 1 and report.readable == 0
    assert verify_keys(engine, cipher_of(old)).ok


@pytest.mark.parametrize("foreign", ["new keyring", "new encryption key", "new index key"])
def test_a_foreign_keyring_is_refused_by_every_command(tmp_path: Path, db_url: str,
                                                       engine: Engine, foreign: str) -> None:
    ring = generate_keyring()
    index_key, key = ring.split(",")
    populated(tmp_path, engine, ring)
    config = write_config(tmp_path, db_url)
    other_index, other_key = generate_keyring().split(",")
    wrong = {"new keyring": f"{other_index},{other_key}",
             "new encryption key": f"{index_key},{other_key}",
             "new index key": f"{other_index},{key}"}[foreign]
    (tmp_path / "more.jsonl").write_text(json.dumps(SAMPLE_CUSTOMER) + "\n")
    show = ["customers", "show", SAMPLE_CUSTOMER["email"]]
    commands = [show] if foreign != "new keyring" else [
        show, ["doctor"], ["run", "--once"], ["customers", "import", str(tmp_path / "more.jsonl")],
        ["status"], ["init"]]
    for command in commands:
        result = mailbot(config, wrong, *command)
        assert result.returncode == EXIT_WRONG_KEYRING, (command, result.stdout, result.stderr)
        assert "cannot read this database" in result.stdout + result.stderr
        assert "keys generate" not in result.stdout + result.stderr
    with transaction(engine) as session:  # the import wrote nothing
        assert session.scalar(select(func.count()).select_from(Customer)) == 1
    assert mailbot(config, ring, "customers", "show", SAMPLE_CUSTOMER["email"]).returncode == 0


def test_a_database_from_before_the_key_check_is_checked_against_its_customers(
        tmp_path: Path, engine: Engine) -> None:
    ring = generate_keyring()
    populated(tmp_path, engine, ring)
    with transaction(engine) as session:
        session.execute(delete(KeyCheck))
    index_key, _ = ring.split(",")
    with pytest.raises(KeyringMismatch, match="encryption keys"):
        check_keyring(engine, cipher_of(f"{index_key},{generate_fernet_key()}"), now=NOW)
    _, key = generate_keyring().split(",")
    with pytest.raises(KeyringMismatch, match="index"):
        check_keyring(engine, cipher_of(f"{generate_keyring().split(',')[0]},{ring.split(',')[1]}"),
                      now=NOW)
    check_keyring(engine, cipher_of(ring), now=NOW, record=False)
    with transaction(engine) as session:
        assert session.get(KeyCheck, 1) is None
    check_keyring(engine, cipher_of(ring), now=NOW)
    with transaction(engine) as session:
        assert session.get(KeyCheck, 1) is not None


def test_without_a_key_check_every_encrypted_table_is_tried(tmp_path: Path, engine: Engine) -> None:
    ring = generate_keyring()
    populated(tmp_path, engine, ring)
    with transaction(engine) as session:  # no readable customer left: only the other tables
        session.execute(delete(KeyCheck))
        session.execute(update(Customer).values(pii_enc=None))
    index_key, _ = ring.split(",")
    with pytest.raises(KeyringMismatch, match="encryption keys"):
        check_keyring(engine, cipher_of(f"{index_key},{generate_fernet_key()}"), now=NOW)


def test_a_missing_keyring_never_suggests_a_new_one(tmp_path: Path, sqlite_url: str) -> None:
    config = write_config(tmp_path, sqlite_url)
    env = {k: v for k, v in os.environ.items() if k != "MAILBOT_KEYS"}
    result = subprocess.run([*MAILBOT, "--config", str(config), "customers", "show", "a@b.example"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "MAILBOT_KEYS is not set" in result.stderr and "generate" not in result.stderr
