"""When a reply confirms a deletion request: every rule must hold (pure).

The token is the secret. Only a reply from the address on file that carries the request's
valid, unexpired, single-use token confirms; ``In-Reply-To``/``References`` never do
(Message-IDs are not secrets: they travel in clear through every relay and can be
predicted). A reply that looks automated, by its headers or its wording, never confirms and
never counts against the request. Failed attempts are limited per request and per sender,
so guessing the 40-bit token is hopeless. And the reply's own words count: one that refuses
("I never asked for this! Don't delete anything", «لا», "just stop the emails") goes to a
person instead of confirming, though it keeps the token in its subject.
"""

from __future__ import annotations

import re
from datetime import datetime

from authres import AuthenticationResultsHeader

from mailbot.config import PolicySettings
from mailbot.mail.automation import looks_like_autoreply
from mailbot.mail.parsing import ParsedMessage
from mailbot.policy.decisions import Action, Decision, PendingRequest
from mailbot.vocabulary import REFUSALS

TOKEN = r"[A-Z2-9]{4}-[A-Z2-9]{4}"
REF_RE = re.compile(rf"\[ref:\s*({TOKEN})\s*\]", re.IGNORECASE)
BARE_TOKEN_RE = re.compile(rf"(?<![\w-])({TOKEN})(?![\w-])", re.IGNORECASE)
MAX_BODY_TOKENS = 5  # candidates looked up per message: a body full of them costs no more


def confirmation_refs(msg: ParsedMessage) -> tuple[str, ...]:
    """Reference tokens in the subject, upper-cased (``[ref:7K2Q-9XHD]``)."""
    return tuple(dict.fromkeys(m.upper() for m in REF_RE.findall(msg.subject or "")))


def body_tokens(msg: ParsedMessage) -> tuple[str, ...]:
    """Tokens in the body (own words first, then the quoted confirmation), upper-cased.

    The confirmation mail shows the bare token, and replies quote it; a customer may also
    paste ``[ref:…]``. Only a token that matches a pending request makes the message a
    confirmation, so a stray look-alike in a normal request changes nothing.
    """
    found: list[str] = []
    for text in (msg.text, msg.quoted):
        for match in BARE_TOKEN_RE.finditer(text[:20_000]):
            found.append(match.group(1).upper())
            if len(dict.fromkeys(found)) >= MAX_BODY_TOKENS:
                break
    return tuple(dict.fromkeys(found))[:MAX_BODY_TOKENS]


def claims_confirmation(msg: ParsedMessage) -> bool:
    """A ``[ref:…]`` in the subject: the sender means to confirm, right token or not."""
    return bool(confirmation_refs(msg))


def is_automatic_reply(msg: ParsedMessage) -> bool:
    """An autoresponder's answer, by its headers or by its wording."""
    return msg.is_automated or looks_like_autoreply(msg.subject, msg.text)


def words_refuse(intent: str, evidence: tuple[str, ...]) -> bool:
    """Do the reply's own words refuse the deletion or ask for something else ("I never
    asked for this! Don't delete anything", «لا», "No wait, just stop the emails")? The
    classifier read them with our confirmation mail; a reply that says nothing, "yes" or
    "thanks" refuses nothing."""
    return intent == "unsubscribe" or any(e.startswith(_HELD_BACK) for e in evidence)


# … the classifier's refusals, and "someone is trying to delete my account" or a condition
_HELD_BACK = (*REFUSALS, "threat, condition or hearsay:")


def check_confirmation(
    msg: ParsedMessage,
    *,
    sender_index: str | None,
    request: PendingRequest | None,
    policy: PolicySettings,
    now: datetime,
    sender_attempts_today: int = 0,
    refused_in_words: bool = False,
) -> Decision:
    """Does this reply confirm the deletion request whose token it carries? Every rule must
    hold. ``request`` is the request the token matched (None: no request has it);
    ``sender_attempts_today`` counts the sender's earlier confirmation attempts;
    ``refused_in_words``: the reply's own words refuse it (:func:`words_refuse`), which sends
    it to a person, however right the token and the address."""
    if is_automatic_reply(msg):
        return Decision(Action.refuse, "an automatic reply never confirms",
                        request.id if request else None)
    if sender_attempts_today >= policy.confirmation_attempts_per_sender_per_day:
        return Decision(Action.refuse, "too many confirmation attempts from this sender today",
                        request.id if request else None)
    if request is None:
        return Decision(Action.refuse, "no pending request has this reference")
    if request.kind != "delete_account" or request.state != "awaiting_confirmation":
        return Decision(Action.refuse, f"request {request.id} is {request.state}, not awaiting "
                        "confirmation", request.id)
    if refused_in_words:
        return Decision(Action.review, "the reply's own words refuse the deletion or ask for "
                        "something else: a person reads it", request.id)
    if request.token_expires_at is None or request.token_expires_at <= now:
        return Decision(Action.refuse, "the confirmation has expired", request.id)
    if sender_index is None or sender_index != request.email_index:
        return Decision(Action.refuse, "sent from an address other than the one on file",
                        request.id)
    if policy.require_dmarc_for_deletion and not dmarc_passed(msg, policy.trusted_authserv_id):
        return Decision(Action.refuse, "no DMARC pass from the trusted authentication server",
                        request.id)
    return Decision(Action.erase, "confirmed from the address on file", request.id)


def attempts_exhausted(failures: int, policy: PolicySettings) -> bool:
    """After this many failed attempts a request stops accepting confirmations."""
    return failures >= policy.confirmation_attempts_per_request


def dmarc_passed(msg: ParsedMessage, trusted_authserv_id: str | None) -> bool:
    """RFC 8601, parsed (not searched): only the topmost header whose authserv-id is ours
    counts, since anyone can add others; in it, every ``dmarc`` method result must be
    ``pass`` and, when it names ``header.from``, for the From address's domain."""
    if not trusted_authserv_id:
        return False
    for value in msg.authentication_results:
        if _authserv_id(value) != trusted_authserv_id.lower():
            continue
        try:
            header = AuthenticationResultsHeader.parse_value(value)
        except Exception:  # authres raises its own errors on any malformed value
            return False  # our own header unreadable: never fall through to lower ones
        return _dmarc_results_pass(header, msg.from_address)
    return False


def _authserv_id(value: str) -> str:
    return (value.split(";", 1)[0].split() or [""])[0].lower()


def _dmarc_results_pass(header: AuthenticationResultsHeader, from_address: str | None) -> bool:
    dmarc = [result for result in header.results if str(result.method).lower() == "dmarc"]
    if not dmarc:
        return False
    domain = (from_address or "").rpartition("@")[2].lower()
    for result in dmarc:
        if str(result.result).lower() != "pass":
            return False
        named = [str(p.value).lower() for p in result.properties
                 if (str(p.type).lower(), str(p.name).lower()) == ("header", "from")]
        if named and named[0] != domain:
            return False
    return True
