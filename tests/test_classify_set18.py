"""Look-alike requests found by held-out sets 18 and 19 (first pass), one family at a time, in
English and Arabic: each family has cases that must stay requests and cases that must not be
applied."""

from __future__ import annotations

import pytest

from mailbot.mail import automation
from mailbot.understanding.classify import classify
from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, applied, msg


@pytest.mark.parametrize(("text", "intent"), [
    # the sender's own hypothetical, asked about: what would follow, not the deletion itself
    ("ما الذي سيحدث لنقاط الولاء ورصيد المحفظة إذا قمت بحذف حسابي؟ لم أقرر بعد.", OTHER),
    ("في حال قمت بحذف حسابي هل تبقى طلباتي السابقة؟", OTHER),
    ("بحال قررت حذف حسابي وش يصير بالنقاط؟", OTHER),
    ("اذا اردت الغاء حسابي، ماذا يحدث للمحفظة؟", OTHER),
    ("لو حبيت امسح حسابي بعدين اقدر ارجع؟", OTHER),
    ("If I delete my account, what happens to my loyalty points?", OTHER),
    ("what happens to my wallet balance if i close my account? havent decided yet", OTHER),
    # asked of us, politely or with "please": still requests
    ("إذا سمحتم احذفوا حسابي", DEL),
    ("اذا سمحت قم بحذف حسابي", DEL),
    ("لو تكرمتم بحذف حسابي", DEL),
    ("ارجو حذف حسابي اذا امكن", DEL),
    ("If possible, please delete my account.", DEL),
])
def test_hypothetical_deletion_in_arabic(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


@pytest.mark.parametrize(("text", "intent"), [
    # "look/seem/sound like" compares; it does not want ("doesn't look like your usual emails")
    ("Is this from you?? It doesn't look like your usual emails and the link goes to some "
     "weird site. I don't want my account deleted.", OTHER),
    ("This doesn't seem like your newsletter, is it real? Please don't delete my account", OTHER),
    ("it does not sound like your promo emails. is it phishing?", OTHER),
    ("Looks like your offers emails changed design, nice!", OTHER),
    # wanting stays wanting
    ("I don't feel like getting your emails anymore", UNS),
    ("I would like to stop the newsletter", UNS),
    ("I don't want your marketing emails, it looks like spam to me", UNS),
])
def test_look_like_is_not_want(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


@pytest.mark.parametrize(("text", "intent"), [
    # the sender's own "if I unsubscribe, will …?": asks what would follow
    ("Before I do anything - if I unsubscribe from your newsletter, will I still get the order "
     "confirmation and delivery emails?", OTHER),
    ("if i opt out of the promo emails do i lose my points?", OTHER),
    ("If I stop the sms offers will whatsapp stop too?", OTHER),
    ("لو الغيت الاشتراك في النشرة هل بتوصلني رسائل الطلبات؟", OTHER),
    # "if I want to unsubscribe, how …" asks how: a request as before
    ("If I want to unsubscribe, how do I do it?", UNS),
    ("Please unsubscribe me, if I want the offers again I'll sign up.", UNS),
])
def test_hypothetical_unsubscribe(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


@pytest.mark.parametrize(("text", "intent"), [
    # an unsubscribe told as done and working: "no more emails" describes it
    ("Hello, I unsubscribed from the newsletter last week and it worked, thank you, no more "
     "emails. Different thing: I want to exchange the green kaftan for size M.", OTHER),
    ("I unsubscribed last week and it worked, no more emails. thanks", OTHER),
    ("الغيت الاشتراك الاسبوع الماضي ونجح، ما عاد يجيني اي ايميل، شكرا", OTHER),
    # not working: still a request
    ("I unsubscribed last week but it didn't work, no more emails please!", UNS),
    ("I already unsubscribed last month and the emails still keep coming. Please take me off "
     "the list for real.", UNS),
])
def test_unsubscribe_reported_working(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


@pytest.mark.parametrize(("text", "intent"), [
    # a deletion asked for before and confirmed: no new request
    ("Hi, طلبت حذف حسابي الأسبوع الماضي ووصلني تأكيد، thank you. بس احتاج فاتورة طلب المكيف "
     "القديم عشان الضمان، ممكن ترسلونها على هذا الايميل؟", OTHER),
    ("I asked you to delete my account and got a confirmation, thanks. Can I get my invoice?",
     OTHER),
    ("طلبت منكم تحذفون حسابي وجاني ايميل التاكيد، مشكورين", OTHER),
    # no confirmation: a person decides, never an automatic deletion
    ("I asked you to delete my account but never got a confirmation", DEL),
    ("طلبت حذف حسابي وما وصلني تأكيد", DEL),
])
def test_told_deletion_confirmed(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent
    if intent == DEL:
        assert confidence < AUTO_APPLY


@pytest.mark.parametrize(("text", "intent"), [
    # "do NOT unsubscribe me" after the button's name was clicked on a link: never unsubscribe
    ("بنتي الصغيرة كانت تلعب بجوالي وضغطت على رابط الغاء الاشتراك في ايميلكم. لا تلغون "
     "اشتراكي لو سمحتوا، ابي العروض توصلني", OTHER),
    ("ولدي ضغط على زر الغاء الاشتراك بالغلط، لا تلغون اشتراكي", OTHER),
    ("My daughter tapped the unsubscribe link by mistake. Please do NOT unsubscribe me, I want "
     "the offers.", OTHER),
    ("I clicked on the unsubscribe button by accident, don't unsubscribe me", OTHER),
    # the link named, then a request of its own
    ("I clicked the unsubscribe link but still get emails, unsubscribe me", UNS),
    ("وصلني رابط الغاء الاشتراك، ارجو الغاء اشتراكي", UNS),
])
def test_do_not_unsubscribe_after_clicking_the_link(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


@pytest.mark.parametrize(("text", "intent"), [
    # a monthly/yearly subscription that charges a price is a paid plan: billing, a person
    ("بدي إلغي الاشتراك الشهري تبع خدمة Khuzama Plus للتوصيل السريع، كل شهر عم تنسحب ٣ دينار "
     "من البطاقة وأنا ما عم استعملها. الحساب بدي ضل فيه.", OTHER),
    ("ابي الغي اشتراكي الشهري في خدمة التوصيل، كل شهر يخصمون ٢ دينار", OTHER),
    ("أرغب في إلغاء الاشتراك السنوي، تم خصم 99 ريال من بطاقتي", OTHER),
    ("Please cancel my subscription, you charge me 3 KWD every month for fast delivery", OTHER),
    # the monthly newsletter, a price in an offer: still marketing
    ("الغوا اشتراكي بالنشرة الشهرية", UNS),
    ("ابي الغي الاشتراك، النشرة الشهرية توصلني كل يوم", UNS),
    ("unsubscribe me from the monthly newsletter", UNS),
    ("الغاء الاشتراك في العروض لو سمحتوا، ما ابي خصومات ٥ دنانير", UNS),
    ("Unsubscribe me please. Your 5 KWD off emails are annoying", UNS),
])
def test_paid_monthly_subscription_is_billing(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


@pytest.mark.parametrize(("subject", "robot"), [
    # a list robot's echo ("Copy of: <subject>") is automated ...
    ("Copy of: 玩的是游戏，拼的是未来。", True),
    ("Copy of your message: weekly report", True),
    ("Automatic reply: Your order", True),
    # ... a person asking for a copy of their data is not
    ("Copy of my data", False),
    ("copy of my invoice please", False),
    ("Copy of my personal data (GDPR)", False),
])
def test_copy_of_subject_is_a_robot_only_with_its_colon(subject: str, robot: bool) -> None:
    assert bool(automation.subject_signals(subject)) is robot


def test_data_access_request_titled_copy_of_my_data_is_a_person() -> None:
    text = ("Could you send me a copy of all the personal data you hold about me? I'm not "
            "closing the account, I'd just like to see what is stored.")
    got = classify(msg(text, "Copy of my data"))
    assert got.intent == OTHER
