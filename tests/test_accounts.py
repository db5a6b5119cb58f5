"""understanding.accounts: several accounts of one sender, and which one a "keep" keeps."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import for_a_person, msg


@pytest.mark.parametrize(("text", "intent"), [
    # "under" names where each account is; it does not make the two the same account
    ("I still have two accounts. Please DELETE the old account under grace.t1987@hotmail.example."
     " Keep the account under this address (grace.thomas@protonmail.example), that's the one"
     " with my points.", "delete_account"),
    # "the old one" goes, "the proton one" stays: each named by something of its own
    ("I have two accounts with you: t.n@proton.example (the one I use) and t.n@oldcompany.example."
     " Please delete the old one (t.n@oldcompany.example) completely. Keep the proton one as it"
     " is.", "delete_account"),
    # one account, deleted and kept: a person decides
    ("please delete the old account under a@hotmail.example. Keep the account under this"
     " address.", "other"),
])
def test_keep_this_one_delete_the_old_one(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_delete_the_hotmail_one_keep_mine_on_gmail() -> None:
    text = ("السلام عليكم\nسويت حساب ثاني بالغلط على الهوتميل (a_alkaabi@hotmail.example) يوم نسيت"
            " الباسوورد. ابي تحذفون الحساب اللي على الهوتميل نهائي، وخلوا حسابي على الجيميل هذا"
            " مثل ما هو لان فيه النقاط والطلبات\nمشكورين")
    assert classify(msg(text)).intent == "delete_account"


@pytest.mark.parametrize("text", [
    # a count, then the store's name: "two Sadaf Home accounts"
    "I have two Sadaf Home accounts. Please close the old hotmail account completely. Keep "
    "this one as it is.",
    # "delete this one (the gmail) and keep the outlook one"
    "I have two accounts with you, this one and z.h@outlook.example. Please delete this one "
    "(the gmail) and keep the outlook one, my points are there.",
    # Egyptian Arabizi: "close one of the accounts, the one on this email; leave the other"
    "ana 3amel 2 accounts 3andoko, 3ayez a2fel wa7ed mn el 7sabat, elly 3ala el email da",
])
def test_one_of_several_accounts_is_a_deletion_a_person_confirms(text: str) -> None:
    assert for_a_person(text, "delete_account")


@pytest.mark.parametrize(("text", "subject"), [
    # each account named by something of its own: the deletion is of one of them
    ("My wife and I ended up with two accounts. Please delete the account under my email. Keep "
     "the family one, all our recent orders are on that one.", ""),
    # "the old hotmail one" after a deletion verb: one of the sender's accounts
    ("I used to shop with sunil@hotmail.example and now I registered again with this gmail. Can "
     "you delete the old hotmail one, keep this one.", "delete old hotmail account"),
    # Gulf «حق الشغل»: "the work one"
    ("عندي حسابين عندكم واحد بإيميل الشغل وواحد بهذا الإيميل الشخصي\nابي تحذفون حق الشغل", ""),
])
def test_one_of_several_accounts_is_read_and_left_for_a_person(text: str, subject: str) -> None:
    assert for_a_person(text, "delete_account", subject)
