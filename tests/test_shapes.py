"""The letters each request shape needs: a rule skipped for a missing letter could never
have matched."""

from __future__ import annotations

import random

import pytest

from mailbot.understanding import shapes
from mailbot.understanding.classify import classify
from mailbot.understanding.shapes import DEL_RULES, KEEP_RULES, STAY_RULES, UNS_RULES, applicable
from tests.test_classify import msg

_ALPHABET = "DeXaCPSQsUutofFAIRMLBbKEYNZWVgTGHhyzOmdpjcrvqi&x.,"
_RULES = DEL_RULES + UNS_RULES + KEEP_RULES + STAY_RULES


@pytest.mark.parametrize(("rx", "needed"), [
    (r"DdA", ["D", "d", "A"]),
    (r"[DC]x?A", ["CD", "A"]),
    (r"D[dx]{0,3}A|XA", ["DX", "A"]),  # of two alternatives, either one's letter
    (r"(?<![^.,])p?S(?=[.,]|$)", ["S"]),  # look-arounds and optional parts need nothing
    (r"(?:Wj|jW)K", ["W", "j", "K"]),  # what every alternative needs
    (r"D,A,", ["D", ",", "A"]),
    (r"U+", ["U"]),
    (r"[^.]{0,3}", []),
])
def test_needed_letters_read_off_the_regex(rx: str, needed: list[str]) -> None:
    assert ["".join(sorted(s)) for s in shapes.needed_letters(rx)] == needed


def test_every_match_holds_the_letters_its_rule_needs() -> None:
    rng = random.Random(13)
    strings = ["".join(rng.choices(_ALPHABET, k=rng.randint(1, 14))) for _ in range(60_000)]
    matched = 0
    for name, _, rx, needs in _RULES:
        for text in strings:
            match = rx.search(text)
            if match:
                matched += 1
                assert all(set(match.group()) & s for s in needs), (name, text)
    assert matched > 1_000  # the strings reach the rules


def test_a_rule_is_skipped_only_for_a_missing_letter() -> None:
    every_letter = set(_ALPHABET)
    assert list(applicable(_RULES, every_letter)) == list(_RULES)
    verb_object = next(rule for rule in DEL_RULES if rule[0] == "verb-object")
    assert verb_object not in applicable(DEL_RULES, set("Ddx."))  # a verb and no account
    assert verb_object in applicable(DEL_RULES, set("DdA"))


def test_unsubscribed_and_still_getting_them_with_an_aside_between() -> None:
    text = ("I unsubscribed from this list three weeks ago (I even got your confirmation email) and "
            "I'm still getting these. Please sort it out.")
    assert classify(msg(text)).intent == "unsubscribe"


@pytest.mark.parametrize(("text", "intent"), [
    # «كنت عايز الرسايل الدعائية بس تقف»: "I only wanted the ad messages to stop"
    ("انا كنت عايز الرسايل الدعائية بس تقف، كل يوم ايميل وSMS", "unsubscribe"),
    # "Please keep them coming": the offers, wanted
    ("Your offers are great. Please keep them coming.", "other"),
])
def test_only_stop_and_keep_them_coming(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_just_enough_above_a_newsletter_stops_it() -> None:
    quoted = "> وصلتك هذه الرسالة لأنك مشترك في نشرة بستان الأسبوعية."
    assert classify(msg("بس خلاص", "Re: عروض الويكند", quoted=quoted)).intent == "unsubscribe"
    assert classify(msg("just stop.", "Re: weekend deals", quoted="> You are receiving this"
                        " because you subscribed to our newsletter.")).intent == "unsubscribe"
