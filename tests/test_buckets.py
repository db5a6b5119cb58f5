"""understanding.buckets: each hit in one bucket once its context is read."""

from __future__ import annotations

import pytest

from mailbot.understanding import buckets, letters
from mailbot.understanding.classify import classify
from mailbot.understanding.normalise import tokens
from tests.test_classify import msg


def sorted_hits(text: str) -> buckets.Buckets:
    toks = tokens(text)
    codes, index = letters.codes(toks)
    return buckets.sort(codes, toks, index)


def labels(b: buckets.Buckets, hits: list) -> list[str]:
    return [b.labels[id(h)] for h in hits]


def test_a_plain_deletion_is_a_request() -> None:
    b = sorted_hits("Please delete my account.")
    assert labels(b, b.dels) == ["delete"]
    assert not b.vetoes and not b.soft


@pytest.mark.parametrize("text", ["Please don't delete my account.", "لا تحذفون حسابي"])
def test_a_negated_deletion_is_a_veto(text: str) -> None:
    b = sorted_hits(text)
    assert not b.dels
    assert labels(b, b.vetoes) == ["deletion negated"]


def test_a_threat_is_soft() -> None:
    b = sorted_hits("Refund me or I will delete my account.")
    assert not b.dels
    assert labels(b, b.soft) == ["threat, condition or hearsay"]


def test_stay_subscribed_is_kept_apart_from_requests() -> None:
    b = sorted_hits("I want to stay subscribed to the newsletter.")
    assert not b.uns
    assert labels(b, b.stays) == ["stay subscribed"]


def test_an_unsubscribe_beside_a_paid_plan_is_the_plan() -> None:
    # "cancel my subscription" names no marketing; the mail speaks of a billed plan
    b = sorted_hits("Please cancel my subscription, the plan renews every month and I don't use it.")
    assert not b.uns
    assert "paid membership" in labels(b, b.soft)


def test_an_unsubscribe_that_names_the_newsletter_stays_a_request() -> None:
    b = sorted_hits("Please unsubscribe me from the newsletter.")
    assert labels(b, b.uns) == ["unsubscribe"]


@pytest.mark.parametrize(("text", "words"), [("a, b. c", 3), ("", 0)])
def test_word_count_skips_punctuation(text: str, words: int) -> None:
    assert buckets.word_count(tokens(text)) == words


@pytest.mark.parametrize(("text", "intent"), [
    # "I want this account erased and my data too. I can't erase it myself": asks us to
    ("عايزة الحساب ده يتمسح وبياناتي كمان تتمسح. مش عارفة امسحه بنفسي لاني معرفش الباسورد",
     "delete_account"),
    ("I can't remove it, it's my only saved card", "other"),  # no "myself": a card kept
])
def test_unable_to_do_it_myself_asks_us(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_still_gets_tells_it_comes() -> None:
    # "his address still gets the offers newsletter": no wish to stay subscribed
    text = ("Perfect, thank you, the emails have stopped for me.\nOne more thing - my husband's"
            " address (tom.mitchell@gmail.example) still gets the Arabic offers newsletter, which"
            " he can't read :) Could you remove that one as well?")
    assert not any(e.startswith("stay subscribed") for e in classify(msg(text)).evidence)
