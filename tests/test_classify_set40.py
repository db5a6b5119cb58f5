"""Families found by held-out set 40 (a month of replies), one family at a time: each has
cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from mailbot.understanding.normalise import detect_language
from tests.test_classify import OTHER, UNS, msg

# ------------------------------------------------- 1. "still coming" is a complaint, not "keep"


@pytest.mark.parametrize("text", [
    "أنا لغيت الاشتراك من أسبوع وجالي الإيميل ده، ولسه العروض بتيجي كل يوم!! ازاي يعني؟",
    "الغيت الاشتراك مرتين بس لا زالت توصلني النشرات كل يومين",
])
def test_unsubscribed_and_still_coming(text: str) -> None:
    assert classify(msg(text)).intent == UNS


@pytest.mark.parametrize("text", [
    "لغيت الاشتراك بالغلط، خلوا العروض تجيني",
    "ولسه العروض بتيجي كل يوم",  # a remark, no request: a person reads it
])
def test_keep_them_coming_or_a_bare_remark_is_not_applied(text: str) -> None:
    result = classify(msg(text))
    assert result.intent == OTHER or result.confidence < 0.8


# ------------------------------------------------- 2. a bare "Stop." after naming the mail


def test_a_bare_stop_after_the_promo_emails_is_suggested() -> None:
    result = classify(msg("You said I was unsubscribed on the 2nd. I've had three more promo "
                          "emails since then. Stop."))
    assert result.intent == UNS and result.confidence < 0.8  # a person confirms


def test_a_bare_stop_after_order_talk_is_not() -> None:
    text = ("The parcel came two days late again and the box was crushed, and the driver did not "
            "even call me before coming to the door. Stop.")
    assert classify(msg(text)).intent == OTHER


# ------------------------------------------------- 3. an address in brackets before "from"


@pytest.mark.parametrize("text", [
    "Please remove my son's email address (omar.j2015@example.org) from your mailing list.",
    "Please remove my wife's address (sara.k@example.com) from your marketing list, thanks.",
])
def test_an_address_in_brackets_before_the_list(text: str) -> None:
    assert classify(msg(text)).intent == UNS


# ------------------------------------------------- 4. Arabizi answered in Arabic


@pytest.mark.parametrize("text", [
    "wagfo el emails plz, kil yoom 3 emails",
    "ballesh tbe3touli el offers kil yom",
    "hala, mata yewsal tlabi? sar lah 10 ayam. raqmah LY-59902. thx",  # set 49
])
def test_arabizi_with_few_digits_is_arabic(text: str) -> None:
    assert detect_language(text) == "ar"


@pytest.mark.parametrize("text", [
    "men and women will like it",
    "mata is my friend, what time does the store open?",
    "Please stop the offers, I get them every day",
])
def test_english_stays_english(text: str) -> None:
    assert detect_language(text) == "en"
