"""understanding.own_text: code, logs and boilerplate are not the sender's request."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from mailbot.understanding.own_text import request_text
from tests.test_classify import msg


@pytest.mark.parametrize(
    "text",
    [
        "+\tnotmuch_message_remove_tag (message, \"unread\");\n-\treturn 0;",
        "make[2]: *** [Makefile:12: all] Error 1\nmake: *** [all] Stop.",
        "[   12.345678] btrfs: delete everything on sdb1",
        "This email is confidential and intended only for the addressee. If you have received"
        " it in error, please notify the sender and remove this communication entirely from"
        " your system.",
        "Follow this link to stop receiving messages about Card Terminals.",
        "If you no longer wish to receive these emails, unsubscribe here.",
        "لإلغاء الاشتراك في النشرة اضغط هنا",
    ],
)
def test_not_the_senders_request(text: str) -> None:
    assert request_text(text).strip() == ""


def test_prose_around_boilerplate_is_kept_in_order() -> None:
    text = ("Please remove me from your mailing list.\n\n- the old order is fine\n\n"
            "You are receiving this because you signed up.\nThanks, Ann")
    kept = request_text(text)
    assert kept.startswith("Please remove me from your mailing list.")
    assert "- the old order is fine" in kept and "Thanks, Ann" in kept
    assert "receiving this" not in kept


def test_empty_and_plain_text_unchanged() -> None:
    assert request_text("") == ""
    assert request_text("Please delete my account.") == "Please delete my account."


@pytest.mark.parametrize("text", [
    "In line with your privacy policy, I request the erasure of all personal data you hold "
    "about me.",
    "I hereby withdraw my consent to receive marketing, as provided for in your privacy policy.",
])
def test_the_sender_citing_the_privacy_policy_is_kept(text: str) -> None:
    assert request_text(text) == text


def test_a_footer_linking_the_privacy_policy_is_dropped() -> None:
    text = "Please close my account.\n\nRead our privacy policy. All rights reserved."
    assert request_text(text) == "Please close my account."


@pytest.mark.parametrize("text", [
    "I request that you:\n1. close my customer account;\n2. erase all personal data you hold "
    "about me;\n3. confirm in writing once this has been completed.",
    "- stop the newsletter and the SMS offers;\n- keep my order history.",
    # an aside in parentheses opens after a space, a call's parenthesis after a word
    "we request that you:\n1. close Mr Al Rashid's account (registered mobile 0500000000);\n"
    "2. erase his personal data.",
])
def test_a_list_whose_items_end_in_semicolons_is_prose(text: str) -> None:
    assert request_text(text) == text


@pytest.mark.parametrize("text", [
    "\tunsigned long flags;\n\tint ret;",
    "\tlist_del(&entry->node);\n\tkfree(entry);",
    "\tremove_entry_from_the_list_now;",
])
def test_statements_ending_in_semicolons_stay_code(text: str) -> None:
    assert request_text(text).strip() == ""


def test_a_parenthetical_list_is_prose() -> None:
    text = ("Our shared inbox is receiving several promotional emails a day (TVs, phones, gaming "
            "consoles). Could you please remove it from your marketing list?\n\n"
            "Anita | Purchasing")  # the "|" makes the text worth a look for code
    assert request_text(text) == text


def test_a_call_with_arguments_is_code() -> None:
    assert request_text("\tnotmuch_message_remove_tag(message, \"unread\")").strip() == ""
    assert request_text("\tif (remove(list, item) != 0) goto out").strip() == ""


def test_a_footers_unsubscribe_line_over_its_link_is_dropped() -> None:
    text = "Start gaining hits right now.\n\nUnsubscribe:\nhttp://spam.example/u?id=5"
    assert "nsubscribe" not in request_text(text)
    assert request_text("Please unsubscribe me.\n\nUnsubscribe:\nhttp://x.example/u").startswith(
        "Please unsubscribe me.")


@pytest.mark.parametrize(("text", "intent"), [
    # a courtesy, not a footer's "If you don't want these emails …"
    ("If you don't mind, please delete my account.", "delete_account"),
    ("If you do not mind, could you stop the promotional emails?", "unsubscribe"),
    # … which still is a footer
    ("Thanks for shopping.\n\nIf you don't want to receive these emails, click here to "
     "unsubscribe.", "other"),
])
def test_if_you_dont_mind_is_the_sender_talking(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "kept"), [
    # a footer's "if you (no longer) want/wish …" offers an opt-out to the reader
    ("If you don't want to receive these emails, unsubscribe here.", False),
    ("If you no longer wish to hear from us, update your preferences.", False),
    # the sender's own "if you don't …" is a condition of theirs
    ("close my account today, and if you don't close it I'll complain", True),
])
def test_if_you_dont_is_a_footer_only_before_a_wish(text: str, kept: bool) -> None:
    assert bool(request_text(text).strip()) is kept
