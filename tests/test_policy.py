"""The pure decision core: no database, no clock, no network."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from mailbot.config import PolicySettings
from mailbot.mail.parsing import ParsedMessage
from mailbot.policy.confirmation import (
    attempts_exhausted,
    body_tokens,
    check_confirmation,
    claims_confirmation,
    confirmation_refs,
    dmarc_passed,
    words_refuse,
)
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
                         quoted="", signature="", automation=())
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


def test_a_second_request_merges_only_into_one_of_its_kind_on_its_way() -> None:
    deletion = PendingRequest(7, "delete_account", "awaiting_confirmation", "i", None)
    assert _decide("delete_account", pending=deletion) == Action.merge
    # an unconfirmed (maybe forged) deletion never holds an unsubscribe back
    assert _decide("unsubscribe", pending=deletion) == Action.unsubscribe
    assert _decide("unsubscribe", pending=replace(deletion, kind="unsubscribe",
                                                 state="received")) == Action.merge
    for state in ("in_review", "failed"):  # may be rejected, or never succeed
        assert _decide("unsubscribe", pending=PendingRequest(8, "unsubscribe", state, "i",
                                                             None)) == Action.unsubscribe
        assert _decide("delete_account", pending=replace(deletion, state=state)) \
            == Action.ask_confirmation


def test_admin_approval_plans() -> None:
    assert plan_for_intent("delete_account", KNOWN).action == Action.ask_confirmation  # never erase
    assert plan_for_intent("unsubscribe", CustomerFacts(False)).action == Action.suppress
    assert plan_for_intent("other", KNOWN).action == Action.ignore


def _confirm(msg: ParsedMessage, *, sender: str | None = "idx", expires: datetime | None = None,
             state: str = "awaiting_confirmation", policy: PolicySettings = POLICY) -> Action:
    request = PendingRequest(1, "delete_account", state, "idx", expires or NOW + timedelta(hours=1))
    return check_confirmation(msg, sender_index=sender, request=request, policy=policy,
                              now=NOW).action


@pytest.mark.parametrize(("intent", "evidence", "refused"), [
    ("other", ("no to our question: no",), True),
    ("other", ("deletion negated: delete anything",), True),
    ("other", ("threat, condition or hearsay: delete my account",), True),  # "who is trying to"
    ("unsubscribe", ("unsubscribe: stop the marketing", "keep account: keep my account"), True),
    ("other", (), False),  # "Thanks!", an empty reply's quote, "Done, the ref is in the subject"
    ("delete_account", ("yes to our question",), False),
])
def test_words_that_refuse_a_deletion(intent: str, evidence: tuple[str, ...],
                                      refused: bool) -> None:
    assert words_refuse(intent, evidence) is refused


def test_a_reply_that_refuses_goes_to_a_person_with_a_valid_token() -> None:
    reply = message(subject="Re: confirm [ref:7K2Q-9XHD]")
    request = PendingRequest(1, "delete_account", "awaiting_confirmation", "idx",
                             NOW + timedelta(hours=1))
    decision = check_confirmation(reply, sender_index="idx", request=request, policy=POLICY,
                                  now=NOW, refused_in_words=True)
    assert (decision.action, decision.request_id) == (Action.review, 1)
    # … but a refusal never turns a token that does not hold into anything
    assert check_confirmation(reply, sender_index="idx", request=None, policy=POLICY, now=NOW,
                              refused_in_words=True).action == Action.refuse


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


@pytest.mark.parametrize(("subject", "text"), [
    ("Out of Office: Re: Please confirm [ref:7K2Q-9XHD]", "Yes"),
    ("Automatic reply: Please confirm [ref:7K2Q-9XHD]", ""),
    ("Auto reply: Please confirm [ref:7K2Q-9XHD]", ""),
    ("Autosvar: Please confirm [ref:7K2Q-9XHD]", ""),
    ("رد تلقائي: Re: تأكيد حذف الحساب [ref:7K2Q-9XHD]", ""),
    ("خارج المكتب: Re: تأكيد [ref:7K2Q-9XHD]", ""),
    ("Re: Please confirm [ref:7K2Q-9XHD]",
     "I am out of the office until Monday with limited access to email."),
    ("Re: Please confirm [ref:7K2Q-9XHD]", "أنا خارج المكتب حالياً وسأعود يوم الأحد."),
    ("Re: تأكيد [ref:7K2Q-9XHD]", "هذا رد تلقائي، سأرد على رسالتك عند عودتي."),
])
def test_an_autoresponder_never_confirms_by_wording_alone(subject: str, text: str) -> None:
    assert _confirm(message(subject=subject, text=text)) == Action.refuse


def test_too_many_attempts_from_one_sender_refused() -> None:
    reply = message(subject="Re: confirm [ref:7K2Q-9XHD]")
    request = PendingRequest(1, "delete_account", "awaiting_confirmation", "idx",
                             NOW + timedelta(hours=1))
    limit = POLICY.confirmation_attempts_per_sender_per_day
    decision = check_confirmation(reply, sender_index="idx", request=request, policy=POLICY,
                                  now=NOW, sender_attempts_today=limit)
    assert decision.action == Action.refuse and "too many" in decision.reason
    assert check_confirmation(reply, sender_index="idx", request=request, policy=POLICY,
                              now=NOW, sender_attempts_today=limit - 1).action == Action.erase
    assert not attempts_exhausted(POLICY.confirmation_attempts_per_request - 1, POLICY)
    assert attempts_exhausted(POLICY.confirmation_attempts_per_request, POLICY)


def test_tokens_in_the_body() -> None:
    quoted = message(text="Yes please", quoted="> please keep the reference 7k2q-9xhd in the")
    assert body_tokens(quoted) == ("7K2Q-9XHD",)
    assert body_tokens(message(text="my order ABCD-EFGH-2345 and [ref:AAAA-BBBB]")) == (
        "AAAA-BBBB",)  # a longer code is not a token
    many = message(text=" ".join(f"AAA{c}-BBBB" for c in "CDEFGHJKLMN"))
    assert len(body_tokens(many)) == 5
    assert not claims_confirmation(quoted)  # only a subject [ref:…] claims without a match


def test_dmarc_is_a_method_result_not_a_substring() -> None:
    strict = PolicySettings(require_dmarc_for_deletion=True, trusted_authserv_id="mx.shop.example")

    def passes(*headers: str, sender: str = "sara@example.com") -> bool:
        return dmarc_passed(message(authentication_results=headers, from_address=sender),
                            strict.trusted_authserv_id)

    # the property trick: "dmarc=pass" inside another method's property value
    assert not passes("mx.shop.example; spf=pass smtp.mailfrom=dmarc=pass@evil.example; "
                      "dmarc=fail")
    assert not passes("mx.shop.example; spf=pass (dmarc=pass) smtp.mailfrom=example.com")
    assert not passes("mx.shop.example; dkim=pass header.d=dmarc=pass")
    assert passes("mx.shop.example 1; dmarc=pass (p=none) header.from=example.com")
    assert passes("MX.shop.example;\r\n  dkim=pass header.d=example.com;\r\n  dmarc=pass")
    assert not passes("mx.shop.example; dmarc=pass header.from=evil.example")  # other domain
    assert not passes("mx.shop.example; dmarc=pass; dmarc=fail")
    assert not passes("mx.shop.example.evil; dmarc=pass")  # not our authserv-id
    assert not passes("mx.shop.example; ;;; dmarc=pass = =", "mx.shop.example; dmarc=pass")
    assert not passes("mx.shop.example; none")


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
