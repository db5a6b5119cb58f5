"""Look-alike requests found by held-out set 16, one family at a time, in English and Arabic:
each family has cases that must stay requests and cases that must not be applied."""

from __future__ import annotations

import pytest

from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, applied


@pytest.mark.parametrize(("text", "intent"), [
    # the sender's own hypothetical deletion asks what would follow
    ("If I were to delete my account at some point, would I lose my order history? I'm not "
     "deleting it yet, just want to know how it works.", OTHER),
    ("If I delete my account, will I lose my points?", OTHER),
    ("If I decide to close my account later, can I reopen it?", OTHER),
    ("If we ever close our account, do we keep the invoices?", OTHER),
    ("لو بغيت احذف حسابي بعدين، تروح الفواتير؟", OTHER),
    ("لو قررت أحذف حسابي في يوم من الأيام، هل أخسر سجل الطلبات؟", OTHER),
    ("If I want to delete my account, how do I get my refund first?", OTHER),
    # the reader's wish, in the store's words: "if you want to close it, call us"
    ("اذا تبي تقفل الحساب كلمنا", OTHER),
    ("لو عايز تقفل الحساب كلمنا", OTHER),
    # "if I want to …, how?" asks the way: the request, as "how do I delete my account?"
    ("If I want to delete my account, what should I do?", DEL),
    ("if i want to close my account how do i do it", DEL),
    ("اذا ابي اقفل الحساب وش اسوي؟", DEL),
    ("لو حبيت اقفل حسابي ايش الطريقة؟", DEL),
    ("ممكن تقفل حسابي", DEL),
    # "if" asked of us, or politely, is still the request
    ("If you could delete my account that would be great.", DEL),
    ("I would be grateful if you could close my account.", DEL),
    ("If possible, please delete my account.", DEL),
    ("If there is nothing pending, delete my account.", DEL),
    ("لو سمحت احذف حسابي", DEL),
    ("اذا تقدرون احذفوا حسابي", DEL),
])
def test_hypothetical_deletion_is_not_a_request(text: str, intent: str) -> None:
    got, confidence = applied(text)
    if intent == OTHER:
        assert got == OTHER
    else:
        assert got == intent and confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "intent"), [
    # a sender that claims to be us or our partner: not our mail to stop
    ("I keep getting spam from something called 'MegaDealz Gulf' saying they're your official "
     "partner. How do I unsubscribe from THEM? Their link is broken. Are they actually "
     "affiliated with you?", OTHER),
    ("Someone is using your logo to send me offers. How do I unsubscribe from them?", OTHER),
    ("يوصلني سبام من شركة تقول انهم شركاؤكم، كيف الغي الاشتراك منهم؟", OTHER),
    ("توصلني عروض من متجر يقول انه الوكيل الرسمي لكم، كيف اوقفها؟", OTHER),
    # our own partner offers are ours
    ("Please unsubscribe me from your newsletter and your partner offers.", UNS),
    ("الغوا اشتراكي في النشرة", UNS),
])
def test_sender_posing_as_us_is_not_ours_to_stop(text: str, intent: str) -> None:
    got, confidence = applied(text)
    if intent == OTHER:
        assert got != UNS or confidence < AUTO_APPLY
    else:
        assert got == intent and confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "subject", "intent"), [
    # calls the mail says are about an order: every "stop calling" in it means those calls
    ("Your delivery driver has called me five times asking for Ahmed and his TV order. Please "
     "stop calling this number about that order.", "Please stop calling me", OTHER),
    ("Please stop calling me. Your driver keeps calling me about someone else's order.", "",
     OTHER),
    ("وقفوا الاتصالات. المندوب يتصل علي بخصوص الشحنه", "", OTHER),
    # marketing calls are still marketing
    ("Please stop calling me with offers.", "", UNS),
    ("وقفوا الاتصالات التسويقية", "", UNS),
])
def test_calls_about_an_order_are_not_marketing(text: str, subject: str, intent: str) -> None:
    got, confidence = applied(text, subject)
    if intent == OTHER:
        assert got != UNS or confidence < AUTO_APPLY
    else:
        assert got == intent and confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "intent"), [
    # code-switched Gulf: the Arabic article on an English noun
    ("ابي الغي الsubscription حق الnewsletter please", UNS),
    ("ابي اسكر الaccount حقي وتمسحون الdata كلها", DEL),
    # a formal request citing the privacy policy is the sender's own, not a footer
    ("In line with your privacy policy, I request the erasure of all personal data you hold "
     "about me.", DEL),
    ("I hereby withdraw my consent to receive marketing communications (email and SMS), as "
     "provided for in your privacy policy.", UNS),
    # "not receive the promotional emails anymore": two marketing nouns before "anymore"
    ("Can I request to not receive the promotional emails anymore?", UNS),
    ("I'd like to not get the marketing emails anymore.", UNS),
    # Arabizi with a vowel in the verb and "mumkin"; Hijazi with د for ذ and «لوسمحت»
    ("mumkin t7athfoon emaili mn el mailing list", UNS),
    ("لوسمحت ابغا احدف الحساب حقي عندكم", DEL),
])
def test_set16_missed_requests(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent and confidence >= AUTO_APPLY


@pytest.mark.parametrize("text", [
    "Why am I not receiving the promo emails anymore?",
    "Read our privacy policy. You can unsubscribe at any time.",
])
def test_set16_look_alikes_of_the_missed_requests(text: str) -> None:
    assert applied(text)[0] == OTHER
