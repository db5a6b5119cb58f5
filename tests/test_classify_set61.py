"""Families found by held-out set 61 (the replies brief a third time), one family at a
time: each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

# ------------------------------------------------- 1. "both" to "which email should we remove?"

_WHICH = ("> Happy to help. We found two addresses on our mailing list under your name:\n"
          "> r.desai@example.net and ravi.desai@example.com.\n>\n"
          "> Which email should we remove? Or should we remove both?")


def test_both_addresses_off_the_list_is_no_deletion() -> None:
    assert classify(msg("both", quoted=_WHICH)).intent == UNS


def test_both_under_an_account_question_is_still_the_deletion() -> None:
    quoted = "> Do you want us to delete your account, or only stop the marketing emails?"
    assert classify(msg("both please", quoted=quoted)).intent == DEL


# ------------------------------------------------- 2. replies that ask in their own words


@pytest.mark.parametrize("text, quoted, intent", [
    ("stop sending me these. I bought tyres from you ONCE, in 2026.",
     "> MIRQAB TYRES - Summer offers\n> - 20% off tyres\n>\n> You get this newsletter because "
     "you signed up.\n> Unsubscribe: https://mirqabtyres.example/unsub?id=8c01", UNS),
    ("Thanks. But the SMS offers are still coming to 050 123 4471 - can you stop those too?",
     "> You've been unsubscribed from New Arrivals Weekly.", UNS),
    ("I replied NO last week because I didn't recognise the request. Turns out my wife sent "
     "it, and we agreed we only need one account (hers). So please go ahead and delete mine "
     "after all.", "> Reply YES to confirm you want your account deleted.", DEL),
])
def test_requests_typed_above_our_mail(text: str, quoted: str, intent: str) -> None:
    assert classify(msg(text, quoted=quoted)).intent == intent


def test_mine_after_a_card_is_the_card() -> None:
    assert classify(msg("My wife deleted her card. Please delete mine too.")).intent != DEL


# ------------------------------------------------- 3. «رد بـ 1 … أو 2 …»


def test_arabic_reply_with_options_in_prose() -> None:
    quoted = ("> هل تريد إلغاء اشتراكك في النشرة فقط أم حذف حسابك؟\n>\n"
              "> رد بـ 1 لإلغاء النشرة فقط، أو 2 لحذف الحساب نهائياً.")
    assert classify(msg("٢ لو سمحتوا", quoted=quoted)).intent == DEL
