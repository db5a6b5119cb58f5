"""What "it", "them" and «ـه» stand for (``anaphora``), read through the classifier."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg


@pytest.mark.parametrize(("text", "intent"), [
    # «مو بالايميل» ("not by the email"): the address the account is not under is no
    # antecedent of its own, so «احذفوه» is the account
    ("طيب الحساب مسجل برقم جوالي 0551234567 مو بالايميل\nاحذفوه لو سمحتوا", "delete_account"),
    # an address of its own stops the search: "it" may be the address
    ("الحساب مسجل برقم جوالي وعندي ايميل قديم\nاحذفوه لو سمحتوا", "other"),
])
def test_a_denied_address_is_no_antecedent(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
