"""Families found by held-out set 81 (replies and forwards, a seventh time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import UNS, msg

ONLY_OR_CLOSE = ("> Thanks for getting in touch. Before we go ahead, can you tell us what you need:\n"
                 "> newsletter only, or close your account as well?")
NUMBERED = ("> هل تريد إلغاء اشتراكك في النشرة فقط أم حذف حسابك؟\n> 1- النشرة فقط\n> 2- حذف الحساب\n>\n"
            "> رد على هذه الرسالة برقم الخيار.")


@pytest.mark.parametrize("text, quoted", [
    ("الخيار الأول من فضلكم، أريد الاحتفاظ بالحساب.", NUMBERED),  # «من فضلكم»: please
    ("bas el newsletter, el account 5alih", ONLY_OR_CLOSE),  # Arabizi "only … keep it"
])
def test_the_newsletter_option_in_other_words(text: str, quoted: str) -> None:
    assert classify(msg(text, "Re: Your request", quoted=quoted)).intent == UNS


def test_which_address_answered_with_the_provider_named() -> None:
    quoted = ("> Which email address / phone number should we remove? We have two email\n"
              "> addresses and one mobile number on your profile.")
    text = "the hotmail one, j.farouk77@hotmail.example . the gmail can stay for order\nstuff"
    assert classify(msg(text, "Re: remove me", quoted=quoted)).intent == UNS


@pytest.mark.parametrize("text", [
    "Actually, on reflection just close the whole account. I only ordered once and I'd rather "
    "you didn't keep my details.",
    "Close the account. I only ordered once and I'd rather you didn't keep my details at all.",
])
def test_a_command_to_close_the_account(text: str) -> None:
    assert classify(msg(text, "Re: Re: stop emails")).intent == "delete_account"
