"""Families found by held-out set 23 (an ordinary busy season, written by people who rarely
email), one family at a time: each has cases that must be requests and look-alikes that must
keep their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, applied, auto_applied, for_a_person

# ------------------------------------------------- 1. a subscription that is billed

@pytest.mark.parametrize("text", [
    "Please cancel my subscription. I didn't realise the plan renews every month "
    "automatically. Can you refund this month?",
    "اشتريت من عندكم كرت اشتراك Xbox Game Pass، بدي ألغي الاشتراك ورجّع الكرت",
    "بدي ألغي الاشتراك اللي اشتريته ورجع الكرت",  # "the subscription I bought"
    "I bought a 3 month subscription card last week, please cancel the subscription",
    "ابي الغي الاشتراك، ما ابي تجديد تلقائي",  # "no automatic renewal"
])
def test_cancelling_a_billed_subscription_is_billing(text: str) -> None:
    got, confidence = applied(text)
    assert got == OTHER, (got, confidence)


@pytest.mark.parametrize("text", [
    "Please cancel my subscription, I get too many emails",
    "Please unsubscribe me from the newsletter, and renew my Gold membership",
    "I bought a laptop and got subscribed to your newsletter, please cancel my subscription",
    "اشتريت منكم جوال وسجلتوني بالنشرة، الغوا اشتراكي",
])
def test_a_purchase_or_a_plan_beside_the_newsletter_keeps_the_unsubscribe(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- 2. a negation over "delete … or close …"

@pytest.mark.parametrize("text", [
    "I am not asking you to delete anything or close my account at this stage; I just want "
    "to see what is held.",
    "Don't delete my data or close my account",
    "ما ابي تحذفون شي او تسكرون حسابي، بس ابي نسخة من بياناتي",
])
def test_a_negation_reaches_the_second_verb_of_an_or(text: str) -> None:
    assert applied(text)[0] != DEL


@pytest.mark.parametrize("text", [
    "I'm not happy. Delete everything and close my account",
    "I didn't order anything, delete it all and close my account",
    "I don't want to keep it, delete everything or close my account, whichever is easier",
    "احذفوا بياناتي او سكروا حسابي",
])
def test_an_or_after_another_clause_stays_a_request(text: str) -> None:
    got, confidence = applied(text)
    assert got == DEL and confidence >= AUTO_APPLY, (got, confidence)


# ------------------------------------------------- 3. "she wants" for a relative, not for a friend

@pytest.mark.parametrize("text", [
    "الوالدة عندها حساب عندكم وهي ما تعرف تستخدم الإيميل. تبا تقفل الحساب نهائياً لأنها ما "
    "تستخدمه",  # "she wants to close the account for good"
    "الوالدة عندها حساب عندكم. تبي تسكر الحساب نهائيا",
    "ابوي يبغى يسكر حسابه عندكم، ما عاد يستخدمه ابد وصار له سنة ما طلب شي",
    "Hi, my mother has an account with you under x@gmail.example and can't log in. She wants "
    "to delete the account for good. Thanks",
])
def test_a_relatives_wish_is_a_deletion(text: str) -> None:
    assert for_a_person(text, DEL)


@pytest.mark.parametrize("text", [
    "هي ما تبي تقفل الحساب، بس توقف الرسايل",  # "she doesn't want it closed, just the messages"
    "ابوي ما يبي يسكر حسابه، بس يبي يغير الايميل",
])
def test_a_relatives_negated_wish_is_no_deletion(text: str) -> None:
    assert applied(text)[0] != DEL


# ------------------------------------------------- 4. a prohibition outweighs a mention

@pytest.mark.parametrize(("text", "subject"), [
    ("وصلتني اليوم رسالة تفيد بأنه تم إلغاء اشتراكي في النشرة، وأنا لم أطلب ذلك. أرجو عدم "
     "إلغاء اشتراكي، بل إعادة تفعيله", "إلغاء اشتراكي في النشرة دون طلب مني"),
    ("لا تلغون اشتراكي! من اسبوعين ما يجيني ولا ايميل منكم، لا عروض ولا جديد", "النشرة وقفت"),
    ("جوزي بعتلكن إيميل يطلب تلغوا اشتراكي بالعروض. لا تشيلوني من القائمة لو سمحتو", ""),
])
def test_do_not_unsubscribe_me_beside_the_words_of_an_unsubscribe(text: str,
                                                                   subject: str) -> None:
    assert applied(text, subject)[0] == OTHER


@pytest.mark.parametrize("text", [
    "I didn't unsubscribe, but please stop the SMS offers now",  # a past negator tells
    "I don't know how to unsubscribe, please stop the emails",
])
def test_a_negator_that_prohibits_nothing_leaves_the_request(text: str) -> None:
    assert applied(text)[0] == UNS


# ------------------------------------------------- 5. a list of details ending in everything

@pytest.mark.parametrize("text", [
    "I am going back to Kerala for good. I will not use your shop again, so please remove my "
    "name, phone and everything from your system, no need to keep anything about me.",
    "please remove my name, address and all my data from your records",
])
def test_a_list_of_details_ending_in_everything_is_a_deletion(text: str) -> None:
    assert auto_applied(text, DEL)


@pytest.mark.parametrize("text", [
    "please remove my card details from your system",
    "please remove my address and the old card from your system",
])
def test_removing_one_detail_from_the_system_is_an_edit(text: str) -> None:
    assert applied(text)[0] == OTHER


# ------------------------------------------------- 6. "stop everything marketing"

@pytest.mark.parametrize("text", [
    "الغيت الاشتراك من الرابط مرتين ويرجع الإيميل. وقفوا كل شي تسويقي يوصلني، مو لازم اكرر",
    "stop using my data for marketing",
])
def test_stop_everything_of_marketing(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "please stop everything related to my order, I cancelled it",
    "stop all data processing please",
])
def test_stop_everything_without_marketing(text: str) -> None:
    assert applied(text)[0] == OTHER


# ------------------------------------------------- 7. "but the offers: no", an emoji for a stop

@pytest.mark.parametrize("text", [
    "لو سمحتو في طريقة إنو ما يوصلني إيميلات العروض؟ بس بدي ضل محتفظة بالحساب لأنو عندي نقاط.\n"
    "يعني الحساب خلّوه متل ما هو، بس العروض لأ 🙏",
    "ابي الحساب، بس العروض لا 🙏",
    "kil yom 3 emails, law sama7tau wagfoha 3ani",  # «وقفوها»: stop them
    "salam, ana mo 3arfa kaif asawi unsubscribe mn el emails, kil yom 3 emails 😩 law sama7tau "
    "wagfoha 3ani. shukran",  # "I don't know how to unsubscribe": asks how, refuses nothing
    "I don't know how to unsubscribe, please stop the emails",
])
def test_the_offers_refused_in_few_words(text: str) -> None:
    got, confidence = applied(text)
    assert got == UNS and confidence >= AUTO_APPLY, (got, confidence)


@pytest.mark.parametrize("text", [
    "هل العروض لا تشمل الساعات؟",  # "do the offers not include watches?"
    "الطلب وصل بس العروض لا تنطبق عليه 😕",
    "الحساب خلوه 👍",
])
def test_the_offers_look_alikes(text: str) -> None:
    assert applied(text)[0] != UNS


# ------------------------------------------------- 8. someone else's words about my account

@pytest.mark.parametrize("text", [
    "the employee said he wants to close my account, why?",
    "الموظف قال انه يبي يسكر حسابي، ليش؟",
])
def test_hearsay_about_my_account_is_no_request(text: str) -> None:
    assert applied(text)[0] != DEL


@pytest.mark.parametrize("text", [
    "You said I could just email you to close my account, so please close it",
])
def test_said_before_a_request_of_ours_keeps_it(text: str) -> None:
    assert auto_applied(text, DEL)


def test_a_relatives_wish_relayed_is_a_deletion_for_a_person() -> None:
    assert for_a_person("My wife said she wants to close her account", DEL)
