"""Mail left for people: what mailbot read, decided was not a privacy request (or could not
act on), and left in the inbox, with why. `mailbot queue left` and the admin page list it;
the daemon marks it on the server (``[mailbox] left_flag``) so staff can tell it was read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.mail.parsing import parse_message
from mailbot.store.crypto import Cipher
from mailbot.store.models import InboundMessage, InboundState

LEFT_STATES = (InboundState.ignored, InboundState.left)


@dataclass(frozen=True)
class LeftMessage:
    id: int
    mailbox: str
    received_at: datetime
    sender: str | None
    """None once the raw mail was purged (``raw_mail_retention_days``)."""
    subject: str | None
    reason: str
    marked: bool
    """Flagged on the server already (the daemon does it right after intake)."""


def left_for_people(engine: Engine, *, cipher: Cipher, limit: int = 100) -> list[LeftMessage]:
    """The newest mail left for people, newest first."""
    with Session(engine) as session:
        rows = session.scalars(select(InboundMessage)
                               .where(InboundMessage.state.in_(LEFT_STATES))
                               .order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc())
                               .limit(limit)).all()
    return [_describe(cipher, row) for row in rows]


def _describe(cipher: Cipher, row: InboundMessage) -> LeftMessage:
    sender = subject = None
    if row.raw_enc is not None:
        parsed = parse_message(cipher.decrypt(row.raw_enc))
        sender, subject = parsed.from_address, parsed.subject
    return LeftMessage(id=row.id or 0, mailbox=row.mailbox, received_at=row.received_at,
                       sender=sender, subject=subject, reason=row.reason or "not a privacy request",
                       marked=row.state == InboundState.left)
