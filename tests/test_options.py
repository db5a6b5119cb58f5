"""understanding.options: a reply that picks one of the store's numbered options."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg
from tests.test_thread import answered

OPTIONS = ("> Please let us know which of the following you would like:\n"
           "> 1) Delete your Dar Al Lulwa account and all related data\n"
           "> 2) Keep your account, but stop all marketing emails and SMS\n>\n"
           "> ١) حذف حسابك وجميع البيانات المرتبطة به\n"
           "> ٢) الإبقاء على الحساب مع إيقاف الرسائل التسويقية")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    ("الثاني please 👍", OPTIONS, "unsubscribe"),
    ("option 2", OPTIONS, "unsubscribe"),
    ("the first one please", OPTIONS, "delete_account"),
    ("١", OPTIONS, "delete_account"),
    # more than a number, two numbers, or options that are no requests
    ("the second one was damaged", OPTIONS, "other"),
    ("2 and 3", OPTIONS, "other"),
    ("2", "> 1) Track your order\n> 2) Return an item", "other"),
])
def test_a_numbered_option_picked_by_its_number(text: str, quoted: str, intent: str) -> None:
    answered(text, quoted, intent)


def test_go_ahead_with_the_first_option() -> None:
    quoted = ("> Please confirm which of these you would like:\n>\n> 1. We permanently delete your"
              " account and personal data, or\n> 2. We only remove your saved card and keep the"
              " account open.")
    assert classify(msg("Yes, please go ahead with the first option. Thanks.",
                        "RE: Your request", quoted=quoted)).intent == "delete_account"
