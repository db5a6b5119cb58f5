"""Families found by held-out set 78 (the dialects month, a third time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, msg


@pytest.mark.parametrize("text, intent", [
    # Iraqi «مالتي» ("mine"), the account "in the app" with it
    ("مرحبا\nاريد اغلق الحساب مالتي بالتطبيق، شلون اسويها؟ دورت هواية وما لگيت", DEL),
    # Yemeni «ماشتي» ("I don't want")
    ("السلام عليكم\nماشتي رسايل العروض حقكم على الجوال لا واتس ولا رسائل، ارجو توقيفها من عندكم",
     UNS),
    # Kuwaiti Arabizi «تمسحون» spelled "tmas7oon"
    ("hala\nlaw sama7t abi tmas7oon el account mali kila w el ma3loomat ele 3ndkom 3ani\n"
     "shlon asawi?", DEL),
])
def test_dialect_words(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize("text, intent", [
    # "it" is the old address, which is in the account
    ("صباح الخير\nابي اشيل العنوان القديم اللي في الحساب (الدمام حي الفيصليه) لاننا انتقلنا، وكل "
     "مره يطلع لي هو الاول. شلون امسحه؟", OTHER),
    ("عندي حساب قديم في الموقع ما استخدمه من سنين، شلون امسحه؟", DEL),
])
def test_it_is_the_thing_in_the_account(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
