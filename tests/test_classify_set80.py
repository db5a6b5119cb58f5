"""Families found by held-out set 80 (the wrong-address month, a third time)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import AUTO_APPLY, OTHER, UNS, msg


@pytest.mark.parametrize("text, intent", [
    ("السادة مكتبة البيت،\n\nأرجو إلغاء اشتراكي في نشرتكم الأسبوعية، فلم أعد أقرأ الروايات.", OTHER),
    ("السادة متجر رفيق،\n\nأرجو إلغاء اشتراكي في نشرتكم الأسبوعية.", UNS),  # ours, by its name
])
def test_an_arabic_greeting_to_another_store_by_trade(text: str, intent: str) -> None:
    assert classify(replace(msg(text), to=("help@rafeeq-pets.example",))).intent == intent


def test_keep_sending_it_to_the_old_address_goes_to_a_person() -> None:
    text = ("When I updated my account email last week, the newsletter started going\nto the new "
            "address (laila@inbox.example, this one) instead of my\nold one. Please stop sending "
            "it here and keep\nsending it to the old address.")
    assert classify(msg(text)).confidence < AUTO_APPLY


def test_clicked_unsubscribe_and_they_keep_coming() -> None:
    text = ("This is the THIRD time. I clicked unsubscribe on 2 May and on 9 May and\nthey keep "
            "coming. Sort it out please.")
    assert classify(msg(text, "Fwd: Rafeeq Weekly: 3 for 2 on cat litter")).intent == UNS


@pytest.mark.parametrize("text, intent", [
    ("لو سمحت يا نجوم انا عايزة أمسح حسابي عندكم خالص\nومش عايزة أي رسايل تاني", OTHER),
    # the reader called by a word that names nobody
    ("لو سمحت يا فندم انا عايزة أمسح حسابي عندكم خالص", "delete_account"),
    ("مرحبا يا شباب، بدي امسح حسابي عندكن", "delete_account"),
])
def test_a_store_called_by_its_name(text: str, intent: str) -> None:
    assert classify(replace(msg(text), to=("help@rafeeq-pets.example",))).intent == intent
