"""Families found by held-out set 37 (short, messy and forwarded mail), one family at a time:
each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, auto_applied, msg

# ------------------------------------------------- 1. a seller's pitch about our pages


@pytest.mark.parametrize("text", [
    "I'm Daniel from Brightlist, a small email marketing agency. I noticed your newsletter "
    "signup has no double opt-in and your unsubscribe page loads slowly on mobile - both hurt "
    "deliverability. Would you be open to a 15-minute call next week?",
    "Your unsubscribe flow has three steps; we cut that to one for other retailers. Happy to "
    "book a demo.",
])
def test_a_pitch_about_the_unsubscribe_page_asks_nothing(text: str) -> None:
    assert classify(msg(text)).intent == OTHER


@pytest.mark.parametrize("text", [
    "Your unsubscribe link doesn't work. Please take me off the list.",
    "Unsubscribe me please, would you be open to doing it today?",
])
def test_a_customer_about_the_unsubscribe_link_still_asks(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- 2. Arabizi: "ballesh", «مسجات», «تبعتولي»


@pytest.mark.parametrize("text", [
    "marhaba, ballesh tbe3touli emails please, 3am yeje kteer. merci",
    "waggfo el masajat plz ma abeeha kil yom 3roodh",
    "balash tb3atouli 3orood",
])
def test_arabizi_stop_sending(text: str) -> None:
    assert classify(msg(text)).intent == UNS


@pytest.mark.parametrize("text", [
    "wain tlbi? mn 5 ayam ma wsal",
    "b3atouli el masajat bas ma wsal el code",
])
def test_arabizi_order_talk_stays_other(text: str) -> None:
    assert classify(msg(text)).intent == OTHER


# ------------------------------------------------- 3. «هال» names the account: one of two


@pytest.mark.parametrize("text", [
    "عملت حساب جديد بالغلط بإيميل تاني وهلق صار عندي حسابين.\n"
    "فيكن تمحوا الحساب يلي عليه هالإيميل؟ وخلّوا الجديد.",
    "عندي حسابين. امسحوا الحساب اللي على هالرقم.",
])
def test_the_account_on_this_email_is_the_senders(text: str) -> None:
    assert classify(msg(text)).intent == DEL


def test_a_demonstrative_elsewhere_does_not_make_an_edit_a_deletion() -> None:
    text = "عندي حسابين. هالاسبوع غيرت العنوان. امسحوا العنوان القديم من الحساب."
    assert classify(msg(text)).intent != DEL
