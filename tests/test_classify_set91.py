"""Families found by held-out set 91 (one-liners, a fifth time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg

WHICH_ACCOUNT = ("> بخصوص طلبك إغلاق حسابك، وجدنا حسابين مسجلين باسمك:\n>\n"
                 "> 1) fahad.qahtani@example.com - آخر طلب في مارس 2025\n"
                 "> 2) fq1990@example.net - آخر طلب في 2022\n>\n"
                 "> أيّ الحسابين تريد أن نغلقه ونحذف بياناته؟")
WHICH_ADDRESS = ("> You have two saved addresses on your account:\n> 1) Villa 12, Street 4, Dubai\n"
                 "> 2) Flat 1203, Al Taawun Tower, Sharjah\n>\n"
                 "> Which one would you like us to delete?")
NEWSLETTER = ("> عروض سدرة لهذا الأسبوع\n> - خصم 20٪ على جميع أصص الفخار\n>\n"
              "> لإلغاء الاشتراك اضغط هنا")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # the number picks which account (listed by address) our question would close
    ("الثاني الله يعافيك", WHICH_ACCOUNT, "delete_account"),
    # … not which saved address to delete
    ("the second one", WHICH_ADDRESS, "other"),
    # Gulf «كافي» ("enough") above a newsletter
    ("كافي رسايل", NEWSLETTER, "unsubscribe"),
])
def test_one_liners_read_with_their_quote(text: str, quoted: str, intent: str) -> None:
    assert classify(msg(text, "Re: your mail", quoted=quoted)).intent == intent
