"""Families found by held-out set 87 (an ordinary month)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg


@pytest.mark.parametrize(("text", "intent"), [
    # "destruction" of personal data is its erasure
    ("I am writing to request the destruction of all personal data that Sanabel Bakery holds "
     "about me, in accordance with the PDPL.", "delete_account"),
    ("The parcel arrived damaged; please confirm the destruction of the faulty oven.", "other"),
    # «اسمي», "esmi": my own name taken off the list
    ("شيلوا اسمي من القائمة البريدية لو سمحتوا", "unsubscribe"),
    ("marhaba, bdi shil esmi men el mailing list taba3kon, 3am yjini email kel yom", "unsubscribe"),
    ("شيلوا اسم أحمد من القائمة", "other"),
])
def test_an_ordinary_months_requests(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
