"""Families found by held-out set 36 (after the sale: warranties, instalments, points), one
family at a time: each has cases that must change and look-alikes that must keep their
answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied, msg

# ------------------------------------------------- 1. "the data … holds about me", far on


@pytest.mark.parametrize("text", [
    "I am writing to request the erasure of all personal data that Nawras Electronics holds "
    "about me, under the UAE Personal Data Protection Law.",
    "Please erase all the data that your company and its partners hold about me.",
])
def test_data_held_about_me_is_the_senders(text: str) -> None:
    assert auto_applied(text, DEL)


@pytest.mark.parametrize("text", [
    "Please erase the data that the old Nawras Electronics shop had kept about my brother.",
    "I am writing to ask about the erasure of data in general, for a school project.",
])
def test_data_about_someone_else_is_not(text: str) -> None:
    assert classify(msg(text)).intent != DEL


# ------------------------------------------------- 2. «شيلوه من رسايل العروض»


@pytest.mark.parametrize("text", [
    "الرقم 0555000000 تكفون شيلوه من رسايل العروض.",
    "هذا رقم الوالد، احذفوه من رسايل العروض",
])
def test_it_taken_off_the_offers_is_an_unsubscribe(text: str) -> None:
    assert classify(msg(text)).intent == UNS


@pytest.mark.parametrize("text", [
    "المنتج الغلط في الفاتورة، احذفوه من الطلب",
    "الكرت القديم شيلوه من الحساب",
])
def test_it_taken_off_an_order_is_not(text: str) -> None:
    assert applied(text)[0] != UNS


# ------------------------------------------------- 3. «قبل لا» is "before"


@pytest.mark.parametrize("text", [
    "ابي تقفلون حسابه وتمسحون بياناته، وقبل لا تقفلونه شوفوا اذا فيه نقاط وحولوها لحسابي.",
    "امسحوا حسابي، وقبل ما تمسحونه رجعوا لي رصيد البطاقة.",
])
def test_before_you_close_it_keeps_the_request(text: str) -> None:
    assert classify(msg(text)).intent == DEL


@pytest.mark.parametrize("text", [
    "لا تقفلون حسابي قبل ما ترجعون المبلغ",
    "لا تحذفون حسابي، ابي اغير الايميل بس",
])
def test_a_real_negation_still_refuses(text: str) -> None:
    assert classify(msg(text)).intent != DEL


def test_a_plain_question_with_before_is_other() -> None:
    assert classify(msg("قبل ما اطلب، هل التوصيل مجاني؟")).intent == OTHER
