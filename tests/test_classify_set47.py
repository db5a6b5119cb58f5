"""Families found by held-out set 47 (after a news story about data, again), one family at a
time: each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, msg

# ------------------------------------------------- «ما عاد»: "no longer" of its own verb


@pytest.mark.parametrize("text", [
    "ابي احذف حسابي عندكم بعد اللي سمعته بالاخبار، ما عاد اثق بأحد\nاحذفوه الله يعافيكم",
    "بدي سكّر الحساب تبعي وتمسحوا صورة الباسبور، ما عاد بدي يكون عندي حساب عندكن.",
])
def test_no_longer_trusting_or_wanting_an_account_asks_for_the_deletion(text: str) -> None:
    assert classify(msg(text)).intent == DEL


@pytest.mark.parametrize("text", [
    "ما عاد ابي احذف حسابي",
    "ما عاد تحذفون حسابي",
    "لا تحذفون حسابي",
])
def test_no_longer_before_the_deletion_itself_refuses_it(text: str) -> None:
    assert classify(msg(text)).intent != DEL
