"""Families found by held-out set 34 (formal letters and older customers), one family at a
time: each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied, msg

# ------------------------------------------------- 1. a quoted mailing name after "weekly"


@pytest.mark.parametrize("text", [
    'Please stop sending me the weekly "New this week" email, I never read it.',
    "Please stop sending me the weekly 'Deals of the Week' email.",
    "Can you stop the monthly mail please",
    "Stop the daily mail, thank you.",
])
def test_a_named_weekly_mail_is_marketing(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "I didn't get the newsletter this week, did it stop?",
    "The weekly email didn't arrive, did it stop?",
])
def test_asking_whether_the_mail_stopped_is_no_request(text: str) -> None:
    assert applied(text)[0] != UNS


# ------------------------------------------------- 2. other people's requests, in bulk


@pytest.mark.parametrize("text", [
    "Account deletion requests at Qirtas Books: we handle hundreds of account deletion "
    "requests a month for online shops like yours, within the legal deadline.",
    "Our service automates unsubscribe requests and deletion requests for stores.",
    "Do you struggle with account deletion and unsubscribe requests? Let us help.",
])
def test_a_pitch_about_deletion_requests_is_not_one(text: str) -> None:
    assert applied(text)[0] == OTHER


@pytest.mark.parametrize("text", [
    "I sent two account deletion requests last month and nobody answered. Please close it.",
    "This is my third account deletion request. Close my account.",
])
def test_the_senders_own_requests_still_count(text: str) -> None:
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 3. "I'll cancel X and delete my account"


@pytest.mark.parametrize("text", [
    "If it happens again I'll cancel the box and delete my account, simple as that.",
    "One more late delivery and I'm gonna cancel everything and close my account.",
    "اذا تكرر راح الغي الاشتراك و احذف حسابي",
])
def test_a_threat_reaches_over_and(text: str) -> None:
    assert classify(msg(text)).intent != DEL


@pytest.mark.parametrize("text", [
    "I'll return the phone, and please close my account.",
    "I'll send the ID and please delete my account.",
    "I'm cancelling the plan and closing my account today.",
])
def test_a_request_after_a_plan_still_counts(text: str) -> None:
    assert classify(msg(text)).intent == DEL


# ------------------------------------------------- 4. the shop's name inside a noun request


@pytest.mark.parametrize("text", [
    "Our client has asked us to arrange the closure of her Mawqid Home online account and "
    "the deletion of the personal data your company holds about her.",
    "I request the deletion of my Qirtas Books account.",
])
def test_a_shop_name_between_closure_and_account(text: str) -> None:
    assert classify(msg(text)).intent == DEL


@pytest.mark.parametrize("text", [
    "Deletion of the old address on my account, please, it is wrong.",
    "Removal of the saved card from my account is what I asked for.",
])
def test_editing_the_account_stays_other(text: str) -> None:
    assert classify(msg(text)).intent == OTHER
