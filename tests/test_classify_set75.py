"""Families found by held-out set 75 (the data-rights month, a third time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, msg

# ------------------------------------------------- 1. asking the way to close "the account"


@pytest.mark.parametrize("text, intent", [
    ("مرحبا، شو الطريقة لإلغاء الحساب؟ ما لقيت الخيار بالتطبيق، في بس تسجيل خروج. ولا لازم اتصل "
     "فيكن؟", DEL),
    ("Hello, what is the way to delete the account? I could not find the option in the app, "
     "only log out. Or do I need to call you?", DEL),
    ("Hi, how to delete the account? I could not find the option in the app, only log out. Or "
     "do I need to call you?", DEL),
    # the way to do something else
    ("Hello, what is the way to delete a saved card from the account? I could not find the "
     "option in the app.", OTHER),
])
def test_asking_the_way_to_close_the_account(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


# ------------------------------------------------- 2. «ـها» is a feminine "it": not «حساب»


@pytest.mark.parametrize("text, intent", [
    ("مرحباً،\nأرجو حذف بطاقة الدفع المحفوظة في حسابي (المنتهية بالأرقام 4417)، فقد حاولت حذفها "
     "من التطبيق ولم يظهر خيار الحذف.", OTHER),
    ("عندي حساب قديم ما استخدمه، ابيكم تحذفونه", DEL),  # «ـه»: the account
    ("بياناتي الشخصية اللي عندكم، امسحوها لو سمحتوا", DEL),  # «ـها»: the data
])
def test_a_feminine_it_is_not_the_account(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
