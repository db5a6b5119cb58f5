"""Families found by held-out set 41 (gifts and guests), one family at a time: each has cases
that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, auto_applied, msg

# ------------------------------------------------- 1. "w ma baddi …": "and I don't want"


@pytest.mark.parametrize("text", [
    "ahlan, baddi elghi el eshterak bel newsletter taba3kon, 3am yeje kteer. w ma baddi sakker "
    "el account, bas el emails. merci",
    "stop the emails w ma baddi sakker el 7sab",
])
def test_and_i_dont_want_the_account_closed(text: str) -> None:
    result = classify(msg(text))
    assert result.intent == UNS, result


@pytest.mark.parametrize("text", [
    "ما عاد احتاجه وابي تشيلون بياناتي",
    "and I want you to delete my account",
])
def test_and_i_want_still_asks(text: str) -> None:
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 2. a late relative's account, her data


def test_a_late_mothers_account_and_her_data() -> None:
    text = ("والدتي الله يرحمها اتوفت الشهر اللي فات، وكان ليها حساب عندكم على الإيميل ده. "
            "كانت بتشتري منكم لعب لأحفادها.\n"
            "عايزين نقفل الحساب ونمسح بياناتها، وكمان الكارت المتسجل عليه.")
    assert classify(msg(text)).intent == DEL


def test_a_friends_data_is_not_the_senders() -> None:
    text = ("صاحبتي كانت تشتري منكم لعب لأحفادها وعندها حساب عندكم من زمان.\n"
            "عايزين نقفل الحساب ونمسح بياناتها.")
    assert classify(msg(text)).intent != DEL


# ------------------------------------------------- 3. dictated "what's app"


def test_dictated_whats_app_offers() -> None:
    assert auto_applied("please stop sending me the what's app offers from your shop", UNS)


def test_what_app_do_you_use_is_a_question() -> None:
    assert classify(msg("what app do you use for the orders")).intent == OTHER


# ------------------------------------------------- 4. "happy to keep getting" wants the mail


@pytest.mark.parametrize("text", [
    "Please cancel my Ramadan Box subscription. I'm happy to keep getting your newsletter.",
    "Cancel the monthly box please, I'd like to keep getting your emails though.",
])
def test_keeping_the_newsletter_beside_a_paid_plan(text: str) -> None:
    assert classify(msg(text)).intent == OTHER


@pytest.mark.parametrize("text", [
    "I keep getting promotional WhatsApp broadcasts from your number. Take me off that list.",
    "I unsubscribed but the emails still come",
])
def test_i_keep_getting_is_a_complaint(text: str) -> None:
    assert classify(msg(text)).intent == UNS
