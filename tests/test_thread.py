"""understanding.thread: a short reply is read with the store's question."""

from __future__ import annotations

import pytest

from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding.classify import classify
from mailbot.understanding.thread import question_in

BOTH = "> Do you want us to delete your account, or only stop the marketing emails?"
PARTIAL = ("> Marketing by SMS continues as before. If you'd like to stop that too, just reply"
           " to this email with \"unsubscribe from everything\".")


def reply(text: str, quoted: str = "") -> ParsedMessage:
    return ParsedMessage(
        message_id=None, subject="Re: your request", from_address="sara@example.com",
        from_name="", reply_to=None, to=(), date=None, in_reply_to="<q1@shop.example>",
        references=(), return_path="sara@example.com", text=text, quoted=quoted,
        signature="", automation=())


@pytest.mark.parametrize(
    ("text", "quoted", "intent", "below_auto_apply"),
    [
        ("Yes please", PARTIAL, "unsubscribe", False),
        ("Yes, go ahead.", BOTH, "delete_account", True),  # two options: a person confirms
        ("Just the emails please.", BOTH, "unsubscribe", False),
        ("تمام احذفوه", "> هل تريد أن نحذف حسابك نهائياً أم نوقف الرسائل التسويقية فقط؟",
         "delete_account", False),
        ("No thanks, I'll keep it.", "> Do you want us to close your account?", "other", False),
        ("Yes please", "> Your parcel is on its way. Any questions?", "other", False),
    ],
)
def test_short_reply_read_with_the_question(text: str, quoted: str, intent: str,
                                            below_auto_apply: bool) -> None:
    result = classify(reply(text, quoted))
    assert result.intent == intent
    if intent != "other":
        assert (result.confidence < 0.8) is below_auto_apply


def test_the_store_message_found_by_in_reply_to_is_the_question() -> None:
    result = classify(reply("yes"), asked="Would you like us to stop the newsletter?")
    assert result.intent == "unsubscribe"
    assert classify(reply("yes")).intent == "other"


def test_quoted_text_never_supplies_the_request_itself() -> None:
    assert question_in("> Please delete my account.") is None
    assert classify(reply("Thanks!", BOTH)).intent == "other"
