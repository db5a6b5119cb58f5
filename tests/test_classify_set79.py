"""Families found by held-out set 79 (the code-switching month, again)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, msg


def test_dont_cancel_it_in_arabizi_after_a_brothers_request() -> None:
    text = ("marhaba, a5oy b3atelkom email yom el sabt min telefoni 3ashan tlghu el ishtirak ta3i "
            "bil news\nla tlghuh plz! ana baddi el 3orood, hwe kan bimza7")
    assert classify(msg(text)).intent == OTHER


@pytest.mark.parametrize("text, intent", [
    ("مرحبا، هل بقدر اعمل delete للaccount من الapp لحالي ولا لازم ابعتلكم ايميل؟\nوكم بياخد وقت "
     "لحتى ينمسح كل شي؟", DEL),
    ("هل اقدر احذف الحساب من التطبيق بنفسي؟", DEL),
    ("هل اقدر احذف العنوان القديم من الحساب بنفسي؟", OTHER),
])
def test_can_i_close_the_account(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_still_coming_in_egyptian() -> None:
    text = ("انا لغيت الاشتراك من النشرة من اسبوعين ولسه الايميلات جاية كل يوم الصبح 🙄\n"
            "ياريت تشيلوا الايميل ده من عندكم من ليستة الاعلانات")
    result = classify(msg(text))
    assert result.intent == UNS and result.confidence >= AUTO_APPLY


def test_no_longer_needed_then_keep_the_account() -> None:
    text = ("مرحبا، بدي الغي اشتراك شاشتي كير على تلفوني (الـ٣.٥ دينار بالشهر)، بعت التلفون وما عاد "
            "الو داعي\nالحساب خلوه\nشكراً")
    assert classify(msg(text)).intent == OTHER
