"""Families found by held-out set 57 (the replies-and-forwards month): a short answer to the
store's own question, by its number or by taking every option."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

_OPTIONS = ("> Before we go ahead, which of these do you want?\n"
            "> (1) Stop the Garage Notes newsletter only\n"
            "> (2) Close your Markaba account\n> (3) Both\n>\n> Just reply with the number.")
_SPACED = ("Hi Chris,\nThanks for your message. Just so we get it right, do you want:\n"
           "1 - no more New on the Shelf newsletters (your account stays)\n"
           "2 - your Safha account closed\n\nReply with 1 or 2.")
_ARABIC = ("> بخصوص طلبك الأخير: هل تريد إلغاء اشتراكك في النشرة فقط أم حذف حسابك؟\n"
           "> ١ - إيقاف النشرة والعروض فقط (يبقى الحساب ومواعيد التركيب)\n"
           "> ٢ - حذف الحساب نهائياً\n>\n> يرجى الرد برقم الخيار.")


@pytest.mark.parametrize("text, quoted, intent", [
    ("both", _OPTIONS, DEL),
    ("3", _OPTIONS, DEL),
    ("1", _OPTIONS, UNS),
    ("1 thanks", _SPACED, UNS),
    ("2", _SPACED, DEL),
    ("٢ .. وبسرعة لو سمحتوا الله يعافيكم", _ARABIC, DEL),
    ("١", _ARABIC, UNS),
])
def test_a_numbered_answer_picks_its_option(text: str, quoted: str, intent: str) -> None:
    assert classify(msg(text, quoted=quoted)).intent == intent


def test_both_under_newsletter_or_account_is_the_deletion() -> None:
    quoted = "> هل تريد إلغاء اشتراكك في النشرة فقط أم حذف حسابك أيضاً؟\n> رد على هذه الرسالة"
    assert classify(msg("الاثنين الله يعافيكم", quoted=quoted)).intent == DEL


@pytest.mark.parametrize("text", ["1 and 2? not sure", "what do you mean by 2"])
def test_an_answer_that_says_more_is_left_to_a_person(text: str) -> None:
    assert classify(msg(text, quoted=_SPACED)).intent not in (DEL, UNS)
