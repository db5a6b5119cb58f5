"""Families found by held-out set 68 (the wrong-address month, again): requests meant for
another company, and whose address or number a request is about."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, msg


def to(message: ParsedMessage, address: str) -> ParsedMessage:
    return replace(message, to=(address,))


# ------------------------------------------------- 1. another company, named by its trade


@pytest.mark.parametrize("text, address, intent", [
    ("Hello Najma Electronics,\n\nPlease delete my account and all my data. I bought a laptop "
     "from you in 2028.", "support@sanadhome.example", OTHER),
    ("لو سمحتوا عايزة الغي اشتراكي في عروض زوايا هايبر ماركت، بيجيلي كل يوم ايميلين وواتساب",
     "support@miskaldana.example", OTHER),
    # our own store, by its name or its trade, stays a request
    ("Hello Sanad Home,\n\nPlease delete my account and all my data.",
     "support@sanadhome.example", DEL),
    ("الغوا اشتراكي في عروض سلتي ماركت لو سمحتوا", "support@sallati.example", UNS),
    ("الغي اشتراكي في عروض الصيدلية لو سمحتوا", "care@shifa.example", UNS),
])
def test_a_request_naming_another_store(text: str, address: str, intent: str) -> None:
    assert classify(to(msg(text), address)).intent == intent


def test_an_address_with_no_store_name_cannot_tell_another_store() -> None:
    # support@shop.example names no store: "Dear Waha Store" may well be us
    text = "Dear Waha Store,\n\nPlease delete my account and any personal information."
    assert classify(to(msg(text), "support@shop.example")).intent == DEL
