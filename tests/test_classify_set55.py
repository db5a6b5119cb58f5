"""Families found by held-out set 55 (set 51's brief written again), one family at a time:
each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

# ------------------------------------------------- 1. a phishing mail's "unsubscribe" link


@pytest.mark.parametrize("text", [
    "Is this from you? The link doesn't look like your website. There's also an "
    '"unsubscribe" link at the bottom, should I click that?',
    "Is this from you? It asks for my card and the unsubscribe link goes to a weird site.",
])
def test_a_link_in_a_mail_asked_about_is_no_request(text: str) -> None:
    assert classify(msg(text)).intent != UNS


def test_a_broken_unsubscribe_link_with_a_wish_still_asks() -> None:
    text = "Is this from you? I want to unsubscribe but the unsubscribe link is broken"
    assert classify(msg(text)).intent == UNS


# ------------------------------------------------- 2. a paid pass


def test_a_pass_subscription_that_renews_is_billing() -> None:
    text = ("Please cancel my Nakhla Pass subscription. I don't want it to renew on 14 October "
            "and I don't want my card charged the SAR 29 again.")
    assert classify(msg(text)).intent != UNS


# ------------------------------------------------- 3. dialect and Arabizi unsubscribes


@pytest.mark.parametrize("text", [
    "مرحبا، ما بدي الكتالوج الورقي يوصل عالبيت بعد اليوم. وقفوه لو سمحتو.",
    "لغيت الاشتراك في الايميلات من اسبوع ولين الحين توصلني عروضكم كل يوم!! شيلوا ايميلي من جد",
    "ba2olko battalo teb3atoly el offers 3al email, 3ayez a5rog mn el list. shokran",
])
def test_dialect_unsubscribes(text: str) -> None:
    assert classify(msg(text)).intent == UNS


def test_a_catalogue_that_arrived_is_no_request() -> None:
    assert classify(msg("الكتالوج وصلني امس، متى العروض؟")).intent != UNS


# ------------------------------------------------- 4. which of two accounts is kept


def test_keep_that_one_keeps_the_account_named_before_it() -> None:
    text = ("I accidentally have two Nakhla accounts. One is this email (priya@example.com), "
            "keep that one. The other is an older one with my work email, p.raman@corp.example."
            "org. Please delete the work one completely. All my weekly deliveries are on this "
            "account, so don't touch that.")
    assert classify(msg(text)).intent == DEL


def test_delete_and_keep_of_one_account_is_still_a_conflict() -> None:
    text = "Please delete my account. Actually no, keep that one."
    assert classify(msg(text)).intent != DEL


# ------------------------------------------------- 5. "the file" after a customer profile


def test_the_file_after_a_customer_profile_is_the_profile() -> None:
    text = ("يوم رحت فرعكم الموظف سوى لي ملف عميل عشان الخصم. ما كنت ابغى هالشي. لو سمحتوا "
            "امسحوا الملف هذا كامل من عندكم.")
    assert classify(msg(text)).intent == DEL
