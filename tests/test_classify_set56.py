"""Families found by held-out set 56 (set 53's dialects brief written again), one family at
a time: each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

# ------------------------------------------------- 1. "I don't want them", then the account


def test_a_want_with_its_own_object_does_not_reach_the_account() -> None:
    text = ("السلام عليكم\nاريد توكفون المسجات مال العروض، هواية تجيني باليوم وما اريدها\n"
            "الحساب خلي يبقى بس المسجات لا")
    assert classify(msg(text)).intent == UNS


@pytest.mark.parametrize("text", ["ما ابي حسابي", "وما اريد الحساب بعد اليوم"])
def test_not_wanting_the_account_is_still_a_closure(text: str) -> None:
    assert classify(msg(text)).intent == DEL


@pytest.mark.parametrize("text", [
    "ما ابيه في حسابي",
    "I don't want it on my account",
    "I don't want anything on my account",
])
def test_not_wanting_something_in_my_account_is_no_closure(text: str) -> None:
    assert classify(msg(text)).intent != DEL


# ------------------------------------------------- 2. a plan paid every month, in Arabizi


def test_a_plan_paid_every_month_is_billing() -> None:
    text = ("salam\nabi alghi eshtirak dir3 sanad, el shasha t9alla7at w ma abi ab8a adfa3 kil "
            "shahar\nbas el 7sab 5aloh")
    assert classify(msg(text)).intent != UNS


# ------------------------------------------------- 3. Levantine "wa'fo"


def test_an_apostrophe_writes_the_glottal_stop() -> None:
    text = "hi, please wa'fo el newsletter, ma baddi yeha aboddan, kel yom email"
    assert classify(msg(text)).intent == UNS
