"""Look-alike requests found by held-out set 11, one family at a time, in English and Arabic:
each family has cases that must stay requests and cases that must not be applied."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from mailbot.understanding.normalise import foreign_arabic_script
from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, applied, auto_applied, for_a_person, msg

PROMO = ("---------- Forwarded message ---------\nFrom: Shop <offers@shop.example>\n"
         "Subject: Weekend deals\n\nSmart watches from 299 this weekend only. Earn double "
         "points on every order.\n\nDon't want these emails? Unsubscribe.")
PROMO_AR = ("---------- Forwarded message ---------\nFrom: Shop <offers@shop.example>\n"
            "Subject: عروض الويكند\n\nخصومات على الساعات الذكية هذا الويكند. اجمع نقاط "
            "مضاعفة على كل طلب.\n\nما تبي هالرسايل؟ الغاء الاشتراك")
ORDER = ("---------- Forwarded message ---------\nFrom: Shop <orders@shop.example>\n"
         "Subject: Your order has shipped\n\nYour order #1234 has shipped. Track your delivery "
         "and your order in the app. Questions about the order? Reply here. Unsubscribe")
OUTLOOK = ("From: Shop Support <support@shop.example>\nSent: Monday, 13 January 2025 11:42\n"
           "To: Hannah <h@example.com>\nSubject: Your request - account deletion\n\nDear Hannah,"
           "\n\nDo you want us to delete your account and the personal data linked to it?")
OUTLOOK_AR = ("من: دعم المتجر <support@shop.example>\nتم الإرسال: الاثنين 13 يناير 2025\n"
              "إلى: سارة <s@example.com>\nالموضوع: طلبك - حذف الحساب\n\nعزيزتي سارة،\n\n"
              "هل تريدين أن نحذف حسابك وبياناتك الشخصية لدينا؟")



@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # paid memberships and auto-renewal are billing, not marketing
    ("I want to unsubscribe from the Plus membership, it renews automatically and I was "
     "charged 199 yesterday.", "", OTHER),
    ("ابي الغي اشتراك بلس حقي ولا تجددونه", "", OTHER),
    ("Please cancel my premium membership, it renews next week.", "", OTHER),
    ("Please unsubscribe me from the newsletter, I'm a premium member.", "", UNS),
    ("ابي الغي اشتراكي في النشرة", "", UNS),
    # cold mail to the store offers an opt-out; it does not ask for one
    ("We help stores grow their traffic. Would you be open to a quick call? Not interested? "
     'Just reply "unsubscribe" and I won\'t contact you again.', "", OTHER),
    ('نقدم خدمات تسويق لمتجركم ونضاعف زياراتكم. مو مهتمين؟ رد بكلمة "الغاء" وما راح '
     "نزعجكم مرة ثانية", "", OTHER),
    ("Please don't contact me again.", "", UNS),
    ("I already replied unsubscribe to your last mail. Unsubscribe me please.", "", UNS),
    ("لا ترسلوا لي رسايل تسويقية", "", UNS),
    # "do NOT unsubscribe me" beside a clicked button's name
    ('I clicked "unsubscribe" by accident last week - please do NOT unsubscribe me! Can you '
     "add me back to the list?", "", OTHER),
    ('ضغطت "الغاء الاشتراك" بالغلط، لا تلغوا اشتراكي الله يخليكم ورجعوني للقايمة', "", OTHER),
    ("I clicked unsubscribe twice and I still get your emails.", "", UNS),
    ("Please don't send me any more offers.", "", UNS),
    # Egyptian Arabizi: eshterak is a subscription
    ("ana 3ayez al8y el eshterak fe el newsletter 3ashan el mails kteer awy", "", UNS),
    ("ana 3ayez a3mel eshterak fe el newsletter", "", OTHER),
    # "my account in the app" is still the account; "my account page" is a page
    ("ابغى احذف الحساب حقي بالتطبيق ما اعرف كيف", "", DEL),
    ("delete my account on app", "", DEL),
    ("please delete my account page bookmark from the app", "", OTHER),
    # "remove me from these" under a forwarded promo, not under an order mail
    ("Please remove me from these. Thanks.", PROMO, UNS),
    ("شيلوني من هذي لو سمحتوا", PROMO_AR, UNS),
    ("Please remove me from these. Thanks.", ORDER, OTHER),
    # a bare yes and a sign-off under an Outlook header block asking about deletion
    ("Yes please.\n\nHannah", OUTLOOK, DEL),
    ("نعم.\n\nسارة", OUTLOOK_AR, DEL),
    ("Yes.\n\nActually no, keep it.", OUTLOOK, OTHER),
    ("نعم.\n\nلا تحذفوه", OUTLOOK_AR, OTHER),
])
def test_family(text: str, quoted: str, intent: str) -> None:
    got, confidence = applied(text, quoted=quoted)
    assert got == intent, (got, confidence)
    if intent != OTHER:
        assert confidence >= AUTO_APPLY


@pytest.mark.parametrize("text", [
    "How do I unsubscribe from newsletters from other companies? Your emails are fine, it's "
    "the others I want to stop.",
    "كيف الغي الاشتراك في نشرات مواقع ثانيه؟ رسايلكم ما فيها مشكلة",
])
def test_unsubscribing_from_other_senders_is_not_applied(text: str) -> None:
    intent, confidence = applied(text)
    assert intent != DEL
    assert intent == OTHER or confidence < AUTO_APPLY


@pytest.mark.parametrize("text", ["How do I unsubscribe from your newsletter?",
                                  "كيف الغي الاشتراك في نشرتكم؟",
                                  "Please remove me from this list and any other lists you have.",
                                  "شيلوني من النشرة ومن اي قايمة ثانية عندكم"])
def test_unsubscribing_from_us_is_still_applied(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "سلام، لطفا حساب کاربری من را حذف کنید. ممنون",
    "لطفا ایمیل\u200cهای تبلیغاتی را برای من نفرستید",
    "من دیگر نمی\u200cخواهم ایمیل\u200cهای شما را دریافت کنم",
])
def test_persian_is_other(text: str) -> None:
    result = classify(msg(text))
    assert foreign_arabic_script(text) == "Persian"
    assert (result.intent, result.language) == (OTHER, "other")


@pytest.mark.parametrize("text", [
    "آپ کی ای میل کا شکریہ۔ میں 15 جون تک چھٹی پر ہوں اور واپسی پر جواب دوں گا۔",
    "براہِ کرم میرا اکاؤنٹ بند کر دیں، شکریہ",
])
def test_urdu_is_other(text: str) -> None:
    assert foreign_arabic_script(text) == "Urdu"
    assert classify(msg(text)).language == "other"
    assert classify(msg(text, automation=("auto-submitted",))).language == "other"


@pytest.mark.parametrize(("text", "intent"), [
    ("ابي احذف حسابي چذي ما ابيه", DEL),  # Gulf چ
    ("گلت لكم الغوا اشتراكي بالنشرة", UNS),  # Gulf گ
    ("احذفوا حسابي في لیالي لو سمحتوا", DEL),  # one stray Persian yeh from a phone keyboard
    ("الغوا اشتراكي بالنشرہ لو سمحتوا", UNS),  # one stray Urdu heh
])
def test_gulf_arabic_with_persian_letters_is_arabic(text: str, intent: str) -> None:
    result = classify(msg(text))
    assert foreign_arabic_script(text) is None
    assert (result.intent, result.language) == (intent, "ar")


# Found by held-out set 12: requests told as past events, data on the customer's own device,
# a notice's words quoted in a complaint, and paid plans called "subscription".
@pytest.mark.parametrize(("text", "intent"), [
    # a past deletion told with regret or a wish to get the account back is a recovery
    ("I asked you to delete my account last year and I regret it. Can I restore it with "
     "my old points?", OTHER),
    ("طلبت منكم تحذفون حسابي الشهر الماضي وندمت، ممكن استرجاع الحساب؟", OTHER),
    ("Please delete my account.", DEL),
    ("احذفوا حسابي لو سمحتوا", DEL),
    ("Hiding my reviews isn't what I asked for — I want my whole account deleted.", DEL),
    # data on the customer's own device is not data the store holds
    ("How do I wipe my data from the smartwatch before I return it?", OTHER),
    ("كيف امسح بياناتي من الجهاز قبل ما ارجعه للمحل؟", OTHER),
    ("Can you delete the data you have on the old printer?", OTHER),
    ("ابي امسح البيانات من الراوتر القديم", OTHER),
    ("Please delete my data from your systems.", DEL),
    ("Please delete all my data and my phone number.", DEL),
    ("امسحوا بياناتي من عندكم", DEL),
    # «تم الغاء اشتراكك» quoted from a notice is what happened, not a request
    ('وصلني ايميل "تم الغاء اشتراكك في النشرة" وانا ما طلبت شي، رجعوا لي العروض', OTHER),
    ('وصلتني رسالة "تم حذف حسابك" ليش؟', OTHER),
    ('I got an email saying "your subscription has been cancelled" but I never asked!', OTHER),
    ("الغوا اشتراكي في النشرة", UNS),
    # a warranty or insurance plan is billing, even when called a subscription
    ("Please cancel my extended warranty subscription, I sold the TV.", OTHER),
    ("ابي الغي اشتراك الضمان الممتد للغسالة", OTHER),
    ("Please cancel my newsletter subscription.", UNS),
    ("ابي الغي اشتراكي في العروض", UNS),
])
def test_set12_family(text: str, intent: str) -> None:
    got, confidence = applied(text)
    if intent == OTHER:
        assert got == OTHER or confidence < AUTO_APPLY, (got, confidence)
        assert got != DEL, (got, confidence)
    else:
        assert got == intent and confidence >= AUTO_APPLY, (got, confidence)


@pytest.mark.parametrize("text", [
    "I asked you to delete my account last month and it is still active.",
    "طلبت منكم تحذفون حسابي من شهر وللحين موجود",
])
def test_a_deletion_told_as_past_goes_to_a_person(text: str) -> None:
    got, confidence = applied(text)
    assert got == DEL and confidence < AUTO_APPLY, (got, confidence)


@pytest.mark.parametrize(("text", "intent"), [
    ('Priyanka Shah would like to recall the message, "Partnership deck".', "automated"),
    ('سارة أحمد يرغب في استدعاء الرسالة "عرض الشراكة".', "automated"),
    ("I sent you the wrong file, I would like to recall it. Please delete my account too.", DEL),
])
def test_outlook_recall_notice_is_automated(text: str, intent: str) -> None:
    assert applied(text)[0] == intent


PROMO_FOOTER = ("________________________________\nFrom: Shop <news@shop.example>\nSent: Thursday, "
                "February 20, 2025 6:02 PM\nTo: a@example.com\nSubject: Weekend sale\n\nUp to 50% "
                "off dresses this weekend.\nShop now: https://shop.example/sale\n\nYou are "
                "receiving this email because you subscribed to Shop news.\nUnsubscribe: "
                "https://shop.example/u/1")
ORDER_FOOTER = ("________________________________\nFrom: Shop <orders@shop.example>\nSent: Thursday"
                ", February 20, 2025 6:02 PM\nTo: a@example.com\nSubject: Your order\n\nYour order "
                "has shipped. Track your order and delivery in the app.\n\nYou are receiving this "
                "because you subscribed.\nUnsubscribe: https://shop.example/u/1")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # Gulf Arabizi spellings of stop / want / offers / advertising
    ("law sm7to wa8fo el msgs el di3aya 3la el whatsapp", "", UNS),
    ("ab8a awagif el emails ma3at el 3roodh", "", UNS),
    ("ab8a awagif el order 6alab", "", OTHER),
    # "remove me from this" under a forwarded mail whose footer says why it was sent
    ("please remove me from this. thanks", PROMO_FOOTER, UNS),
    ("please remove me from this. thanks", ORDER_FOOTER, OTHER),
])
def test_set12_requests(text: str, quoted: str, intent: str) -> None:
    got, confidence = applied(text, quoted=quoted)
    assert got == intent, (got, confidence)
    if intent != OTHER:
        assert confidence >= AUTO_APPLY


PROMO_QUESTION_AR = ("On Sun, 2 Mar 2025 at 14:40, Shop <support@shop.example> wrote:\n> أهلاً،\n>\n"
                     "> هل ترغب في إيقاف عروضنا عبر البريد والرسائل النصية؟ رُد بـ «نعم» للتأكيد.")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # an emoji after the "yes" is no word of its own
    ("ايوه yes please 🙏", PROMO_QUESTION_AR, UNS),
    ("yes 👍", OUTLOOK, DEL),
    ("🙏", PROMO_QUESTION_AR, OTHER),
    # Arabizi verbs with "it" attached, like «احذفوه»
    ("ee akeed, 7thfoh", OUTLOOK_AR, DEL),
    ("la la ma t7thfooh", OUTLOOK_AR, OTHER),
])
def test_set12_short_replies(text: str, quoted: str, intent: str) -> None:
    got, confidence = applied(text, quoted=quoted)
    assert got == intent, (got, confidence)
    if intent != OTHER:
        assert confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "intent"), [
    # "the data you hold on me erased": a relative clause between the data and the verb
    ("I want all personal data you hold on me erased.", DEL),
    ("ابي كل بياناتي اللي عندكم تنحذف", DEL),
    ("I want all the data you hold on me sent to me.", OTHER),
    # a paid plan's name used as an adjective for marketing ("VIP promo emails")
    ("I don't want the VIP promo emails anymore, but keep my account.", UNS),
    ("ما ابي عروض الـ VIP بس خلوا الحساب", UNS),
    ("I don't want the VIP membership renewed.", OTHER),
])
def test_set12_wider_shapes(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent, (got, confidence)
    if intent != OTHER:
        assert confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "intent"), [
    # cancelled the subscription through the link, still getting mail: a still-coming complaint
    ("لغيت الاشتراك من الرابط اللي تحت قبل اسبوعين وللحين توصلني ايميلاتكم", UNS),
    ("I cancelled my subscription through the link and I still get your emails.", UNS),
    ("لغيت الاشتراك من الرابط وما عاد توصلني ايميلات، شكرا", OTHER),
])
def test_cancelled_but_still_coming(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent, (got, confidence)
    if intent != OTHER:
        assert confidence >= AUTO_APPLY


def _not_applied(text: str, subject: str = "") -> None:
    result = classify(msg(text, subject))
    assert result.intent == OTHER or result.confidence < AUTO_APPLY, result


@pytest.mark.parametrize(("text", "subject"), [
    # the plan's name sits further from the verb ("the <brand> Plus yearly membership"), or
    # only the subject names it: any paid-plan hit keeps the mail's unsubscribe with a person
    ("I want to unsubscribe from the Shop Plus yearly membership, please don't auto renew it. "
     "Keep my account open.", "Unsubscribe from Plus membership"),
    ("ابي الغي اشتراك Plus السنوي، ما يجدد الشهر الياي ولا تسحبون من البطاقة", "الغاء اشتراك بلس"),
    # a courier or delivery company that texts the customer is someone else's list
    ("Your courier now sends me marketing texts. Do you know how I unsubscribe from them?", ""),
    ("شركة الشحن اللي تتعاملون معها صارت ترسل لي عروض، كيف الغي الاشتراك عندهم؟", ""),
    # wants delivery texts back on, not the promos
    ("Did I accidentally unsubscribe? I want delivery SMS, not the promo ones. Please turn them "
     "back on.", ""),
])
def test_set13_lookalikes_reach_a_person(text: str, subject: str) -> None:
    _not_applied(text, subject)


@pytest.mark.parametrize("text", [
    "Please unsubscribe me from your newsletter.",
    "ابي الغي اشتراكي في النشرة البريدية",
    "Please turn off the promo SMS.",
    "Please stop sending me promo SMS.",
])
def test_set13_requests_still_applied(text: str) -> None:
    result = classify(msg(text))
    assert result.intent == UNS and result.confidence >= AUTO_APPLY, result


@pytest.mark.parametrize(("text", "intent"), [
    ("Your message\n\n To: a@example.com\n Subject: Your return\n Sent: 02/12/2026 11:04\n\n"
     "was read on 02/12/2026 13:47.", "automated"),
    ("رسالتك\n\n إلى: a@example.com\n الموضوع: طلب الإرجاع\n\nتمت قراءتها في 02/12/2026 13:47.",
     "automated"),
    ("Did you read my message? Please delete my account.", DEL),
])
def test_text_read_receipt_is_automated(text: str, intent: str) -> None:
    assert applied(text)[0] == intent


# Found by held-out set 13, second pass: pronoun verbs whose "it" is an account named
# earlier, negations that do not reach past "and I want", replies, formal passives, Gulf
# Arabizi stop verbs and negative imperatives.
@pytest.mark.parametrize(("text", "intent"), [
    # "it" is the account named before, even with an address between and data "with" it
    ("عندي حساب قديم على ايميل customer@example.com ما عاد افتحه. بغيتكم تحذفونه مع كل"
     " البيانات.", DEL),
    ("I have an old account under the email customer@example.com that I no longer use. Please "
     "delete it along with all the data.", DEL),
    ("عندي حساب قديم ما عاد استخدمه. ابيكم تسكرونه مع كل بياناتي", DEL),
    # … but a number on the account is a thing of its own
    ("في رقم ثاني مضاف بحسابي رقم زوجي، ابي تشيلونه بس وتخلون رقمي", OTHER),
    ("There is a second number on my account, my husband's number. I want you to remove it "
     "and keep mine.", OTHER),
    # "I don't need it any more" is a reason; "and I want …" asks
    ("ما عاد احتاجه وابي تشيلون بياناتي كلها", DEL),
    ("I don't need it any more and I want you to delete all my data.", DEL),
    ("ما ابي تشيلون بياناتي", OTHER),
    # a negation reaches over a coordinated verb
    ("I don't want you to close and delete my account.", OTHER),
    ("لا تسكرون وتحذفون حسابي", OTHER),
    ("Please close and delete my account.", DEL),
    # "not just deactivate it" with the pronoun attached stays a deactivation
    ("ابي حذف حسابي وليس تعطيله فقط", DEL),
])
def test_set13_pronouns_and_negation_scope(text: str, intent: str) -> None:
    got, confidence = applied(text)
    if intent == OTHER:
        assert got != DEL, (got, confidence)
    else:
        assert got == intent and confidence >= AUTO_APPLY, (got, confidence)


@pytest.mark.parametrize("text", [
    "عندي حساب قديم على ايميل old@mail.example ما عاد افتحه. بغيتكم تحذفونه مع كل البيانات.",
    "I have an old account under the email old@mail.example that I no longer use. Please "
    "delete it along with all the data.",
])
def test_the_account_of_another_address_goes_to_a_person(text: str) -> None:
    # mailbot erases the account of the address the mail came from (customer@example.com)
    assert for_a_person(text, DEL)


DISCLAIMER = ("\n\nThis email is confidential. If you are not the intended recipient, please "
              "delete it.")


@pytest.mark.parametrize(("text", "intent"), [
    # formal requests with a subjunctive "be": "we request that our account (ID …) be closed"
    ("Following the merger, we request that our corporate account (ID GOS-2231) be closed "
     "permanently and the associated user logins and contact data be deleted." + DISCLAIMER,
     DEL),
    ("We hereby request that the account registered to this address be closed.", DEL),
    ("I kindly ask that my personal data be erased in accordance with the GDPR.", DEL),
    # negated, about an order, about something else, or told as a past request
    ("We request that our account not be closed.", OTHER),
    ("We request that the account order history be deleted.", OTHER),
    ("I request that my data be sent to me.", OTHER),
    ("I asked that my account be closed last month and it is still open.", OTHER),
    # the disclaimer's "please delete it" is not the sender's request
    ("Please find our updated price list attached." + DISCLAIMER, OTHER),
])
def test_set13_formal_passive_requests(text: str, intent: str) -> None:
    got, confidence = applied(text)
    if intent == OTHER:
        assert got == OTHER or confidence < AUTO_APPLY, (got, confidence)
    else:
        assert got == intent and confidence >= AUTO_APPLY, (got, confidence)


@pytest.mark.parametrize(("text", "intent"), [
    # Gulf Arabizi stop and send verbs
    ("7ayakom, abi awaqef el emails mal el offers, wayed tyeeni. thx", UNS),
    ("law sama7t wagef el 3orood", UNS),
    ("ba6lo el emails plz", UNS),
    ("la tersloon li el offers", UNS),
    ("la t6arshoon li el i3lanat", UNS),
    ("kefaya emails", UNS),
    # … about an order or an invoice they are not unsubscribes
    ("abi awagif el order", OTHER),
    ("la tersloon li el invoice mara thanya", OTHER),
])
def test_set13_gulf_arabizi_stop_verbs(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent, (got, confidence)
    if intent != OTHER:
        assert confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "intent"), [
    # negative imperatives about marketing are unsubscribes (Gulf طرش/دز "send" too)
    ("مرحبا\nبليز لا تطرشون لي هالايميلات مرة ثانية، ما اباها\nفاطمة", UNS),
    ("لا تدزون لي عروض", UNS),
    ("لا ترسلون لي عروض", UNS),
    ("Don't send me these emails again.", UNS),
    ("Never send me promotions again.", UNS),
    # … about an invoice, or "don't cancel", they are not
    ("Don't send me the invoice again, I have it.", OTHER),
    ("لا تطرشون لي الفاتورة مرة ثانية", OTHER),
    ("Don't cancel my subscription.", OTHER),
    ("لا تلغون اشتراكي", OTHER),
    ("طرشت لكم ايميل امس", OTHER),
])
def test_set13_negative_imperatives(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent, (got, confidence)
    if intent != OTHER:
        assert confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "intent"), [
    # the sender's own "reply STOP" tried in vain, then a complaint that the mail still comes
    ("I reply STOP every time and you keep texting me offers", UNS),
    ("I've replied STOP three times and you still send me promo texts.", UNS),
    ("ارد عليكم بكلمة ايقاف كل مرة وللحين ترسلون لي عروض", UNS),
    ("رديت بكلمة الغاء وللحين توصلني العروض", UNS),
    # the opt-out offered to the reader, or keeping the mail asked for, is no request
    ("Not interested? Just reply STOP and we'll remove you.", OTHER),
    ("Can you keep sending me the newsletter?", OTHER),
    ("Please keep emailing me offers.", OTHER),
])
def test_set13_replied_stop_in_vain(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent, (got, confidence)
    if intent != OTHER:
        assert confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "subject", "intent"), [
    # a paid plan named a few words after "unsubscribe", or only in the body, is billing
    ("I want to unsubscribe from the Shop Plus yearly membership, please don't auto renew it.",
     "", OTHER),
    ("ابي الغي اشتراك Plus السنوي، ما يجدد الشهر الياي ولا تسحبون من البطاقة", "الغاء اشتراك بلس",
     OTHER),
    ("Unsubscribe me from the newsletter please.", "Unsubscribe", UNS),
    # "how do I unsubscribe from them?" said of a courier names none of our mail
    ("Your courier now sends me marketing texts. How do I unsubscribe from them?", "", OTHER),
    ("شركة الشحن صارت ترسل لي عروض، كيف الغي الاشتراك عندهم؟", "", OTHER),
    ("The courier texts me too, but please unsubscribe me from your newsletter.", "", UNS),
    # mail that keeps coming about an order or a refund is not marketing
    ("Emails keep coming about the refund but no money.", "", OTHER),
    ("الايميلات للحين توصلني عن الطلب والفلوس ما رجعت", "", OTHER),
    ("Your promo emails keep coming every day.", "", UNS),
])
def test_set13_unsubscribes_that_are_not_ours(text: str, subject: str, intent: str) -> None:
    result = classify(msg(text, subject))
    assert result.intent == intent, result


# Found by held-out set 14: a past deletion request reported done, in a thank-you, is no
# request; told as still undone it stays a deletion for a person to check.
@pytest.mark.parametrize(("text", "intent"), [
    ("امس طلبت حذف حسابي ووصلني ايميل انه انحذف، بس حبيت اشكركم على سرعة الرد", OTHER),
    ("طلبت منكم تحذفون حسابي وتم حذفه، مشكورين", OTHER),
    ("I asked you to delete my account last week and got an email that it was deleted, thanks!",
     OTHER),
    ("I asked to delete my account last week and it's still there.", DEL),
    ("طلبت حذف حسابي من اسبوع وللحين ما انحذف", DEL),
    ("I requested that my account be deleted but it hasn't been deleted yet.", DEL),
])
def test_set14_a_past_deletion_reported_done(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent, (got, confidence)


@pytest.mark.parametrize(("text", "intent"), [
    # marketing that is "theirs" (another company's) is not ours to stop: a person reads it
    ("Sorry this might be the wrong place to ask, but do you know how to stop the emails from "
     "Tabby? I paid with Tabby once on your site and now I get their promos every day.", OTHER),
    ("شركة تابي صارت ترسل لي العروض حقتهم كل يوم، كيف اوقفها؟", OTHER),
    ("Please stop the emails, I don't want your promos.", UNS),
    ("Please stop the emails from you, I don't want your promos.", UNS),
    ("وقفوا العروض حقتكم لو سمحتوا", UNS),
])
def test_set14_their_marketing_is_not_applied(text: str, intent: str) -> None:
    got, confidence = applied(text)
    if intent == OTHER:
        assert got == OTHER or confidence < AUTO_APPLY, (got, confidence)
    else:
        assert got == intent and confidence >= AUTO_APPLY, (got, confidence)


# Found by held-out set 15 (deletion side).
@pytest.mark.parametrize(("text", "intent", "auto"), [
    # a negation that only orders the deletion after something else does not take it back;
    # the request waits for a person, who can do it in the right order
    ("Once the refund has gone through, please close my account and delete my personal data. "
     "I don't want the account deleted before the refund is sorted.", DEL, False),
    ("بعد ما يرجع المبلغ احذفوا حسابي. لا تحذفون الحساب قبل ما يرجع المبلغ", DEL, False),
    ("Don't close my account until the refund arrives.", OTHER, False),
    ("Please delete my account. Actually no, don't delete it.", OTHER, False),
    # the account and the data, then a relative clause, then the verb
    ("I'd like my account and everything you hold on me erased - properly deleted, not "
     '"deactivated" or hidden.', DEL, True),
    ("I want my account and all the data you have about me deleted.", DEL, True),
    ("ابي حسابي وكل المعلومات اللي عندكم عني تنحذف", DEL, True),
    ("I want all the data you hold on me sent to me.", OTHER, False),
    # Gulf Arabizi a7thif (احذف) with a vowel before the f; nehaiyan, kil
    ("mar7aba, abi a7thif 7esabi 3indkum nehaiyan w kil ma3lomati. shokran", DEL, True),
    ("ma abi a7thif 7esabi", OTHER, False),
    ("abi a7thif el order", OTHER, False),
])
def test_set15_deletion_families(text: str, intent: str, auto: bool) -> None:
    got, confidence = applied(text)
    assert got == intent, (got, confidence)
    assert (confidence >= AUTO_APPLY) is auto or intent == OTHER, (got, confidence)


@pytest.mark.parametrize(("text", "intent"), [
    # one of the sender's two accounts: wipe this one, keep the other
    ("Hi, I have two accounts with you by mistake. Can you wipe the one under this email? Keep "
     "the other one, that's the one I use.", DEL),
    ("I have two accounts. Please delete the one under this email and keep the other account.",
     DEL),
    ("عندي حسابين، احذفوا الحساب اللي على هالايميل وخلوا الحساب الثاني", DEL),
    # keeping *this* account still vetoes; someone else's accounts are not the sender's
    ("Please delete my account, keep the account open.", OTHER),
    ("My husband has two accounts with you and he would like one of them closed at some point "
     "this year, can you advise on how that works? He will write to you himself when he is "
     "ready to do that.", OTHER),
])
def test_set14_one_of_two_accounts(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent, (got, confidence)
    if intent == DEL:
        assert confidence >= AUTO_APPLY, (got, confidence)



@pytest.mark.parametrize("text", [
    # … and when the emails to stop are "from" that named sender, it is not ours at all
    "Sorry this might be the wrong place to ask, but do you know how to stop the emails from "
    "Tabby? I paid with Tabby once on your site and now I get their promos every day.",
    "شركة تابي صارت ترسل لي العروض حقتهم كل يوم، كيف اوقف الرسايل من تابي؟",
])
def test_set14_their_marketing_from_a_named_sender_is_other(text: str) -> None:
    assert applied(text)[0] == OTHER
