"""Families found by held-out sets 20 and 21 (sale season, Gulf dialects, formal and
privacy-law mail, long threads), one family at a time, in English and Arabic: each family
has cases that must stay requests and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, applied, auto_applied

# ------------------------------------------------- 1. an earlier request taken back

@pytest.mark.parametrize(("text", "intent"), [
    ("Please ignore my previous message asking you to delete my account - my wife talked me "
     "out of it. Keep everything as is.", DEL),
    ("please cancel my request to delete my account", DEL),
    ("disregard my earlier email about closing my account", DEL),
    ("تجاهلوا رسالتي السابقة بخصوص حذف حسابي", DEL),
    ("الغوا طلب حذف حسابي", DEL),
    ("Please ignore my previous email asking you to unsubscribe me, I want to keep getting "
     "the offers.", UNS),
])
def test_an_earlier_request_taken_back_is_not_applied(text: str, intent: str) -> None:
    assert not auto_applied(text, intent)


@pytest.mark.parametrize(("text", "intent"), [
    ("I am asking you to delete my account", DEL),
    ("Ignore the newsletter thing. Please delete my account.", DEL),
    ("Please cancel the last order, delete my account.", DEL),
    ("Cancel my last order, and delete my account please.", DEL),
])
def test_a_new_request_beside_take_back_words(text: str, intent: str) -> None:
    assert auto_applied(text, intent)


# ------------------------------------------------- 2. «طلب»: an order, or a request for

@pytest.mark.parametrize("text", [
    "أتقدم بطلب إغلاق حسابي لديكم وإتلاف جميع بياناتي الشخصية",
    "طلب حذف حسابي وجميع بياناتي",
])
def test_a_request_for_a_closure_in_formal_arabic(text: str) -> None:
    assert auto_applied(text, DEL)


@pytest.mark.parametrize("text", [
    "ارجو الغاء الطلب رقم 5521",
    "ابي الغي طلبي وحذف عنواني من الحساب",
])
def test_an_order_cancelled_is_no_deletion(text: str) -> None:
    assert applied(text)[0] == OTHER


# ------------------------------------------------- 3. "forget me": erasure

@pytest.mark.parametrize("text", [
    "please forget me",
    "I'd like you to forget I ever shopped with you. Everything — my address, phone number, "
    "order history, my login.",
    "I'd like to be forgotten. Wipe it, and the login with it.",
    "انسوني، ما ابي يكون لي أي أثر عندكم ولا حساب",
])
def test_forget_me_asks_for_erasure(text: str) -> None:
    assert auto_applied(text, DEL)


@pytest.mark.parametrize("text", [
    # «انسوني» alone on its line: the one word holds "me"
    "انسوني 🙏\nما ابي يكون لي أي أثر عندكم، لا حساب ولا رقم ولا عنوان ولا شي",
    "انسونا 🙏\nما نبي شي عندكم",
])
def test_forget_me_in_one_arabic_word_names_the_sender(text: str) -> None:
    assert auto_applied(text, DEL)


def test_dont_forget_me_in_arabic_is_no_erasure() -> None:
    assert not auto_applied("لا تنسوني بالعروض 🙏\nابي اعرف متى الخصم", DEL)


@pytest.mark.parametrize("text", [
    "Did you forget me? Still waiting for my refund for order 5512.",
    "don't forget me when the Eid sale starts!",
    "Please don't forget about me, my order is late again",
    "Forget it, never mind, I found the charger.",
])
def test_forget_in_a_complaint_or_a_shrug(text: str) -> None:
    assert not auto_applied(text, DEL)


# ------------------------------------------------- 4. an unsubscribe told, not asked

@pytest.mark.parametrize("text", [
    "I used the unsubscribe link last week and it worked, haven't had a single promo since.",
    "The unsubscribe link worked, thanks.",
    'ضغطت بالغلط على "إلغاء الاشتراك" تحت الإيميل. لو سمحتوا رجعوني للقائمة',
    "I clicked by mistake on unsubscribe, please put me back on the list",
])
def test_a_link_used_or_clicked_by_mistake(text: str) -> None:
    assert not auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "I used the unsubscribe link but it didn't work, please remove me from the newsletter.",
    "I used the unsubscribe link twice and I still get your emails",
    "I tried to use the unsubscribe link and it does not work. Please unsubscribe me.",
])
def test_a_link_that_failed_leaves_the_request(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- 5. look-alike objects of an unsubscribe

@pytest.mark.parametrize("text", [
    # wanting not to miss the offers is wanting them
    "ما بدي ضيّع عروضكن! ممكن تتأكدوا إني بعدني مشتركة؟",
    "I don't want to miss your offers, am I still subscribed?",
    # a site setting
    "I like the newsletter and want to keep receiving it. Just please turn off the "
    "personalisation on the site for me.",
    "turn off tracking cookies please",
    # jokes
    "Can you unsubscribe me from Mondays? 😄 Seriously though - my order is scheduled for "
    "Monday.",
    "If I get one more email I'm going to unsubscribe from life 😂",
])
def test_look_alike_unsubscribes(text: str) -> None:
    assert not auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "Please stop the emails, I pay AED 20 for Plus already",
    "I don't want your offers anymore",
    "ما ابي عروضكم",
    "Please turn off the SMS offers",
    "unsubscribe me from Najm offers",
    # a one-word aside before the request
    "Thanks, got the tracking link.\n\nUnrelated: can you stop the promo emails? I've had "
    "three today already and this shipping email nearly got lost between them. Order updates "
    "only please.",
    "Quick question: can you remove me from the mailing list?",
])
def test_unsubscribes_beside_look_alike_words(text: str) -> None:
    assert auto_applied(text, UNS)


def test_a_paid_box_with_its_price_and_charge_is_billing() -> None:
    text = ("Hi, I want to unsubscribe from the monthly Najm Gadget Box (OMR 12/month). Please "
            "stop the charge from next month.")
    assert not auto_applied(text, UNS, "unsubscribe gadget box")


# ------------------------------------------------- Gulf "I don't want … to send me" (Arabizi)

@pytest.mark.parametrize(("text", "intent"), [
    ("mabi a7ad yrsli offers 5alas, kl yom 3 emails. bs el account 5alooh", UNS),
    ("mabi el account yetsakar, bs wagfo el offers", UNS),
    ("ودي أطلع من قايمة الايميلات حقت العروض", UNS),
    ("ابي اطلع من القايمة البريدية", UNS),
])
def test_gulf_i_dont_want_them_sent_and_take_me_off(text: str, intent: str) -> None:
    assert auto_applied(text, intent)


@pytest.mark.parametrize(("text", "intent"), [
    ("mabi el account yetsakar", DEL),  # "I don't want the account closed"
    ("mabi el 7esab yen7ithif, 3ndi order", DEL),
    ("ودي اطلع من البيت بس الجو حار", UNS),  # "I'd like to go out of the house"
    ("ابي اطلع على بياناتي المحفوظة", UNS),  # "see my data": access, not removal
])
def test_the_account_closed_said_of_it_and_going_out(text: str, intent: str) -> None:
    assert not auto_applied(text, intent)


# ------------------------------------------------- "I don't want to be on your list"

@pytest.mark.parametrize("text", [
    "I don't want to be on your mailing list",
    "I no longer wish to be on your list.",
    "I would like to no longer be on your mailing list, please.",
    "I'd like to not be on the list anymore",
    "I'd like to no longer receive these emails",
])
def test_not_wanting_to_be_on_the_list(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "I don't want to be on the waiting list anymore, just sell me the phone",
    "I don't want to be removed from the mailing list",
    "Why am I not on your mailing list?",
    "I would like to be on your mailing list",
    "I'd like to no longer receive paper invoices",
])
def test_lists_that_are_not_the_marketing_list_or_staying_on_it(text: str) -> None:
    assert not auto_applied(text, UNS)


# ------------------------------------------------- "stop sending these", the mail named before

@pytest.mark.parametrize("text", [
    "I keep getting your promo emails. Please stop sending these.",
    "Your newsletters are too frequent, stop sending these",
])
def test_stop_sending_these_points_back_at_the_marketing(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize("text", [
    "I get three texts a day about my order. I'd like to stop receiving these.",
    "I love your newsletters. Never stop sending these!",
    "I ordered a phone and got the invoice, the warranty card and the manual by email. Can you "
    "stop sending these?",
    "The courier keeps calling, please stop sending these",
])
def test_stop_sending_these_about_orders_or_praise(text: str) -> None:
    assert not auto_applied(text, UNS)


# ------------------------------------------------- "remove me completely — account, cards, …"

def test_me_spelt_out_as_a_list_naming_the_account_goes_to_a_person_as_a_deletion() -> None:
    text = ("خلاص I'm out. remove me completely — account, saved cards, addresses, كل شي. "
            "don't want to exist in your system anymore.")
    got, confidence = applied(text)
    assert got == DEL
    assert confidence < AUTO_APPLY  # "remove me" alone is as often the mailing list


@pytest.mark.parametrize("text", [
    "remove me completely from the WhatsApp group",
    "remove me, account 5521, it sends too many emails",
])
def test_remove_me_without_a_list_of_what_is_no_deletion(text: str) -> None:
    assert applied(text)[0] != DEL


# ------------------------------------------------- voice-to-text "the lead my account"

def test_voice_to_text_the_lead_my_account_is_delete_my_account() -> None:
    assert auto_applied("Hello I would like to the lead my account and all my date a please "
                        "I am not using the app anymore", DEL)


@pytest.mark.parametrize("text", [
    "I asked about the lead my friend recommended, the TV one",
    "the lead my son bought for the console is broken",
])
def test_the_lead_as_a_noun_is_no_deletion(text: str) -> None:
    assert applied(text)[0] != DEL


# ------------------------------------------------- "I'd like to no longer be on it" (the list)

@pytest.mark.parametrize("text", [
    "Whatever list it is that sends me the Ramadan deals, I would like to no longer be on it, "
    "please. I'm keeping my account.",
    "I got a WhatsApp group invite from you with the offers, I don't want to be on it",
])
def test_not_wanting_to_be_on_it_points_back_at_the_list(text: str) -> None:
    assert auto_applied(text, UNS)


@pytest.mark.parametrize(("text", "intent"), [
    ("I have an account with you. I don't want to be on it anymore", DEL),  # a person reads it
    ("I have an account with you. I don't want to be on it anymore", UNS),
    ("Your newsletter is great, I want to be on it", UNS),
    ("The order is late and I don't want to be on it", UNS),
])
def test_being_on_it_said_of_an_account_an_order_or_wanted(text: str, intent: str) -> None:
    assert not auto_applied(text, intent)


@pytest.mark.parametrize("text", [
    "Your unsubscribe link at the bottom of the emails goes to a 404 page. I'd like to stop "
    "receiving these, if that's not too much to ask.",
    "The link at the bottom of the emails goes to a 404 page. I'd like to stop receiving these.",
])
def test_a_page_of_the_site_is_not_what_stop_receiving_these_means(text: str) -> None:
    assert auto_applied(text, UNS)


# ------------------------------------------------- only order mail from now on

@pytest.mark.parametrize("text", [
    "خلاص الله يخليكم، الطلبات بس تجيني، الباقي لا",  # "only orders reach me, the rest no"
    "ابي بس ايميلات الطلب",
    "I only want emails about my orders from now on",
    "only send me order updates, nothing else",
])
def test_only_order_mail_is_an_unsubscribe_a_person_confirms(text: str) -> None:
    # consent kept for order mail alone withdraws it for marketing; said this indirectly,
    # it is suggested to a person, not applied (the second opinion may lower it further)
    intent, confidence = applied(text)
    assert intent == UNS and 0.7 <= confidence < AUTO_APPLY


@pytest.mark.parametrize("text", [
    "I only want my order",
    "I just want my order delivered",
    "I only get emails about my orders, which is fine",
    "Do you only send order emails or also offers?",
    "Only send me the order confirmation again please",
    "الطلبات بس توصل متأخر، الباقي تمام",
    "بس ابي طلبي يوصل",
])
def test_only_order_look_alikes(text: str) -> None:
    assert applied(text)[0] == OTHER


def test_only_order_mail_after_a_negated_clause_keeps_the_clear_request() -> None:
    text = ("لو سمحتوا شيلوا رقمي من رسايل العروض، كل يوم عرض وعرض ما أعرف إيش 😩 "
            "ابغى بس رسايل الطلبات")
    assert auto_applied(text, UNS)


# ------------------------------------------------- voice-to-text: "on subscribe", "my count"

@pytest.mark.parametrize(("text", "intent"), [
    ("Hi please on subscribe me from the male in list I'm getting to many emails about the "
     "Ramadan sail", UNS),
    ("hi good morning I would like to delete my count from your store please the email is this "
     "one I don't use it anymore thank you so much god bless", DEL),
])
def test_voice_to_text_spellings(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent and confidence >= AUTO_APPLY
