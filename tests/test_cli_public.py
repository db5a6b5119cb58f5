"""`mailbot unsubscribe-link` (one address and a campaign list) through Typer's runner."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mailbot.cli.app import app
from mailbot.pipeline.oneclick import signer_for
from mailbot.store.crypto import Cipher
from mailbot.store.customers import import_customers
from mailbot.store.db import make_engine
from tests.fixtures.public import NOW
from tests.helpers import SAMPLE_CUSTOMER, write_jsonl

runner = CliRunner()
LINK = re.compile(r"^List-Unsubscribe: <https://u\.shop\.example/u/([a-z2-7]{32})>, "
                  r"<mailto:support\+u-\1@shop\.example>$")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keyring_text: str, sqlite_url: str,
           cipher: Cipher) -> Path:
    monkeypatch.setenv("MAILBOT_KEYS", keyring_text)
    path = tmp_path / "config.toml"
    path.write_text(f'[brand]\nsupport_address = "support@shop.example"\n'
                    f'[database]\nurl = "{sqlite_url}"\n'
                    '[mailbox]\nbackend = "maildir"\npath = "inbox"\n'
                    '[smtp]\nbackend = "maildir"\npath = "outbox"\n'
                    '[public]\nbase_url = "https://u.shop.example/"\n')
    engine = make_engine(sqlite_url)
    rows = [SAMPLE_CUSTOMER] + [{"email": f"c{n}@example.com"} for n in range(1200)]
    import_customers(write_jsonl(tmp_path / "c.jsonl", rows), engine=engine, cipher=cipher, now=NOW)
    engine.dispose()
    return path


def test_prints_exactly_the_two_headers(config: Path, cipher: Cipher) -> None:
    result = runner.invoke(app, ["--config", str(config), "unsubscribe-link",
                                 SAMPLE_CUSTOMER["email"].upper()])
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    match = LINK.match(first)
    assert match, first
    assert second == "List-Unsubscribe-Post: List-Unsubscribe=One-Click"
    assert signer_for(cipher.keyring).verify(match.group(1)).channel == "email"
    assert "sara" not in first.lower()


def test_channel_option(config: Path, cipher: Cipher) -> None:
    result = runner.invoke(app, ["--config", str(config), "unsubscribe-link", "c1@example.com",
                                 "--channel", "all"])
    match = LINK.match(result.stdout.splitlines()[0])
    assert match and signer_for(cipher.keyring).verify(match.group(1)).channel == "all"
    bad = runner.invoke(app, ["--config", str(config), "unsubscribe-link", "c1@example.com",
                              "--channel", "fax"])
    assert bad.exit_code == 2


def test_unknown_address_exits_3(config: Path) -> None:
    result = runner.invoke(app, ["--config", str(config), "unsubscribe-link", "nobody@example.com"])
    assert result.exit_code == 3 and "no active customer" in result.output


def test_from_file_in_bulk(config: Path, tmp_path: Path) -> None:
    campaign = tmp_path / "campaign.txt"
    addresses = [f"c{n}@example.com" for n in range(1200)]
    campaign.write_text("# spring sale\n" + "\n".join(addresses[:600]) + "\n\nghost@example.com\n"
                        + "\n".join(addresses[600:]) + "\n")
    result = runner.invoke(app, ["--config", str(config), "unsubscribe-link", "--from-file",
                                 str(campaign)])
    assert result.exit_code == 3  # one address is no customer's
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["email"] for r in rows] == addresses[:600] + ["ghost@example.com"] + addresses[600:]
    assert rows[600] == {"email": "ghost@example.com", "error": "no active customer has this address"}
    good = [r for r in rows if "error" not in r]
    assert len({r["List-Unsubscribe"] for r in good}) == 1200
    assert all(LINK.match("List-Unsubscribe: " + r["List-Unsubscribe"]) for r in good)
    as_csv = runner.invoke(app, ["--config", str(config), "unsubscribe-link", "--from-file",
                                 str(campaign), "--format", "csv"])
    table = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(table) == 1201 and table[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_needs_one_address_or_a_file_and_a_base_url(config: Path) -> None:
    result = runner.invoke(app, ["--config", str(config), "unsubscribe-link"])
    assert result.exit_code == 2 and "--from-file" in result.output
    config.write_text(config.read_text().replace('base_url = "https://u.shop.example/"', ""))
    result = runner.invoke(app, ["--config", str(config), "unsubscribe-link", "c1@example.com"])
    assert result.exit_code == 2 and "[public] base_url" in result.output


def test_a_support_address_too_long_for_the_tagged_mailto_is_refused(config: Path) -> None:
    long_local = "customer.care.and.privacy.team"
    config.write_text(config.read_text().replace('"support@shop.example"',
                                                 f'"{long_local}@shop.example"'))
    result = runner.invoke(app, ["--config", str(config), "unsubscribe-link", "c1@example.com"])
    assert result.exit_code == 2 and "over the 64" in result.output
