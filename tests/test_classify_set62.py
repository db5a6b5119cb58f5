"""Families found by held-out set 62 (the stop-and-remove brief a third time) and set 63 (an
ordinary month at a pet store and a home-electronics store): each has cases that must
change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

# ------------------------------------------------- 1. the texts "of the order"


@pytest.mark.parametrize("text", [
    "Hi, ممكن توقفون SMS حالة الطلب؟ I track everything in the app anyway",
    "وقفوا رسايل الطلبات",
])
def test_order_texts_in_arabic_word_order_are_not_marketing(text: str) -> None:
    assert classify(msg(text)).intent != UNS


@pytest.mark.parametrize("text", ["وقفوا رسايل العروض", "كيف اوقف اشعارات العروض في التطبيق؟"])
def test_offers_and_offers_in_the_app_still_are(text: str) -> None:
    assert classify(msg(text)).intent == UNS


# ------------------------------------------------- 2. «تكفون», "please"


def test_tkfoon_is_please() -> None:
    text = ("عندي حسابين عندكم، واحد على رقم جوالي القديم وواحد على الرقم الجديد. تكفون احذفوا "
            "الحساب القديم، الجديد خلوه.")
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 3. an announcement with two verbs


def test_the_second_verb_of_an_announcement_is_the_stores() -> None:
    text = ("سمعت انكم بتنظفون القائمه البريديه وتوقفون الايميلات عن اللي ما يفتحونها. انا ما "
            "افتحها دايم بس ابيها، لا توقفون العروض عني الله يخليكم")
    assert classify(msg(text)).intent != UNS


# ------------------------------------------------- 4. a "not" with a verb of its own (set 63)


def test_a_negated_clause_before_the_wish_does_not_refuse_it() -> None:
    text = ("زوجتي عندها حساب عندكم، وهي طلبت مني اراسلكم لان ما عندها وقت تبي تسكر الحساب "
            "نهائي")
    assert classify(msg(text)).intent == DEL


def test_not_wanting_to_close_is_still_a_refusal() -> None:
    assert classify(msg("I do not want to close my account")).intent != DEL


# ------------------------------------------------- 5. "Off the list." (set 63)


def test_off_the_list_as_a_clause() -> None:
    assert classify(msg("Off the list.")).intent == UNS


def test_deals_off_is_no_request() -> None:
    assert classify(msg("get deals off")).intent != UNS
