"""Families found by held-out set 77 (replies and forwards, a sixth time): answers to the
store's numbered or listed options, with a reason after them."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, msg

NUMBERED = ("> هل تريد إلغاء اشتراكك في النشرة فقط أم حذف حسابك؟\n>\n"
            "> 1- إلغاء الاشتراك في النشرة فقط (يبقى حسابك وطلباتك وعضوية نادي شيف تنّور كما هي)\n"
            "> 2- حذف الحساب نهائياً مع جميع بياناتك\n>\n"
            "> يرجى الرد على هذه الرسالة برقم الخيار المناسب.")
BULLETS = ("> Before we change anything, could you let us know what you would like us to do - "
           "newsletter only, or close your account as well?\n>\n"
           "> - Newsletter only: we stop the Wadi Drive Deals emails and the SMS/WhatsApp offers. "
           "Your account, orders and Wadi Drive Plus stay as they are.\n"
           "> - Close the account as well: we delete your Wadi Drive account and personal data.")
THREE = ("> Which of these would you like us to stop? Please reply with 1, 2 or 3:\n>\n"
         "> 1 - the Wadi Drive Deals emails only\n> 2 - the SMS and WhatsApp offers only\n"
         "> 3 - both")


# ------------------------------------------------- 1. the choice first, the reason after


@pytest.mark.parametrize("text, quoted, intent", [
    ("٢ لو سمحتين\nما عاد استخدم الموقع، كل شي صرت اشتريه من المحل", NUMBERED, DEL),
    ("2\nلأني راجعة ع عمّان آخر الشهر ونهائياً، وما رح استعمل الحساب بعد هيك. شكراً إلكن", NUMBERED,
     DEL),
    ("التاني طبعاً.. امسحوا كل حاجة من فضلكم، الحساب والبيانات وكل حاجة", NUMBERED, DEL),
    ("الاختيار الأول لو سمحتي، الحساب يفضل زي ما هو. بس الإيميلات كتير أوي بصراحة", NUMBERED, UNS),
    ("3 - both. Keep the account, I'll still buy from you, just not 10 messages a week.", THREE,
     UNS),
    # … unless what follows takes it back, or keeps what the option deletes
    ("2. Actually no, ignore that, I'll keep everything", NUMBERED, OTHER),
    ("2 but keep my account please", NUMBERED, OTHER),
])
def test_a_numbered_choice_with_a_reason_after_it(text: str, quoted: str, intent: str) -> None:
    assert classify(msg(text, "Re: your request", quoted=quoted)).intent == intent


# ------------------------------------------------- 2. options as a list of bullets


@pytest.mark.parametrize("text, intent", [
    ("The second one please - close it. I've had the account since 2026 and hardly used it.",
     DEL),
    ("The first one, thanks", UNS),
    # the verb contradicts the option: the sender's own words decide
    ("The second one please - just stop the emails", UNS),
])
def test_a_bulleted_option_picked_by_its_place(text: str, intent: str) -> None:
    assert classify(msg(text, "Re: Unsubscribe", quoted=BULLETS)).intent == intent


def test_all_of_it_under_listed_options_goes_to_a_person() -> None:
    result = classify(msg("All of it please. Sold the Prado last week and I'm leaving Oman",
                          "Re: Remove me", quoted=BULLETS))
    assert (result.intent, result.confidence < 0.8) == (DEL, True)


# ------------------------------------------------- 3. "I only clicked unsubscribe": told


@pytest.mark.parametrize("text, intent", [
    ("Wait, what?? I never asked for my account to be deleted. I only clicked unsubscribe at the "
     "bottom of the newsletter. Please restore it ASAP. The newsletter staying off is fine.",
     OTHER),
    ("I clicked unsubscribe at the bottom two weeks ago and I'm still getting your emails.", UNS),
])
def test_a_clicked_unsubscribe_is_told(text: str, intent: str) -> None:
    assert classify(msg(text, "RE: Your account has been deleted")).intent == intent


# ------------------------------------------------- 4. two accounts, one of them called "my"


def test_the_work_one_of_two_accounts_one_called_my_main_one() -> None:
    text = ("It's a bit messy sorry. There are two accounts: rkhan.home@mailbox.example (my main "
            "one) and rkhan.work@lulu-trading.example which I made by mistake.\n\nPlease delete "
            "the work one completely - the account, not just the emails. Keep the home one as it "
            "is, newsletter included.")
    assert classify(msg(text, "Re: Two of everything")).intent == DEL
