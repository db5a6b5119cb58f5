"""Families found by held-out set 32 (a month with the hard cases, 38 look-alikes), one family
at a time: each has cases that must be requests and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import DEL, OTHER, UNS, applied, auto_applied, for_a_person

# ------------------------------------------------- 1. a shop's own customer's account

def test_a_designer_cannot_close_her_customers_account() -> None:
    text = ("أنا جويل، مصممة داخلية وعندي حساب تريد عندكن. وحدة من زبوناتي، مدام سارة الحمادي، "
            "قالتلي إسكّر حسابها الشخصي عندكن لأنو كل الطلبات صارت تمشي من خلال حسابي. فيكن "
            "تسكروه أو لازم هي تبعتلكن؟")
    assert applied(text)[0] == OTHER


def test_a_mothers_account_closed_for_her_still_is() -> None:
    assert for_a_person("امي طالبة مني اسكر حسابها عندكم", DEL)


# ------------------------------------------------- 2. the unsubscribe link reported working

@pytest.mark.parametrize("text", [
    "أردت فقط أن أبلغكم بأن رابط إلغاء الاشتراك عمل هذه المرة، ولم تعد تصلني الرسائل الترويجية.",
    "unsubscribe worked, thanks",
])
def test_a_link_that_worked_is_a_report(text: str) -> None:
    assert applied(text)[0] == OTHER


@pytest.mark.parametrize("text", [
    "رابط إلغاء الاشتراك ما عمل، ارجو الغاء اشتراكي",
    "الغوا اشتراكي، رابط الغاء الاشتراك لا يعمل",
])
def test_a_link_that_failed_leaves_the_request(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- 3. "can I close it myself?" in a longer mail

def test_closing_it_myself_is_the_senders_account() -> None:
    text = ("هو ينفع أقفل الحساب بنفسي ولا لازم أبعتلكم؟ أنا مش هستخدمه تاني بعد ما نقلت من "
            "الرياض.")
    assert auto_applied(text, DEL)


# ------------------------------------------------- 4. Moroccan Arabizi

def test_moroccan_arabizi_deletion() -> None:
    text = ("bghit nmse7 l compte dyali 3ndkom b ljomla, ma b9itch kan5dem bih. 3afak mse7o ga3 "
            "les données dyali.")
    assert auto_applied(text, DEL)


# ------------------------------------------------- 5. «ايه» with a blessing answers "yes"

_QUESTION = ("> هل ترغبين في إلغاء اشتراكك في نشرة «عروض شفاء» الأسبوعية عبر البريد الإلكتروني؟\n"
             "> يرجى الرد بـ(نعم) للتأكيد.")


def test_gulf_yes_with_a_blessing_confirms() -> None:
    assert applied("ايه الله يعافيك", "Re: تأكيد", quoted=_QUESTION)[0] == UNS


@pytest.mark.parametrize("text", ["ايه؟", "ايه ده؟", "الله يعافيك"])
def test_egyptian_what_or_a_blessing_alone_is_no_yes(text: str) -> None:
    assert applied(text, "Re: تأكيد", quoted=_QUESTION)[0] == OTHER
