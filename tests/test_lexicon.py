"""understanding.lexicon (and the Arabic and Arabizi word lists it reads): one class letter
per word."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from mailbot.understanding.lexicon import word_class
from tests.test_classify import msg


@pytest.mark.parametrize(("word", "cls"), [
    # the English verb inflected in Arabic script; Iraqi «سد» (close)
    ("ديليتوا", "D"), ("تديليتون", "D"), ("اسد", "D"), ("سدوا", "D"), ("الاسد", "x"),
    # the WhatsApp broadcast list, in Arabic letters or with the Arabic article …
    ("برودكاست", "M"), ("الbroadcast", "M"),
    # … but "broadcast" alone is as often a network's
    ("broadcast", "x"),
    # Maghreb French in Arabizi: "men la liste dyal les emails"
    ("liste", "L"), ("dyal", "d"), ("les", "d"),
    # a want in a split ما…ش (Yemeni «ما أشتيش», Egyptian «ما بديش»); not «بغيتهمش» ("… them")
    ("اشتيش", "W"), ("بديش", "W"), ("بغيتهمش", "x"), ("ماريده", "NW"),
    # Moroccan «خليوه» ("leave it"), «حبسو» / "7bsso" ("stop")
    ("خليوه", "H"), ("حبسو", "S"), ("7bsso", "S"), ("t7absso", "S"),
])
def test_word_class(word: str, cls: str) -> None:
    assert word_class(word) == cls


@pytest.mark.parametrize(("text", "intent"), [
    ("لو سمحتوا ديليتوا الاكاونت حقي، ما عاد ابيه\nand remove my number from the whatsapp"
     " broadcast too", "delete_account"),
    ("اريد اسد حسابي، شلون اسويها؟ وشيلو رقمي من الرسايل هم، كافي رسايل كل يوم",
     "delete_account"),
    ("الواتساب كل يوم بروموشن 😩 وقفوا الbroadcast لو سمحتوا", "unsubscribe"),
    ("salam, 3afak 7aydouni men la liste dyal les emails publicitaires, kaywsslouni bzaf.",
     "unsubscribe"),
    # «رغبتي» ("my wish") speaks for the sender, as «أرغب» does
    ("السادة في لؤلؤة للأزياء،\n\nأؤكد رغبتي في حذف الحساب نهائيًا، فلم أعد أستخدم التطبيق منذ"
     " انتقالي إلى الرياض، وشكرًا لكم على حسن التعامل طوال السنوات الماضية.", "delete_account"),
    ("لا رغبة لي في حذف الحساب", "other"),
    # Egyptian «اللي كنت عايزاه» ("what I wanted"): a wish, not the store's announcement
    ("لا خلاص متمسحوش الحساب\nانا كل اللي كنت عايزاه انكم تبطلوا تبعتولي عروض وايميلات كل يوم،"
     " معرفتش ان فيه فرق", "unsubscribe"),
    # Iraqi «بعدني اجتني رسالة» ("I still got a message") under our unsubscribe
    ("عيني انتو كاتبين وقفنا الرسايل بس بعدني اجتني رسالة SMS اليوم عن خصومات الموبايلات\n"
     "اريدها تنوكف", "unsubscribe"),
    # … and Levantine «وبعدني عم فوت عالحساب» ("I can still get into the account") keeps nothing
    ("بعتولي إنو خلص تم الحذف، وبعدني عم فوت عالحساب عادي وشوف طلباتي القديمة!! شو القصة؟\n"
     "بدي الحساب ينمسح عن جد، مع كل معلوماتي.", "delete_account"),
    # Egyptian «عايز العروض دي تقف» ("I want these offers to stop"): «وقف» without its و
    ("اه يمكن الحساب على الهوتميل القديم karim_sayed85@hotmail.example\nانا مش عايز امسح حاجة،"
     " انا بس عايز العروض دي تقف على الاتنين", "unsubscribe"),
    # Egyptian Arabizi "shel el raqam …" (remove the number): "shel" and "raqam" are read …
    ("law sama7t shel el raqam mn el sms bta3et el 3orood", "unsubscribe"),
    # … and a relative's number ("bta3 mama") too, as in Arabic («رقم والدي»): the family's to
    # take off the list
    ("law sama7t shel el raqam bta3 mama mn el sms bta3et el 3orood", "unsubscribe"),
    # Levantine Arabizi "kif bwa2ef …?" (how do I stop …?); "ma la2et zir unsubscribe" (I
    # didn't find the button) is the sender unable, not a refusal
    ("marhaba, kif bwa2ef el emails taba3 el offers? ma la2et zir unsubscribe bel app. merci",
     "unsubscribe"),
    # a bill is no account: «سدوا الفاتورة» is "pay the bill"
    ("سدوا الفاتورة اللي عليّ لو سمحتوا", "other"),
])
def test_code_switched_requests(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_the_article_kept_apart_by_a_tatweel_is_an_article() -> None:
    # «ابي اكنسل الـ newsletter»: "I want to cancel the newsletter", with «الـ» on its own
    assert word_class("ال") == "d"
    assert classify(msg("ابي اكنسل الـ newsletter، يوصلني كل يوم email")).intent == "unsubscribe"


def test_withdrawal_of_consent_as_a_noun() -> None:
    text = "Please treat this email as withdrawal of my consent to receive marketing communications."
    assert classify(msg(text)).intent == "unsubscribe"


@pytest.mark.parametrize(("token", "cls"), [
    ("sidraoffers", "L"),  # "sidra-offers", as split
    ("murjan-offers-bh", "L"),
    ("sidra_weekly", "L"),
])
def test_a_mailing_list_by_its_name(token: str, cls: str) -> None:
    assert word_class(token) == cls


@pytest.mark.parametrize("token", ["renews", "ordeals", "biweekly"])  # stems too short
def test_an_english_word_is_no_list_name(token: str) -> None:
    assert word_class(token) != "L"


def test_spare_us_these_messages_stops_them() -> None:
    # Gulf «فكونا من هالرسايل» ("spare us these messages"): the deletion stays the request
    result = classify(msg("احذفوا حسابي وفكونا من هالرسايل الله يخليكم"))
    assert result.intent == "delete_account"
    assert classify(msg("فكونا من هالرسايل")).intent == "unsubscribe"


def test_moroccan_no_longer_want() -> None:
    # «ما بقيتش باغي» ("I no longer want"), Moroccan
    assert (word_class("بقيتش"), word_class("باغي")) == ("Z", "W")
    assert classify(msg("ما بقيتش باغي هاد الميساجات ديال البرومو عافاكم")).intent == "unsubscribe"


def test_the_monthly_charge_is_a_paid_plan() -> None:
    text = "أرجو إلغاء اشتراك درع مرجان على هاتفي (طلب MM-4408870) وإيقاف الخصم الشهري."
    assert classify(msg(text)).intent == "other"


def test_english_verbs_in_arabic_letters_with_me() -> None:
    assert word_class("انسبسكرايبوني") == "U"  # "unsubscribe me"
    assert classify(msg("انسبسكرايبوني من الايميلات لو سمحتوا")).intent == "unsubscribe"
