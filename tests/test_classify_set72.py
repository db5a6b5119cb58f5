"""Families found by held-out set 72 (the formats month): the request in mail as real
clients send it."""

from __future__ import annotations

import pytest

from mailbot.mail.parsing import parse_message
from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, msg

# ------------------------------------------------- 1. a reply typed below an Outlook block

BELOW = """\
From: Priya Nair <priya.nair@outlook.example>
To: support@raharide.example
Subject: RE: Refund for order RR-54877
Content-Type: text/plain; charset=utf-8

-----Original Message-----
From: Raha Ride Support <support@raharide.example>
Sent: Tuesday, January 15, 2030 9:40 AM
To: Priya Nair <priya.nair@outlook.example>
Subject: Refund for order RR-54877

Dear Priya,

Your refund of AED 1,149.00 for order RR-54877 was issued today.

Kind regards,
Hamdan

---

Thanks Hamdan. Since I won't be ordering again, could you please delete my account?

{signer}
"""


def test_a_reply_below_an_unmarked_quote_signed_by_the_sender() -> None:
    parsed = parse_message(BELOW.format(signer="Priya").encode())
    assert "delete my account" in parsed.text and "refund" not in parsed.text
    assert classify(parsed).intent == DEL


def test_text_below_a_quote_signed_by_someone_else_stays_quoted() -> None:
    parsed = parse_message(BELOW.format(signer="Hamdan").encode())
    assert parsed.text == ""


# ------------------------------------------------- 2. two accounts, the shop's name between


def test_the_work_one_of_two_named_accounts() -> None:
    text = ("I accidentally ended up with two Raha Ride accounts: one under my work email "
            "(a.f@dxb-consult.example) and one under this gmail.\nCould you please deactivate "
            "and delete the work one? I'll keep using this one.")
    assert classify(msg(text, "Duplicate account")).intent == DEL


# ------------------------------------------------- 3. «وقّف الاشتراك بالنشرة»


@pytest.mark.parametrize("text, intent", [
    ("مرحبا\nبدي وقّف الاشتراك بالنشرة الإخبارية تبعكن لو سمحتو", UNS),
    ("بدي وقف اشتراك الصندوق الشهري مؤقتاً", OTHER),  # a box paused, no mailing
])
def test_stopping_the_subscription_to_a_mailing(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


# ------------------------------------------------- 4. «متلغوش اشتراكي»: don't cancel it


def test_the_egyptian_prohibition_in_one_word() -> None:
    text = ("جوزي بعتلكم امبارح يطلب تشيلوا ايميلنا من النشرة، بس الايميل ده بتاعي انا\n"
            "متلغوش اشتراكي من فضلكم، انا عايزة افضل متابعة العروض")
    assert classify(msg(text)).intent == OTHER
