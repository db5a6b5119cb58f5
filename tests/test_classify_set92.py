"""Families found by held-out set 92 (replies to mailbot's own privacy mails, a fourth time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg
from tests.test_classify_set82 import CONFIRM_AR, CONFIRM_EN, SUBJECT

UNSUBSCRIBED = "> As you asked, you won't receive any more marketing from Marsa Outdoor by email."


@pytest.mark.parametrize(("text", "intent"), [
    # who asked for it is someone else's act, not a request
    ("I NEVER asked for this!!! Who requested to delete my account? Has someone got into my "
     "account? Do NOT delete anything and tell me who made this request.", "other"),
    ("I requested to delete my account last week, any news?", "delete_account"),
])
def test_who_requested_it(text: str, intent: str) -> None:
    assert classify(msg(text, SUBJECT, quoted=CONFIRM_EN)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # «خلاص» ("that's it") closes the yes; a reason after it keeps it a yes
    ("ايوه امسحوه خلاص انا مش محتاجه تاني", "delete_account"),
    ("ايوه خلاص لا تمسحوه", "other"),
])
def test_a_yes_closed_by_khalas(text: str, intent: str) -> None:
    assert classify(msg(text, SUBJECT, quoted=CONFIRM_AR)).intent == intent


def test_please_actually_stop_them_under_our_unsubscribe_mail() -> None:
    text = ('You sent me this on 28 May and today (4 June) I got "Eid Camping Deals - up to 40% '
            'off" in my inbox. So the emails still come. Please actually stop them.')
    result = classify(msg(text, "Re: You're unsubscribed", quoted=UNSUBSCRIBED))
    assert result.intent == "unsubscribe", result
