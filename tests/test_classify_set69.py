"""Families found by held-out set 69 (replies and forwards, a fifth time): answers to the
store's own questions, and requests the longer reply around them hid."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, msg

OPTIONS = ("> Just so we get it right: newsletter only, or close your account as well?\n>\n"
           ">   1. Newsletter only (your account and saved prescriptions stay)\n"
           ">   2. Close the account and delete its data\n>\n"
           "> Please reply with the number of your choice.")
ONLY_OR_CLOSE = ("Thanks for your message. Before we change anything, could you tell us what "
                 "you would like: newsletter only, or close your account as well?")


# ------------------------------------------------- 1. what an option keeps is not what it offers


@pytest.mark.parametrize("text, intent", [("1", UNS), ("2", DEL), ("1 please", UNS)])
def test_an_option_that_keeps_the_account_and_more_offers_the_newsletter(text: str,
                                                                         intent: str) -> None:
    result = classify(msg(text, "Re: newsletter only or close account?", quoted=OPTIONS))
    assert (result.intent, result.confidence >= AUTO_APPLY) == (intent, True)


# ------------------------------------------------- 2. "X only" in our question is an offer


@pytest.mark.parametrize("text, intent", [
    ("Newsletter only please. Keep the account, we still order every week, just too many "
     "emails.", UNS),
    ("Only the newsletter. We order every week so the account stays, thanks", UNS),
    # the answer takes the other option, or asks something else
    ("Close the account please, we moved to another city and won't order again.", DEL),
    ("What happens to my saved prescriptions if I pick one? I need them for next month", OTHER),
])
def test_newsletter_only_is_one_of_the_options_offered(text: str, intent: str) -> None:
    assert classify(msg(text, quoted=ONLY_OR_CLOSE)).intent == intent


def test_close_it_under_our_question_is_never_the_newsletter() -> None:
    # the question names "messages" and the newsletter, but it is no mailing: "it" is not
    # the newsletter (a person reads which one it is)
    text = "Close it please, we moved to another city and won't order again. Thanks for asking"
    assert classify(msg(text, quoted="> " + ONLY_OR_CLOSE)).intent != UNS


# ------------------------------------------------- 3. a number to take off, not a price


@pytest.mark.parametrize("text, intent", [
    ("You deleted my account on Sunday but I got two of your offer SMS yesterday and one "
     "today.\nPlease take my number 0561 000 847 off the SMS list.", UNS),
    ("Please take my number 0561 000 847 off the SMS list.", UNS),
    ("Did the 85% off sale end already? I wanted the blender", OTHER),
])
def test_take_my_number_off_is_not_a_discount(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


# ------------------------------------------------- 4. "I don't want the account": the sender's wish


@pytest.mark.parametrize("text, intent", [
    ("hala.masri.87@webmail.example (old one, I don't use it anymore)\nclose it, all of it. I "
     "don't want the account.\nHala", DEL),
    # not wanting to lose it, to make one or a new one asks for no deletion
    ("I don't want to lose my account, it has all my prescriptions. Can you unlock it?", OTHER),
    ("I don't want to create an account, can I check out as a guest?", OTHER),
    ("السلام عليكم\nعايز اغير رقم الموبايل اللي على الحساب عشان الرقم القديم اتلغى\n"
     "الحساب عليه ضمان التلاجة فمش عايز اعمل حساب جديد", OTHER),
    ("ما بدي افتح حساب، بدي اطلب كضيف", OTHER),
    ("I don't want a new account, just move my order to the old one", OTHER),
])
def test_an_unwanted_account_is_the_one_the_sender_has(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


# ------------------------------------------------- 5. "go ahead and close the account"


@pytest.mark.parametrize("text, intent", [
    ("OK, I've thought about it over the weekend. Please go ahead and close the account.\n"
     "Plus is already cancelled, I did that in the app yesterday.\n\nTariq", DEL),
    ("I looked at the options over the weekend. I will go ahead and close the account "
     "myself in the app.", OTHER),
])
def test_go_ahead_and_close_the_account_is_a_command(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


# ------------------------------------------------- 6. the question kept only in the subject


@pytest.mark.parametrize("subject, text, intent", [
    ("RE: Please confirm: delete your Sallati account", "yes go ahead and delete it. thx", DEL),
    ("Re: Do you want us to stop the weekly offers?", "yes please", UNS),
    ("Fwd: Please confirm: delete your Sallati account", "yes", OTHER),  # a forward asks nothing
    ("Re: Shall we cancel the order?", "yes", OTHER),
])
def test_a_reply_whose_quote_was_trimmed_answers_its_subject(subject: str, text: str,
                                                             intent: str) -> None:
    assert classify(msg(text, subject)).intent == intent
