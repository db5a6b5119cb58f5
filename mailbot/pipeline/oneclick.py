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
from mailbot.policy import deadlines
from mailbot.policy.decisions import Action
from mailbot.public.tokens import TokenSigner, UnsubscribeToken
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
    request.state = RequestState.applied
    session.add(request)
    audit.record(session, actor=ACTOR, action="request_applied", now=now, request_id=request.id,
                 subject_index=customer.email_index,
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
        confidence=1.0, evidence=[f"one-click token ({via}): {token.channel}"],
        channels=list(token.channels), customer_id=customer.id, email_index=customer.email_index,
        inbound_message_id=inbound_id, due_at=deadlines.due_at(kind, received=now, policy=settings.policy),
        created_at=now, updated_at=now)
    session.add(request)
    session.flush()
    audit.record(session, actor=ACTOR, action="request_received", now=now, request_id=request.id,
                 subject_index=customer.email_index,
                 details={"kind": kind, "action": Action.unsubscribe, "via": via,
                          "channel": token.channel, "inbound_message": inbound_id})
    return request


def _nothing_to_withdraw(session: Session, customer: Customer, channels: tuple[str, ...]) -> bool:
    targets = channels or actions.MARKETING_CHANNELS
    withdrawn = {consent.channel: not consent.granted for consent in session.scalars(
        select(MarketingConsent).where(MarketingConsent.customer_id == customer.id,
                                       MarketingConsent.channel.in_(targets)))}
    if not all(withdrawn.get(channel, False) for channel in targets):
        return False
    return "email" not in targets or customer.email_index is None \
        or session.get(Suppression, customer.email_index) is not None
