"""understanding.inline: answers typed between the store's quoted questions."""

from __future__ import annotations

import pytest

from mailbot.mail.parsing import ParsedMessage, parse_message
from mailbot.understanding.classify import classify


def inline_reply(body: str, subject: str = "Re: Your request") -> ParsedMessage:
    """A reply parsed from raw bytes, as the daemon parses it, so the answers are paired."""
    raw = (f"From: Leila Ahmadi <leila@example.net>\r\nTo: care@shop.example\r\n"
           f"Subject: {subject}\r\nMessage-ID: <r1@example.net>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
           + body.replace("\n", "\r\n"))
    return parse_message(raw.encode())


ATTRIBUTION = "On 19/08/2027 09:00, Shop Privacy wrote:\n"
COPY_THEN_CONFIRM = (
    ATTRIBUTION + "> Hi Leila,\n>\n> Before we go ahead, two quick questions:\n>\n"
    "> 1. Would you like a copy of your order history before we delete the account?\n\n{0}\n\n"
    "> 2. Reply YES to confirm you want your account deleted.\n\n{1}\n")
EITHER_OR_THEN_WHICH = (
    "الإجابات بين السطور.\n\nOn 20/03/2030 09:30, خدمة العملاء wrote:\n"
    "> هل تريد إلغاء اشتراكك في النشرة فقط أم حذف حسابك؟\n\n{0}\n\n"
    "> أي عنوان بريد أو رقم هاتف تريد أن نحذفه من القائمة؟\n\n{1}\n")


@pytest.mark.parametrize(("body", "intent", "confidence"), [
    # each answer read with the question above it: "YES" confirms the deletion
    (ATTRIBUTION + "> 1. Would you like a copy of your data?\n\nNo need, thanks.\n\n"
     "> 2. Reply YES to confirm you want your account deleted.\n\nYES\n-- \nLeila\n",
     "delete_account", 0.85),
    # the marketing option, then which address: an unsubscribe, for an address other than
    # the sender's (leila@example.net), so a person takes the right one off
    (EITHER_OR_THEN_WHICH.format("النشرة فقط، الحساب يبقى كما هو.",
                                 "البريد: hamdan.r@post.example والرقم 9420 1176"),
     "unsubscribe", 0.7),
    # the account option named by its noun
    (ATTRIBUTION + "> 1. Is the account under this email or another one?\n\nthis one\n\n"
     "> 2. Do you want the whole account deleted, or only our marketing emails stopped?\n\n"
     "whole account. everything.\n", "delete_account", 0.85),
    # "No" to one question about the deletion, "YES" to another: a person decides, also
    # where the first only named the deletion in passing
    (ATTRIBUTION + "> 1. Do you want us to delete your account?\n\nNo\n\n"
     "> 2. Reply YES to confirm you want your account deleted.\n\nYES\n", "delete_account", 0.6),
    (COPY_THEN_CONFIRM.format("No need, thanks.", "YES"), "delete_account", 0.6),
])
def test_each_answer_is_read_with_its_own_question(body: str, intent: str,
                                                   confidence: float) -> None:
    msg = inline_reply(body)
    assert len(msg.inline_answers) == 2
    result = classify(msg)
    assert (result.intent, result.confidence) == (intent, confidence), result
    assert result.evidence[0].startswith("inline answer: ")


@pytest.mark.parametrize("body", [
    # answers below quoted code or a newsletter are no answers to a question of ours
    (ATTRIBUTION + ">                 enter_succeeded = false;\n> -               q = NULL;\n\n"
     "Please remove this line.\n\n>         } while (bio);\n> --\n> 2.21.0\n\n"
     "Reviewed-by: Ming Lei <ming@example.org>\n"),
    (ATTRIBUTION + "> SUMMER SALE: 30% off all sofas\n\nWhich colours does it come in?\n\n"
     "> Unsubscribe: https://shop.example/u\n\nAnd please remove the old address from my "
     "order.\n"),
    # the copy refused and the deletion not confirmed: nothing is asked
    COPY_THEN_CONFIRM.format("No need, thanks.", "I'll think about it."),
])
def test_answers_that_ask_nothing_of_ours_stay_other(body: str) -> None:
    msg = inline_reply(body)
    assert len(msg.inline_answers) >= 2
    result = classify(msg)
    assert result.intent == "other", result


def test_a_refusal_in_the_senders_own_words_is_never_overruled() -> None:
    msg = inline_reply(ATTRIBUTION + "> 1. Do you want us to delete your account?\n\n"
                       "No, don't delete it.\n\n> 2. Reply YES to confirm you want your "
                       "account deleted.\n\nYES\n")
    result = classify(msg)
    assert result.intent == "other", result


def test_the_whole_reply_decides_when_it_asks_on_its_own() -> None:
    # a request in the sender's own words is read as usual, not answer by answer
    msg = inline_reply(COPY_THEN_CONFIRM.format("No need.", "Please just unsubscribe me."))
    result = classify(msg)
    assert result.intent == "unsubscribe", result
    assert not any(e.startswith("inline answer") for e in result.evidence)


def test_a_refused_deletion_beside_a_chosen_unsubscribe() -> None:
    """"No, keep the account" under "Close your account?" and "Yes, this one." under "Stop
    the marketing only?": the whole reply refuses the deletion, its answers pick the
    unsubscribe."""
    msg = inline_reply(
        "On 02/10/2024 13:05, Nakheel Home Support wrote:\n> Dear Mr Wallace,\n>\n"
        "> could you confirm which of these you would like:\n>\n"
        "> 1. Close your Nakheel Home account and delete your data?\n\n"
        "No, keep the account, I still have a Nakheel Plus membership.\n\n"
        "> 2. Stop marketing emails and offers only?\n\nYes, this one.\n\n"
        "> Kind regards,\n> Hessa, Nakheel Home Support\n\nThanks, Ian\n")
    result = classify(msg)
    assert result.intent == "unsubscribe" and result.confidence >= 0.8, result
