"""understanding.names: quoted names read as names."""

from __future__ import annotations

import pytest

from mailbot.understanding.names import read_as_names
from mailbot.understanding.normalise import tokens


@pytest.mark.parametrize(("text", "toks"), [
    ('the "Delete account" flow', ["the", "flow", "called", "delete", "account", ","]),
    ("the 'Unsubscribe' link", ["the", "link", "called", "unsubscribe", ","]),
    ('زر «حذف الحساب»', ["زر", "اسمه", "حذف", "الحساب", ","]),
    # a quote without a control is an aside, as before; an apostrophe is no quote
    ('please "unsubscribe" me', ["please", ",", "unsubscribe", ",", "me"]),
    ("don't press the button", ["don't", "press", "the", "button"]),
])
def test_a_controls_quoted_label_is_its_name(text: str, toks: list[str]) -> None:
    assert tokens(text) == toks


def test_a_mailings_quoted_name_goes_after_the_word_for_the_mail() -> None:
    assert read_as_names('the weekly "New this week" email') == 'the weekly email "New this week"'


@pytest.mark.parametrize("text", [
    '"Delete account" sits six taps deep under Profile',
    "Tip: on the app, 'Delete account' is under Profile.",
])
def test_a_quoted_label_as_the_subject_of_its_sentence_is_a_name(text: str) -> None:
    toks = tokens(text)
    assert toks[toks.index("delete") - 1] == "called"
