"""Stored message → parsed and classified, before intake takes any write lock.

Reading is the expensive, pure part of intake (decrypt, parse, classify). It runs here,
one message at a time in a short read-only session, so a costly mail never holds
SQLite's write lock (other writers gave up after ~30 s) and only one raw message is in
memory at a time. The work per message is bounded in the parser and the classifier;
on top of that each message has a time budget (``[mailbox] message_budget_seconds``):
one that takes longer goes to the review queue with the reason instead of being acted
on, and the rest of its batch carries on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.config import MailboxSettings
from mailbot.mail.parsing import ParsedMessage, parse_message
from mailbot.outgoing.replies import ASKS
from mailbot.store.crypto import Cipher
from mailbot.store.models import InboundMessage, InboundState, Outbox
from mailbot.understanding.classify import Classification, classify


@dataclass(frozen=True)
class Reading:
    """A stored message parsed and classified, or why it goes to the review queue."""

    parsed: ParsedMessage | None
    classification: Classification | None = None
    problem: str | None = None


def read_raw(raw_enc: bytes | None, *, cipher: Cipher, mailbox: MailboxSettings,
             timer: Callable[[], float] = time.perf_counter,
             our_message: Callable[[str], bytes | str | None] = lambda message_id: None,
             store_names: tuple[str, ...] = ()) -> Reading:
    """Decrypt, parse and classify one message within the per-message time budget.

    ``our_message`` finds the (encrypted) bytes of a message mailbot sent by its
    Message-ID, or once delivered what its kind asks (``replies.ASKS``): a short reply to
    it ("yes please", "no") is classified with its question.
    ``store_names`` (``[brand] name``) tells a mail that greets us from one that greets
    another company.
    """
    if raw_enc is None:  # purged before it was handled (a long outage)
        return Reading(None, problem="raw mail no longer stored")
    raw = cipher.decrypt(raw_enc)
    started = timer()
    try:
        parsed = parse_message(raw)
    except Exception as exc:  # should never raise; quarantine if it does
        return Reading(None, problem=f"cannot read: {exc.__class__.__name__}")
    try:
        question = _question(parsed, our_message, cipher)
        classification = classify(parsed, question, store_names)
    except Exception as exc:  # keep the parsed sender, so an admin can still approve it
        return Reading(parsed, problem=f"cannot read: {exc.__class__.__name__}")
    spent, budget = timer() - started, mailbox.message_budget_seconds
    if spent > budget:
        return Reading(parsed, problem=f"took {spent:.1f} s to read, over the {budget:g} s budget")
    return Reading(parsed, classification)


def _question(parsed: ParsedMessage, our_message: Callable[[str], bytes | str | None],
              cipher: Cipher) -> str | None:
    """The text of our own message that ``parsed`` replies to (In-Reply-To), if any: its
    (encrypted) bytes while we still hold them, else what its kind asks."""
    sent = our_message(parsed.in_reply_to) if parsed.in_reply_to else None
    if isinstance(sent, str):
        return sent
    return parse_message(cipher.decrypt(sent)).text if sent else None


def _outbox_lookup(session: Session) -> Callable[[str], bytes | str | None]:
    def lookup(message_id: str) -> bytes | str | None:
        found = session.execute(select(Outbox.message_enc, Outbox.kind).where(
            Outbox.message_id == message_id)).first()
        session.rollback()  # no snapshot held while parsing
        if found is None:
            return None
        # delivered: the text is forgotten, the kind says what it asked ("reply to confirm")
        return found[0] if found[0] is not None else ASKS.get(found[1])
    return lookup


def read_new(engine: Engine, ids: Iterable[int], *, cipher: Cipher,
             mailbox: MailboxSettings, store_names: tuple[str, ...] = ()) -> dict[int, Reading]:
    """Readings of the messages among ``ids`` that are still ``new``, outside any write
    transaction (a message another daemon takes meanwhile is skipped at claim time)."""
    readings: dict[int, Reading] = {}
    with Session(engine) as session:
        for inbound_id in ids:
            found = session.execute(select(InboundMessage.raw_enc).where(
                InboundMessage.id == inbound_id, InboundMessage.state == InboundState.new)).first()
            session.rollback()  # end the read transaction: never hold a snapshot across parsing
            if found is not None:
                readings[inbound_id] = read_raw(found[0], cipher=cipher, mailbox=mailbox,
                                                our_message=_outbox_lookup(session),
                                                store_names=store_names)
    return readings
