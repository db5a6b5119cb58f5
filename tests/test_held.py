"""understanding.held: data the store holds about the sender."""

from __future__ import annotations

import pytest

from mailbot.understanding.held import names_my_details
from mailbot.understanding.normalise import tokens
from tests.test_classify import applied


@pytest.mark.parametrize(("sentence", "mine"), [
    ("delete everything you stored from that order: my name, mobile number and email address", True),
    ("امسحوا كل شي من الطلب: اسمي ورقم جوالي", True),
    ("delete all the data from the order: my address was wrong", False),  # one detail
    ("delete everything from his order: his name, mobile number and address", False),
])
def test_a_list_of_the_senders_details(sentence: str, mine: bool) -> None:
    assert names_my_details(tokens(sentence)) is mine


@pytest.mark.parametrize(("text", "intent"), [
    # a guest's order data, named as the sender's details in a list: an erasure
    ("I ordered a box as a guest, a present for my neighbour. I'd like you to delete everything "
     "you stored from that order: my name, mobile number, email address and the delivery "
     "address.", "delete_account"),
    # … not a friend's details, and not data the sender does not call theirs
    ("I ordered a gift for my colleague. Please delete everything from his order: his name, "
     "mobile number and address.", "other"),
    ("My neighbour asked me to write: please delete everything you stored about her.", "other"),
])
def test_a_deletion_of_the_data_listed_as_the_senders(text: str, intent: str) -> None:
    assert applied(text)[0] == intent
