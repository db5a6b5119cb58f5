"""Decisions and retention rules as pure functions of data and a clock.

Nothing here reads the database, the network or the time: callers pass what is known about
the message, the customer and any pending request, and get back an :class:`Decision` that
says what to do and why. :mod:`mailbot.intake` and :mod:`mailbot.requests` carry the decision out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from mailbot.config import PolicySettings
from mailbot.parsing import ParsedMessage

REF_RE = re.compile(r"\[ref:\s*([A-Z2-9]{4}-[A-Z2-9]{4})\s*\]", re.IGNORECASE)
DMARC_PASS_RE = re.compile(r"\bdmarc\s*=\s*pass\b", re.IGNORECASE)


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
    if pending is not None and pending.kind in (intent, "delete_account"):
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


def confirmation_refs(msg: ParsedMessage) -> tuple[str, ...]:
    """Reference tokens in the subject, upper-cased (``[ref:7K2Q-9XHD]``)."""
    return tuple(m.upper() for m in REF_RE.findall(msg.subject or ""))


def thread_ids(msg: ParsedMessage) -> tuple[str, ...]:
    ids = [msg.in_reply_to] if msg.in_reply_to else []
    return tuple(dict.fromkeys([*ids, *msg.references]))


def looks_like_confirmation(msg: ParsedMessage) -> bool:
    return bool(confirmation_refs(msg))


def check_confirmation(
    msg: ParsedMessage,
    *,
    sender_index: str | None,
    request: PendingRequest | None,
    policy: PolicySettings,
    now: datetime,
) -> Decision:
    """Does this reply confirm the deletion request it points at? Every rule must hold."""
    if request is None:
        return Decision(Action.refuse, "no pending request has this reference")
    if msg.is_automated:
        return Decision(Action.refuse, "an automatic reply never confirms", request.id)
    if request.kind != "delete_account" or request.state != "awaiting_confirmation":
        return Decision(Action.refuse, f"request {request.id} is {request.state}, not awaiting "
                        "confirmation", request.id)
    if request.token_expires_at is None or request.token_expires_at <= now:
        return Decision(Action.refuse, "the confirmation has expired", request.id)
    if sender_index is None or sender_index != request.email_index:
        return Decision(Action.refuse, "sent from an address other than the one on file",
                        request.id)
    if policy.require_dmarc_for_deletion and not dmarc_passed(msg, policy.trusted_authserv_id):
        return Decision(Action.refuse, "no DMARC pass from the trusted authentication server",
                        request.id)
    return Decision(Action.erase, "confirmed from the address on file", request.id)


def dmarc_passed(msg: ParsedMessage, trusted_authserv_id: str | None) -> bool:
    """RFC 8601: only a header whose authserv-id is ours counts (others can be forged)."""
    if not trusted_authserv_id:
        return False
    for value in msg.authentication_results:
        authserv = value.split(";", 1)[0].strip().split()[0:1]
        if authserv and authserv[0].lower() == trusted_authserv_id.lower():
            return bool(DMARC_PASS_RE.search(value))
    return False


# --- deadlines and retention -----------------------------------------------------------------


def due_at(kind: str, *, received: datetime, policy: PolicySettings) -> datetime:
    days = policy.unsubscribe_due_days if kind == "unsubscribe" else policy.deletion_due_days
    return received + timedelta(days=days)


def confirmation_expiry(now: datetime, policy: PolicySettings) -> datetime:
    return now + timedelta(hours=policy.confirmation_ttl_hours)


def reminder_due(*, asked_at: datetime, reminded_at: datetime | None,
                 expires_at: datetime | None, now: datetime, policy: PolicySettings) -> bool:
    """One reminder, ``reminder_after_hours`` after asking, and only while it can still help."""
    if reminded_at is not None or expires_at is None or expires_at <= now:
        return False
    return now >= asked_at + timedelta(hours=policy.reminder_after_hours)


@dataclass(frozen=True)
class RetentionCutoffs:
    """Anything older than these moments is due for deletion."""

    card_stored_before: datetime
    unlinked_orders_before: datetime
    raw_mail_before: datetime
    sent_replies_before: datetime


def retention_cutoffs(now: datetime, policy: PolicySettings) -> RetentionCutoffs:
    return RetentionCutoffs(
        card_stored_before=now - timedelta(days=policy.card_retention_days),
        unlinked_orders_before=_years_before(now, policy.financial_retention_years),
        raw_mail_before=now - timedelta(days=policy.raw_mail_retention_days),
        sent_replies_before=now - timedelta(days=policy.raw_mail_retention_days),
    )


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def financial_kept_until(order_year_end: datetime, policy: PolicySettings) -> datetime:
    return order_year_end.replace(year=order_year_end.year + policy.financial_retention_years)
