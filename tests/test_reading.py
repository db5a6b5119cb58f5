"""Reading before writing (real Dovecot, both databases): crafted mail never stalls a pass,
a message over its time budget goes to review, and no write lock is held while parsing.
A reply to a message mailbot sent is read with that message's question."""

from __future__ import annotations

import dataclasses
import sqlite3
from email.message import EmailMessage
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mailbot.pipeline import reading
from mailbot.pipeline.reading import read_new
from mailbot.runtime import Runtime
from mailbot.store.audit import AUDIT_LOCK_KEY
from mailbot.store.crypto import Cipher
from mailbot.store.db import transaction
from mailbot.store.models import (
    InboundMessage,
    InboundState,
    Outbox,
    OutboxState,
    RequestKind,
    RequestState,
)
from tests.fixtures.admin import NOW, make_runtime
from tests.fixtures.hostile import NAMES, hostile_mail
from tests.fixtures.world import World
from tests.helpers import SAMPLE_CUSTOMER

SARA = SAMPLE_CUSTOMER["email"]


def _with_budget(world: World, seconds: float) -> None:
    settings = world.rt.settings
    mailbox = settings.mailbox.model_copy(update={"message_budget_seconds": seconds})
    world.rt = dataclasses.replace(world.rt, settings=settings.model_copy(update={"mailbox": mailbox}))


def test_one_pass_over_crafted_mail_replies_to_the_good_mail(world: World) -> None:
    world.customers(SAMPLE_CUSTOMER)
    for n, name in enumerate(NAMES):
        world.mailbox.deliver(hostile_mail(name, n))
    world.send(SARA, "newsletter", "Please unsubscribe me from your newsletter.")
    world.run()
    assert len(world.replies(SARA)) == 1
    shown = world.shown(SARA)
    assert shown is not None and shown["marketing"]["email"] is False
    with Session(world.rt.engine) as session:
        states = list(session.scalars(select(InboundMessage.state)))
    assert len(states) == len(NAMES) + 1
    assert InboundState.new not in states  # every crafted mail was handled in the same pass


def test_a_message_over_its_time_budget_goes_to_review_and_the_batch_goes_on(world: World) -> None:
    world.customers(SAMPLE_CUSTOMER)
    _with_budget(world, 0.05)  # the 1 MB of nested <div> takes longer; one short mail does not
    world.mailbox.deliver(hostile_mail("nested-divs"))
    world.send(SARA, "newsletter", "Please unsubscribe me from your newsletter.")
    world.run()
    assert len(world.replies(SARA)) == 1
    quarantined = [r for r in world.requests() if r.kind == RequestKind.quarantine]
    assert len(quarantined) == 1
    assert quarantined[0].state == RequestState.in_review
    assert "over the 0.05 s budget" in (quarantined[0].reason or "")


def test_a_message_that_cannot_be_read_is_quarantined_not_retried(world: World,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_parsed: Any, *_context: Any) -> None:
        raise RecursionError("a classifier bug")
    monkeypatch.setattr(reading, "classify", broken)
    world.send(SARA, "newsletter", "Please unsubscribe me.")
    world.run()
    world.run()  # the next pass does not read it again
    quarantined = [r for r in world.requests() if r.kind == RequestKind.quarantine]
    assert [r.reason for r in quarantined] == ["cannot read: RecursionError"]


def test_no_write_lock_is_held_while_a_message_is_read(world: World,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """While classify() runs, another writer gets the database at once (no busy wait)."""
    engine = world.rt.engine
    free: list[bool] = []
    real_classify = reading.classify

    def writer_can_write() -> bool:
        if engine.dialect.name == "sqlite":
            other = sqlite3.connect(engine.url.database or "", timeout=0)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.rollback()
                return True
            except sqlite3.OperationalError:
                return False
            finally:
                other.close()
        with engine.connect() as other:
            got = other.scalar(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK_KEY})
            other.rollback()
            return bool(got)

    def spying_classify(parsed: Any, *context: Any) -> Any:
        free.append(writer_can_write())
        return real_classify(parsed, *context)

    monkeypatch.setattr(reading, "classify", spying_classify)
    world.customers(SAMPLE_CUSTOMER)
    for n in range(3):
        world.send(SARA, f"newsletter {n}", "Please unsubscribe me from your newsletter.")
    world.run()
    assert free == [True, True, True]
    assert len(world.replies(SARA)) == 1


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
    reading = read_new(rt.engine, [inbound_id], cipher=rt.cipher,
                       mailbox=rt.settings.mailbox)[inbound_id]
    assert reading.classification is not None
    assert reading.classification.intent == intent


def test_a_bug_after_reading_quarantines_that_message_with_its_sender(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from mailbot.pipeline import intake

    real_decide = intake.decisions.decide

    def decide(parsed: Any, **kwargs: Any) -> Any:
        if parsed.subject == "boom":
            raise ZeroDivisionError("a decision bug")
        return real_decide(parsed, **kwargs)

    monkeypatch.setattr(intake.decisions, "decide", decide)
    world.customers(SAMPLE_CUSTOMER)
    world.send("omar@example.com", "boom", "Please unsubscribe me.")
    world.send(SARA, "newsletter", "Please unsubscribe me from your newsletter.")
    world.run()
    assert len(world.replies(SARA)) == 1  # the rest of the batch went on
    quarantined = [r for r in world.requests() if r.kind == RequestKind.quarantine]
    assert [r.reason for r in quarantined] == ["intake failed: ZeroDivisionError"]
    assert quarantined[0].email_index == world.rt.cipher.email_index("omar@example.com")
    assert quarantined[0].reply_to_enc is not None  # read once, before: an admin can approve
