"""Families found by held-out set 30 (an ordinary month, every target met at first pass): the
two requests it left for a person, with the look-alikes beside them."""

from __future__ import annotations

import pytest

from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied

# ------------------------------------------------- 1. "the account is still there" is no "keep"


def test_still_there_is_a_complaint_not_a_keep() -> None:
    text = ("هذي ثالث مرة اطلب!! قلتوا لي بيتم حذف الحساب خلال 7 ايام وللحين الحساب موجود "
            "وقاعدة توصلني ايميلات. احذفوا الحساب اليوم لو سمحتوا.")
    assert auto_applied(text, DEL)


def test_keep_the_account_still_keeps_it() -> None:
    assert applied("لا تحذفون الحساب، خلوا الحساب")[0] == OTHER


# ------------------------------------------------- 2. «ما عاد»: "no longer", in Arabizi too

@pytest.mark.parametrize("text", [
    "3am yijini emails kteer menkon kel yom. baddi ma3ad yijini shi promotions please.",
    "بدي ما عاد يجيني شي عروض",
])
def test_no_longer_wanting_offers_to_come(text: str) -> None:
    assert auto_applied(text, UNS)


def test_offers_that_no_longer_come_are_no_request() -> None:
    assert applied("ليش ما عاد يجيني شي عروض؟")[0] == OTHER
