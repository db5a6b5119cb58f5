"""Families found by held-out set 74 (stop-and-remove, a fourth time): stopping things that
are not marketing, and requests around them."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import DEL, OTHER, UNS, msg

# ------------------------------------------------- 1. "the messages" named as order mail before


@pytest.mark.parametrize("text, intent", [
    ("مساء الخير، رسايل حالة الطلب والتوصيل تروح لرقم زوجتي القديم ٠٥٥٣٢١٠٩٨٧، والرقم هذا ما عاد "
     "معها. وقفوا الرسايل على هالرقم وخلوها على رقمي ٠٥٠١٢٣٤٥٦٨ لو سمحتوا.", OTHER),
    # marketing named too: the messages may be the offers
    ("رسايل حالة الطلب توصلني عادي بس العروض وايد. وقفوا الرسايل لو سمحتوا", UNS),
    ("وقفوا الرسايل لو سمحتوا، كل يوم عروض", UNS),
])
def test_the_messages_named_as_order_mail_before(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


# ------------------------------------------------- 2. a button's name is no request


@pytest.mark.parametrize("text, intent", [
    ("هو ازاي اقفل الحساب من الابلكيشن؟ دورت في الاعدادات مش لاقي حاجة اسمها حذف الحساب", DEL),
    ("I looked everywhere and there is nothing called delete account in the app.", OTHER),
])
def test_a_button_named_delete_account(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


# ------------------------------------------------- 3. «قصدي الحساب كله يتقفل»: "I meant"


def test_i_meant_the_whole_account() -> None:
    quoted = "> تم حذف العنوان المحفوظ (حي النرجس) من حسابك حسب طلبك.\n> هل هناك شيء آخر نقدر نساعدك فيه؟"
    text = "لا انا ما قصدت العنوان، قصدي الحساب كله يتقفل ويتحذف. العنوان مو مشكله"
    assert classify(msg(text, "Re: بخصوص طلب الحذف", quoted=quoted)).intent == DEL


# ------------------------------------------------- 4. "them": the offers in the app, not the app


def test_stop_them_the_sale_notifications_in_the_app() -> None:
    text = ("السلام عليكم، الاشعارات حقت التخفيضات في التطبيق مزعجه مره، كل ساعه اشعار. ابي اوقفها "
            "بس اشعارات الطلب والتوصيل خلوها لاني انتظر جوال. كيف اسويها؟")
    assert classify(msg(text)).intent == UNS
