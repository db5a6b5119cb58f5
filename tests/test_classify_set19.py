"""Families found by held-out sets 18 and 19 (short replies under our question, two accounts,
writing for a relative, dialect words), one family at a time, in English and Arabic: each
family has cases that must stay requests and look-alikes that must keep their answer."""

from __future__ import annotations

import pytest

from mailbot.understanding import second_opinion
from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, applied, auto_applied, for_a_person

_AR_CONFIRM = (
    "> مرحباً بك،\n"
    "> قبل إغلاق حسابك نحتاج تأكيدك: ردّي على هذه الرسالة بكلمة «تأكيد» وسنحذف الحساب "
    "والبيانات المرتبطة به خلال 30 يوماً.\n"
    "> إن لم تطلب الحذف، لا تفعل شيئاً.\n")
_EN_CONFIRM = ("> Before we close your account, please reply CONFIRM to this email and we will "
               "delete your account and its data.\n")
_WHICH = (
    "________________________________\n"
    "From: Shop Care <care@shop.example>\n"
    "Sent: Monday, 8 June 2026 10:14\n"
    "Subject: Your request\n\n"
    "Dear customer,\n\n"
    "We found two profiles with your name. Could you confirm which e-mail address is on the "
    "account you would like us to delete?\n")



# ------------------------------------------------- 1. short replies under the store's question

@pytest.mark.parametrize(("text", "quoted"), [
    # an apology for answering late, before or after the answer, is no part of it
    ("yes confirm, go ahead. sry for the late reply was traveling", _AR_CONFIRM),
    ("Sorry for the late reply. Yes, please go ahead.", _EN_CONFIRM),
    ("confirm. apologies for the delay", _EN_CONFIRM),
    ("اسف على التاخير. نعم اكيد", _AR_CONFIRM),
    ("تأكيد. معليش تأخرت بالرد", _AR_CONFIRM),
    # a "yes" that says which account, then "delete it"
    ("Yes, it's the one with this email address (fatima.rahman@corp-mail.example). Please go "
     "ahead and delete it.\n\nFatima", _WHICH),
    ("Yes, it is the one with this email. You can delete it now, thank you.", _WHICH),
])
def test_late_or_specific_yes_under_our_question(text: str, quoted: str) -> None:
    got, confidence = applied(text, "Re: Confirm account deletion", quoted)
    assert got == DEL and confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "quoted"), [
    # an apology that says something else, or a change of mind, is not an agreement
    ("yes. sorry, wrong email, ignore this", _EN_CONFIRM),
    ("Sorry for the late reply. No, please keep my account.", _EN_CONFIRM),
    ("sorry for the late reply, I changed my mind", _AR_CONFIRM),
    # "yes" and then something else about the account, not its deletion
    ("Yes, it's the one with this email address. But please don't delete it yet, I have an "
     "order coming.", _WHICH),
    ("Yes it's the one with this email, but I still need it for my orders.", _WHICH),
])
def test_not_an_agreement_under_our_question(text: str, quoted: str) -> None:
    got, confidence = applied(text, "Re: Confirm account deletion", quoted)
    assert got != DEL or confidence < AUTO_APPLY


def test_the_one_with_this_email_needs_our_question() -> None:
    # without a question about the account, "delete it" after "the one with this email"
    # names nothing we hold
    got, _ = applied("Yes, it's the one with this email address. Please go ahead and delete "
                      "it.")
    assert got == OTHER


# ------------------------------------------------- 2. two accounts: delete one, keep the other

@pytest.mark.parametrize("text", [
    "I seem to have two accounts with you, one with this gmail and an old one with "
    "rashid_h86@hotmail.example which I don't use anymore (I don't even have the password). "
    "Please delete the hotmail one completely. Keep this gmail account, it has my current "
    "orders.",
    "I have two accounts: one with hanan.b@oldmail.example and one with this email. Please "
    "delete the account under hanan.b@oldmail.example. Keep this one as it is please.",
    "I made a duplicate account by mistake last year. Please delete the old one and keep my "
    "current account.",
    "I have two accounts with you. Please close the account under old.me@mail.example and keep "
    "this one, it has my points.",
    "عندي حسابين عندكم، احذفوا الحساب القديم وخلوا حسابي هذا",
])
def test_delete_one_of_two_accounts_keep_this_one(text: str) -> None:
    """The deletion is read, but a person applies it: mailbot confirms and erases the account
    of the address the mail came from, which is the one the sender keeps."""
    got, confidence = applied(text)
    assert got == DEL and confidence < AUTO_APPLY


@pytest.mark.parametrize("text", [
    # the same account deleted and kept: a conflict for a person
    "Please delete my account. Actually keep my account.",
    "delete my account. keep this one",
    "I have two accounts. Please delete my account. Keep this account, it has my orders.",
    "I have two accounts. Delete the old one please. Actually no, keep the old one.",
    "I have two accounts. Delete the hotmail one, and keep the hotmail account too.",
    "احذفوا حسابي. لا خلاص، خلوا حسابي",
])
def test_keeping_the_same_account_still_vetoes(text: str) -> None:
    got, _ = applied(text)
    assert got != DEL


@pytest.mark.parametrize("text", [
    # "the old one" is an order, a card or an address: no account to delete
    "I have two orders with you, please cancel the old one.",
    "I have two cards saved. Please delete the old one.",
    "I have two accounts. Which one should I use to log in?",
])
def test_the_old_one_that_is_not_an_account(text: str) -> None:
    got, _ = applied(text)
    assert got == OTHER


# ------------------------------------------------- 3. writing for a relative or a client

@pytest.mark.parametrize("text", [
    "السلام عليكم\nازعجتكم، زوجتي عندها حساب عندكم على ايميل maha.m@gmail.example وهي طلبت مني "
    "اراسلكم لانها ما تعرف تدخل الايميل من جوالها الجديد.\nتبي تسكّر الحساب نهائياً. اذا تبون "
    "تأكيد منها ممكن تتصلون عليها",
    "السلام عليكم، امي عندها حساب عندكم على ايميل mama@gmail.example وهي طلبت مني اراسلكم لانها "
    "ما تعرف تدخل الايميل. تبي تحذف الحساب نهائيا. اذا تبون تأكيد منها اتصلوا عليها",
    "السلام عليكم، ابوي عنده حساب عندكم على ايميل baba@gmail.example وطلب مني اراسلكم لانه ما "
    "يعرف يدخل الايميل من جواله الجديد. يبي يقفل الحساب نهائيا. اذا تبون تأكيد منه اتصلوا عليه",
    "Hello, sorry to bother you. My wife has an account with you on maha@gmail.example but she "
    "can't get into that email from her new phone, so she asked me to write. She wants to "
    "close the account for good. If you need her confirmation you can call her.",
])
def test_deletion_asked_for_a_relative(text: str) -> None:
    assert for_a_person(text, DEL)


@pytest.mark.parametrize("text", [
    # a friend's deletion told as a story, or a friend's account: not a request of ours
    "Hi, my friend told me she closed her account with you last month because of the emails, "
    "and she said it was easy. I have a question about my order 5531 which has not arrived "
    "yet, can you check?",
    "السلام عليكم، صديقتي حذفت حسابها عندكم الشهر الماضي وقالت الطريقة سهلة. عندي سؤال عن طلبي "
    "رقم 5531 ما وصل لين الحين",
    "السلام عليكم، صديقتي عندها حساب عندكم على ايميل x@gmail.example وما تعرف تدخل. تبي تحذف "
    "الحساب نهائيا. شكرا",
    "السلام عليكم، زوجتي عندها حساب عندكم وهي ما تبي تحذف الحساب، بس تبي توقف الرسايل. شكرا لكم "
    "وتحياتي",
])
def test_a_relative_story_or_a_friend_is_not_a_deletion(text: str) -> None:
    got, _ = applied(text)
    assert got != DEL


# ------------------------------------------------- 4. dialect words and a phone number as object

@pytest.mark.parametrize("text", [
    # Egyptian Arabizi: "3ayez" (I want) carries the person, like «عايز»
    "salam, 3ayez a3mel unsubscribe mn el newsletter, ba2et kteer awi w mesh 3ayezha. merci",
    "salam, ana 3ayza a3mel unsubscribe mn el emails di, kteer awi w mesh bafta7ha khales. "
    "shokran",
    "baddi a3mel unsubscribe mn el newsletter, kteer msgat w ma 3am b2raha. merci ktir",
    # Egyptian «ليستة/لستة» (list), «شيلوني» (remove me)
    "هو انتو مبتزهقوش؟ خمس ايميلات في اليوم!\nشيلوني من الليستة بتاعتكم بقى لو سمحتوا",
    "شيلوني من اللستة لو سمحت",
    "لو سمحتوا شيلوا رقمي من ليستة العروض",
    # a phone number is the sender's own, like "my number"
    "Since I bought a charger from your branch I'm getting your WhatsApp broadcast offers "
    "almost every day. Please remove +965 6603 1182 from your WhatsApp offers list.",
    "Please remove 0501234567 from your SMS offers list.",
    "شيلوا ٠٥٠١٢٣٤٥٦٧ من قائمة الواتساب لو سمحتوا",
])
def test_dialect_and_number_unsubscribes(text: str) -> None:
    got, confidence = applied(text)
    assert got == UNS and confidence >= AUTO_APPLY


@pytest.mark.parametrize("text", [
    "الخدمة ليست جيدة والطلب تأخر",  # MSA «ليست» (is not) is no list
    "Please remove Ahmed 0501234567 from your list, he left the company.",  # someone else
    "Please remove 2 items from my cart list.",
    "3ayez a3raf leh el newsletter mesh bteegi 3andi el shahr da, ana mushtarek",
])
def test_dialect_and_number_look_alikes(text: str) -> None:
    got, confidence = applied(text)
    assert got != DEL
    assert got == OTHER or confidence < AUTO_APPLY


# ------------------------------------------------- 5. second thoughts and things already done

@pytest.mark.parametrize("text", [
    # "if you delete it, what happens to me?": a question about what follows, asked of us
    "If you delete my account, will I lose my points?",
    "if you delete my account can I still see my invoices",
    "If you close my account do I get a refund of my wallet?",
    "إذا قمتم بحذف حسابي هل ستحذف نقاطي؟",
    "إذا قمتم بحذف حسابي هل أخسر رصيد المحفظة؟",
    # a deletion taken back in the next sentence: "no, keep it", «لا خلاص خلوه»
    "Delete my account. Actually no, keep it, sorry.",
    "احذفوا حسابي. لا خلاص خلوا حسابي",
    "احذفوا حسابي. لا خلاص خلوه",
])
def test_what_follows_or_second_thoughts_are_not_deletions(text: str) -> None:
    got, confidence = applied(text)
    assert got != DEL or confidence < AUTO_APPLY


@pytest.mark.parametrize(("text", "intent"), [
    # still requests: asked of us, or "keep it" about something else
    ("If you could delete my account, will I get a confirmation?", DEL),
    ("If you delete my account, will you confirm by email?", DEL),
    ("Please delete my account. Thanks, keep it up!", DEL),
    ("Delete my account please, keep it simple", DEL),
    ("احذفوا الحساب اللي على الرقم القديم لو سمحتوا، والثاني خلوه.", DEL),
    # a sentence-opening "no, enough" answers what came before; it negates nothing after it
    ("لا خلاص وقفوا الرسائل", UNS),
    ("لا خلاص ما ابي الرسائل", UNS),
    ("لا خلاص امسح حسابي", DEL),
])
def test_requests_beside_second_thought_words(text: str, intent: str) -> None:
    assert auto_applied(text, intent)


def test_a_deletion_after_the_orders_are_cancelled_waits_for_a_person() -> None:
    assert for_a_person("Please cancel those orders, and after that delete my account completely. I "
                        "don't feel safe keeping it.", DEL)


@pytest.mark.parametrize(("text", "intent"), [
    # "3amalt unsubscribe" / «عملت الغاء اشتراك» ("I did unsubscribe"): told, not asked
    ("ana 3amalt unsubscribe bel ghalat, abi arja3 lel newsletter", OTHER),
    ("عملت الغاء اشتراك بالغلط، ابي ارجع للنشرة", OTHER),
    # … and still getting the mail: unsubscribed in vain, so a request again
    ("3amalt unsubscribe w lsa yjeeni emails", UNS),
    ("عملت الغاء اشتراك من شهر وللحين توصلني عروضكم", UNS),
    ("abi a3mel unsubscribe", UNS),
])
def test_an_unsubscribe_told_as_done(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent
    # the second opinion (trained with set 24's «كنت عاملة إلغاء اشتراك … عايزة أرجع») doubts
    # «عملت الغاء اشتراك … وللحين توصلني»: a person confirms it at 0.7
    assert got == OTHER or confidence >= second_opinion.VETO_CAP


@pytest.mark.parametrize(("text", "intent"), [
    # the deletion as a noun, the subject of what follows: asked about, not asked for
    ("My wife wants to know if closing the account cancels her orders", OTHER),
    ("I'd like to know if deleting my account removes my reviews", OTHER),
    ("Just wondering if deleting the account also deletes my order history?", OTHER),
    ("ابي اعرف اذا حذف الحساب يلغي الطلبات", OTHER),
    ("ودي اعرف هل حذف الحساب يمسح الفواتير؟", OTHER),
    ("هل حذف الحساب تروح معه النقاط؟", OTHER),
    # a noun request followed by "please", a thanks or a second request stays a request
    ("deleting my account please", DEL),
    ("حذف الحساب تكفون", DEL),
    ("حذف حسابي يعطيكم العافية", DEL),
    ("الغاء حسابي وحذف بياناتي", DEL),
])
def test_the_deletion_as_the_subject_of_a_question(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent
    assert got == OTHER or confidence >= AUTO_APPLY
