"""Families found by held-out set 28 (a second ordinary month), one family at a time: each has
cases that must be requests and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import OTHER, UNS, applied, auto_applied

_NEWSLETTER = "> Bags under SAR 199 | شنط بأقل من ١٩٩ ريال\n> Shop now\n>\n> Unsubscribe | إلغاء"


# ------------------------------------------------- 1. a blessing after "remove me please"

def test_remove_me_with_a_blessing_above_a_newsletter() -> None:
    got, _ = applied("Remove me please الله يعافيكم", quoted=_NEWSLETTER)
    assert got == UNS


def test_a_blessing_alone_is_no_request() -> None:
    assert applied("الله يعافيكم", quoted=_NEWSLETTER)[0] == OTHER


# ------------------------------------------------- 2. Arabizi "take my number off"

@pytest.mark.parametrize("text", [
    "7ayakom, lo sma7tu shelo ra8mi mn rsayel el whatsapp, el offers bs. mashkoreen",
])
def test_arabizi_take_my_number_off_the_whatsapp_offers(text: str) -> None:
    assert auto_applied(text, UNS)


def test_arabizi_a_relatives_number_off_the_list_like_the_arabic() -> None:
    # a relative's number, the family's to take off: as «شيلوا رقم اخوي من رسايل الواتساب»
    # (the label definition: "a request to take some other address off the list")
    assert auto_applied("shelo ra8m a5oy mn rsayel el whatsapp", UNS)  # my brother's
    assert auto_applied("شيلوا رقم اخوي من رسايل الواتساب", UNS)


# ------------------------------------------------- 3. "remove that one from your list"

@pytest.mark.parametrize("text", [
    "It also keeps going to my old office address, which I left in January. Please remove that "
    "one from your list.",
    "Please remove it from your mailing list",
    "remove them from your list",
])
def test_a_pronoun_taken_off_the_stores_list(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "I added the TV to my list by mistake, please remove it from the list",
    "I added the TV to my list by mistake, please remove it",
])
def test_the_senders_own_list_is_a_thing(text: str) -> None:
    assert applied(text)[0] == OTHER
