"""Families found by held-out set 43 (the complaints month), one family at a time: each has
cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import AUTO, DEL, OTHER, UNS, auto_applied, msg

_ASKED = ("On Tue, 12 Oct 2027 at 6:03 PM, Barq Mobile <support@barqmobile.example> wrote:\n"
          "> We received a request to delete your Barq Mobile account\n"
          "> Reply YES to confirm you want your account deleted.")

# ------------------------------------------------- 1. "if you don't …, I'll unsubscribe"


@pytest.mark.parametrize("text", [
    "إذا ما رجعتولي مصرياتي لآخر الأسبوع، رح الغي اشتراكي بالنشرة وسكّر الحساب.",
    "if you send me one more promo I'll unsubscribe",
])
def test_a_conditional_threat_to_unsubscribe_is_not_one(text: str) -> None:
    assert classify(msg(text)).intent == OTHER


@pytest.mark.parametrize("text", [
    "If you don't stop the emails I'll report you. Unsubscribe me.",
    "Unsubscribe me now, I'm done with your spam.",
])
def test_an_unsubscribe_beside_a_threat_still_counts(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- 2. «في حال عدم الرد» is no auto-reply


def test_if_there_is_no_reply_is_a_person_writing() -> None:
    text = ("أطالبكم بتحديد موعد نهائي للتوصيل خلال ثلاثة أيام عمل، أو إعادة كامل المبلغ. وفي حال "
            "عدم الرد سأتقدم بشكوى رسمية إلى إدارة حماية المستهلك.")
    assert classify(msg(text)).intent == OTHER


@pytest.mark.parametrize("text", ["هذه رسالة آلية، يرجى عدم الرد عليها.", "الرجاء عدم الرد"])
def test_please_do_not_reply_is_still_a_machine(text: str) -> None:
    assert classify(msg(text)).intent == AUTO


# ------------------------------------------------- 3. "YES" and a remark under our question


@pytest.mark.parametrize("text", [
    'YES\n\nAnd please don\'t send me a "we\'re sorry to see you go" discount code.',
    "Yes. What happens to my points?",
])
def test_yes_then_a_remark_confirms(text: str) -> None:
    assert classify(msg(text, quoted=_ASKED)).intent == DEL


@pytest.mark.parametrize("text", [
    "Yes. Actually no, please keep my account.",
    "Yes.\n\nActually no, keep it.",
    "yes. sorry, wrong email, ignore this",
])
def test_yes_then_taken_back_does_not(text: str) -> None:
    assert classify(msg(text, quoted=_ASKED)).intent != DEL
