"""Families found by held-out set 31 (a busy month on the phone), one family at a time: each
has cases that must be requests and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied, for_a_person

_PROMO = ("-----Original Message-----\nFrom: Qimma Sports <deals@news.qimmasports.example>\n"
          "Subject: 48 HOURS ONLY: extra 20% off running shoes\n\n48 HOURS ONLY\nExtra 20% off "
          "running shoes, trail gear and camping - on top of White Friday prices.\n\nUse code "
          "WHITE20 at checkout.\nShop now: https://sa.qimmasports.example/sale\n\nTRENDING\n"
          "* Trailhawk Mid GTX hiking boot - SAR 699 now SAR 489\n* Qimma Pulse 3 GPS watch - "
          "SAR 1,149 now SAR 899\n* Dune 4-person family tent - SAR 899 now SAR 599\n\nProtect "
          "your purchase with Qimma Care+ extended warranty (2 or 3 years).\n\nYou're receiving "
          "this because you subscribed to Qimma Sports emails.\nUnsubscribe: "
          "https://sa.qimmasports.example/email/unsubscribe\nQimma Sports & Outdoor Co.")


# ------------------------------------------------- 1. an employer closing an employee's account

def test_an_employer_cannot_close_a_former_employees_account() -> None:
    text = ("A former employee of ours registered an account using his company email to order "
            "kit for our football team. He left the company on 31 October. Please close that "
            "account and remove the company address from it.")
    assert applied(text)[0] == OTHER


@pytest.mark.parametrize("text", [
    "My boss asked me to close his account with you",
])
def test_a_boss_account_is_not_the_senders(text: str) -> None:
    assert applied(text)[0] == OTHER


@pytest.mark.parametrize("text", [
    "I am an employee of Aramco, please close my account",
    "My manager told me to ask you: please close my account",
])
def test_an_employee_closing_their_own_account_still_asks(text: str) -> None:
    assert auto_applied(text, DEL)


# ------------------------------------------------- 2. "it" is the card taken from the account

@pytest.mark.parametrize("text", [
    "Hi, please remove my saved Visa card ending 4417 from my account. I don't want it stored "
    "after what happened with another site last week.",
    "please delete my address from my account, I don't want it there anymore",
    "remove the old phone number from my profile, I don't need it",
    "remove the card from my account, and then delete it completely",
])
def test_it_is_the_card_not_the_account(text: str) -> None:
    assert applied(text)[0] == OTHER


def test_an_account_named_before_it_is_still_it() -> None:
    assert applied("I have an old account from 2019. Please delete it")[0] == DEL


# ------------------------------------------------- 3. a paid club

@pytest.mark.parametrize("text", [
    "ابي الغي اشتراك نادي البيبي، الولد خلاص ما يلبس حفاضات الحمدلله",
    "ابي الغي اشتراكي في النادي",
    "Please cancel my Baby Club subscription",
])
def test_a_club_subscription_is_billing(text: str) -> None:
    assert not auto_applied(text, UNS)


def test_a_clubs_newsletter_is_marketing() -> None:
    assert auto_applied("unsubscribe me from the runners club newsletter", UNS)


# ------------------------------------------------- 4. "these" sent to an address, in a forward

def test_stop_sending_these_to_my_work_email_above_a_long_promo() -> None:
    text = ("Hi,\n\nCan you stop sending these to my work email please? I don't remember ever "
            "signing up with this address.\n\nThanks,\nDaniel Kerr\nSenior Project Engineer | "
            "Gulf Bridge Engineering\nRiyadh, KSA")
    assert applied(text, quoted=_PROMO)[0] == UNS


def test_send_this_to_my_email_is_no_request() -> None:
    assert applied("can you send this to my email please")[0] == OTHER


# ------------------------------------------------- 5. dialect words

@pytest.mark.parametrize("text", [
    "ممكن تشيلوا إيميلي من الميلات دي؟ شكرا",  # Egyptian «الميلات»: the mails
    "في رسائل عروض عم توصل على رقم إمي، كانت طالبة مرة لعبة من حسابي بس بالرقم تبعها. بليز "
    "وقفوها عن هالرقم",  # Levantine «بليز», the account the order came from
])
def test_dialect_unsubscribes(text: str) -> None:
    assert applied(text)[0] == UNS


# ------------------------------------------------- 6. "the old one" of two accounts

@pytest.mark.parametrize("text", [
    "عندي حسابين عندكم، واحد على الايميل القديم وواحد على هذا. ابيكم تحذفون القديم نهائي، اما "
    "هذا خلوه لاني اطلب منه",
    "عندي حسابين، احذفوا القديم وخلوا الجديد",
])
def test_the_old_one_of_two_accounts(text: str) -> None:
    assert for_a_person(text, DEL)


def test_the_old_one_without_two_accounts_is_not_an_account() -> None:
    assert applied("احذفوا القديم من السلة")[0] == OTHER
