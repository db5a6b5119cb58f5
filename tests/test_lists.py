"""understanding.lists: a list's items continue the sentence that introduces it."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from mailbot.understanding.lists import joined
from tests.test_classify import msg


@pytest.mark.parametrize(("text", "sentence"), [
    ("We therefore ask you to:\n- terminate the account;\n- remove all users.\nThanks",
     "We therefore ask you to terminate the account, remove all users.\nThanks"),
    ("Our client asks that Dafatir:\n\n(a) closes her account;\n(b) erases her data; and\n(c) confirms.",
     "Our client asks that Dafatir, closes her account, erases her data, confirms."),
    # «ما يلي» ("what follows") keeps its break: «ما» would otherwise negate the first item
    ("أرجو منكم ما يلي:\n- حذف حسابي.\n- إيقاف الرسائل.", "أرجو منكم ما يلي, حذف حسابي., إيقاف الرسائل."),
])
def test_a_list_joins_its_introduction(text: str, sentence: str) -> None:
    assert joined(text) == sentence


@pytest.mark.parametrize("text", [
    "Note:\nthe time is 5",  # no list
    "Please:\n- one item only",  # one item is no list
    "no colon here\n- a\n- b",
])
def test_text_without_an_introduced_list_is_unchanged(text: str) -> None:
    assert joined(text) == text


def test_a_lawyers_list_is_read_with_its_client() -> None:
    text = ("Our client has instructed us to request, on her behalf and with her signed"
            " authorisation, that Dafatir:\n\n(a) closes her customer account with immediate"
            " effect;\n(b) erases all personal data relating to her.")
    assert classify(msg(text)).intent == "delete_account"
