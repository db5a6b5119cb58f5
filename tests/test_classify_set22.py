"""Families found by held-out set 22 (replies and follow-ups, family members, phones), one
family at a time: each has cases that must be requests and look-alikes that must keep
their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, applied, auto_applied

# ------------------------------------------------- 1. a request opening with its own negator

@pytest.mark.parametrize(("text", "intent"), [
    # "I haven't bought anything in a year and I don't want an account left open": the first
    # «ما» belongs to its own clause
    ("بدي امسح حسابي عندكن لو سمحتو. صرلي سنة ما اشتريت شي وما بدي يضل حساب مفتوح.", DEL),
    ("ما اشتريت شي وما ابي رسايلكم", UNS),
    ("ما اشتريت شي وما ابي الحساب", DEL),
    ("I never bought anything and I don't want your emails", UNS),
])
def test_a_negator_in_an_earlier_clause_does_not_reach_the_request(text: str,
                                                                   intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent and confidence >= AUTO_APPLY, (got, confidence)


@pytest.mark.parametrize("text", [
    "لا تحذفوا الحساب",
    "ارجوكم لا تحذفوا حسابي",
    "I don't want you to delete my account",
])
def test_a_negated_deletion_stays_negated(text: str) -> None:
    assert applied(text)[0] != DEL


# ------------------------------------------------- 2. «لا» before an imperative answers

@pytest.mark.parametrize(("text", "intent"), [
    ("لا احذفوا الحساب كله، ما ابي اي شي يربطني فيكم", DEL),  # "no, delete the whole account"
    ("لا، احذفوا الحساب كله", DEL),
    ("لا الغوا اشتراكي بالنشرة", UNS),
])
def test_no_before_a_plural_imperative_is_an_answer(text: str, intent: str) -> None:
    assert auto_applied(text, intent)


def test_no_to_the_store_question_then_the_imperative() -> None:
    quoted = ("> بخصوص طلبك، هل ترغب في حذف حسابك لدينا،\n> أم إيقاف رسائل التسويق فقط؟")
    assert auto_applied("لا احذفوا الحساب كله، ما ابي اي شي يربطني فيكم", DEL, quoted=quoted)


# ------------------------------------------------- 3. Arabizi spellings

@pytest.mark.parametrize(("text", "intent"), [
    ("marhaba, baddi 2emsa7 el account taba3i 3endkon w kel el data yalli 3layh", DEL),
    ("ana 3ayez a2af el sms bta3et el 3orood elly btegy kol yom", UNS),
])
def test_levantine_and_egyptian_arabizi_verbs(text: str, intent: str) -> None:
    assert auto_applied(text, intent)


@pytest.mark.parametrize("text", [
    "ana a2af fe el tabour sa3a 3ashan el order",  # "I stand in the queue"
    "mesh 3ayez 2a7zef el account",  # "I don't want to delete the account"
])
def test_arabizi_look_alikes(text: str) -> None:
    got, confidence = applied(text)
    assert got == OTHER or confidence < AUTO_APPLY
