"""Families found by held-out set 29 (a mixed month with the hard cases), one family at a
time: each has cases that must not be applied and the requests beside them that still must."""

from __future__ import annotations

import pytest

from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied

# ------------------------------------------------- 1. a paid box or plan, "unsubscribed" from


@pytest.mark.parametrize("text", [
    "unsubscribe me from the sample box please",
    "I want to unsubscribe from the monthly beauty box",
    "Please cancel my subscription box",
    "ابي الغي اشتراكي في صندوق العينات الشهري",
    "الغوا اشتراكي في البوكس الشهري",
    "ابي الغي اشتراك Pro",  # a Latin plan name after an Arabic subscription word
    "كيف ألغي اشتراك Plus؟",
    "ازاي الغي الاشتراك؟ الفلوس بتتخصم مني كل شهر ومش عايزه",  # Egyptian: it is charged
])
def test_a_paid_box_or_plan_is_billing_not_marketing(text: str) -> None:
    assert not auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "Unsubscribe me please, your emails fill my mail box every day",
    "رسايلكم مالية صندوق البريد، شيلوني من القائمة",  # a mailbox is no box
    "الغوا اشتراكي في النشرة البريدية",
    "Please unsubscribe me from the newsletter",
])
def test_the_newsletter_and_a_full_mailbox_stay_unsubscribes(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- 2. lists of products, not of mail


@pytest.mark.parametrize("text", [
    "ممكن تنقلون المنتجات من السلة الى قائمة الأمنيات بدلاً من حذفها؟",
    "شيلوني من قائمة الانتظار للايفون، اشتريته من مكان ثاني",
    "ابي اطلع من قائمة الانتظار",
    "Please remove me from the waiting list for the PS5, I bought one elsewhere",
    "Please remove everything from my wish list",
    "امسحوا كل شي من السلة",
    "امسحوا كل شي من قائمة المفضلة",
])
def test_a_wish_list_or_waiting_list_is_no_mailing_list(text: str) -> None:
    assert applied(text)[0] == OTHER


@pytest.mark.parametrize(("text", "intent"), [
    ("شيلوني من القائمة البريدية", UNS),
    ("Please take me off your mailing list", UNS),
    ("Delete everything from your system about me", DEL),
    ("delete all my data from the app", DEL),
])
def test_the_mailing_list_and_the_account_are_still_themselves(text: str, intent: str) -> None:
    assert auto_applied(text, intent)
