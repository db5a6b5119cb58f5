"""Families found by held-out set 50 (the deletion look-alikes month), one family at a time:
each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

# ------------------------------------------------- 1. a button pressed by mistake


@pytest.mark.parametrize("text", [
    "Hi, I was trying to remove my old address in the app and I think I pressed Delete "
    "account instead. It logged me out and now it says no account found. Can you restore it??",
    "I pressed delete account by mistake, can you undo it?",
    "ضغطت حذف الحساب بالغلط",
])
def test_a_deletion_pressed_by_mistake_asks_for_nothing(text: str) -> None:
    assert classify(msg(text)).intent != DEL


@pytest.mark.parametrize("text", [
    "I clicked delete account but it did nothing",
    "ضغطت على حذف الحساب وما صار شي",
])
def test_a_deletion_button_that_did_nothing_is_still_asked(text: str) -> None:
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 2. a profile inside the account


@pytest.mark.parametrize("text", [
    "hala, abi ashil profile okhti mn el family members fi 7sabi, hiya sawat 7sab 7agha "
    "ilyoom. bas profile-ha, 7sabi ana khalo mithil ma howa",
    "please remove my sister's profile from the family members in my account",
])
def test_a_relatives_profile_taken_out_of_my_account_is_an_edit(text: str) -> None:
    assert classify(msg(text)).intent != DEL


def test_data_and_the_account_named_together_are_still_erased() -> None:
    assert classify(msg("delete my data from the system and close my account")).intent == DEL


# ------------------------------------------------- 3. what deleting the app would do


@pytest.mark.parametrize("text", [
    "هلا، جوالي مليان وابي امسح التطبيق مالكم مؤقتاً، اذا مسحته ينمسح حسابي والرصيد اللي "
    "بالمحفظه؟ ولا يظل الحساب عادي وارجع انزله بعدين؟",
    "اذا مسحت التطبيق ينمسح حسابي؟",
])
def test_a_consequence_asked_about_is_not_a_request(text: str) -> None:
    assert classify(msg(text)).intent != DEL


def test_a_wish_that_the_account_gets_deleted_is_asked() -> None:
    assert classify(msg("لو سمحتوا ابي حسابي ينمسح")).intent == DEL


# ------------------------------------------------- 4. "put me back", "nothing comes any more"


@pytest.mark.parametrize("text", [
    "مرحبا، من شهر كبست إلغاء الاشتراك بالغلط وما عاد عم يوصلني شي منكن، لا عروض ولا "
    "المجموعات الجديدة. رجعوني عالنشرة بليز، نفس هالإيميل",
    "رجعوني عالنشرة بليز",
])
def test_put_me_back_on_the_list_is_no_unsubscribe(text: str) -> None:
    assert classify(msg(text)).intent != UNS


def test_no_offers_as_a_clause_of_its_own_still_asks() -> None:
    assert classify(msg("لا عروض لو سمحتوا")).intent == UNS


# ------------------------------------------------- 5. "the one on the work email"


def test_the_one_of_two_accounts_named_by_its_email_is_deleted() -> None:
    text = ("عندي حسابين عندكم واحد بايميل الشغل وواحد بهذا الايميل. امسحوا اللي على ايميل "
            "الشغل a.alrashed@example.org نهائي وخلوا هذا، لاني طلعت من الشركه")
    assert classify(msg(text)).intent == DEL


def test_the_one_in_the_basket_is_no_account() -> None:
    assert classify(msg("امسحوا اللي بالسلة")).intent != DEL
