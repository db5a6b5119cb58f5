"""What to do with a message: a pure function of the message, the customer and any open request.

Nothing here reads the database, the network or the clock: callers pass what is known and get
back a :class:`Decision` that says what to do and why; :mod:`mailbot.pipeline` carries it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from mailbot.config import PolicySettings
from mailbot.mail.parsing import ParsedMessage
from mailbot.policy.states import RequestState


class Action(StrEnum):
    ignore = "ignore"                  # other: left in the inbox for people
    archive = "archive"                # automated: moved away, never answered
    review = "review"                  # a human decides
    unsubscribe = "unsubscribe"        # withdraw consent now, reply
    suppress = "suppress"              # no account (or already erased): suppress the address, reply
    ask_confirmation = "ask_confirmation"  # deletion: mail the address on file for confirmation
    no_account = "no_account"          # deletion asked for an address we do not know
    merge = "merge"                    # the same request is already open
    erase = "erase"                    # deletion confirmed
    refuse = "refuse"                  # a confirmation that does not hold: do nothing at all


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str
    request_id: int | None = None


@dataclass(frozen=True)
class CustomerFacts:
    """What policy needs to know about the customer the sender's address points at."""

    exists: bool
    erased: bool = False


@dataclass(frozen=True)
class PendingRequest:
    id: int
    kind: str
    state: str
    email_index: str | None
    token_expires_at: datetime | None


def decide(
    msg: ParsedMessage,
    *,
    intent: str,
    confidence: float,
    customer: CustomerFacts,
    pending: PendingRequest | None,
    policy: PolicySettings,
) -> Decision:
    """What to do with a message that is not a confirmation reply."""
    if intent == "automated" or (msg.is_automated and not msg.list_unsubscribe_mailto):
        return Decision(Action.archive, "automated mail: " + ", ".join(msg.automation or ("classifier",)))
    if intent == "other":
        return Decision(Action.ignore, "not a privacy request")
    if not msg.from_address:
        return Decision(Action.review, "no usable sender address")
    if confidence < policy.auto_apply_confidence:
        return Decision(Action.review, f"confidence {confidence:.2f} is below "
                        f"auto_apply_confidence {policy.auto_apply_confidence:.2f}")
    if absorbs(pending, intent):
        assert pending is not None
        return Decision(Action.merge, f"request {pending.id} is already open", pending.id)
    if intent == "unsubscribe":
        if customer.exists and not customer.erased:
            return Decision(Action.unsubscribe, "customer found")
        return Decision(Action.suppress, "already erased" if customer.erased else "no account")
    if intent == "delete_account":
        if customer.erased:
            return Decision(Action.suppress, "already erased")
        if not customer.exists:
            return Decision(Action.no_account, "no account for this address")
        return Decision(Action.ask_confirmation, "customer found; confirm from the address on file")
    return Decision(Action.review, f"unknown intent {intent!r}")


# A request that will be carried out without a person: only these take in a repeat of
# themselves. A request in review may be rejected and a failed one may never succeed, so
# neither may swallow the customer's later mail.
ABSORBING_STATES = frozenset({RequestState.received, RequestState.awaiting_confirmation})


def absorbs(pending: PendingRequest | None, intent: str) -> bool:
    """Does a new ``intent`` request merge into ``pending``? Only into one of the same kind
    still on its way: an unsubscribe never waits for an unconfirmed deletion (which may be
    forged and never confirmed); it is its own request, applied at once."""
    return (pending is not None and pending.kind == intent
            and pending.state in ABSORBING_STATES)


def plan_for_intent(intent: str, customer: CustomerFacts) -> Decision:
    """What an admin's approval (with a possibly corrected intent) leads to."""
    if intent == "unsubscribe":
        if customer.exists and not customer.erased:
            return Decision(Action.unsubscribe, "approved by an admin")
        return Decision(Action.suppress, "approved by an admin; no active account")
    if intent == "delete_account":
        if customer.erased:
            return Decision(Action.suppress, "approved by an admin; already erased")
        if customer.exists:
            return Decision(Action.ask_confirmation, "approved by an admin")
        return Decision(Action.no_account, "approved by an admin; no account")
    return Decision(Action.ignore, "an admin judged it not a privacy request")


def channels_to_withdraw(named: tuple[str, ...]) -> tuple[str, ...]:
    """Which marketing channels an unsubscribe withdraws; () means every channel.

    A request that arrives by email and talks about emails or the newsletter is a plain
    unsubscribe: everything stops. Only a request that names other channels and not email
    ("stop the SMS offers") is limited to those. When in doubt we stop more marketing, never
    less.
    """
    if not named or "email" in named:
        return ()
    return named
