"""Families found by held-out set 66 (the deletion look-alikes brief a third time): each has
cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

# ------------------------------------------------- 1. a relative's own act, told


@pytest.mark.parametrize("text", [
    "أخي مسح حسابه عندكن الأسبوع الماضي، وهو كان مسجّل عن طريق رابط الإحالة تبعي. هل رح ينشال "
    "بونص الإحالة من محفظتي؟",
    "اخوي مسح حسابه",
])
def test_a_relative_who_deleted_his_account_asks_nothing(text: str) -> None:
    assert classify(msg(text)).intent != DEL


@pytest.mark.parametrize("text", ["زوجي يبي مسح حسابه", "ارجو مسح حسابي", "ابي حذف حساب ابوي"])
def test_deleting_asked_for_oneself_or_a_relative_still_asks(text: str) -> None:
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 2. "remove myself" in Arabizi


def test_remove_myself_from_the_newsletter_not_the_account() -> None:
    text = "ana 3ayza ashil nafsi mn el newsletter bas, mesh 3ayza a2fel el account. merci"
    assert classify(msg(text)).intent == UNS
