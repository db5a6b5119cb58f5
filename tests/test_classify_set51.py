"""Families found by held-out set 51 (the stop-and-remove month), one family at a time: each
has cases that must change and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, UNS, msg

# ------------------------------------------------- 1. a «تم» that ends its clause


def test_done_said_of_the_store_does_not_hide_the_deletion() -> None:
    text = ("لا توقفون الرسايل بس وتقولون تم، ابي الحساب كله ينمسح مع العناوين والبطاقه. امس "
            "كلمت خدمة العملاء وقالوا وقفنا العروض وانا ما طلبت كذا.")
    assert classify(msg(text)).intent == DEL


def test_a_notice_that_it_was_done_asks_nothing() -> None:
    assert classify(msg("تم حذف حسابك")).intent != DEL


# ------------------------------------------------- 2. what the store said it would do


@pytest.mark.parametrize("text", [
    "جاني ايميل منكم انكم بتوقفون ترسلون العروض لاني ما فتحت الايميلات. لا لا خلوها توصل، "
    "انا اشوفها بس ما افتحها",
    "قلتوا انكم بتوقفون الرسايل",
])
def test_an_announced_stop_is_no_unsubscribe(text: str) -> None:
    assert classify(msg(text)).intent != UNS


def test_an_announced_deletion_is_no_request() -> None:
    assert classify(msg("جاني ايميل منكم انكم بتحذفون حسابي لاني ما استخدمته")).intent != DEL


@pytest.mark.parametrize("text", [
    "ياليت انكم توقفون الرسايل",
    "اتمنى انكم توقفون الرسايل",
    "قلتوا انكم بتوقفون الرسايل بس للحين توصلني",
])
def test_a_wish_or_a_broken_promise_still_asks(text: str) -> None:
    assert classify(msg(text)).intent == UNS


# ------------------------------------------------- 3. "from it" after a named file


def test_a_file_and_my_data_from_it_is_erasure() -> None:
    text = ("أنشأ الموظف ملفاً باسمي ورقم هاتفي دون أن يسألني. أرجو حذف هذا الملف وجميع بياناتي "
            "منه، فأنا لا أرغب في أن يكون لي حساب لديكم.")
    assert classify(msg(text)).intent == DEL


def test_my_data_from_a_device_is_not_ours() -> None:
    assert classify(msg("كيف امسح بياناتي منه قبل ما ارجعه")).intent != DEL


# ------------------------------------------------- 4. texts about orders, calls from drivers


@pytest.mark.parametrize("text", [
    "Every order I get like 6 texts. Can you turn off the order status SMS for my number? I "
    "only need the one when the driver is at the door.",
    "please turn off the delivery sms",
    "My brother put my mobile as the contact for his Friday delivery. I keep getting the "
    "driver calls for an address I don't live at.",
])
def test_order_texts_and_driver_calls_are_not_marketing(text: str) -> None:
    assert classify(msg(text)).intent != UNS


@pytest.mark.parametrize("text", ["turn off the promo sms", "I keep getting your promo calls"])
def test_promotional_texts_and_calls_still_are(text: str) -> None:
    assert classify(msg(text)).intent == UNS


# ------------------------------------------------- 5. "whoever unsubscribes"


def test_whoever_unsubscribes_is_a_rule_asked_about() -> None:
    text = ("سؤال: صديقتي تقول اللي يلغي الاشتراك في النشرة ينلغي معاه نادي اعياد الميلاد، صح؟ "
            "انا ما ابي الغي شي")
    assert classify(msg(text)).intent != UNS


def test_my_own_cancellation_is_asked() -> None:
    assert classify(msg("ابي الغي الاشتراك في النشرة")).intent == UNS
