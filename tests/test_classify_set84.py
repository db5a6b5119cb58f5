"""Families found by held-out set 84 (wrong addresses, a fourth time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg


@pytest.mark.parametrize(("text", "intent"), [
    # a negation reaches over "change or" to the deletion beside it
    ("how do I log her out properly? I don't want to change or delete anything in her "
     "account, it's hers.", "other"),
    ("I want to change or delete my account", "delete_account"),
    # an account the sender says they don't have is none to delete
    ("I'm not Abu Hamad, I don't have an account with you and I don't want one. Please just "
     "stop sending your offers to this number.", "unsubscribe"),
    ("ما عندي حساب عندكم وما ابيه", "other"),
    ("I have an account with you and I don't want it anymore", "delete_account"),
    # a command opens the clause after "and", in Arabic too («امسحوا»: you, do it)
    ("and I keep getting your SMS offers for someone called Hamood. Please stop the SMS و "
     "امسحوا الحساب المسجل على الرقم كله، مو بس الإعلانات.", "delete_account"),
    # "just" after a comma opens a command: the sender speaks
    ("Fatma still orders her books with that account so don't close it, just stop the "
     "newsletters and the offers going to our family address.", "unsubscribe"),
    ("Just to say the unsubscribe worked, no more sale emails since Tuesday. Thanks, and happy "
     "new year.\n\nBrian", "other"),
])
def test_whose_account_and_who_asks(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize("text", [
    "احذفوا الحساب... لا استنوا، خلوه عشان عندي مرتجع لسه. بس وقفوا الإيميلات",
    "Delete my account. No wait, keep it, just stop the emails.",
])
def test_no_wait_takes_the_deletion_back(text: str) -> None:
    result = classify(msg(text))
    assert result.intent == "unsubscribe", result
    assert any(e.startswith("deletion retracted") for e in result.evidence)
