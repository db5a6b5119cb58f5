"""The in-memory stand-ins drive a whole pass of the daemon, like the real servers do."""

import asyncio
from email.message import EmailMessage

from sqlalchemy import Engine

from mailbot.config import settings_from_dict
from mailbot.daemon.scheduler import Daemon
from mailbot.runtime import Runtime
from mailbot.store.crypto import Cipher
from mailbot.testing import MemoryMailer, MemorySource
from tests.fixtures.world import ManualClock


def _message(sender: str, subject: str, body: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "support@shop.example", subject
    message["Message-ID"] = f"<{subject.replace(' ', '.')}@example.com>"
    message.set_content(body)
    return message.as_bytes()


def test_a_pass_with_memory_edges(sqlite_engine: Engine, cipher: Cipher) -> None:
    settings = settings_from_dict({"mailbox": {"start_from": "now"}})
    rt = Runtime(settings=settings, engine=sqlite_engine, cipher=cipher, clock=ManualClock())
    source, mailer = MemorySource(), MemoryMailer()
    source.deliver(_message("a@example.com", "unsubscribe", "Please unsubscribe me."))
    source.deliver(_message("b@example.com", "order", "Where is my order WS-1?"))
    report = asyncio.run(Daemon(rt, mailer=mailer, source_factory=lambda: source).run_once())
    assert report.fetched == 2 and report.sent == 1
    assert [e.recipient for e in mailer.sent] == ["a@example.com"]
    assert len(source.processed) == 1 and len(source.inbox) == 1  # the order question stays
    again = asyncio.run(Daemon(rt, mailer=mailer, source_factory=lambda: source).run_once())
    assert again.fetched == 0 and len(mailer.sent) == 1
