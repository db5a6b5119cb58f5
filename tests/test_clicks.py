"""understanding.clicks: a button's name, told, is not a request."""

from __future__ import annotations

import pytest

from mailbot.understanding import clicks
from mailbot.understanding.classify import classify
from mailbot.understanding.normalise import tokens
from tests.test_classify import msg


@pytest.mark.parametrize(("text", "expected"), [
    ("i clicked unsubscribe by mistake", True),
    ("ضغطت بالغلط على الغاء الاشتراك", True),
    ("i clicked unsubscribe twice and still get emails", False),
    ("please unsubscribe me by mistake they added me", False),
])
def test_clicked_by_mistake(text: str, expected: bool) -> None:
    toks = tokens(text)
    at = next(k for k, tok in enumerate(toks) if tok in ("unsubscribe", "الغاء"))
    assert clicks.clicked_by_mistake(toks, at) is expected


def test_someone_elses_tap_is_told_and_the_senders_own_is_asked() -> None:
    told = ("Hi, not deleting anything, just curious - my sister tapped Delete account last week"
            " and lost all her points. Is there a warning screen?")
    asked = ("On 21 October I tapped Delete account and the screen said your account will be"
             " deleted within 7 days. Today my orders and addresses are all there. Please"
             " actually delete it.")
    assert classify(msg(told)).intent == "other"
    assert classify(msg(asked)).intent == "delete_account"
