"""pipeline.reading: a reply to a message mailbot sent is read with that message."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from sqlalchemy.engine import Engine

from mailbot.pipeline.reading import read_new
from mailbot.runtime import Runtime
from mailbot.store.crypto import Cipher
from mailbot.store.db import transaction
from mailbot.store.models import InboundMessage, InboundState, Outbox, OutboxState
from tests.fixtures.admin import NOW, make_runtime

OURS = "<q-7@shop.example>"


def _mail(subject: str, body: str, **headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Sara <sara@example.com>", "support@shop.example", subject
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg.as_bytes()


@pytest.fixture
def rt(engine: Engine, cipher: Cipher) -> Runtime:
    return make_runtime(engine, cipher)


def _store(rt: Runtime, raw: bytes, *, question: str | None) -> int:
    with transaction(rt.engine) as session:
        if question is not None:
            sent = _mail("About your request", question, Message_ID=OURS)
            session.add(Outbox(kind="clarify", recipient_index="i", recipient_enc=b"r",
                               message_enc=rt.cipher.encrypt(sent), message_id=OURS,
                               state=OutboxState.sent, next_attempt_at=NOW, created_at=NOW))
        inbound = InboundMessage(mailbox="INBOX", uidvalidity=1, uid=1, sha256="0" * 64,
                                 size=len(raw), state=InboundState.new,
                                 raw_enc=rt.cipher.encrypt(raw), received_at=NOW)
        session.add(inbound)
        session.flush()
        assert inbound.id is not None
        return inbound.id


@pytest.mark.parametrize(
    ("question", "in_reply_to", "intent"),
    [
        ("Hello, would you like us to stop the newsletter as well?", OURS, "unsubscribe"),
        ("Do you want us to close your account? Reply to let us know.", OURS, "delete_account"),
        (None, OURS, "other"),  # we sent nothing with that id: a bare "yes" asks for nothing
        ("Would you like us to stop the newsletter?", "<someone-else@example.org>", "other"),
    ],
)
def test_short_reply_read_with_our_question(rt: Runtime, question: str | None,
                                            in_reply_to: str, intent: str) -> None:
    raw = _mail("Re: About your request", "Yes please", In_Reply_To=in_reply_to)
    inbound_id = _store(rt, raw, question=question)
    reading = read_new(rt, [inbound_id])[inbound_id]
    assert reading.classification is not None
    assert reading.classification.intent == intent
