"""The pure decision core: no database, no clock, no network."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from mailbot.config import PolicySettings
from mailbot.mail.parsing import ParsedMessage
from mailbot.policy.confirmation import check_confirmation, confirmation_refs, dmarc_passed
from mailbot.policy.deadlines import due_at, reminder_due
from mailbot.policy.decisions import (
    Action,
    CustomerFacts,
    PendingRequest,
    channels_to_withdraw,
    decide,
    plan_for_intent,
)
from mailbot.policy.retention import financial_kept_until, retention_cutoffs

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
POLICY = PolicySettings()
KNOWN = CustomerFacts(exists=True)


def message(**fields) -> ParsedMessage:  # type: ignore[no-untyped-def]
    base = ParsedMessage(message_id="<m@x>", subject="", from_address="sara@example.com",
                         from_name="", reply_to=None, to=("support@shop.example",), date=None,
                         in_reply_to=None, references=(), return_path=None, text="",
                         quoted="", signature="", language_hint="en", automation=())
    return replace(base, **fields)


def _decide(intent: str, confidence: float = 0.95, customer: CustomerFacts = KNOWN,
            pending: PendingRequest | None = None, **fields) -> Action:  # type: ignore[no-untyped-def]
    return decide(message(**fields), intent=intent, confidence=confidence, customer=customer,
                  pending=pending, policy=POLICY).action


def test_decisions() -> None:
    assert _decide("unsubscribe") == Action.unsubscribe
    assert _decide("unsubscribe", customer=CustomerFacts(exists=False)) == Action.suppress
    assert _decide("unsubscribe", customer=CustomerFacts(exists=True, erased=True)) == Action.suppress
    assert _decide("delete_account") == Action.ask_confirmation
    assert _decide("delete_account", customer=CustomerFacts(exists=False)) == Action.no_account
    assert _decide("delete_account", customer=CustomerFacts(True, erased=True)) == Action.suppress
    assert _decide("other") == Action.ignore
    assert _decide("automated") == Action.archive
    assert _decide("unsubscribe", 0.5) == Action.review
    assert _decide("unsubscribe", from_address=None) == Action.review


def test_automation_signals_win_except_for_a_mailto_unsubscribe() -> None:
    assert _decide("unsubscribe", automation=("list-id",)) == Action.archive
    assert _decide("unsubscribe", automation=("list-id",), list_unsubscribe_mailto=True) \
        == Action.unsubscribe


def test_a_second_request_merges() -> None:
    pending = PendingRequest(7, "delete_account", "awaiting_confirmation", "i", None)
    assert _decide("unsubscribe", pending=pending) == Action.merge
    assert _decide("delete_account", pending=pending) == Action.merge
    unsub = PendingRequest(8, "unsubscribe", "in_review", "i", None)
    assert _decide("delete_account", pending=unsub) == Action.ask_confirmation


def test_admin_approval_plans() -> None:
    assert plan_for_intent("delete_account", KNOWN).action == Action.ask_confirmation  # never erase
    assert plan_for_intent("unsubscribe", CustomerFacts(False)).action == Action.suppress
    assert plan_for_intent("other", KNOWN).action == Action.ignore


def _confirm(msg: ParsedMessage, *, sender: str | None = "idx", expires: datetime | None = None,
             state: str = "awaiting_confirmation", policy: PolicySettings = POLICY) -> Action:
    request = PendingRequest(1, "delete_account", state, "idx", expires or NOW + timedelta(hours=1))
    return check_confirmation(msg, sender_index=sender, request=request, policy=policy,
                              now=NOW).action


def test_confirmation_rules() -> None:
    reply = message(subject="Re: confirm [ref:7K2Q-9XHD]")
    assert _confirm(reply) == Action.erase
    assert _confirm(reply, sender="other") == Action.refuse
    assert _confirm(reply, sender=None) == Action.refuse
    assert _confirm(reply, expires=NOW) == Action.refuse
    assert _confirm(reply, state="applied") == Action.refuse
    assert _confirm(replace(reply, automation=("auto-submitted:auto-replied",))) == Action.refuse
    assert check_confirmation(reply, sender_index="idx", request=None, policy=POLICY,
                              now=NOW).action == Action.refuse


def test_dmarc_from_the_trusted_server_only() -> None:
    strict = PolicySettings(require_dmarc_for_deletion=True, trusted_authserv_id="mx.shop.example")
    ok = message(subject="[ref:7K2Q-9XHD]", authentication_results=(
        "mx.shop.example; spf=pass; dkim=pass; dmarc=pass header.from=example.com",))
    forged = message(subject="[ref:7K2Q-9XHD]", authentication_results=(
        "evil.example; dmarc=pass", "mx.shop.example; dmarc=fail"))
    assert _confirm(ok, policy=strict) == Action.erase
    assert _confirm(forged, policy=strict) == Action.refuse
    assert _confirm(message(subject="[ref:7K2Q-9XHD]"), policy=strict) == Action.refuse
    assert not dmarc_passed(ok, None)


def test_refs_and_channels() -> None:
    assert confirmation_refs(message(subject="Re: x [ref:7k2q-9xhd] [REF: AAAA-BBBB]")) == (
        "7K2Q-9XHD", "AAAA-BBBB")
    assert channels_to_withdraw(()) == ()
    assert channels_to_withdraw(("email",)) == ()
    assert channels_to_withdraw(("sms",)) == ("sms",)
    assert channels_to_withdraw(("sms", "email")) == ()


def test_deadlines_and_reminders() -> None:
    assert due_at("unsubscribe", received=NOW, policy=POLICY) == NOW + timedelta(days=2)
    assert due_at("delete_account", received=NOW, policy=POLICY) == NOW + timedelta(days=30)
    expires = NOW + timedelta(hours=72)
    assert not reminder_due(asked_at=NOW, reminded_at=None, expires_at=expires,
                            now=NOW + timedelta(hours=23), policy=POLICY)
    assert reminder_due(asked_at=NOW, reminded_at=None, expires_at=expires,
                        now=NOW + timedelta(hours=24), policy=POLICY)
    assert not reminder_due(asked_at=NOW, reminded_at=NOW, expires_at=expires,
                            now=NOW + timedelta(hours=30), policy=POLICY)
    assert not reminder_due(asked_at=NOW, reminded_at=None, expires_at=expires,
                            now=expires, policy=POLICY)


@pytest.mark.parametrize("now", [NOW, datetime(2028, 2, 29, tzinfo=UTC)])
def test_retention_cutoffs(now: datetime) -> None:
    cut = retention_cutoffs(now, POLICY)
    midnight = datetime.combine(now.date(), datetime.min.time(), tzinfo=UTC)
    assert cut.card_stored_before == midnight - timedelta(days=364)  # day 365 goes today
    assert cut.raw_mail_before == midnight - timedelta(days=29)
    first_kept = cut.unlinked_orders_before.date()
    assert financial_kept_until(first_kept, POLICY) > now.date()
    assert financial_kept_until(first_kept - timedelta(days=1), POLICY) <= now.date()


@pytest.mark.parametrize(("erased", "until"), [(date(2026, 6, 1), date(2031, 6, 1)),
                                               (date(2028, 2, 29), date(2033, 2, 28))])
def test_financial_records_are_kept_years_after_the_erasure(erased: date, until: date) -> None:
    assert financial_kept_until(erased, POLICY) == until
    assert retention_cutoffs(datetime.combine(until, datetime.min.time(), tzinfo=UTC),
                             POLICY).unlinked_orders_before.date() > erased


def test_received_at_prefers_a_credible_date_header() -> None:
    from mailbot.policy.deadlines import MAX_TRANSIT, received_at

    arrival = NOW - timedelta(hours=1)
    assert received_at(date_header=NOW - timedelta(days=2), delivered=arrival,
                       picked_up=NOW) == NOW - timedelta(days=2)
    assert received_at(date_header=arrival + timedelta(minutes=5), delivered=arrival,
                       picked_up=NOW) == arrival  # a fast clock: never after the arrival
    assert received_at(date_header=arrival - MAX_TRANSIT - timedelta(seconds=1),
                       delivered=arrival, picked_up=NOW) == arrival
    assert received_at(date_header=None, delivered=None, picked_up=NOW) == NOW
    assert received_at(date_header=None, delivered=NOW + timedelta(days=1), picked_up=NOW) == NOW
