"""understanding.questions: the store's question a reply answers, and what it offers."""

from __future__ import annotations

import pytest

from mailbot.understanding.questions import may_ask, question_in


@pytest.mark.parametrize(("quoted", "offers"), [
    # by the request shape: "remove you from our mailing list" is an unsubscribe
    ("> Do you want us to remove you from our mailing list?", ("unsubscribe",)),
    ("> Do you want us to delete your account, or only stop the marketing emails?",
     ("delete_account", "unsubscribe")),
    ("> هل تريد أن نحذف حسابك نهائياً أم نوقف الرسائل التسويقية فقط؟",
     ("delete_account", "unsubscribe")),
    # a bare call to confirm takes the request of the sentence before it
    ("> We received a request to delete your account. To confirm, please reply to this email.",
     ("delete_account",)),
])
def test_what_a_question_offers(quoted: str, offers: tuple[str, ...]) -> None:
    question = question_in(quoted)
    assert question is not None and question.offers == offers


@pytest.mark.parametrize("quoted", [
    "> Thank you! This email confirms your order 1234.",
    "> Your parcel is on its way. Any questions?",
    "> Would you like to join our newsletter?",  # offers to start a mailing, not to end one
    "> Please delete my account.",  # the customer's own words, not a question of ours
])
def test_mail_that_offers_nothing(quoted: str) -> None:
    assert question_in(quoted) is None


def test_a_question_whether_to_keep_something() -> None:
    question = question_in("> Would you like to keep receiving our offers? Reply yes or no.")
    assert question is not None and question.keeps and question.offers == ("unsubscribe",)


def test_a_question_asking_which_address() -> None:
    question = question_in("> Which email address should we remove from the list?")
    assert question is not None and question.names_address


def test_a_call_to_confirm_is_answered_by_a_reply() -> None:
    question = question_in("> Please reply to this email to confirm the deletion of your account.")
    assert question is not None and question.by_reply and not question.anew


def test_a_request_to_write_anew_is_no_question_a_reply_answers() -> None:
    question = question_in("> If you still want your account deleted, please confirm by sending a"
                           " new request.")
    assert question is not None and question.anew


def test_the_store_message_found_by_in_reply_to_comes_first() -> None:
    question = question_in("> Your parcel is on its way.", asked="Do you want us to close your account?")
    assert question is not None and question.offers == ("delete_account",)


def test_a_cheap_look_before_reading() -> None:
    assert may_ask("Reply to confirm") and may_ask("هل تريد؟")
    assert not may_ask("Your parcel is on its way.")
