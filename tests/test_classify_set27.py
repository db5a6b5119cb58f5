"""Families found by held-out set 27 (an ordinary month), one family at a time: each has cases
that must be requests and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import DEL, OTHER, applied, auto_applied, for_a_person

_CONFIRM_AR = ("> مرحباً مشاعل،\n> استلمنا طلبك لحذف حسابك. حذف الحساب نهائي ولا يمكن التراجع "
               "عنه.\n> للمتابعة يرجى الرد على هذه الرسالة بتأكيد رغبتك في الحذف.")


# ------------------------------------------------- 1. «أأكد» and a blessing in the answer

@pytest.mark.parametrize("text", [
    "نعم أأكد، احذفوه الله يعافيكم",  # "yes I confirm, delete it, God keep you"
    "ايوه احذفوه الله يخليكم",
])
def test_a_confirmation_with_a_blessing(text: str) -> None:
    assert auto_applied(text, DEL, quoted=_CONFIRM_AR)


def test_a_blessing_alone_confirms_nothing() -> None:
    assert applied("الله يعافيكم", quoted=_CONFIRM_AR)[0] == OTHER


# ------------------------------------------------- 2. Gulf «تبي» for a relative, not a friend

@pytest.mark.parametrize("text", [
    "زوجتي عندها حساب عندكم وهي طلبت مني أراسلكم. تبي الحساب ينقفل نهائياً وتنحذف بياناتها، "
    "ما عادت تستخدمه.",
    "ابوي يبي حسابه ينقفل، ما عاد يستخدمه",
])
def test_a_relatives_wish_for_the_account_closed(text: str) -> None:
    assert for_a_person(text, DEL)


def test_a_friends_wish_is_not_ours_to_act_on() -> None:
    text = "صديقتي عندها حساب عندكم. تبي الحساب ينقفل نهائياً"
    assert applied(text)[0] == OTHER
