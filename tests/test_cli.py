"""The command line contract (../shared/DESIGN.md), through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mailbot.cli.app import app
from tests.helpers import SAMPLE_CUSTOMER, write_jsonl

runner = CliRunner()
COMMANDS = [[], ["init"], ["run"], ["classify"], ["customers", "import"], ["customers", "show"],
            ["queue", "list"], ["queue", "show"], ["queue", "approve"], ["queue", "reject"],
            ["queue", "retry"], ["queue", "replies"], ["queue", "retry-reply"], ["purge"],
            ["audit", "verify"], ["status"], ["doctor"], ["admin"],
            ["admin-user", "add"], ["admin-user", "list"], ["admin-user", "remove"],
            ["keys", "generate"], ["keys", "rotate"], ["demo"],
            ["unsubscribe-link"], ["public"]]


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keyring_text: str) -> Path:
    monkeypatch.setenv("MAILBOT_KEYS", keyring_text)
    path = tmp_path / "config.toml"
    path.write_text('[database]\nurl = "sqlite:///mailbot.db"\n'
                    '[mailbox]\nbackend = "maildir"\npath = "inbox"\n'
                    '[smtp]\nbackend = "maildir"\npath = "outbox"\n')
    return path


def mailbot(config: Path | None, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    prefix = ["--config", str(config)] if config else []
    return runner.invoke(app, [*prefix, *args], input=input)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "mailbot")
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 4


def test_init_twice(config: Path) -> None:
    first = mailbot(config, "init")
    assert first.exit_code == 0 and "Schema created" in first.output
    second = mailbot(config, "init")
    assert second.exit_code == 0 and "up to date" in second.output


def test_missing_config_and_missing_schema_say_what_to_do(tmp_path: Path, config: Path) -> None:
    result = mailbot(tmp_path / "absent.toml", "status")
    assert result.exit_code == 2 and "no such config file" in result.output
    result = mailbot(config, "status")
    assert result.exit_code == 2 and "mailbot" in result.output and "init" in result.output


def test_missing_keys_ask_for_the_databases_keyring(config: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MAILBOT_KEYS")
    result = mailbot(config, "init")
    assert result.exit_code == 2 and "keyring this database was created with" in result.output
    assert "generate" not in result.output


def test_customers_import_and_show(config: Path, tmp_path: Path) -> None:
    mailbot(config, "init")
    data = write_jsonl(tmp_path / "c.jsonl", [SAMPLE_CUSTOMER, '{"email": 12}'])
    result = mailbot(config, "customers", "import", str(data))
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output and "c.jsonl:2:" in result.output
    shown = mailbot(config, "customers", "show", SAMPLE_CUSTOMER["email"], "--json")
    summary = json.loads(shown.stdout)
    assert {k: summary[k] for k in ("status", "orders", "cards")} == {
        "status": "active", "orders": 1, "cards": 1}
    assert summary["marketing"] == {"email": True, "sms": True}
    assert "personal_data" not in summary
    revealed = json.loads(mailbot(config, "customers", "show", SAMPLE_CUSTOMER["email"], "--json",
                                  "--reveal").stdout)
    assert revealed["personal_data"]["name"] == "Sara Haddad"
    missing = mailbot(config, "customers", "show", "nobody@example.com", "--json")
    assert missing.exit_code == 3


def test_classify_needs_no_config(tmp_path: Path) -> None:
    message = tmp_path / "m.eml"
    message.write_bytes(b"From: a@example.com\r\nSubject: unsubscribe\r\n\r\n")
    result = runner.invoke(app, ["--config", str(tmp_path / "none.toml"), "classify", "--json",
                                 str(message), str(tmp_path / "missing.eml")])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["intent"] == "unsubscribe" and first["path"] == str(message)
    assert set(first) >= {"path", "intent", "confidence", "language", "evidence"}
    assert "error" in second


def test_queue_audit_purge_status(config: Path) -> None:
    mailbot(config, "init")
    assert mailbot(config, "queue", "list").output.strip() == "The queue is empty."
    missing = mailbot(config, "queue", "approve", "99")
    assert missing.exit_code == 2 and "no request 99" in missing.output
    bad = mailbot(config, "queue", "approve", "1", "--as", "spam")
    assert bad.exit_code == 2 and "can be approved as" in bad.output
    assert "intact" in mailbot(config, "audit", "verify").output
    purge = mailbot(config, "purge", "--dry-run", "--as-of", "2030-01-01")
    assert purge.exit_code == 0 and "cards" in purge.output
    assert mailbot(config, "purge", "--as-of", "01/01/2030").exit_code == 2
    status = json.loads(mailbot(config, "status", "--json").stdout)
    assert status["health"] == "ok" and status["outbox"]["pending"] == 0


def test_keys_generate_and_rotate(config: Path, tmp_path: Path) -> None:
    from mailbot.store.crypto import Keyring

    ring = mailbot(None, "keys", "generate", "--keyring").stdout.strip()
    Keyring.parse(ring, where="test")
    assert len(mailbot(None, "keys", "generate").stdout.strip()) == 44
    mailbot(config, "init")
    mailbot(config, "customers", "import", str(write_jsonl(tmp_path / "c.jsonl", [SAMPLE_CUSTOMER])))
    rotated = mailbot(config, "keys", "rotate")
    assert rotated.exit_code == 0 and "Re-encrypted" in rotated.output


def test_run_once_on_an_empty_maildir(config: Path) -> None:
    import mailbox

    mailbot(config, "init")
    failing = mailbot(config, "run", "--once")
    assert failing.exit_code == 1 and "inbox" in failing.output  # no Maildir there yet
    mailbox.Maildir(config.parent / "inbox", create=True)
    result = mailbot(config, "run", "--once")
    assert result.exit_code == 0, result.output
    assert "fetched 0" in result.output


def test_a_locked_database_is_one_line_not_a_traceback(config: Path, tmp_path: Path) -> None:
    import mailbox
    import sqlite3
    import subprocess
    import sys

    from tests.fixtures.mail import make_raw

    mailbot(config, "init")
    mailbox.Maildir(tmp_path / "inbox", create=True).add(make_raw(1))
    config.write_text(config.read_text().replace("mailbot.db", "mailbot.db?timeout=0.2"))
    holder = sqlite3.connect(tmp_path / "mailbot.db")
    holder.execute("BEGIN EXCLUSIVE")  # another process is writing
    try:
        done = subprocess.run([sys.executable, "-m", "mailbot", "--config", str(config), "run",
                               "--once"], capture_output=True, text=True, timeout=120,
                              cwd=tmp_path)
    finally:
        holder.rollback()
        holder.close()
    assert done.returncode == 5, done.stderr
    assert "Traceback" not in done.stderr
    assert "error: the database is busy (database is locked)" in " ".join(done.stderr.split())


def test_demo(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "erased" in result.output and "[ref:" in result.output
    assert "automated: archived" in result.output


def test_errors_print_section_names_literally(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[smtp]\nbackend = "maildir"\n')
    result = mailbot(path, "status")
    assert result.exit_code == 2
    assert "[smtp] path" in result.output and "[mailbox] path" in result.output


def test_version() -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"mailbot {version('mailbot-privacy')}\n"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "mailbot")
def test_help_shows_no_type_for_flags_and_fits_80_columns(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], terminal_width=80)
    assert "<bool>" not in result.output, result.output  # flags take no value
    assert "<str>" not in result.output and "<list[" not in result.output, result.output
    assert all(len(line) <= 80 for line in result.output.splitlines()), result.output


def test_classify_reads_a_greeting_against_the_store_name(tmp_path: Path) -> None:
    message = tmp_path / "m.eml"
    message.write_bytes(b"From: a@example.com\r\nTo: support@shop.example\r\nSubject: hi\r\n\r\n"
                        b"Hello Bayt Mart team,\r\n\r\nPlease close my account.\r\n")
    plain = runner.invoke(app, ["classify", "--json", str(message)])
    named = runner.invoke(app, ["classify", "--json", "--store-name", "Waha Store", str(message)])
    assert json.loads(plain.stdout)["intent"] == "delete_account"  # shop.example names nobody
    assert json.loads(named.stdout)["intent"] == "other"  # … the store's name does
