"""Families found by held-out set 35 (young families, an ordinary month), one family at a
time: each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied, msg

# ------------------------------------------------- 1. a bare "please don't!" after a request


@pytest.mark.parametrize("text", [
    "My husband told me he emailed you last night asking to unsubscribe us from everything. "
    "Please DON'T! It's my email, not his. Keep me subscribed please.",
    "My husband emailed you asking to unsubscribe us from everything. Please DON'T!",
    "He asked you to unsubscribe us. Please don't.",
    "My son wrote asking you to close my account. No, please don't do that.",
])
def test_a_bare_dont_forbids_the_request_before_it(text: str) -> None:
    assert classify(msg(text)).intent == OTHER


@pytest.mark.parametrize(("text", "intent"), [
    ("Please unsubscribe me. Don't send any more.", UNS),
    ("Unsubscribe me please. Do not call me either.", UNS),
    ("Please close my account. Don't keep my card on file.", DEL),
])
def test_a_prohibition_that_goes_on_is_no_take_back(text: str, intent: str) -> None:
    assert auto_applied(text, intent)


# ------------------------------------------------- 2. "if not," stands for "otherwise"


def test_if_not_no_worries_does_not_negate_the_deletion() -> None:
    text = ("Could you please close my account? The girls are 6 and 8 now and we don't need "
            "nappies anymore. I do really like the parenting tips newsletter though. Is there a "
            "way to keep getting it without an account? If not, no worries, close the account "
            "anyway.")
    assert classify(msg(text)).intent == DEL


@pytest.mark.parametrize("text", [
    "Our client does not, by this letter, request closure of the account.",
    "I do not, to be clear, want my account closed.",
])
def test_an_aside_after_a_real_negator_still_negates(text: str) -> None:
    assert applied(text)[0] != DEL
