"""Which request shapes match, and which matches their context explains away."""

from __future__ import annotations

import pytest

from mailbot.understanding import letters
from mailbot.understanding.classify import classify
from mailbot.understanding.hits import find
from mailbot.understanding.normalise import tokens
from tests.test_classify import msg


def _hits(text: str) -> list[tuple[str, str]]:
    toks = tokens(text)
    codes, index = letters.codes(toks)
    return [(hit.kind, hit.rule) for hit in find(codes, toks, index)]


@pytest.mark.parametrize(("text", "hit"), [
    ("please close my account", ("del", "verb-object")),
    ("unsubscribe me", ("uns", "unsubscribe")),
    ("keep my account", ("keep", "keep-account")),
    ("I want to stay subscribed", ("stay", "stay-subscribed")),
    ("I got your newsletter. stop these please", ("uns", "pronoun")),  # "these": the newsletter
])
def test_a_request_shape_is_a_hit(text: str, hit: tuple[str, str]) -> None:
    assert hit in _hits(text)


@pytest.mark.parametrize("text", [
    "the app keeps closing when I open my account",  # intransitive
    "cancel the subscription box order",  # an order, not the subscription
    "keep it up, great service",
])
def test_a_look_alike_is_no_hit(text: str) -> None:
    assert not [hit for hit in _hits(text) if hit[0] in ("del", "uns", "keep")]


def test_a_paid_plan_is_billing() -> None:
    assert ("paid", "unsubscribe") in _hits("unsubscribe me from the Gold membership")


@pytest.mark.parametrize("text", [
    # a control's label names it; what the sender does with the control decides
    'I only found the "Delete account" button in the app, and I don\'t want that.',
    'لم أجد في التطبيق إلا زر "حذف الحساب"، ولا أريد ذلك',
    'Your "Delete account" flow takes 6 taps and ends on an error.',
])
def test_a_controls_label_is_no_hit(text: str) -> None:
    assert not [h for h in _hits(text) if h[0] == "del"]


@pytest.mark.parametrize("text", [
    "لو سمحتوا الغوا موافقتي على الإعلانات",
    "please cancel my consent to marketing",
    "I withdraw my consent",
])
def test_cancelling_consent_is_an_unsubscribe(text: str) -> None:
    assert ("uns", "consent") in _hits(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("أبي أوقف حسابي عندكم، ما أبي أستخدمه بعد", True),
    ("I want to stop my account, I don't use it.", True),
    ("I want to stop my account emails", False),  # the mail, not the account
])
def test_an_account_stopped_is_deactivated(text: str, expected: bool) -> None:
    assert (("del", "stop-account") in _hits(text)) is expected


def test_newsletter_in_arabic_letters_is_marketing() -> None:
    assert ("uns", "remove-from-list") in _hits("أنا بغيت غير تحيدوني من النيوزليتر")


@pytest.mark.parametrize("text", ["وما لقيت زر الحذف في التطبيق", "ما لقيت خيار حذف الحساب"])
def test_an_arabic_control_names_a_deletion(text: str) -> None:
    assert not [h for h in _hits(text) if h[0] == "del"]


def test_an_arabic_unsubscribe_link_is_still_asked_for() -> None:
    assert [h for h in _hits("رابط الغاء الاشتراك ما يشتغل") if h[0] == "uns"]


def test_the_accounts_owner_is_no_unwanted_account() -> None:
    assert ("del", "no-account") not in _hits("وما ابي اسبب مشكلة لصاحبة الحساب الاصلية")
    assert ("del", "no-account") in _hits("وما ابي الحساب")


@pytest.mark.parametrize(("text", "intent"), [
    # "I don't want my account touched": something done to it, refused
    ("I don't want my account touched. I'd just like to stop getting the promotional emails.",
     "unsubscribe"),
    ("I don't want my account anymore.", "delete_account"),
])
def test_an_account_not_wanted_touched(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # "do it" asks again for the deletion told before it, also after "if not"
    ("I asked you to delete my account on 3 March. Today I got an email saying my password was"
     " reset. Has it been deleted or not? If not please do it now.", "delete_account"),
    # a deletion weighed, then "do it" about something else is no request; nor is a bare "if not"
    ("Please don't delete my account. Just fix the address and do it now.", "other"),
    ("Please don't delete my account yet. Do it later.", "other"),
    ("If not please delete my account", "other"),
])
def test_do_it_again(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
