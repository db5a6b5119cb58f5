"""Families found by held-out set 49 (the look-alikes month), one family at a time: each has
cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, msg

# ------------------------------------------------- 1. "does that delete my account?"


@pytest.mark.parametrize("text", [
    "Hi, if I delete the Layan app from my phone does that delete my account too? I need the "
    "space but I don't want to lose my orders.",
    "Does it delete my data?",
])
def test_asking_what_a_deletion_does(text: str) -> None:
    assert classify(msg(text)).intent != DEL


def test_a_request_followed_by_a_question_still_asks() -> None:
    assert classify(msg("Please delete my account, does that work?")).intent == DEL


# ------------------------------------------------- 2. something taken out of the account


@pytest.mark.parametrize("text", [
    "On my Layan account I have three kids' profiles set up for sizes. My eldest just turned "
    "18 and has made his own account, so please remove his profile from mine.",
    "please remove his profile from my account",
])
def test_a_profile_removed_from_mine_is_an_edit(text: str) -> None:
    assert classify(msg(text)).intent != DEL


@pytest.mark.parametrize("text", [
    "delete everything from my account",
    "delete all my data from my account",
])
def test_everything_from_my_account_is_erasure(text: str) -> None:
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 3. a freeze against a break-in


def test_freezing_a_hacked_account_is_not_closing_it() -> None:
    text = ("Someone got into my Barq account last night. The password was changed. Please "
            "freeze the account, cancel that order, and help me get back in.")
    assert classify(msg(text)).intent != DEL


def test_freezing_an_account_while_abroad_is_still_asked() -> None:
    assert classify(msg("Please freeze my account, I'm going abroad for a year.")).intent == DEL
