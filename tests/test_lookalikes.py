"""understanding.lookalikes: unsubscribe shapes that their object or context explains away."""

from __future__ import annotations

import pytest

from mailbot.understanding import lookalikes
from mailbot.understanding.classify import classify
from mailbot.understanding.letters import codes as _codes
from mailbot.understanding.normalise import tokens
from mailbot.understanding.shapes import UNS_RULES
from tests.test_classify import msg


def _kinds(text: str) -> set[str | None]:
    toks = tokens(text)
    codes, index = _codes(toks)
    return {lookalikes.unsubscribe(codes, toks, index, name, m.start(), m.end())
            for name, _, rx, _ in UNS_RULES for m in rx.finditer(codes)}


@pytest.mark.parametrize(("text", "kinds"), [
    ("please stop the promo emails", {"uns"}),
    ("stop calling me about someone else's order", {None}),
    ("can you keep sending me the newsletter", {None}),
    ("unsubscribe me from the plus membership", {"paid"}),
    ("cancel the subscription order", {None}),
    ("cancel the subscription box order", {"paid"}),  # a box is a product that charges
])
def test_unsubscribe(text: str, kinds: set[str | None]) -> None:
    assert _kinds(text) == kinds


@pytest.mark.parametrize(("text", "expected"), [
    ("delete my account page", True),
    ("delete my account in the app", False),
])
def test_compound(text: str, expected: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    assert lookalikes.compound(codes, toks, index, codes.index("A") + 1) is expected


@pytest.mark.parametrize(("text", "kinds"), [
    ("can you unsubscribe me from mondays", {None}),
    ("i'll unsubscribe from life", {None}),
    ("unsubscribe me from the newsletter", {"uns"}),
    ("the newsletter is fine . please turn off the personalisation", {None}),
    ("the newsletter . please turn it off", {"uns"}),
    ("ما بدي ضيع عروضكن", {None}),
    ("i don't want to miss your offers", {None}),
    ("i don't want your offers", {"uns"}),
])
def test_jokes_settings_and_fear_of_missing_out(text: str, kinds: set[str | None]) -> None:
    assert _kinds(text) == kinds


@pytest.mark.parametrize(("text", "expected"), [
    ("the app keeps closing", True),
    ("طلب اغلاق حسابي", False),
    ("اتقدم بطلب اغلاق حسابي", False),
])
def test_intransitive(text: str, expected: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    assert lookalikes.intransitive(codes, toks, index, codes.index("D")) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("remove everything from my wishlist", True),
    ("delete everything from the cart", True),
    ("امسحوا كل شي من السله", True),
    ("delete everything from my account", False),
    ("delete everything from your system", False),
])
def test_from_container(text: str, expected: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    assert lookalikes.from_container(codes, toks, index, codes.index("I") + 1) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("remove all my details from your mailing list", True),
    ("delete everything about me from your marketing list", True),
    ("delete all my data from your systems", False),
])
def test_from_marketing(text: str, expected: bool) -> None:
    codes = _codes(tokens(text))[0]
    assert lookalikes.from_marketing(codes, codes.index("I") + 1) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("why am i getting an account deletion email instead of my blender", True),
    ("i got the deletion confirmation message twice", True),
    ("please process my account deletion, email me when done", False),
])
def test_a_deletion_that_names_a_mail(text: str, expected: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    end = codes.index("X") + 1
    assert lookalikes.names_a_mail(codes, toks, index, end) is expected


def test_the_account_locked_after_login_attempts_is_no_deletion() -> None:
    text = ("بعد الايميل حقكم غيرت الباسوورد احتياط، وبعدها حاولت ادخل اكثر من مرة وقفل الحساب\n"
            "يطلع لي \"تم قفل الحساب مؤقتاً\"")
    assert classify(msg(text)).intent == "other"
    assert classify(msg("قفل الحساب لو سمحتوا")).intent == "delete_account"


@pytest.mark.parametrize(("text", "intent"), [
    # "(I'd like) to continue receiving your offers" wants them
    ("Please change the email address on my account. I would like to keep everything else as it"
     " is and to continue receiving your offers at the new address.", "other"),
    # "they seem to continue coming" complains
    ("I unsubscribed but your emails seem to continue coming", "unsubscribe"),
])
def test_to_continue_receiving_is_a_wish(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # "the unsubscribe" as the subject of what it did: the act, told
    ("Last week I clicked unsubscribe at the bottom of your newsletter. I'm worried the unsubscribe"
     " also closed my account. I want to KEEP the account, I only wanted fewer emails.", "other"),
    ("please process the unsubscribe", "unsubscribe"),
    # 'she clicked "unsubscribe" in her mail app': the button's name
    ('Not asking to be removed, but the mailto in your List-Unsubscribe header bounced for my wife'
     ' when she clicked "unsubscribe" in her mail app.', "other"),
])
def test_the_unsubscribe_told(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
