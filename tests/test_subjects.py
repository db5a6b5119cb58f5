"""understanding.subjects: whose words a subject holds, and what it asks."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from mailbot.understanding.normalise import tokens
from mailbot.understanding.subjects import asked_in, edited, with_text
from tests.test_classify import OTHER, UNS, msg


@pytest.mark.parametrize(("subject", "text", "is_edited"), [
    ("Re: Falaj Weekly - الغاء الاشتراك بالنشره", "هلال السيابي\n9211 0457", True),
    ("Re: Weekly deals", "Ahmed", True),
    ("Re: Weekly deals", "yes", False),  # an answer, not a name
    ("Re: حُذف حسابك لدى بيت العود", "مشكورين", False),  # a thanks, not a name
    ("Fwd: Weekly deals", "Ahmed", False),  # a forward
    ("Re: Do you want us to delete your account?", "Ahmed", False),  # our question
    ("Re: Weekly deals", "stop sending me these please", False),  # the text speaks
    ("Weekly deals", "Ahmed", False),  # no reply
])
def test_edited(subject: str, text: str, is_edited: bool) -> None:
    assert edited(subject, text) == is_edited


def test_a_reply_subject_is_not_read_unless_edited() -> None:
    text = "thanks, see you"
    assert with_text("Re: 20% off, unsubscribe anytime", text, tokens(text)) == tokens(text)
    text = "حسابي لو سمحتوا"
    assert with_text("احذف", text, tokens(text))[:2] == ["احذف", "حسابي"]  # one sentence


@pytest.mark.parametrize(("subject", "quoted", "asked"), [
    ("RE: Please confirm: delete your account", "", "Please confirm: delete your account"),
    ("Fwd: Please confirm: delete your account", "", None),  # a forward asks nothing
    ("Re: Please confirm", "> the question, quoted", None),  # the quote has it
])
def test_asked_in(subject: str, quoted: str, asked: str | None) -> None:
    assert asked_in(msg("yes", subject, quoted=quoted), subject) == asked


def test_a_request_in_an_edited_subject_goes_to_a_person() -> None:
    result = classify(msg("هلال السيابي\n9211 0457", "Re: Falaj Weekly - الغاء الاشتراك بالنشره"))
    assert (result.intent, result.confidence < 0.8) == (UNS, True)
    assert classify(msg("Ahmed", "Re: Do you want us to delete your account?")).intent == OTHER


@pytest.mark.parametrize("text", ["Stop", "شيلوني من القايمه", "Unsubscribe me"])
def test_a_short_request_is_no_signature(text: str) -> None:
    assert not edited("Re: Weekly deals", text)


@pytest.mark.parametrize(("subject", "text", "intent"), [
    # the subject is the text's own opening, typed twice: the text says what it means
    ("no sms", "no sms code coming when i login", "other"),
    # a subject that is a word's start opens nothing
    ("انسبسكرايب", "انسبسكرايبوني من كل الليستات", "unsubscribe"),
    ("no sms", "", "unsubscribe"),
])
def test_a_subject_typed_as_the_texts_opening(subject: str, text: str, intent: str) -> None:
    assert classify(msg(text, subject)).intent == intent


def test_a_subject_that_refuses_what_the_text_asks_goes_to_a_person() -> None:
    # subject "unsubscribe, not delete the account", text "… no no, I mean I want to delete the
    # whole account": which one, a person reads
    result = classify(msg("مرحبا بدي الغي الاشتراك بالنشرة لا لا قصدي بدي احذف الحساب كله",
                          "الغاء الاشتراك لا حذف الحساب"))
    assert result.confidence < 0.8
