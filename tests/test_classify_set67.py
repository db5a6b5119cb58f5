"""Families found by held-out set 67 (the wrong-address month): whose address, number or
account a request is about."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding.classify import classify
from tests.test_classify import AUTO, DEL, UNS, msg


def to(message: ParsedMessage, address: str) -> ParsedMessage:
    return replace(message, to=(address,))


# ------------------------------------------------- 1. a mail meant for another company


def test_closing_another_companys_account_sent_to_us() -> None:
    text = ("Hello Bayt Mart team,\n\nI'd like to close my Bayt Mart account, registered with "
            "this email. My last order was BM-442190.")
    assert classify(to(msg(text), "care@nununest.example")).intent != DEL


@pytest.mark.parametrize("text, address", [
    ("Hello Waha Store team,\n\nPlease close my account.", "support@waha.example"),
    ("Hi Nora's team can you please stop sending me the promotional text messages",
     "support@nawras.example"),  # a name misheard by voice typing
    ("Dear Customer Support,\n\nPlease delete my account.", "support@barq.example"),
])
def test_a_greeting_to_us_or_to_nobody_in_particular_still_asks(text: str,
                                                                address: str) -> None:
    assert classify(to(msg(text), address)).intent in (DEL, UNS)


def test_their_newsletter_is_another_companys() -> None:
    assert classify(msg("ممكن تكلمونهم يشيلوني من نشرتهم؟")).intent != UNS


# ------------------------------------------------- 2. data on my email, an account I never made


@pytest.mark.parametrize("text", [
    "انا ما سجلت عندكم ابد، بس تجيني ايميلات تأكيد حجز. اذا عندكم حساب او اي بيانات على ايميلي "
    "امسحوها كلها لو سمحتوا.",
    "ana ma sawaet account 3indkum. law sama7tu e7thfo ay bayanat 3indkum 3anni w sakro el "
    "account. shukran",
])
def test_erase_whatever_you_hold_on_me(text: str) -> None:
    assert classify(msg(text)).intent == DEL


def test_sms_to_a_new_number_with_no_account_stops() -> None:
    text = ("salam, kil yom tyeeni sms offers mnkum 3la ragmi, al ragm jdeed 3alay w ma 3indi "
            "7ta account 3indkum. law sama7tu wagfooha")
    assert classify(msg(text)).intent == UNS


# ------------------------------------------------- 3. two accounts, "keep it" for one of them


def test_keep_this_one_delete_that_one() -> None:
    text = ("Somehow I have two accounts with you. This one (ahmed.rawas@example.net) is the "
            "one I use, keep it. The other one is ahmed_rawas88@example.com. Please delete "
            "that one.")
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 4. "please reply to this address" is a person


def test_please_reply_to_this_address_is_a_person() -> None:
    text = ("Can I pick up the tent on Wednesday evening instead of Thursday? I'm travelling "
            "tomorrow so please reply to this address.")
    assert classify(msg(text)).intent != AUTO


# ------------------------------------------------- later: a typed line break ends a negation


def test_a_new_line_after_i_never_asked_you_starts_the_request() -> None:
    text = ("السلام عليكم\nهالرقم جديد علي من شهر 0559013448 وتجيني عروض واتساب من عندكم باسم "
            "وحده اسمها\nام راكان. انا مو عميله عندكم ولا عمري طلبت منكم\nوقفوا الرسايل عن "
            "رقمي لو سمحتوا")
    assert classify(msg(text)).intent == UNS


@pytest.mark.parametrize("text", [
    "السلام عليكم\nحاولت احذف الحساب من التطبيق وما لقيت خيار، دورت بالإعدادات كلها\n"
    "ابيكم تحذفونه انتم الله يجزاكم خير\nالحساب على نفس هالايميل",
    "سويت حساب من التطبيق الشهر اللي فات. ابيكم تحذفونه لو سمحتوا",
    "I made an account from the app last month. Please delete it",
])
def test_it_is_the_account_made_in_the_app(text: str) -> None:
    assert classify(msg(text)).intent == DEL


def test_it_is_still_the_thing_bought_from_the_app() -> None:
    assert classify(msg("I bought a phone case from the app last month. Please delete it"))\
        .intent == "other"
