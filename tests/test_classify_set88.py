"""Families found by held-out set 88 (replies to mailbot's own privacy mails, a third time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg
from tests.test_classify_set82 import CONFIRM_AR, SUBJECT
from tests.test_inline import inline_reply

UNSUBSCRIBED = ("> As you asked, you won't receive any more marketing from Mishkat Books by email "
                "and SMS.\n>\n> You'll still receive messages about your orders, such as order "
                "confirmations, delivery updates and invoices.")


@pytest.mark.parametrize("text", ["tamam, ya3teeko el 3afye, merci ktir", "ok thanks"])
def test_order_confirmations_named_in_our_mail_ask_nothing(text: str) -> None:
    result = classify(msg(text, "Re: You're unsubscribed", quoted=UNSUBSCRIBED))
    assert result.intent == "other", result


@pytest.mark.parametrize(("text", "intent"), [
    # a yes, then why after a comma: still the yes
    ("ايه اكيد احذفوه، ما عاد استخدمه. صرت اشتري من فرعكم على طول", "delete_account"),
    # … but a "but" or a "not" before what was offered turns it
    ("ايوه، بس لا تمسحوه", "other"),
])
def test_a_yes_and_its_reason_after_a_comma(text: str, intent: str) -> None:
    assert classify(msg(text, SUBJECT, quoted=CONFIRM_AR)).intent == intent


def test_an_inline_yes_under_our_call_to_confirm_goes_to_a_person() -> None:
    body = ("Answers below.\n\nOn Mon, 16 Jun 2025 at 11:02, Mishkat Books wrote:\n"
            "> We received a request to delete your Mishkat Books account. Before we delete "
            "anything, we need to be sure the request came from you.\n\n"
            "Yes it was me, from the app on Saturday.\n\n"
            "> To confirm, simply reply to this email. You don't need to write anything, but "
            "please keep the reference F3VA-6LWY in the subject line.\n\n"
            "Done, the ref is still in the subject.\n")
    result = classify(inline_reply(body, SUBJECT))
    assert (result.intent, result.confidence) == ("delete_account", 0.7), result
    refused = body.replace("Yes it was me", "No, it wasn't me")
    assert classify(inline_reply(refused, SUBJECT)).intent == "other"


@pytest.mark.parametrize(("text", "intent"), [
    # "those" after the order emails were named: order mail, not marketing
    ("Good, but honestly the order emails are the bigger problem. I get four emails for every "
     "book I buy. Can you turn those off too? The SMS with the tracking link is enough.", "other"),
    # … not after offers were named
    ("The offer emails are the problem. Can you turn those off?", "unsubscribe"),
])
def test_those_after_order_emails(text: str, intent: str) -> None:
    assert classify(msg(text, "Re: You're unsubscribed", quoted=UNSUBSCRIBED)).intent == intent
