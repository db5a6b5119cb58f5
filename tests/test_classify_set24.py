"""Families found by held-out set 24 (a week after a data-leak rumour, in the winter sale),
one family at a time: each has cases that must be requests and look-alikes that must keep
their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, applied, auto_applied, rules_apply

# ------------------------------------------------- 1. Egyptian «ما…ش» on any verb negates

@pytest.mark.parametrize("text", [
    "ولا ده ولا ده 🙂 أنا ماطلبتش أمسح الحساب ولا أوقف الإيميلات. أنا كل اللي سألته هل بياناتي "
    "اتسربت ولا لأ",  # "I didn't ask to delete the account or to stop the emails"
    "أنا ماطلبتش حد يمسح حسابي",
])
def test_an_egyptian_negated_verb_negates_the_request_after_it(text: str) -> None:
    assert applied(text)[0] == OTHER


def test_an_egyptian_negated_verb_after_the_request_leaves_it() -> None:
    assert auto_applied("امسحوا حسابي، ماعدتش محتاجه", DEL)  # "I don't need it any more"


# ------------------------------------------------- 2. "I had unsubscribed" in Egyptian

@pytest.mark.parametrize("text", [
    "أنا كنت عاملة إلغاء اشتراك في النشرة من شهر عشان الإيميلات كانت كتير، بس دلوقتي عايزة أرجع "
    "تاني عشان ألحق عروض الأوكازيون. ممكن ترجعوني انتو؟",
])
def test_an_unsubscribe_told_as_done_is_no_request(text: str) -> None:
    assert applied(text)[0] == OTHER


# ------------------------------------------------- 3. "I couldn't", «ماعرفتش»: asked of us

@pytest.mark.parametrize(("text", "intent"), [
    ("I couldn't delete my account myself, please delete it", DEL),
    ("couldn't delete my account, pls do it", DEL),  # the "I" left out
    ("ماعرفتش امسح الحساب، ممكن تمسحوه انتو؟", DEL),
    ("ما قدرت الغي الاشتراك من الرابط، الغوه انتو", UNS),
    ("I don't know how to unsubscribe, please stop the emails", UNS),
])
def test_not_being_able_to_is_no_refusal(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent and confidence >= AUTO_APPLY, (got, confidence)


@pytest.mark.parametrize("text", [
    "You can't delete my account without asking me",  # a protest: "you", not "I"
    "They can't close my account like that, I never asked for it",
])
def test_someone_elses_cannot_is_a_refusal(text: str) -> None:
    assert applied(text)[0] != DEL


# ------------------------------------------------- 4. "my email" said after the noun

@pytest.mark.parametrize("text", [
    "law sama7to sheelo el email bta3i mn el newsletter. el account sebooh 3ady.",
    "شيلوا الايميل حقي من النشرة لو سمحتوا",
])
def test_mine_after_the_noun_is_the_senders(text: str) -> None:
    assert auto_applied(text, UNS)


def test_someone_elses_address_stays_theirs() -> None:
    assert not auto_applied("sheelo el email bta3 a5oya mn el newsletter", UNS)  # my brother's


# ------------------------------------------------- 5. a box that charges every month

@pytest.mark.parametrize("text", [
    "How do I unsubscribe from the Little Explorers monthly box? I'm being charged SAR 89 "
    "every month. I still want your emails about sales, it's only the box.",
    "كل شهر ينخصم مني ٨٩ ريال على البوكس، ابي الغي الاشتراك",
])
def test_a_subscription_charged_every_month_is_billing(text: str) -> None:
    assert applied(text)[0] == OTHER


@pytest.mark.parametrize("text", [
    "Please unsubscribe me, I was charged for an order I never made and I am angry about "
    "your emails",
    "unsubscribe me please, you charged my card twice for order 5512",
])
def test_a_charge_once_beside_an_unsubscribe_keeps_it(text: str) -> None:
    assert rules_apply(text, UNS)
