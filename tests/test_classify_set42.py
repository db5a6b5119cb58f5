"""Families found by held-out set 42 (an ordinary month, two new stores), one family at a
time: each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import OTHER, UNS, auto_applied, msg

# ------------------------------------------------- 1. «الغاء العروض»: cancel the offers


@pytest.mark.parametrize("text", [
    "ابي الغـــاء العـــروض اللي توصلني بالمسجات على جوالي، ما ابيها",
    "cancel my newsletter please",
])
def test_cancelling_the_offers_is_an_unsubscribe(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "cancel the offer on my order",
    "الغاء العرض على الطلب",
])
def test_cancelling_an_offer_on_an_order_is_not(text: str) -> None:
    assert classify(msg(text)).intent == OTHER


# ------------------------------------------------- 2. a product "of the month" is a paid plan


@pytest.mark.parametrize("text", [
    "ابي الغي اشتراك شمعة الشهر من الشهر الجاي، هالشهر خلاص وصلني. حسابي خلوه عادي.",
    "Please cancel my candle of the month subscription, I'm moving.",
])
def test_a_product_of_the_month_is_billing(text: str) -> None:
    assert classify(msg(text)).intent == OTHER


@pytest.mark.parametrize("text", [
    "الغوا اشتراكي في النشرة هالشهر",
    "Please unsubscribe me from the newsletter this month, thanks.",
])
def test_a_month_as_a_date_changes_nothing(text: str) -> None:
    assert classify(msg(text)).intent == UNS
