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
