"""Everyday phrasings found by probing the classifier with sentences of our own (not a blind
set: these are fitted), one family at a time, with the look-alikes beside them."""

from __future__ import annotations

import pytest

from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied


@pytest.mark.parametrize(("text", "intent"), [
    ("I no longer wish to hear from you", UNS),
    ("i don't want to hear from you again", UNS),
    ("خلص بكفي رسايل", UNS),  # Levantine "enough messages"
    ("kindly expunge my records", DEL),
    ("stop the sms offers", UNS),
    ("ارجو عدم مراسلتي", UNS),  # «راسل»: to write to someone
    ("I want to be removed from all your communications", UNS),
    ("stop all communication with me", UNS),
    ("لا تراسلوني مرة ثانية", UNS),
])
def test_requests_in_everyday_words(text: str, intent: str) -> None:
    assert auto_applied(text, intent)


@pytest.mark.parametrize("text", [
    "I'd love to hear from you about my refund",
    "Your communication about the refund was poor",
    "that is enough for voice communications",
    "Looking forward to hear from you",
    # a service message named by its head noun: reminders and updates are no marketing
    "Please stop the SMS reminders about my prescription refills",
    "no more whatsapp order updates please",
    "راسلوني على الواتساب بخصوص الطلب",
    "ممكن تراسلوني لما يوصل الطلب؟",
])
def test_their_look_alikes(text: str) -> None:
    assert applied(text)[0] == OTHER


# ------------------------------------------------- a deletion scoped to the mailing list

@pytest.mark.parametrize("text", [
    "delete everything about me from your marketing list",
    "remove all my details from your mailing list",
    "Please remove my data from your marketing database",
    "احذفوا بياناتي من القائمة البريدية",
])
def test_data_removed_from_the_mailing_list_is_an_unsubscribe(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "Delete all my info and take me off your list",
    "Please delete my data from your systems and your mailing list",
    "delete my account and remove me from your mailing list",
])
def test_a_deletion_beside_the_list_is_still_a_deletion(text: str) -> None:
    assert auto_applied(text, DEL)
