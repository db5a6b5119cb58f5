"""Families found by held-out set 26 (expats from everywhere, on their phones), one family at a
time: each has cases that must be requests and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied

# ------------------------------------------------- 1. "how do I unsubscribe" in Arabizi

@pytest.mark.parametrize("text", [
    "hi, baddi ballesh yousalni l newsletter tab3kon. kif bsawi unsubscribe? l link bel akhir "
    "mish 3am yeftah 3al iphone",
])
def test_asking_how_to_unsubscribe_speaks_for_the_sender(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- 2. "for my colleague"

@pytest.mark.parametrize(("text", "subject"), [
    ("My colleague Nimal asked me to close his account because he can't open email. Can you "
     "please close it for him?", "close account for my colleague"),
])
def test_my_colleague_is_not_my_account(text: str, subject: str) -> None:
    assert applied(text, subject)[0] == OTHER


def test_my_own_account_beside_a_colleague() -> None:
    assert auto_applied("please close my account, my colleague uses it too much", DEL)


# ------------------------------------------------- 3. Maghrebi and Levantine words

@pytest.mark.parametrize(("text", "intent"), [
    ("عافاكم حيدوني من الليستة ديال الإيميلات ديال البروموسيون، كيجيوني بزاف كل نهار. الحساب "
     "خليوه عادي.", UNS),  # Moroccan: "remove me from the promotion emails list"
    ("عملت الغاء اشتراك من النشرة من اسبوعين، وبعدني لهسا عم توصلني ايميلات العروض كل يومين. "
     "بدي ياها توقف بشكل نهائي لو سمحتوا", UNS),  # Levantine: "I want it to stop for good"
])
def test_maghrebi_and_levantine_requests(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


def test_the_algerian_account_word() -> None:
    assert auto_applied("حبيت نحذف الكونت تاعي عندكم نهائيا", DEL)  # compte: the account


# ------------------------------------------------- 4. "can't just": a protest

@pytest.mark.parametrize("text", [
    "They can't just close my account like that, I never asked for it",
    "You can't just delete my data without asking",
])
def test_cant_just_is_a_protest(text: str) -> None:
    assert applied(text)[0] != DEL


def test_not_just_the_emails_but_the_account() -> None:
    assert auto_applied("not just the emails, delete my account too", DEL)


# ------------------------------------------------- 5. "my friend's account" (set 29)

def test_a_friends_account_in_the_possessive() -> None:
    assert applied("Please close my friend's account, he moved away")[0] == OTHER


def test_my_account_beside_my_friends() -> None:
    assert auto_applied("Close my account and my friend's account too", DEL)


# ------------------------------------------------- «ولا» before "you": "or", not "and don't"

@pytest.mark.parametrize(("text", "intent"), [
    ("حبيت نحذف الكونت تاعي عندكم نهائيا، راني ما نستعملوش ڨاع. واش لازم ندير؟ ولا تحذفوه "
     "انتوما من عندكم", DEL),
    ("ابي احذف حسابي، ولا تحذفونه انتم؟", DEL),
])
def test_or_you_delete_it_yourselves(text: str, intent: str) -> None:
    assert auto_applied(text, intent)


def test_and_dont_delete_it_stays_a_refusal() -> None:
    assert applied("احذفوا الايميل ولا تحذفوا الحساب")[0] != DEL
