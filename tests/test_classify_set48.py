"""Families found by held-out set 48 (an ordinary month at a bookshop and a toy-and-baby
store): the Levantine «لائحة» (list)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import OTHER, UNS, msg


@pytest.mark.parametrize("text", [
    "ممكن تشيلوني من لائحة أمسيات المؤلفين؟ أنا ساكنة بعمّان هلأ وما بقدر احضر.",
    "شيلوني من اللائحة",
])
def test_off_the_levantine_list(text: str) -> None:
    assert classify(msg(text)).intent == UNS


def test_a_list_of_books_is_not_a_mailing_list() -> None:
    assert classify(msg("شيلوا الكتاب التاني من الطلب")).intent == OTHER
