"""`mailbot doctor` against a real Dovecot, aiosmtpd and database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mailbot.cli.app import app
from mailbot.cli.doctor import run_checks
from mailbot.config import load_settings
from mailbot.store.db import make_engine, upgrade_schema
from tests.fixtures.dovecot import DovecotMailbox
from tests.fixtures.smtp import SmtpServer
from tests.fixtures.world import write_daemon_config

NOW = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture
def config(tmp_path: Path, dovecot: DovecotMailbox, smtp_server: SmtpServer,
           monkeypatch: pytest.MonkeyPatch, keyring_text: str) -> Path:
    monkeypatch.setenv("MAILBOT_KEYS", keyring_text)
    url = f"sqlite:///{tmp_path / 'mailbot.db'}"
    upgrade_schema(make_engine(url))
    return write_daemon_config(tmp_path / "config.toml", dovecot, smtp_server, url)


def _failed(config: Path) -> dict[str, str]:
    return {c.name: c.detail for c in run_checks(load_settings(config), now=NOW) if not c.ok}


def test_all_checks_pass_against_working_servers(config: Path) -> None:
    result = CliRunner().invoke(app, ["--config", str(config), "doctor"])
    assert result.exit_code == 0, result.output
    assert result.output.count("ok ") == 5
    assert "UIDVALIDITY" in result.output and "connected" in result.output


def test_each_broken_part_is_named(config: Path, smtp_server: SmtpServer,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILBOT_TEST_IMAP_PASSWORD", "wrong")
    smtp_server.stop()
    monkeypatch.delenv("MAILBOT_KEYS")
    failed = _failed(config)
    assert set(failed) == {"encryption keys", "mailbox", "outgoing mail"}
    assert "AUTHENTICATIONFAILED" in failed["mailbox"] or "refused" in failed["mailbox"]
    assert str(smtp_server.port) in failed["outgoing mail"]
    result = CliRunner().invoke(app, ["--config", str(config), "doctor"])
    assert result.exit_code == 1
    assert "MAILBOT_KEYS is not set" in result.output and "generate" not in result.output


def test_a_missing_schema_says_run_init(tmp_path: Path, config: Path) -> None:
    text = config.read_text().replace("mailbot.db", "empty.db")
    config.write_text(text)
    assert "schema" in _failed(config)["database"]


def test_a_database_file_others_can_read_is_named(tmp_path: Path, config: Path) -> None:
    db_file = tmp_path / "mailbot.db"
    assert "database" not in _failed(config)  # created 0600 by mailbot itself
    db_file.chmod(0o644)  # as releases before the private file made it
    assert f"chmod 600 {db_file}" in _failed(config)["database"]
