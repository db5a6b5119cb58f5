"""Families found by held-out set 39 (after a news story about data), one family at a time:
each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, auto_applied, msg

_ASKED = ("من: السدرة للأثاث\nالموضوع: تأكيد حذف الحساب\n"
          "استلمنا طلباً لحذف حسابك. للتأكيد رد بكلمة نعم.")
_ASKED_EN = ("From: Sidra Home\nSubject: Confirm account deletion\n"
             "We received a request to delete your account. Reply YES to confirm.")

# ------------------------------------------------- 1. yes to our deletion question, and more


@pytest.mark.parametrize(("text", "quoted"), [
    ("نعم أأكد الحذف. وشيلوا رقمي من قروب الواتساب حق العروض بعد لو سمحتوا", _ASKED),
    ("Yes. And take me off the WhatsApp offers too.", _ASKED_EN),
])
def test_a_yes_with_an_unsubscribe_besides_is_the_deletion(text: str, quoted: str) -> None:
    result = classify(msg(text, quoted=quoted))
    assert result.intent == DEL, result


@pytest.mark.parametrize(("text", "quoted"), [
    ("لا. بس شيلوا رقمي من قروب العروض", _ASKED),
    ("No. Just take me off the WhatsApp offers.", _ASKED_EN),
])
def test_a_no_with_an_unsubscribe_is_only_the_unsubscribe(text: str, quoted: str) -> None:
    assert classify(msg(text, quoted=quoted)).intent == UNS


# ------------------------------------------------- 2. "opt out of the sale of my data"


@pytest.mark.parametrize("text", [
    "I am exercising my right to opt out of the sale or sharing of my personal information.",
    "Please opt me out of the selling of my data to brokers.",
])
def test_an_opt_out_of_a_sale_of_data_is_other(text: str) -> None:
    assert classify(msg(text)).intent == OTHER


@pytest.mark.parametrize("text", [
    "Opt me out of the sale of my data and of all marketing emails.",
    "I opt out of the newsletter.",
])
def test_an_opt_out_of_marketing_still_counts(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- 3. a relative's number off the list


@pytest.mark.parametrize("text", [
    "أرجو حذف رقم والدي 5xx-555-0119 من قائمة الرسائل النصية الترويجية، فهو كبير في السن.",
    "Please remove my father's number from your SMS offers list.",
])
def test_a_relatives_number_off_the_list_is_an_unsubscribe(text: str) -> None:
    assert classify(msg(text)).intent == UNS


def test_a_strangers_name_off_the_list_is_not() -> None:
    assert classify(msg("Please remove Ahmed Siddiq from your distribution list.")).intent == OTHER
