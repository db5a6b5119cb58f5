"""understanding.others: mail, lists and records that are not the sender's own."""

from __future__ import annotations

import pytest

from mailbot.understanding import others
from mailbot.understanding.classify import classify
from mailbot.understanding.letters import codes as _codes
from mailbot.understanding.normalise import tokens
from tests.test_classify import msg


def _read(text: str) -> tuple[list[str], str, list[int]]:
    toks = tokens(text)
    codes, index = _codes(toks)
    return toks, codes, index


@pytest.mark.parametrize(("text", "expected"), [
    ("I bought a phone case from them once.", True),
    ("I've never bought anything there.", True),
    ("ما اشتريت منهم الا مرة", True),
    ("I bought a dress from you last week.", False),
    ("اشتريت منكم فستان", False),
])
def test_bought_elsewhere(text: str, expected: bool) -> None:
    assert others.bought_elsewhere(tokens(text)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Your emails are fine!", True),
    ("You only email me when I order, which is perfect.", True),
    ("انتو عادي رسايلكم ما تضايقني", True),
    ("Your emails are fine but please stop the SMS.", False),
    ("Your emails are fine, but I get too many.", False),
    ("The weather is fine.", False),
])
def test_ours_fine(text: str, expected: bool) -> None:
    assert others.ours_fine(*_read(text)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("remove ahmed siddiq from your list", True),
    ("ازاله رقم الفاكس القديم من قايمه المراسلات", True),
    ("remove me from your list", False),
    ("remove my old number from your list", False),
    ("remove the email below from your list", False),
    ("sheelo emaili mn el list", False),
    ("شيلوا رقمي من القايمه", False),
    ("take the work address off the newsletter", False),  # which of the sender's own
    ("remove ahmed's work address from your list", True),
])
def test_removes_someone_else(text: str, expected: bool) -> None:
    toks, codes, index = _read(text)
    assert others.removes_someone_else(codes, toks, index, 0, len(codes)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("stop calling me about someone else's order", True),
    ("وقفوا الاتصالات بخصوص الشحنه", True),
    ("stop the promo emails about new products", False),
])
def test_about_an_order(text: str, expected: bool) -> None:
    toks, codes, index = _read(text)
    assert others.about_an_order(toks, index, 2) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Are they actually affiliated with you?", True),
    ("they say they're your official partner", True),
    ("يقول انه الوكيل الرسمي لكم", True),
    ("remove me from your partner offers", False),
])
def test_poses_as_us(text: str, expected: bool) -> None:
    assert others.poses_as_us(tokens(text)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("stop calling me. the driver keeps calling me about that order", True),
    ("stop calling me with offers", False),
])
def test_calls_about_an_order(text: str, expected: bool) -> None:
    toks, _codes_, index = _read(text)
    assert others.calls_about_an_order(toks, index) is expected


@pytest.mark.parametrize(("text", "to", "names", "elsewhere"), [
    # a Gmail address names the provider, not the store: nothing to compare
    ("Hello Waha Store team,\nplease close my account", ["waha.store.kw@gmail.com"], (), False),
    # … the [brand] name does
    ("Hello Waha Store team,\nplease close my account", ["waha.store.kw@gmail.com"],
     ("Waha Store",), False),
    ("Hello Bayt Mart team,\nplease close my account", ["waha.store.kw@gmail.com"],
     ("Waha Store",), True),
    ("Hello Bayt Mart team,\nplease close my account", ["care@nununest.example"], (), True),
])
def test_addressed_elsewhere_by_address_and_name(text: str, to: list[str],
                                                 names: tuple[str, ...], elsewhere: bool) -> None:
    assert (others.addressed_elsewhere(text, to, names) is not None) == elsewhere


@pytest.mark.parametrize("text", [
    "عافاكم حيدو الإيميل ديال ختي من النشرة ديالكم",  # Moroccan: my sister's address
    "please shelo email abooy mn el newsletter",  # Gulf Arabizi: my father's address
])
def test_a_relatives_address_off_the_list_is_an_unsubscribe(text: str) -> None:
    assert classify(msg(text)).intent == "unsubscribe"


@pytest.mark.parametrize(("text", "meeting"), [
    ("Would you have 15 minutes next Tuesday or Wednesday for a quick call?", True),
    ("Would someone on your side have 20 minutes next week for a call?", True),
    ("could you spare 10 minutes for a demo", True),
    # the sender's own time on a call with us
    ("I spent 40 minutes on a call with your agent", False),
    ("please call me, I have 5 minutes now", False),
])
def test_asks_for_a_meeting(text: str, meeting: bool) -> None:
    assert others.asks_for_a_meeting(tokens(text)) is meeting


def test_a_sellers_pitch_quoting_requests_asks_for_none() -> None:
    text = ('I saw your privacy policy update this week. Most retailers we speak to get a wave of'
            ' "delete my account" and "unsubscribe me" emails after a notice like this. Would you'
            ' have 15 minutes next Tuesday or Wednesday for a quick call?')
    assert classify(msg(text)).intent == "other"
