"""When a reply confirms a deletion request: every rule must hold (pure)."""

from __future__ import annotations

import re
from datetime import datetime

from mailbot.config import PolicySettings
from mailbot.mail.parsing import ParsedMessage
from mailbot.policy.decisions import Action, Decision, PendingRequest

REF_RE = re.compile(r"\[ref:\s*([A-Z2-9]{4}-[A-Z2-9]{4})\s*\]", re.IGNORECASE)
DMARC_PASS_RE = re.compile(r"\bdmarc\s*=\s*pass\b", re.IGNORECASE)


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
