"""Families found by held-out set 45 (business customers), one family at a time: each has
cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, msg

# ------------------------------------------------- 1. "our account", asked for


@pytest.mark.parametrize("text", [
    "How do we close our business account? I can't see an option anywhere in the portal, only "
    "\"deactivate user\".",
    "Please close our company account, the contract ended. Thanks for everything over the "
    "years, it was great working with your team.",
    "نبغى نسوي deactivate لحساب الشركة على Dafater Business، the contract with you ended last "
    "month وما راح نجدده. انا الـ admin على الحساب.",
])
def test_our_account_asked_for(text: str) -> None:
    assert classify(msg(text)).intent == DEL


def test_our_account_in_a_story_is_not_asked_for() -> None:
    text = "We had to close our account with the courier last year, it was a mess."
    assert classify(msg(text)).intent == OTHER


# ------------------------------------------------- 2. "delete this personal one, keep the work one"


@pytest.mark.parametrize("text", [
    "I seem to have two Dafater accounts: one on my work email, which is linked to our company "
    "account, and this one, which I opened myself.\n\nPlease delete this personal one and keep "
    "the work account active.",
    "عندي two accounts عندكم، واحد بإيميل الشغل وواحد بهالإيميل الشخصي.\n"
    "Please delete the work one completely، ما أبيه. خلوا الحساب الشخصي زي ما هو.",
])
def test_one_of_two_accounts_named_by_kind(text: str) -> None:
    assert classify(msg(text)).intent == DEL


@pytest.mark.parametrize("text", [
    "I have two accounts. Delete my account. Actually keep my account.",
    "I have two accounts. Please delete the work account. No wait, keep the work account.",
])
def test_the_same_account_kept_is_a_conflict(text: str) -> None:
    assert classify(msg(text)).intent != DEL
