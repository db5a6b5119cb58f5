"""Families found by held-out set 33 (the phone month again), one family at a time: each has
cases that must be requests and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied, msg

# ------------------------------------------------- 1. a subject naming a report's topic


def test_the_subject_names_the_link_that_worked() -> None:
    text = ("مرحبا، بس حبيت اقولكم ان رابط الغاء الاشتراك اشتغل ووقفت الايميلات مشكورين 👍\n"
            "بس سؤال، رسايل الطلبات والتوصيل بتظل توصلني عادي؟")
    assert classify(msg(text, "الغاء الاشتراك")).intent == OTHER


@pytest.mark.parametrize(("subject", "text"), [
    ("الغاء الاشتراك", "الغوا اشتراكي، رابط الغاء الاشتراك ما اشتغل"),
    ("Unsubscribe", "I clicked unsubscribe and it worked. But please also stop the SMS offers"),
])
def test_a_request_beside_the_report_still_counts(subject: str, text: str) -> None:
    assert classify(msg(text, subject)).intent == UNS


# ------------------------------------------------- 2. a monthly plan in English

@pytest.mark.parametrize("text", [
    "Hi, please unsubscribe me from the monthly lens subscription from February. I had laser "
    "surgery last week so I don't need lenses anymore. Don't charge my card again pls.",
    "Please cancel my annual subscription to the magazine",
])
def test_a_monthly_or_annual_subscription_is_billing(text: str) -> None:
    assert not auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "cancel my monthly newsletter subscription",
    "unsubscribe me from your monthly newsletter",
])
def test_a_monthly_newsletter_is_marketing(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- 3. a call to confirm, a few sentences on

_CONFIRM = ("> Dear Mr. Varghese,\n>\n> We have received your request to delete your account "
            "(joseph.varghese@gmail.example). Before we proceed, please note that deleting your "
            "account is permanent: your order history, saved prescriptions and any remaining "
            "store credit will be removed and cannot be restored.\n>\n> Please reply to this "
            "email to confirm that you would like us to go ahead.\n>\n> Kind regards,\n> Shaima")


def test_yes_confirms_the_request_named_sentences_before_the_call() -> None:
    got = classify(msg("Yes confirm. Go ahead and delete it pls.", "Re: deletion",
                       quoted=_CONFIRM))
    assert got.intent == DEL


def test_a_notice_of_what_was_done_offers_nothing() -> None:
    quoted = ("> Your account has been deleted and your data removed.\n>\n> Please reply to "
              "confirm you received this.")
    assert classify(msg("Yes confirm.", "Re: deletion", quoted=quoted)).intent == OTHER


# ------------------------------------------------- 4. the ask after an aside; Arabizi "get out"

@pytest.mark.parametrize("text", [
    "Thanks, arrived fine. One more thing - can you stop the promo emails? I'm getting 3 a day "
    "from you. Order updates are fine.",
    "marhaba, baddi 2etla3 mn el newsletter taba3kon please, 3am yeje kteer",
])
def test_requests_after_an_aside(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize("text", ["baddi 2etla3 3al souk bukra", "ma 2dert 2etla3 mn el app"])
def test_getting_out_elsewhere_is_no_request(text: str) -> None:
    assert applied(text)[0] == OTHER
