"""Answering a request: where the reply goes, and queueing it in the caller's transaction.

The :class:`ReplyEnvelope` is what intake keeps (encrypted, on the request) about how to
answer the sender: their From address (never Reply-To), the subject and thread ids, and why
a reply must not be sent at all. Execution, the lifecycle and review all answer through
:func:`queue_reply`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlmodel import Session

from mailbot.config import Settings
from mailbot.mail.parsing import ParsedMessage
from mailbot.outgoing.outbox import enqueue
from mailbot.outgoing.replies import AddressError, render_reply, reply_blocked_reason
from mailbot.store import audit
from mailbot.store.crypto import Cipher
from mailbot.store.models import Outbox, PrivacyRequest

TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_token() -> str:
    """A confirmation reference such as ``7K2Q-9XHD``, from ``secrets`` (stored only hashed)."""
    chars = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


@dataclass(frozen=True)
class ReplyEnvelope:
    address: str | None = None
    subject: str | None = None
    message_id: str | None = None
    references: tuple[str, ...] = ()
    blocked: str | None = None
    """Why no reply may go to this sender (automated, a list, our own address…), or None."""

    @classmethod
    def for_message(cls, parsed: ParsedMessage, settings: Settings) -> ReplyEnvelope | None:
        """Where and how to answer ``parsed``: the From address only, never Reply-To."""
        if not parsed.from_address:
            return None
        return cls(address=parsed.from_address, subject=parsed.subject,
                   message_id=parsed.message_id, references=tuple(parsed.references),
                   blocked=reply_blocked_reason(parsed, sender=parsed.from_address,
                                                settings=settings))

    def to_address(self, address: str) -> ReplyEnvelope:
        """The same thread, answered at another address (the one on file)."""
        return replace(self, address=address)

    def seal(self, cipher: Cipher) -> bytes:
        return cipher.encrypt_json({"address": self.address, "subject": self.subject,
                                    "message_id": self.message_id,
                                    "references": list(self.references), "blocked": self.blocked})

    @classmethod
    def unseal(cls, cipher: Cipher, sealed: bytes | None) -> ReplyEnvelope:
        """The stored envelope; an empty one when it was never kept or has been forgotten."""
        stored = cipher.decrypt_json(sealed) or {}
        return cls(address=stored.get("address"), subject=stored.get("subject"),
                   message_id=stored.get("message_id"),
                   references=tuple(stored.get("references") or ()), blocked=stored.get("blocked"))


def queue_reply(session: Session, request: PrivacyRequest, kind: str, now: datetime, *,
                settings: Settings, cipher: Cipher, to: str | None = None,
                envelope: ReplyEnvelope | None = None, force: bool = False,
                **context: Any) -> Outbox | None:
    """Render and enqueue a reply in the caller's transaction, unless blocked or rate-limited.

    It takes the whole ``settings``: rendering reads ``[brand]``, ``[replies]``, ``[smtp]``
    and ``[policy]`` (which also sets the rate limit). ``force`` is for the deletion
    confirmation: it goes to the address on file whatever the inbound message looked like,
    because it is how the customer proves who they are.
    """
    envelope = envelope or ReplyEnvelope.unseal(cipher, request.reply_to_enc)
    recipient = to or envelope.address
    blocked = None if force else envelope.blocked
    if not recipient or blocked:
        _note(session, request, "reply_skipped", now, reason=blocked or "no address to reply to")
        return None
    try:
        message = render_reply(kind, language=request.language, context=context,
                               settings=settings, to=recipient,
                               in_reply_to=envelope.message_id, references=envelope.references,
                               original_subject=envelope.subject, now=now)
    except AddressError as exc:  # the request stands; only the answer cannot be written
        _note(session, request, "reply_skipped", now, reason=str(exc))
        return None
    row = enqueue(session, message, cipher=cipher, kind=kind, request_id=request.id, now=now,
                  daily_limit=settings.policy.replies_per_recipient_per_day)
    if row is None:
        _note(session, request, "reply_rate_limited", now, reason="replies_per_recipient_per_day")
    return row


def _note(session: Session, request: PrivacyRequest, action: str, now: datetime,
          **details: Any) -> None:
    audit.record(session, actor="system", action=action, now=now, request_id=request.id,
                 subject_index=request.email_index, details=details)
