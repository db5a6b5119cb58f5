"""Families found by held-out set 89 (chasers and follow-ups)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg
from tests.test_follow_up import follow_up

DONE_AR = "> أهلاً بدر، نؤكد حذف حسابك وجميع بياناتك الشخصية من أنظمتنا."
DONE_EN = "> Dear Mariam, your account has been closed and your data deleted as requested."


@pytest.mark.parametrize(("text", "quoted"), [
    # thanks after it was done: «تأكدت من» ("I made sure"), Arabizi "we2fet" ("stopped")
    ("شكراً لكم، تأكدت من حذف الحساب ولم تعد تصلني أي رسائل.", DONE_AR),
    ("shokran gedan, el account et2afal w el emails we2fet. tamam keda", DONE_EN),
    # an earlier request told in a mail that wants the account back
    ("You deleted my account by mistake! I only asked you to stop the SMS offers, not to close "
     "anything. Can you restore it please?", DONE_EN),
])
def test_told_after_it_was_done(text: str, quoted: str) -> None:
    result = classify(msg(text, "Re: your request", quoted=quoted))
    assert result.intent == "other", result


def test_a_bare_dont_with_its_reason_takes_the_earlier_request_back() -> None:
    text = ("Hi, last week I asked you to close my account. Please DON'T, I still need it for my "
            "prescriptions. Just stop the promotional emails and SMS. Thanks")
    result = classify(msg(text, "Re: close my account"))
    assert result.intent == "unsubscribe", result
    assert any(e.startswith("deletion retracted") for e in result.evidence)


@pytest.mark.parametrize(("text", "intent"), [
    # still asked: "I asked you last month and the emails still come"
    ("I asked you to unsubscribe me last month and the emails still come", "unsubscribe"),
    ("I asked you to close my account last week. Please do it, I still get your offers.",
     "delete_account"),
])
def test_an_earlier_request_chased_is_still_asked(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_question_marks_alone_chase_the_senders_own_request() -> None:
    mine = ("في 10/04/2025 8:02 م، كتب Fatima Benali:\n> السلام عليكم، أرجو إلغاء اشتراكي في "
            "النشرة البريدية وعدم إرسال العروض.")
    assert classify(follow_up("؟؟", mine)).intent == "unsubscribe"
    assert classify(follow_up("??", "> Thanks for your order 5521.")).intent == "other"
