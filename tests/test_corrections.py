"""understanding.corrections: "*word" on the next line mends the slip above it."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from mailbot.understanding.corrections import applied
from tests.test_classify import msg


@pytest.mark.parametrize(("text", "meant"), [
    ("ابي احذف حياتي من عندكم\n*حسابي 🤦 مو حياتي", "ابي احذف حسابي من عندكم\n*حسابي 🤦 مو حياتي"),
    ("please delete my acount\n\n*account", "please delete my account\n\n*account"),
    # nothing alike above: left as written
    ("thanks for the help\n*sorry", "thanks for the help\n*sorry"),
    ("no asterisk here", "no asterisk here"),
    ("*account first line", "*account first line"),
])
def test_a_correction_mends_the_line_above(text: str, meant: str) -> None:
    assert applied(text) == meant


def test_a_corrected_request_is_read_as_meant() -> None:
    assert classify(msg("السلام عليكم\nابي احذف حياتي من عندكم\n*حسابي")).intent == "delete_account"
