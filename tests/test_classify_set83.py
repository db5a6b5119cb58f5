"""Families found by held-out set 83 (one-liners, a fourth time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg

SIGN_IN = ("> Hi Noora,\n>\n> Your Rafraf account was just signed in from a new device.\n>\n"
           "> Device: Chrome on Windows\n>\n> If this was you, you can ignore this email.\n"
           "> If it wasn't, reply to this email and change your password right away.")
INACTIVE = ("> Dear Hessa,\n>\n> Your account has not been used since March. Sign in before 31 May "
            "or it will be deleted.")
RENEWAL = ("> Hi Claire,\n>\n> Your Sidr Box monthly plan (OMR 12.000 a month) renews "
           "automatically on 1 July.\n> We'll charge the Visa ending 4417.\n>\n"
           "> Manage, pause or cancel your plan: https://sidrhouse.example/account/box")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # "it" under a new-sign-in alert is the account
    ("wasnt me. close it", SIGN_IN, "delete_account"),
    ("delete it please, I never use it", SIGN_IN, "delete_account"),
    # … "not me" and "change it" ask nothing of it, and a notice that only mentions signing
    # in lends no account
    ("not me", SIGN_IN, "other"),
    ("change it", SIGN_IN, "other"),
    ("close it", INACTIVE, "other"),
])
def test_a_reply_to_a_sign_in_alert(text: str, quoted: str, intent: str) -> None:
    assert classify(msg(text, "Re: New sign-in to your account", quoted=quoted)).intent == intent


def test_a_bare_unsubscribe_above_a_plan_that_renews_automatically_is_not_applied() -> None:
    result = classify(msg("unsubscribe", "Re: Your Sidr Box plan renews on 1 July", quoted=RENEWAL))
    assert result.intent == "other" or result.confidence < 0.8, result


@pytest.mark.parametrize(("text", "intent"), [
    # Maghrebi «حبس» (stop), «الميساجات» (messages), «عافاكم» (please)
    ("حبسو عليا الميساجات ديال البروموسيون عافاكم", "unsubscribe"),
    ("حبسوا الطلب عندكم في الجمارك", "other"),
])
def test_maghrebi_stop_the_messages(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
