"""Families found by held-out set 70 (the code-switching month): Arabic, English and
Arabizi in one mail."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from mailbot.understanding.lexicon import word_class
from mailbot.understanding.normalise import tokens
from tests.test_classify import DEL, OTHER, UNS, msg

# ------------------------------------------------- 1. «يا … يا …»: either you …, or I delete


@pytest.mark.parametrize("text, intent", [
    ("ya ttrj3on flosi el yom ya ams7 7sabi w ashtki 7imayat el mustahlik\norder RB-20655", OTHER),
    ("يا ترجعون فلوسي اليوم يا امسح حسابي", OTHER),
    # one «يا» calls the reader: a request
    ("يا جماعة امسحوا حسابي لو سمحتوا", DEL),
    ("يا جماعة يا اخوان امسحوا حسابي لو سمحتوا", DEL),
])
def test_either_or_is_a_threat(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


# ------------------------------------------------- 2. a plan charged in dinars


@pytest.mark.parametrize("text, intent", [
    ("هلا\nابي الغي اشتراك بكسل باس، انخصم مني ٢٫٥٠٠ د.ك هالشهر وانا ما طلبت شي من شهرين\n"
     "وممكن ترجعون مبلغ هالشهر؟", OTHER),
    ("ابي الغي الاشتراك، انسحب مني ٩٩ ر.س بدون ما اطلب", OTHER),
    ("ابي الغي اشتراكي في النشرة، وايد رسايل", UNS),
])
def test_a_subscription_charged_is_a_paid_plan(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_an_abbreviated_currency_is_one_word() -> None:
    assert tokens("٢٫٥٠٠ د.ك هالشهر")[1:] == ["دينار", "هالشهر"]
    assert "." not in tokens("٩٩ ر.س فقط")


# ------------------------------------------------- 3. Arabizi: a brother's account, «يصكر»


@pytest.mark.parametrize("text, intent", [
    ("salam 3likom\nakhoy 3abdullah msafer ldirasa w ana 3indi wakala 3anh\nyabi y9akir 7saba "
     "3indkom w yms7 el bayanat. shno ta7tajon mni?", DEL),
    ("akhoy yabi y9akir 7saba bs ana ma 3indi wakala, shno asawi?", DEL),
    ("sa7bi yabi y9akir 7saba, y9eer?", OTHER),  # a friend: his own to ask
])
def test_arabizi_for_a_relative(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize("word", ["y9akir", "yimsa7"])
def test_arabizi_spellings_of_close_and_wipe(word: str) -> None:
    assert word_class(word) == "D"


# ------------------------------------------------- 4. an English verb with an Arabic prefix


@pytest.mark.parametrize("text, intent", [
    ("السلام عليكم\nابي اdelete الaccount حقي pls 🙏 ما عاد استخدمه", DEL),
    ("ممكن تcancel الnewsletter؟ وايد ايميلات", UNS),
    ("ابي اcancel الorder رقم 5521", OTHER),
])
def test_an_english_verb_with_the_arabic_person_prefix(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
