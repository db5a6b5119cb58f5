"""Families found by held-out set 44 (an ordinary month at a café chain and a sportswear
store), one family at a time: each has cases that must change and look-alikes that must keep
their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, auto_applied, msg

# ------------------------------------------------- 1. "my app account" is the account


@pytest.mark.parametrize("text", [
    "Hi, please delete my Nakhla app account. It's registered to this email.",
    "Can you close my online account please",
])
def test_the_account_in_the_app(text: str) -> None:
    assert auto_applied(text, DEL)


@pytest.mark.parametrize("text", [
    "How do I delete the app from my phone?",
    "please delete the old application I sent for the barista job",
])
def test_deleting_an_app_is_not(text: str) -> None:
    assert classify(msg(text)).intent == OTHER


# ------------------------------------------------- 2. Arabizi "emailat"


def test_arabizi_plural_emails() -> None:
    assert classify(msg("law sama7tu wagfo el emailat, ma abi3'ha")).intent == UNS


def test_arabizi_emails_about_an_order_stay_other() -> None:
    assert classify(msg("ma wasalni el emailat 7ag el order")).intent == OTHER
