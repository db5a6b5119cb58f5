"""One-click unsubscribes: a verified campaign token becomes an applied privacy request.

The same path serves the RFC 8058 ``POST`` of ``mailbot public`` and a tokened
``mailto:support+u-TOKEN@…`` that arrives in the inbox. Either way the request is created
and applied in the caller's transaction, with its audit events and its due date (an
unsubscribe's, 48 hours by default), through the same :func:`mailbot.store.actions.unsubscribe`
as an unsubscribe by mail, and without a reply: a one-click unsubscribe answers on the page,
and a mail client that sent the ``mailto:`` on its own does not read replies.

The token names the customer; whoever sends it (a forwarded campaign, a link scanner that
POSTs) can only ever unsubscribe that customer, never the sender.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.mail.parsing import ParsedMessage
from mailbot.pipeline.transitions import move_request, start_request
from mailbot.policy import deadlines
from mailbot.policy.decisions import Action
from mailbot.public.tokens import TokenError, TokenSigner, UnsubscribeToken, tokens_in
from mailbot.store import actions, audit
from mailbot.store.crypto import Cipher, Keyring
from mailbot.store.models import (
    Customer,
    CustomerStatus,
    MarketingConsent,
    PrivacyRequest,
    RequestKind,
    RequestState,
    Suppression,
)

ACTOR = "one-click"
RECIPIENT_HEADERS = ("delivered-to", "x-original-to", "envelope-to")
"""Where the server keeps the address a message was delivered to when To: shows another
(a Bcc, a list, a client that puts the support address in To: and the tag elsewhere)."""


class OneClickStatus(StrEnum):
    unsubscribed = "unsubscribed"
    already = "already"
    """Nothing left to withdraw (a repeated POST, a retry): no new request."""
    erased = "erased"
    """The account was erased; it gets no marketing anyway."""
    unknown = "unknown"
    """A valid signature for a customer id that does not exist (a deleted test row)."""


@dataclass(frozen=True)
class OneClickOutcome:
    status: OneClickStatus
    request_id: int | None = None
    channels: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4)
def signer_for(keyring: Keyring) -> TokenSigner:
    return TokenSigner(keyring)


def unsubscribe_by_token(session: Session, settings: Settings, token: UnsubscribeToken, *,
                         now: datetime, via: str, cipher: Cipher,
                         inbound_id: int | None = None) -> OneClickOutcome:
    """Withdraw what the token names, once; ``via`` is "https" or "mailto" (for the audit)."""
    audit.lock_chain(session)  # first, as every writer does: a repeated POST waits, then sees it done
    customer = session.get(Customer, token.customer_id)
    if customer is None:
        audit.record(session, actor=ACTOR, action="one_click_refused", now=now,
                     details={"reason": OneClickStatus.unknown, "via": via})
        return OneClickOutcome(OneClickStatus.unknown)
    if customer.status == CustomerStatus.erased:
        return OneClickOutcome(OneClickStatus.erased)
    if _nothing_to_withdraw(session, customer, token.channels):
        audit.record(session, actor=ACTOR, action="one_click_repeated", now=now,
                     subject_index=customer.email_index, details={"via": via})
        return OneClickOutcome(OneClickStatus.already, channels=token.channels)
    request = _new_request(session, settings, customer, token, now=now, via=via,
                           inbound_id=inbound_id)
    done = actions.unsubscribe(session, customer, channels=token.channels, now=now,
                               source=f"request {request.id}", cipher=cipher,
                               request_id=request.id)
    move_request(session, request, RequestState.applied, now=now, actor=ACTOR,
                 details={"action": Action.unsubscribe,
                          "outcome": f"unsubscribed from {', '.join(done.channels)}"})
    return OneClickOutcome(OneClickStatus.unsubscribed, request.id, tuple(done.channels))


def _new_request(session: Session, settings: Settings, customer: Customer,
                 token: UnsubscribeToken, *, now: datetime, via: str,
                 inbound_id: int | None) -> PrivacyRequest:
    kind = RequestKind.unsubscribe
    request = PrivacyRequest(
        kind=kind, state=RequestState.received, action=Action.unsubscribe,
        reason=f"one-click unsubscribe ({via})", language=settings.brand.default_language,
        confidence=1.0,
        channels=list(token.channels), customer_id=customer.id, email_index=customer.email_index,
        inbound_message_id=inbound_id,
        due_at=deadlines.due_at(kind, received=now, policy=settings.policy))
    return start_request(session, request, now=now, actor=ACTOR,
                         details={"kind": kind, "action": Action.unsubscribe, "via": via,
                                  "channel": token.channel, "inbound_message": inbound_id})


def _nothing_to_withdraw(session: Session, customer: Customer, channels: tuple[str, ...]) -> bool:
    targets = channels or actions.MARKETING_CHANNELS
    withdrawn = {consent.channel: not consent.granted for consent in session.scalars(
        select(MarketingConsent).where(MarketingConsent.customer_id == customer.id,
                                       MarketingConsent.channel.in_(targets)))}
    if not all(withdrawn.get(channel, False) for channel in targets):
        return False
    return "email" not in targets or customer.email_index is None \
        or session.get(Suppression, customer.email_index) is not None


def message_tokens(parsed: ParsedMessage) -> list[str]:
    """The ``u-TOKEN`` tags of a mail: in the addresses it was sent to (``support+u-TOKEN@``,
    as a mail client sends an RFC 2369 ``mailto:``), then in its subject."""
    recipients = [*parsed.to, *(value for name, value in parsed.headers
                               if name.lower() in RECIPIENT_HEADERS)]
    return list(dict.fromkeys([*tokens_in(" ".join(recipients)), *tokens_in(parsed.subject)]))


def unsubscribe_by_mail(session: Session, settings: Settings, cipher: Cipher,
                        parsed: ParsedMessage, *, inbound_id: int,
                        now: datetime) -> OneClickOutcome | None:
    """A tokened ``mailto:`` unsubscribes the token's owner, whoever sent it (a forwarded
    campaign included); None when the mail carries no valid token, so it goes on through
    the ordinary pipeline as the sender's own mail."""
    signer = signer_for(cipher.keyring)
    for token in message_tokens(parsed):
        try:
            verified = signer.verify(token)
        except TokenError as exc:
            audit.record(session, actor=ACTOR, action="one_click_refused", now=now,
                         details={"reason": exc.problem, "via": "mailto",
                                  "inbound_message": inbound_id})
            continue
        outcome = unsubscribe_by_token(session, settings, verified, now=now, via="mailto",
                                       cipher=cipher, inbound_id=inbound_id)
        if outcome.status != OneClickStatus.unknown:
            return outcome
    return None
