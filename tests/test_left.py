"""Mail left for people: listed with why (CLI and library), marked on the server, never \\Seen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mailbot.cli.app import app
from mailbot.config import settings_from_dict
from mailbot.pipeline.left import left_for_people
from mailbot.sources.maildir import MaildirSource
from mailbot.testing import MemorySource
from tests.fixtures.world import World

ORDER_QUESTION = ("Where is my order WS-1042?", "Hello, my parcel has not arrived yet. Can you check?")


def test_other_mail_is_flagged_on_the_server_listed_with_why_and_stays_unread(world: World) -> None:
    world.send("a@example.com", *ORDER_QUESTION)
    report = world.run()
    assert report.left == 1
    (flags,) = world.mailbox.flags().values()
    assert b"$MailbotSeen" in flags and b"\\Seen" not in flags
    (item,) = left_for_people(world.rt.engine, cipher=world.rt.cipher)
    assert item.sender == "a@example.com" and item.subject == ORDER_QUESTION[0]
    assert "not a privacy request" in item.reason and "confidence" in item.reason and item.marked
    assert world.run().left == 0  # marked once, not on every pass
    assert world.mailbox.count() == 1  # still in the inbox


def test_a_server_refusing_the_flag_does_not_stop_reading(world: World) -> None:
    world.rt.settings = world.rt.settings.model_copy(update={
        "mailbox": world.rt.settings.mailbox.model_copy(update={"left_flag": "\\Recent"})})
    world.send("a@example.com", *ORDER_QUESTION)  # \Recent cannot be stored: the server says NO
    report = world.run()
    assert report.errors == [] and report.left == 0
    (item,) = left_for_people(world.rt.engine, cipher=world.rt.cipher)
    assert not item.marked  # tried again on the next pass


def test_maildir_gets_the_flagged_flag_in_cur(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    for sub in ("new", "cur", "tmp"):
        (inbox / sub).mkdir(parents=True)
    (inbox / "new" / "1.host").write_bytes(b"Subject: a\n\nx\n")
    (inbox / "cur" / "2.host:2,S").write_bytes(b"Subject: b\n\nx\n")
    settings = settings_from_dict({"mailbox": {"path": str(inbox)}}).mailbox
    with MaildirSource(settings) as source:
        uids = source.uids_after(0)
        source.mark_left(uids, "$MailbotSeen")
        source.mark_left(uids, "$MailbotSeen")  # again: harmless
        assert source.uids_after(0) == uids  # same messages, same UIDs
    assert sorted(p.name for p in (inbox / "cur").iterdir()) == ["1.host:2,F", "2.host:2,FS"]
    assert list((inbox / "new").iterdir()) == []


def test_the_memory_source_keeps_the_contract() -> None:
    source = MemorySource()
    uid = source.deliver(b"Subject: x\n\ny\n")
    source.mark_left([uid, 99], "$MailbotSeen")
    assert source.flags == {uid: {"$MailbotSeen"}}


def test_queue_left_cli(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        keyring_text: str) -> None:
    monkeypatch.setenv("MAILBOT_KEYS", keyring_text)
    world.send("a@example.com", *ORDER_QUESTION)
    world.run()
    config = tmp_path / "cli.toml"
    config.write_text(f'[database]\nurl = "{world.rt.settings.database.url}"\n'
                      '[mailbox]\npath = "in"\n[smtp]\npath = "out"\n')
    runner = CliRunner()
    table = runner.invoke(app, ["--config", str(config), "queue", "left"], terminal_width=80)
    assert table.exit_code == 0, table.output
    assert "Where is my order" in table.output and "not a privacy" in table.output
    assert all(len(line) <= 80 for line in table.output.splitlines())
    lines = runner.invoke(app, ["--config", str(config), "queue", "left", "--json"]).output
    (row,) = [json.loads(line) for line in lines.splitlines()]
    assert row["from"] == "a@example.com" and row["marked"] is True
