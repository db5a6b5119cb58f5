"""Families found by held-out set 54 (set 50's brief written again), one family at a time:
each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

# ------------------------------------------------- 1. "please actually remove me this time"


def test_remove_me_this_time_asks() -> None:
    text = ("I unsubscribed TWICE. Once from the link at the bottom and once in the app "
            "settings. Still getting this. Please actually remove me this time.")
    assert classify(msg(text, quoted="> LULWA NOTES - September edition")).intent == UNS


def test_remove_me_as_a_contact_is_not_the_list() -> None:
    assert classify(msg("please remove me as the contact on the order")).intent != UNS


# ------------------------------------------------- 2. "my account in the app" in Arabizi


def test_the_account_in_the_app_is_the_account() -> None:
    text = ("salam ba3ad eznkom abi a7thef 7sabi fel app, ma a7tajah. shlon asawi? wela entaw "
            "em7oh 3ani w 5alas")
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 3. "if you don't have X, close it"


def test_the_conditions_not_does_not_refuse_the_closure() -> None:
    text = "ابي اعطل حسابي فترة، مسافر ادرس برا سنتين. اذا ما عندكم تعطيل مؤقت سكروه عادي."
    assert classify(msg(text)).intent == DEL


@pytest.mark.parametrize("text", ["لا تسكرون حسابي", "اذا ما رجعتوا فلوسي بسكر حسابي"])
def test_a_refusal_or_a_threat_is_still_no_request(text: str) -> None:
    assert classify(msg(text)).intent != DEL


# ------------------------------------------------- 4. a gift message


def test_a_gift_message_deleted_is_an_order_edit() -> None:
    text = ("For order LB-56122 I wrote a gift message at checkout, please delete it and send "
            "the card blank.")
    assert classify(msg(text)).intent not in (DEL, UNS)
