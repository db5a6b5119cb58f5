"""Families found by held-out set 85 (replies to mailbot's own privacy mails, a second time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg
from tests.test_classify_set82 import CONFIRM_EN, SUBJECT

UNSUBSCRIBED_AR = ("> بناءً على طلبك، لن تصلك بعد الآن أي رسائل تسويقية من بستان عبر البريد "
                   "الإلكتروني.")
UNSUBSCRIBED_EN = ("> As you asked, you won't receive any more marketing from Bustan Garden by "
                   "email. We've recorded that you withdrew your consent.")


@pytest.mark.parametrize("text", [
    # a yes first, however long the rest
    "Confirmed.\n\nOne question though - will the autoship for Luna's food stop by itself or "
    "do I need to cancel it first? Don't want to be charged after the account is gone.",
    # … after an apology for answering late
    "Sorry, I was travelling and only saw this now (three weeks late, I know). Yes, please go "
    "ahead and delete it.\nRegards\nAnand",
])
def test_a_yes_opening_a_longer_reply(text: str) -> None:
    assert classify(msg(text, SUBJECT, quoted=CONFIRM_EN)).intent == "delete_account"


def test_a_yes_taken_back_in_the_same_reply_is_no_yes() -> None:
    text = ("Yes, please delete my account.\n\nActually, wait - I just remembered I have a 15 KWD "
            "gift card from my sister on it. Don't delete it then. Can you just stop the "
            "promotional emails and texts instead?")
    assert classify(msg(text, SUBJECT, quoted=CONFIRM_EN)).intent == "unsubscribe"


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # «غلطت وكبست»: "I slipped and pressed" unsubscribe: told, not asked
    ("لو سمحتوا رجعولي العروض، غلطت وكبست على الغاء الاشتراك 🙈", UNSUBSCRIBED_AR, "other"),
    # "could you just close …": asked of us
    ("Thanks. Actually, could you just close the whole account while you're at it? I don't "
     "garden anymore, the balcony got glassed in", UNSUBSCRIBED_EN, "delete_account"),
])
def test_replies_to_our_unsubscribe_confirmation(text: str, quoted: str, intent: str) -> None:
    assert classify(msg(text, "Re: You're unsubscribed", quoted=quoted)).intent == intent


PARTIAL = ("> As you asked, we've stopped sending you marketing by email. You asked about these "
           "only, so marketing by WhatsApp continues as before.")


@pytest.mark.parametrize(("text", "applied"), [
    # «لا لا» then English: "no, no" answers our mail, so "keep the WhatsApp" stays a keep
    ("لا لا keep the WhatsApp please, those flash deals are the only reason I shop with you 😂 "
     "الايميل بس كنت ابي اوقفه. Thanks!", False),
])
def test_no_no_then_keep_is_no_request_to_apply(text: str, applied: bool) -> None:
    result = classify(msg(text, "Re: We've updated your marketing preferences", quoted=PARTIAL))
    assert (result.intent != "other" and result.confidence >= 0.8) is applied, result


@pytest.mark.parametrize(("text", "intent"), [
    ("لا لا تحذفون حسابي", "other"),  # the second «لا» forbids the verb
    ("لا لا، احذفوا الحساب كله", "delete_account"),  # "no, no: delete the whole account"
])
def test_a_doubled_no(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


CONFIRM_AR = ("> تلقّينا طلبًا لحذف حسابك لدى بستان. وقبل أن نحذف أي شيء، نودّ التأكد من أن الطلب "
              "صادر منك.\n>\n> للتأكيد، يكفي الرد على هذه الرسالة، ولا حاجة إلى كتابة أي شيء فيها.")


@pytest.mark.parametrize(("text", "intent"), [
    # a yes, "but after" a time: still the deletion («بعد ما» is "after", no negation)
    ("ايوه امسحوه بس بعد ما الاوردر BG-208817 يوصل، لسه مستنياه من يوم الخميس ومش عايزاه يتلغي",
     "delete_account"),
    ("yes delete it but after my order arrives", "delete_account"),
    # … not "but not now"
    ("yes delete it but not now", "other"),
])
def test_a_yes_but_after(text: str, intent: str) -> None:
    assert classify(msg(text, SUBJECT, quoted=CONFIRM_AR)).intent == intent
