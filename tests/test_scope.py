"""understanding.scope: how far negation, threats and conditions reach."""

from __future__ import annotations

import pytest

from mailbot.understanding import scope
from mailbot.understanding.classify import _codes
from mailbot.understanding.normalise import tokens


@pytest.mark.parametrize(("text", "expected"), [
    ("if i were to delete my account", True),
    ("if we ever close our account", True),
    ("لو بغيت احذف حسابي", True),
    ("if you could delete my account", False),
    ("if there is nothing pending delete my account", False),
    ("اذا تقدرون احذفوا حسابي", False),
])
def test_supposed(text: str, expected: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    verb = next(k for k, c in enumerate(codes) if c == "D")
    assert scope.supposed(codes, toks, index, verb) is expected
