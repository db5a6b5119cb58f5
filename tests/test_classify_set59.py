"""Families found by held-out set 59 (set 49's look-alikes brief written again) and by
questions about the store's own practice: each has cases that must change and look-alikes
that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, msg

# ------------------------------------------------- 1. someone else's request, retold


def test_a_husbands_own_request_retold_by_his_wife() -> None:
    text = ("My husband asked you on Monday to delete his account. Before you do that, can you "
            "check whether the running shoes he ordered for me will still be delivered?")
    assert classify(msg(text)).intent != DEL


def test_a_request_passed_on_through_the_sender_still_asks() -> None:
    text = "My husband asked me to ask you to delete his account, he can't email you."
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 2. a profile out of a membership


def test_a_childs_profile_out_of_the_family_membership_is_an_edit() -> None:
    text = ("Could you please remove Yara's profile from our family membership? Everything "
            "else, including my account and the boys' profiles, should stay as it is.")
    assert classify(msg(text)).intent != DEL


# ------------------------------------------------- 3. what the store does, when I close


@pytest.mark.parametrize("text", [
    "Do you delete accounts after a year?",
    "Do you delete accounts that haven't been used for a year?",
    "How long do you keep my data after I close my account?",
    "Do you delete my data when I close my account?",
])
def test_a_question_about_practice_is_no_request(text: str) -> None:
    assert classify(msg(text)).intent != DEL


@pytest.mark.parametrize("text", [
    "How do you delete an account?",
    "Please cancel those orders and refund, and after that delete my account completely",
])
def test_how_and_after_that_still_ask(text: str) -> None:
    assert classify(msg(text)).intent == DEL
