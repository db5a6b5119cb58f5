"""Families found by held-out set 52 (an ordinary month at a pharmacy and a furniture
store): each has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

# ------------------------------------------------- 1. a customer profile «ملف عميل»


@pytest.mark.parametrize("text", [
    "رحت معرضكم الاسبوع اللي فات، والموظف سجل لي ملف عميل باسمي وجوالي بدون ما يستأذن. ما "
    "اشتريت شي ولا ابي يكون لي ملف عندكم، ابيكم تحذفونه الله يعطيكم العافية.",
    "احذفوا ملف العميل حقي",
])
def test_a_customer_profile_is_the_account(text: str) -> None:
    assert classify(msg(text)).intent == DEL


def test_an_attached_file_is_no_profile() -> None:
    assert classify(msg("احذفوا الملف المرفق")).intent != DEL


# ------------------------------------------------- 2. a paid plan called «خطة»


@pytest.mark.parametrize("text", [
    "أرغب في إلغاء اشتراكي في خطة نبتة للرعاية الشهرية اعتباراً من الشهر القادم، مع الإبقاء "
    "على حسابي ووصفاتي كما هي.",
    "ابي الغي اشتراكي في الخطة الشهرية",
])
def test_a_plan_is_billing_not_marketing(text: str) -> None:
    assert classify(msg(text)).intent != UNS


def test_the_newsletter_subscription_is_still_marketing() -> None:
    assert classify(msg("الغوا اشتراكي في النشرة")).intent == UNS
