"""What "it", "them" and «ـه» stand for (``anaphora``), read through the classifier."""

from __future__ import annotations

import pytest

from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding.classify import classify


def msg(text: str) -> ParsedMessage:
    return ParsedMessage(
        message_id=None, subject="", from_address="a@example.com", from_name="",
        reply_to=None, to=(), date=None, in_reply_to=None, references=(),
        return_path="a@example.com", text=text, quoted="", signature="", automation=())


@pytest.mark.parametrize(("text", "intent"), [
    # «مو بالايميل» ("not by the email"): the address the account is not under is no
    # antecedent of its own, so «احذفوه» is the account
    ("طيب الحساب مسجل برقم جوالي 0551234567 مو بالايميل\nاحذفوه لو سمحتوا", "delete_account"),
    # an address of its own stops the search: "it" may be the address
    ("الحساب مسجل برقم جوالي وعندي ايميل قديم\nاحذفوه لو سمحتوا", "other"),
])
def test_a_denied_address_is_no_antecedent(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
