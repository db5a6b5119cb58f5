"""Families found by held-out set 60 (the one-liners month): a word or two above the store's
own mail, read with what it answers."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import UNS, msg

_NEWSLETTER = ("On 11 Mar 2029, at 16:54, Jouri Gifts <hello@jourigifts.example> wrote:\n\n"
               "> JOURI WEEKLY\n> Spring tulips are here\n"
               "> Same-day delivery across Kuwait on orders placed before 4 pm.\n>\n"
               "> Tulip & Truffle box - 18.500 KWD\n> Mother's Day bundle - from 24.000 KWD\n>\n"
               "> Unsubscribe | Manage preferences\n> Jouri Gifts, Kuwait City")


@pytest.mark.parametrize("text", ["still getting these", "no more 🙏", "الغاء", "stop"])
def test_a_one_liner_above_a_newsletter_stops_it(text: str) -> None:
    assert classify(msg(text, quoted=_NEWSLETTER)).intent == UNS


@pytest.mark.parametrize("text", ["still getting these", "no more", "الغاء", "cancel"])
def test_the_same_words_alone_ask_nothing(text: str) -> None:
    assert classify(msg(text)).intent != UNS


def test_a_quoted_word_in_a_long_answer_is_no_one_liner() -> None:
    text = ("لا، لا أريد حذف الحساب ولا إيقاف الرسائل. كلمة \"إلغاء\" في رسالتي كانت عن إلغاء "
            "الضمان الممتد الذي أضافه الموظف دون أن أطلبه، وليس عن الحساب. أرجو الإفادة فقط.")
    assert classify(msg(text, quoted=_NEWSLETTER)).intent != UNS


def test_put_me_back_after_cancelling_it_by_mistake() -> None:
    text = "رجعوني للـ newsletter لو سمحتوا، كنت الغيته بالغلط"
    assert classify(msg(text)).intent != UNS
