"""Families found by held-out set 25 (people writing for others, people with several
addresses, replies to our marketing), one family at a time: each has cases that must be
requests and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied, for_a_person

# ------------------------------------------------- 1. "don't delete it" past the order

@pytest.mark.parametrize("text", [
    "حد دخل حسابي وغير الباسوورد. لو سمحتوا قفلوا الحساب مؤقتاً وألغوا الطلب لين أرجع أتحكم فيه. "
    "لا تمسحونه، فيه نقاط وايد.",
    "Someone got into my account. Please freeze the account and cancel the order 5521. Don't "
    "delete it, it has all my points.",
])
def test_a_refused_deletion_reaches_past_the_order_to_the_account(text: str) -> None:
    assert applied(text)[0] != DEL


def test_a_refusal_about_the_order_leaves_the_deletion() -> None:
    assert auto_applied("please delete my account and cancel the order, don't ship it", DEL)


# ------------------------------------------------- 2. a friend's or a colleague's account

@pytest.mark.parametrize("text", [
    "A colleague of mine, Rashid, is locked out of the email he used with you. He wants his "
    "account closed. Can you close it based on this email?",
    "صاحبي عمرو مسافر وطلب مني أبعتلكم عشان تقفلوا حسابه عندكم. ينفع تقفلوه على طول؟",
    "My friend wants to close his account with you",
])
def test_a_friends_account_is_not_the_senders_to_close(text: str) -> None:
    assert applied(text)[0] == OTHER


@pytest.mark.parametrize("text", [
    "My friend told me you delete accounts on request, please close my account",
    "صاحبي قال لي اكلمكم، امسحوا حسابي لو سمحتوا",
])
def test_a_friend_named_beside_the_senders_own_account(text: str) -> None:
    assert auto_applied(text, DEL)


def test_a_relatives_account_is_a_deletion_for_a_person() -> None:
    assert for_a_person("My wife wants to close her account with you", DEL)  # she acts through him


# ------------------------------------------------- 3. "I can't remove it": a card, not a request

def test_cannot_remove_it_names_no_account() -> None:
    text = ("Hi, the Visa ending 4471 saved in my account has expired and I can't remove it in "
            "the app, the delete button does nothing. Can you take it off?")
    assert applied(text)[0] == OTHER


# ------------------------------------------------- 4. one of several accounts, by its address

@pytest.mark.parametrize("text", [
    "Over the years I've ended up with three accounts on your site:\n- farah@outlook.example "
    "(this one)\n- farahq@webpost.example (old)\n- fq@gmail.example (by mistake)\n\nCould you "
    "close the webpost.example one completely? I'll deal with the Gmail one another time.",
    "عندي حسابين عندكم. The old one is on my Hotmail وما عاد أستخدمه. Can you please delete "
    "that account completely? خلوا الحساب الجديد اللي أراسلكم منه.",
])
def test_one_of_several_accounts_picked_by_its_domain_or_that(text: str) -> None:
    assert for_a_person(text, DEL)



# ------------------------------------------------- 5. a box paid by the month

def test_a_box_charged_by_the_month_is_billing() -> None:
    text = ("أنا مشتركة في صندوق البخور الشهري (99 ريال بالشهر). أبا ألغي الاشتراك من الشهر الياي، "
            "وما أبا ينخصم شي من البطاقة بعد 1 مايو. الحساب يظل.")
    assert applied(text)[0] == OTHER


# ------------------------------------------------- 6. a company's domain suppressed

def test_an_administrator_suppresses_the_companys_domain() -> None:
    text = ("Company policy is that work mailboxes should not receive retail marketing. Could you "
            "please suppress all addresses ending in @gulfbridge-eng.example from your newsletters "
            "and promotions? We are not asking you to close anyone's account; staff can still "
            "order and receive their invoices.")
    assert auto_applied(text, UNS)


def test_suppressed_is_no_request() -> None:
    assert applied("Our gateway suppressed your mail to @corp.example as spam")[0] == OTHER
