"""understanding.held: data the store holds about the sender."""

from __future__ import annotations

import pytest

from mailbot.understanding import letters
from mailbot.understanding.held import linked_to_address, names_my_details
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


_SOMEONE_USED_MY_ADDRESS = ("I am not a customer and have never ordered from you. Nevertheless I "
                            "receive order confirmations at this address, so somebody has "
                            "created an account with it. ")


@pytest.mark.parametrize(("text", "intent"), [
    # data or an account named by the sender's address or number is theirs to have erased
    (_SOMEONE_USED_MY_ADDRESS + "I ask you to erase all personal data you hold that is linked "
     "to sophie.rahman@example.org, including the account itself.", "delete_account"),
    (_SOMEONE_USED_MY_ADDRESS + "Please delete all data associated with this email address.",
     "delete_account"),
    ("أتقدم إليكم بهذا الطلب، فقد أُنشئ حساب لديكم برقم هاتفي دون علمي.\n\nوعليه أطلب:\n"
     "أولاً: حذف الحساب المرتبط برقم هاتفي وجميع البيانات المتعلقة بي.\nثانياً: إفادتي "
     "كتابياً باتمام الحذف.", "delete_account"),
    # … not data linked to nothing the sender names, nor the store's practice asked about
    (_SOMEONE_USED_MY_ADDRESS + "Who gave you this address, and what else is linked to it?",
     "other"),
    (_SOMEONE_USED_MY_ADDRESS + "Do you delete the data linked to an address after a year?",
     "other"),
])
def test_data_linked_to_the_senders_address(text: str, intent: str) -> None:
    assert applied(text)[0] == intent


@pytest.mark.parametrize(("window", "linked"), [
    ("delete all data linked to my phone number", True),
    ("احذفوا البيانات المرتبطة بهذا الرقم", True),
    ("delete all data linked to the order", False),
    ("delete all data, my number is linked", False),
])
def test_linked_to_an_address(window: str, linked: bool) -> None:
    toks = tokens(window)
    assert linked_to_address(toks, letters.codes(toks)[0]) is linked
