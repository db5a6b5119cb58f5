"""An erased person's mail leaves the mailbox (real Dovecot; a Maildir) and the Maildir
outbox, after the erasure commits, retried until done; on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from mailbot.config import settings_from_dict
from mailbot.daemon.scheduler import Daemon
from mailbot.daemon.status import PROBLEM, collect_status, prometheus_text
from mailbot.pipeline import mail_removal
from mailbot.runtime import Runtime
from mailbot.sources.base import MailTarget, SourceError
from mailbot.sources.imap import ImapSource
from mailbot.sources.maildir import remove_from_maildir
from mailbot.store.crypto import Cipher
from mailbot.store.models import AuditEvent, MailRemoval
from tests.fixtures.world import ManualClock, World, compose
from tests.helpers import SAMPLE_CUSTOMER

SARA = SAMPLE_CUSTOMER["email"]
AHMED = "ahmed.alharbi@example.com"
REF = re.compile(r"\[ref:([A-Z0-9]{4}-[A-Z0-9]{4})\]")


def _all_mail(world: World) -> list[bytes]:
    """Every message left in every folder of the test mailbox, read over IMAP."""
    client = world.mailbox.client()
    found = []
    for _flags, _delimiter, name in client.list_folders():
        client.select_folder(name, readonly=True)
        uids = client.search(["ALL"])
        found += [d[b"BODY[]"] for d in client.fetch(uids, ["BODY.PEEK[]"]).values()] if uids else []
    return found


def _erase_sara(world: World) -> None:
    """Sara asks a question (left in INBOX), asks for deletion and confirms; Ahmed writes too."""
    world.customers(SAMPLE_CUSTOMER, {"email": AHMED, "name": "Ahmed"})
    world.send(f"Sara <{SARA}>", "Where is my order?", "Hello, where is order 4411? Sara")
    world.send(AHMED, "Where is my parcel?", "Hi, my parcel has not arrived yet.")
    world.send(f"Sara <{SARA}>", "Delete my account",
               "Hello, please delete my account and all my personal data. Sara")
    world.run()
    (confirmation,) = world.replies(SARA)
    ref = REF.search(str(confirmation["Subject"])).group(1)  # type: ignore[union-attr]
    world.clock.advance(hours=1)
    world.send(SARA, f"Re: Confirm the deletion of your account [ref:{ref}]", "Yes, go ahead.")
    assert sum(SARA.encode() in raw for raw in _all_mail(world)) == 3  # before: all still there


def _events(engine: Engine) -> list[dict]:
    with Session(engine) as session:
        return [e.details for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "erased_mail_removed"))]


def test_the_mailbox_holds_none_of_the_erased_persons_mail(world: World) -> None:
    _erase_sara(world)
    report = world.run()
    left = _all_mail(world)
    assert not any(SARA.encode() in raw for raw in left)
    assert [b"parcel" in raw for raw in left] == [True]  # Ahmed's mail is untouched
    assert report.mail_removed == 3
    assert _events(world.rt.engine) == [{"from": "mailbox", "messages": 3}]
    world.run()  # nothing left to do, nothing recorded twice
    assert _events(world.rt.engine) == [{"from": "mailbox", "messages": 3}]


def test_a_failed_removal_after_the_commit_is_retried_until_done(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _erase_sara(world)

    def refuse(self: ImapSource, targets: list[MailTarget]) -> list[int]:
        raise SourceError(f"{self.key}: delete failed: connection reset")

    with monkeypatch.context() as patch:  # the erasure commits; the server change fails
        patch.setattr(ImapSource, "remove_messages", refuse)
        world.run()
    with Session(world.rt.engine) as session:
        pending = session.scalars(select(MailRemoval).where(MailRemoval.done_at.is_(None))).all()
        assert len(pending) == 3 and all("connection reset" in (r.last_error or "")
                                         for r in pending)
    assert sum(SARA.encode() in raw for raw in _all_mail(world)) == 3
    world.clock.advance(hours=1)  # longer than a pass may take: status says so
    with Session(world.rt.engine) as session:
        status = collect_status(session, world.rt.settings, now=world.clock())
    assert status["erased_mail"]["pending"] == 3 and status["health"] == PROBLEM
    assert any("erased people" in p and "connection reset" in p for p in status["problems"])
    assert "mailbot_erased_mail_pending 3.0" in prometheus_text(status)
    world.run()  # the next pass converges
    assert not any(SARA.encode() in raw for raw in _all_mail(world))
    assert _events(world.rt.engine) == [{"from": "mailbox", "messages": 3}]
    with Session(world.rt.engine) as session:
        assert collect_status(session, world.rt.settings,
                              now=world.clock())["erased_mail"]["pending"] == 0


def test_a_crash_between_the_removal_and_its_record_converges(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _erase_sara(world)

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the process dies after the expunge, before the mark

    with monkeypatch.context() as patch:
        patch.setattr(mail_removal, "_complete", crash)
        with pytest.raises(KeyboardInterrupt):
            world.run()
    assert not any(SARA.encode() in raw for raw in _all_mail(world))
    world.run()
    with Session(world.rt.engine) as session:
        assert session.scalar(select(func.count()).select_from(MailRemoval)
                              .where(MailRemoval.done_at.is_(None))) == 0


# --- Maildir mailbox and Maildir outbox -----------------------------------------------------


def _maildir(path: Path) -> Path:
    for sub in ("new", "cur", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def _files(path: Path) -> list[bytes]:
    return [f.read_bytes() for f in path.rglob("*") if f.is_file() and f.parent.name in ("new", "cur")]


def test_maildir_mailbox_and_outbox_hold_none_of_the_erased_persons_mail(
        engine: Engine, cipher: Cipher, tmp_path: Path) -> None:
    inbox, outbox = _maildir(tmp_path / "Maildir"), _maildir(tmp_path / "outbox")
    clock = ManualClock()
    settings = settings_from_dict({
        "brand": {"support_address": "support@shop.example"},
        "mailbox": {"backend": "maildir", "path": str(inbox), "start_from": "3650d"},
        "smtp": {"backend": "maildir", "path": str(outbox)},
        "database": {"url": "sqlite://"}})
    rt = Runtime(settings=settings, engine=engine, cipher=cipher, clock=clock)
    world = World(rt=rt, clock=clock, mailbox=None, smtp=None, tmp=tmp_path)  # type: ignore[arg-type]
    world.customers(SAMPLE_CUSTOMER, {"email": AHMED, "name": "Ahmed"})

    def send(sender: str, subject: str, body: str) -> None:
        raw = compose(sender, subject, body, now=clock()).as_bytes()
        (inbox / "new" / f"{hashlib.sha256(raw).hexdigest()}.host").write_bytes(raw)

    def run() -> int:
        return asyncio.run(Daemon(rt).run_once()).mail_removed

    send(f"Sara <{SARA}>", "Where is my order?", "Hello, where is order 4411? Sara")
    send(AHMED, "Where is my parcel?", "Hi, my parcel has not arrived yet.")
    send(f"Sara <{SARA}>", "Delete my account", "Please delete my account and all my data.")
    run()
    ref = REF.search(" ".join(raw.decode(errors="replace") for raw in _files(outbox))).group(1)  # type: ignore[union-attr]
    clock.advance(hours=1)
    send(SARA, f"Re: Confirm the deletion of your account [ref:{ref}]", "Yes, go ahead.")
    assert run() == 3 + 2  # three mails in the mailbox; the confirmation and the final reply
    assert not any(SARA.encode() in raw for raw in _files(inbox))
    assert [b"parcel" in raw for raw in _files(inbox)] == [True]
    assert not any(SARA.encode() in raw for raw in _files(outbox))
    assert run() == 0


def test_mail_without_a_message_id_is_found_by_its_bytes(tmp_path: Path) -> None:
    folder = _maildir(tmp_path / "box")
    theirs = b"From: a@example.com\r\nSubject: x\r\n\r\nmine\r\n"
    same_size = b"From: b@example.com\r\nSubject: x\r\n\r\nyour\r\n"
    (folder / "cur" / "1.host:2,S").write_bytes(theirs)
    (folder / "new" / "2.host").write_bytes(same_size)
    target = MailTarget(None, hashlib.sha256(theirs).hexdigest(), len(theirs))
    assert remove_from_maildir(folder, [target]) == [1]
    assert _files(folder) == [same_size]
    assert remove_from_maildir(folder, [target]) == [0]  # again: nothing, no error
    assert remove_from_maildir(tmp_path / "absent", [target]) == [0]
