"""understanding.thread: a short reply is read with the store's question."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mailbot.config import settings_from_dict
from mailbot.mail.parsing import ParsedMessage
from mailbot.outgoing.replies import render_parts, sample_contexts
from mailbot.policy.confirmation import words_refuse
from mailbot.understanding import questions, thread
from mailbot.understanding.classify import classify

BOTH = "> Do you want us to delete your account, or only stop the marketing emails?"
PARTIAL = ("> Marketing by SMS continues as before. If you'd like to stop that too, just reply"
           " to this email with \"unsubscribe from everything\".")


def reply(text: str, quoted: str = "") -> ParsedMessage:
    return ParsedMessage(
        message_id=None, subject="Re: your request", from_address="sara@example.com",
        from_name="", reply_to=None, to=(), date=None, in_reply_to="<q1@shop.example>",
        references=(), return_path="sara@example.com", text=text, quoted=quoted,
        signature="", automation=())


def answered(text: str, quoted: str, intent: str) -> None:
    """The reply under ``quoted`` is read as ``intent``, confidently enough to apply."""
    result = classify(reply(text, quoted))
    assert result.intent == intent, result
    if intent != "other":
        assert result.confidence >= 0.8


@pytest.mark.parametrize(
    ("text", "quoted", "intent", "below_auto_apply"),
    [
        ("Yes please", PARTIAL, "unsubscribe", False),
        ("Yes, go ahead.", BOTH, "delete_account", True),  # two options: a person confirms
        ("Just the emails please.", BOTH, "unsubscribe", False),
        ("تمام احذفوه", "> هل تريد أن نحذف حسابك نهائياً أم نوقف الرسائل التسويقية فقط؟",
         "delete_account", False),
        ("No thanks, I'll keep it.", "> Do you want us to close your account?", "other", False),
        ("Yes please", "> Your parcel is on its way. Any questions?", "other", False),
    ],
)
def test_short_reply_read_with_the_question(text: str, quoted: str, intent: str,
                                            below_auto_apply: bool) -> None:
    result = classify(reply(text, quoted))
    assert result.intent == intent
    if intent != "other":
        assert (result.confidence < 0.8) is below_auto_apply


def test_the_store_message_found_by_in_reply_to_is_the_question() -> None:
    result = classify(reply("yes"), asked="Would you like us to stop the newsletter?")
    assert result.intent == "unsubscribe"
    assert classify(reply("yes")).intent == "other"


def test_quoted_text_never_supplies_the_request_itself() -> None:
    assert questions.question_in("> Please delete my account.") is None
    assert classify(reply("Thanks!", BOTH)).intent == "other"


CLOSURE = ("From: Shop Care <care@shop.example>\nSent: Monday, November 30, 2026 3:20 PM\n"
           "To: hind@mail.example\nSubject: Confirm account closure\n\nHello Hind, we received "
           "your request. Please confirm you want your account and all data permanently "
           "deleted by replying to this email.")
CLOSURE_AR = ("من: خدمة العملاء <care@shop.example>\nتم الإرسال: الاثنين 30 نوفمبر 2026\n"
              "إلى: hind@mail.example\nالموضوع: تأكيد إغلاق الحساب\n\nمرحبا هند، وصلنا طلبك. "
              "يرجى تأكيد رغبتك في حذف حسابك وكل بياناتك نهائياً بالرد على هذه الرسالة.")
STOP = ("From: Shop <care@shop.example>\nSent: Monday, November 30, 2026 3:20 PM\n"
        "Subject: Confirm\n\nPlease confirm you want us to stop all marketing emails by replying.")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # agreement naming the offered verb, under an Outlook block that asks for confirmation
    ("yes delete", CLOSURE, "delete_account"),
    ("ok go ahead", CLOSURE, "delete_account"),
    ("go ahead and delete", CLOSURE, "delete_account"),
    ("Delete please.\n\nHind", CLOSURE, "delete_account"),
    ("ايه احذفوه", CLOSURE_AR, "delete_account"),
    ("ايوه امسحوا", CLOSURE_AR, "delete_account"),
    ("yes stop", STOP, "unsubscribe"),
    ("تمام وقفوها", STOP, "unsubscribe"),
    # anything more than agreement, or a verb the question did not offer, is not agreement
    ("no don't delete", CLOSURE, "other"),
    ("لا تحذفوه", CLOSURE_AR, "other"),
    ("ايه", CLOSURE_AR, "other"),  # «ايه» alone may be Egyptian "what?"
    ("yes delete", STOP, "other"),
    ("yes stop", CLOSURE, "other"),
])
def test_agreement_naming_the_offer(text: str, quoted: str, intent: str) -> None:
    answered(text, quoted, intent)


def test_what_a_question_offers_is_read_by_its_request_shape() -> None:
    assert classify(reply("yes", "> Do you want us to remove you from our mailing list?")
                    ).intent == "unsubscribe"


def test_a_call_to_confirm_must_offer_a_request() -> None:
    assert classify(reply("ok thanks", "> This email confirms your order.")).intent == "other"


KEEP_OFFERS = "> Would you like to keep receiving our offers? Reply yes or no."
KEEP_OFFERS_AR = ("> هل ترغب بالاستمرار في تلقي عروضنا عبر البريد الإلكتروني؟\n"
                  "> ردّ بـ«نعم» للاستمرار أو «لا» لإيقافها.")
KEEP_ACCOUNT = "> Do you want to keep your account with us?"


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # a question whether to keep the mail turns the answer round: "no" stops it
    ("No thanks", KEEP_OFFERS, "unsubscribe"),
    ("لا", KEEP_OFFERS_AR, "unsubscribe"),
    ("لا ما ابي", "> تبي تظل مشترك في نشرتنا؟", "unsubscribe"),
    ("no", "> Would you like to stay subscribed to our newsletter?", "unsubscribe"),
    # … and "yes" asks for nothing
    ("yes please", KEEP_OFFERS, "other"),
    ("نعم", KEEP_OFFERS_AR, "other"),
    ("no, keep them coming", KEEP_OFFERS, "other"),
    # a "no" to keeping the account is left to a person, a "yes" is no deletion
    ("yes", KEEP_ACCOUNT, "other"),
    ("no", KEEP_ACCOUNT, "other"),
    # "no" to an offer to stop is no request either
    ("no", "> Do you want us to stop the newsletter?", "other"),
])
def test_an_answer_to_keep_receiving(text: str, quoted: str, intent: str) -> None:
    answered(text, quoted, intent)


RECEIVED = ("> Hello Nasser,\n>\n> We received a request to delete the account linked to this "
            "email address, together with its personal data.\n>\n> To confirm, please reply to "
            "this email. If you did not make this request, you can ignore this message.")
RECEIVED_AR = ("> مرحباً شيخة،\n> وصلنا طلب لحذف حسابك لدى المتجر وجميع البيانات المرتبطة به.\n"
               "> للتأكيد يرجى الرد على هذه الرسالة. إذا لم تطلبي ذلك تجاهلي هذه الرسالة.")
DONE = ("> Your account has been deleted.\n> Please confirm you received this email by "
        "replying.")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # "To confirm, please reply" confirms the request stated in the sentence before
    ("Yes go ahead.", RECEIVED, "delete_account"),
    ("إيه تمام احذفوه", RECEIVED_AR, "delete_account"),
    ("نعم", RECEIVED_AR, "delete_account"),
    # "yes, sure, delete it; but if possible I'd like to stay on the newsletter": the deletion
    # (the labelling rules), not "but sign me up"
    ("أيوا أكيد احذفوه\nبس إذا بيصير بدي ضل مشتركة بالنشرة، بحب أعرف العروض",
     "> تلقّينا طلبًا لحذف حسابك لدى لؤلؤة. وقبل أن نحذف أي شيء، نودّ التأكد من أن الطلب صادر منك.\n>"
     "\n> للتأكيد، يكفي الرد على هذه الرسالة، ولا حاجة إلى كتابة أي شيء فيها.", "delete_account"),
    # … not a report that it was done, nor an order
    ("ok thanks", DONE, "other"),
    ("yes", "> We received your order.\n> To confirm, please reply to this email.", "other"),
    # «ايه» beside another yes agrees; alone it may be Egyptian "what?"
    ("ايه اكيد", "> هل تؤكد رغبتك في حذف حسابك؟", "delete_account"),
    ("ايه", "> هل تؤكد رغبتك في حذف حسابك؟", "other"),
    # «نودّ التأكد من أن الطلب صادر منك»: "we want to make sure the request is yours"
    ("نعم، الطلب مني، وأؤكده.", "> تلقّينا طلبًا لحذف حسابك لدى بستان. وقبل أن نحذف أي شيء،"
     " نودّ التأكد من أن الطلب صادر منك.", "delete_account"),
    # … not «لسنا متأكدين» ("we are not sure") about which saved address
    ("الأول، والتاني امسحوه", "> يوجد عنوانان محفوظان في حسابك، ولسنا متأكدين أيهما نستخدم"
     " لتوصيل الطلب:\n> الأول: السالمية\n> الثاني: حولي\n> أي العنوانين تفضّلين؟", "other"),
])
def test_a_call_to_confirm_takes_the_request_before_it(text: str, quoted: str,
                                                       intent: str) -> None:
    answered(text, quoted, intent)


WRAPPED = ("On Mon, 6 Oct 2025, 14:10 Najm Tech Care, <care@najmtech.example> wrote:\n\n"
           "> Hello Ben,\n>\n"
           "> We received a request to permanently delete your Najm Tech account and the\n"
           "> personal data associated with it. Please reply YES to this email to\n"
           "> confirm. If you did not make this request, simply reply NO.\n>\n"
           "> Najm Tech Care")


@pytest.mark.parametrize(("text", "intent"), [
    ("Yes", "delete_account"),
    ("YES", "delete_account"),
    ("NO", "other"),
])
def test_a_question_hard_wrapped_by_the_mail_client_is_read_whole(text: str,
                                                                   intent: str) -> None:
    answered(text, WRAPPED, intent)


WARNED = ("> We have received a request to delete the Qandeel account registered to "
          "ibrahim@mail.example.\n>\n> Please note that deletion is permanent: your order "
          "history and saved addresses will be removed and cannot be restored.\n>\n> To "
          "confirm the deletion, please reply YES to this email within 14 days. If you did "
          "not make this request, you can ignore this message.")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # the call names what it confirms, after a warning sentence
    ("YES", WARNED, "delete_account"),
    ("نعم", "> لتأكيد حذف الحساب يرجى الرد بكلمة نعم.", "delete_account"),
    ("yes", "> To confirm you no longer want our newsletter, reply YES.", "unsubscribe"),
    ("yes", "> To confirm your order 5521, please reply YES.", "other"),
])
def test_a_call_to_confirm_that_names_its_request(text: str, quoted: str, intent: str) -> None:
    answered(text, quoted, intent)


def test_an_order_confirmation_hard_wrapped_still_offers_nothing() -> None:
    quoted = ("> Thank you for your order 5521 of a Najm Tech laptop and the extended\n"
              "> warranty. Please reply YES to this email to confirm the delivery slot.")
    assert classify(reply("Yes", quoted)).intent == "other"


SCOPE = ("> We're sorry to hear our emails have become too frequent. Would you like\n"
         "> us to stop marketing emails only, or all marketing including SMS and\n"
         "> WhatsApp? Your account and order notifications will not be affected.")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # every option stops marketing, so "all of them" is the unsubscribe
    ("All of it. SMS too please, those are the worst ones.", SCOPE, "unsubscribe"),
    ("both please", SCOPE, "unsubscribe"),
    ("الكل", SCOPE, "unsubscribe"),
    # … not an answer that only says "all", nor "all" under a question with a deletion in it
    ("All of it was damaged", SCOPE, "other"),
    ("all good thanks", SCOPE, "other"),
])
def test_all_of_what_an_unsubscribe_question_offers(text: str, quoted: str,
                                                    intent: str) -> None:
    answered(text, quoted, intent)


def test_all_of_it_under_an_either_or_with_a_deletion_goes_to_a_person() -> None:
    result = classify(reply("All of it.", BOTH))
    assert result.intent == "delete_account" and result.confidence < 0.8


def test_both_under_an_either_or_with_a_deletion_is_the_deletion() -> None:
    answered("both please", BOTH, "delete_account")


WHICH_ADDRESS = ("> We could not find the address you wrote from on our mailing list.\n"
                 "> Which email should we remove? Please reply with the address that receives"
                 " the newsletter.")


@pytest.mark.parametrize(
    ("text", "quoted", "intent"),
    [
        ("r.mathews@example.net\nthat one gets them, this is my new address", WHICH_ADDRESS,
         "unsubscribe"),
        ("a.fathy88@example.net please. That's my old address, I don't even read it anymore.",
         WHICH_ADDRESS, "unsubscribe"),
        ("huda.k@example.org شكرا", "> ما هو الايميل الذي تريد حذفه من القائمة؟", "unsubscribe"),
        ("Both of them, please: tom.f@example.net and t.fletcher@work.example.com. The second "
         "one forwards to this inbox, that's why you couldn't find me.\n\nTom", WHICH_ADDRESS,
         "unsubscribe"),
        # the address takes itself back, or the question asked for no address
        ("r.mathews@example.net. no wait, that's the wrong one, ignore this", WHICH_ADDRESS,
         "other"),
        ("r.mathews@example.net", "> Would you like a refund or a replacement?", "other"),
        ("my address is r.mathews@example.net, why do you need it?", WHICH_ADDRESS, "other"),
        # a number written in groups, after "yes, that's correct"
        ("Yes that's correct, 0533 902 117. Go ahead.", "> Before we close your account and"
         " delete your personal data, please confirm the mobile number registered on the"
         " account.", "delete_account"),
        ("Yes that's correct, order 902 117. Go ahead.", WHICH_ADDRESS, "other"),
    ],
)
def test_an_address_answers_which_address_to_remove(text: str, quoted: str,
                                                     intent: str) -> None:
    answered(text, quoted, intent)


ORDER_CONFIRMATION = ("> Thanks for your order, Rakan!\n> Order #4603 - placed 17 Mar 2029\n"
                      "> 1 x Orbit 65% mechanical keyboard     329.00 SAR\n"
                      "> We'll email you again when it ships.")
REMINDER = ("> تذكير من جوري\n> عيد ميلاد \"أم فهد\" بعد 3 أيام (الأحد 18 مارس).\n"
            "> اطلب باقتها الآن ونوصلها في نفس اليوم.")
PROMO = ("> Controllers from 149 SAR, free next-day delivery this week only\n> Shop now\n"
         "> You are receiving this email because you signed up.\n> Unsubscribe: https://x.example/u/8c")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    ("remove", ORDER_CONFIRMATION, "other"),  # an item of the order
    ("احذف", REMINDER, "other"),  # the reminder
    ("remove", PROMO, "unsubscribe"),  # a mailing, with its footer
    ("unsubscribe", ORDER_CONFIRMATION, "unsubscribe"),  # the word says what it stops
])
def test_a_bare_verb_above_our_notice_is_about_the_notice(text: str, quoted: str,
                                                          intent: str) -> None:
    assert classify(reply(text, quoted)).intent == intent


@pytest.mark.parametrize(("text", "intent", "confidence"), [
    # the account option of an either-or question, named by its noun
    ("whole account. everything.", "delete_account", 0.85),
    ("الحساب كله لو سمحت", "delete_account", 0.85),
    ("the account please", "delete_account", 0.7),  # which of it: a person confirms
    # … not a sentence about the account, and not the marketing option
    ("my account is fine", "other", None),
    ("just the emails", "unsubscribe", 0.8),
])
def test_an_answer_naming_the_account_option(text: str, intent: str,
                                             confidence: float | None) -> None:
    result = classify(reply(text, BOTH))
    assert result.intent == intent, result
    if confidence is not None:
        assert result.confidence == confidence


def test_the_account_noun_names_no_option_of_a_marketing_only_question() -> None:
    result = classify(reply("the account", "> Would you like us to stop the marketing emails?"))
    assert result.intent != "delete_account", result


CONFIRM_OR_NEWSLETTER = (
    "> We received a request to delete the account registered to this email address.\n>\n"
    "> Reply YES to confirm you want your account deleted.\n>\n"
    "> If you only want to stop our emails, reply NEWSLETTER instead.")


@pytest.mark.parametrize(("text", "intent"), [
    # a yes with its reason and a closing thanks still answers the question
    ("Yes please go ahead. I'm moving back to Kochi next month and won't be\nbuying bikes in "
     "Dubai anymore. Delete the saved bikes too.\n\nThanks for everything,\nPriya",
     "delete_account"),
    # … "back" of a journey is no "put me back"; a real one still stops the agreement
    ("Yes go ahead. I'll come back to you if I need anything.", "delete_account"),
    ("Yes. Actually no, put me back on the list.", "other"),
])
def test_a_yes_with_its_reason_and_a_sign_off(text: str, intent: str) -> None:
    assert classify(reply(text, CONFIRM_OR_NEWSLETTER)).intent == intent


UNSUBSCRIBED = ("> Hi Daniel,\n>\n> You've been unsubscribed from The Ride, the Darraja Cycles "
                "newsletter. You will\n> still get order, delivery and service emails.")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # "them" under our unsubscribe confirmation is the mailing it named
    ("Please actually stop them.", UNSUBSCRIBED, "unsubscribe"),
    ("«وقفوها لو سمحتوا»", "> أُلغي اشتراكك في الرسائل التسويقية من دراجة.", "unsubscribe"),
    # … a thanks asks nothing, and "stop them" under an order notice is about the order
    ("Thanks, that was quick!", UNSUBSCRIBED, "other"),
    ("Please actually stop them.", "> Your order 5521 has shipped. Track it here.", "other"),
])
def test_a_reply_to_our_unsubscribe_confirmation(text: str, quoted: str, intent: str) -> None:
    assert classify(reply(text, quoted)).intent == intent


# ------------------------------------------------ replies to mailbot's own automatic mails

def _our_mail(kind: str, language: str) -> tuple[str, str]:
    """(subject, text) of one of mailbot's own templates, rendered as the daemon sends it."""
    now = datetime(2026, 12, 7, tzinfo=UTC)
    context = {**sample_contexts(now),
               "unsubscribed": {"channels": ["email"], "remaining_channels": ["whatsapp"]}}
    subject, text, _ = render_parts(kind, language=language, context=context.get(kind, {}),
                                    settings=settings_from_dict({}), now=now)
    return subject, text


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(("kind", "text", "intent", "confidence"), [
    ("confirm_deletion", "yes", "delete_account", 0.85),
    ("confirm_deletion", "تمام", "delete_account", 0.85),
    ("confirm_deletion", "", "delete_account", 0.7),  # "you don't need to write anything"
    ("confirm_deletion", "no", "other", None),
    ("deletion_reminder", "yes", "delete_account", 0.85),
    ("deletion_reminder", "no thanks, I changed my mind", "other", None),
    # "ok" to "if you still want it, send a new request" asks nothing yet; "it" is the account
    ("confirmation_expired", "ok", "other", None),
    ("confirmation_expired", "yes I still want it deleted", "delete_account", None),
    ("confirmation_expired", "نعم ما زلت أريد حذف حسابي", "delete_account", None),
    ("unsubscribed", "and the WhatsApp too please", "unsubscribe", 0.85),
    ("unsubscribed", "thanks", "other", None),
    ("deletion_done", "yes", "other", None),
    ("no_account", "ok", "other", None),
    ("received", "yes", "other", None),
])
def test_a_reply_to_our_own_mail_found_by_in_reply_to(kind: str, language: str, text: str,
                                                      intent: str,
                                                      confidence: float | None) -> None:
    """The daemon reads a reply with the text of our mail it answers (``reading``): every
    template that invites a reply must be understood in both languages."""
    subject, asked = _our_mail(kind, language)
    result = classify(reply(text), asked)
    assert result.intent == intent, (subject, result)
    if confidence is not None:
        assert result.confidence == confidence


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # a greeting opens the reply and answers nothing
    ("Hi,\n\nYes please delete it.", RECEIVED, "delete_account"),
    ("Hello team, yes go ahead", RECEIVED, "delete_account"),
    ("السلام عليكم\nنعم اؤكد الحذف", RECEIVED_AR, "delete_account"),
    ("Hi Sara, no don't delete it", RECEIVED, "other"),
    # "I" owns the confirmation; the rest asks for something before it, not instead of it
    ("Hi,\n\nYes I confirm the deletion. But before you delete, please refund the OMR 14.500"
     " store credit that is left from my returned kayak paddle (order MR-51877) to my card. I"
     " don't want to lose that money when the account is gone.\n\nThanks\nAnjali",
     RECEIVED, "delete_account"),
])
def test_a_greeting_or_an_i_before_the_yes(text: str, quoted: str, intent: str) -> None:
    answered(text, quoted, intent)


@pytest.mark.parametrize("text", [
    "I don't want it deleted",
    "i dont want it closed anymore, sorry",
    "Ugh, I was in hospital and missed the 72 hours. I don't want it deleted anymore, I"
    " changed my mind about the whole thing.",
])
def test_not_wanting_it_deleted_refuses_our_confirmation(text: str) -> None:
    """A reply carrying the token confirms unless its words refuse: "I don't want it
    deleted" must refuse, never read as "I don't want it (the account)"."""
    result = classify(reply(text, RECEIVED))
    assert result.intent != "delete_account", result
    assert words_refuse(result.intent, result.evidence)


def test_a_longer_reply_under_our_mail_finds_what_it_stands_for() -> None:
    """"I still want it deleted" under our expired-request mail: "it" is the account our
    mail names, also in a reply too long to lean on our question."""
    expired = ("> We didn't receive your confirmation within 72 hours, so, to keep your account"
               " safe, we haven't deleted anything and the request has expired.\n>\n> If you"
               " still want your account deleted, please send a new request to"
               " support@rafeeq.example, then reply to the confirmation email we send you.")
    answered("Ugh, I was in hospital and missed the 72 hours. I still want it deleted - please"
             " take this email as the new request and send me whatever I need to reply to.",
             expired, "delete_account")


def _quoted(kind: str, language: str, store: str) -> str:
    """One of our mails as a mail client quotes it, for a store of the given name."""
    now = datetime(2026, 12, 7, tzinfo=UTC)
    _, text, _ = render_parts(kind, language=language, context=sample_contexts(now).get(kind, {}),
                              settings=settings_from_dict({"brand": {"name": store}}), now=now)
    return "\n".join("> " + line for line in text.splitlines())


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("store", ["Sidra Market", "بيت العود"])
@pytest.mark.parametrize(("kind", "text", "intent"), [
    ("confirm_deletion", "Ok", "delete_account"),
    ("confirm_deletion", "Yes go ahead.\n\nFatima", "delete_account"),
    ("deletion_done", "مشكورين", "other"),
    ("deletion_done", "thanks", "other"),
])
def test_a_reply_above_our_quoted_mail(kind: str, language: str, store: str, text: str,
                                       intent: str) -> None:
    """Without In-Reply-To, the quote of our mail is the question, whatever the store's name
    ("Sidra Market" is no typo of "marketing")."""
    result = classify(reply(text, _quoted(kind, language, store)))
    assert result.intent == intent, result


@pytest.mark.parametrize(("text", "intent"), [
    # a story after the yes: "no reason to keep" counts a noun, "got it back" a repair
    ("Yes. I confirm.\nFor the record: the hinge cracked in May, it went to your service centre"
     " twice, and after eleven weeks I got it back with a different keyboard layout. I have no"
     " reason to keep an account open with my address and card on it.\nPlease delete it as"
     " described.\nIan", "delete_account"),
    # … a "no" of its own, or a keep, still takes the yes back
    ("Yes. Actually no, keep it.", "other"),
    ("Yes. No, wait.", "other"),
    ("نعم. لا تحذفوه", "other"),
])
def test_what_follows_a_yes(text: str, intent: str) -> None:
    answered(text, RECEIVED if text.isascii() else RECEIVED_AR, intent)


@pytest.mark.parametrize("text", [
    "تمام. بس لو سمحتوا سجلوا إيميل زوجتي بالنشرة بدالي",
    "Ok. But please subscribe my wife's address instead of mine.",
])
def test_ok_but_sign_someone_up_instead_agrees_to_nothing(text: str) -> None:
    quoted = _quoted("unsubscribed", "ar" if text[0] > "z" else "en", "Qurtas")
    assert classify(reply(text, quoted)).intent == "other"


@pytest.mark.parametrize(("quoted", "text"), [
    # «لإتمام الطلب …»: to complete the request is to confirm it
    ("> مرحباً،\n> استلمنا طلباً لحذف حسابك المرتبط بهذا البريد.\n"
     "> لإتمام الطلب يرجى الرد على هذه الرسالة بكلمة: نعم\n"
     "> إذا لم تطلب ذلك فتجاهل هذه الرسالة.", "نعم اكيد احذفوه"),
    # "this message" is how to answer, not marketing offered
    ("> We received a request to permanently delete the account registered to this email"
     " address.\n>\n> Please reply to this message to confirm. If you did not ask for this,"
     " ignore this email.", "Yes, go ahead and delete it."),
    ("> We received a request to erase the personal data linked to a Dana Cart account.\n> To"
     " confirm, reply YES to this message within 14 days.", "Yes, I confirm. Please go ahead"
     " and erase it."),
])
def test_a_call_to_confirm_written_another_way(quoted: str, text: str) -> None:
    assert questions.question_in(quoted).offers == ("delete_account",)  # type: ignore[union-attr]
    assert classify(reply(text, quoted)).intent == "delete_account"


@pytest.mark.parametrize("text", ["اي اكدوا الحذف، ماريده", "اكدوا الحذف"])
def test_iraqi_yes_confirm_the_deletion(text: str) -> None:
    assert classify(reply(text, _quoted("confirm_deletion", "ar", "Qurtas"))).intent == "delete_account"


@pytest.mark.parametrize(("text", "language"), [
    ("ايوه انا اللي طالب المسح، امسحوه لو سمحتم", "ar"),
    ("Yes, I requested it, delete it please", "en"),
])
def test_a_yes_that_owns_the_request(text: str, language: str) -> None:
    assert classify(reply(text, _quoted("confirm_deletion", language, "Qandeel Books"))).intent \
        == "delete_account"


@pytest.mark.parametrize("text", [
    "Yes confirm.\nبس لو سمحتوا خلوني على النشرة البريدية، أحب أشوف العروض",
    "Yes, go ahead. But please keep me on the newsletter.",
])
def test_a_yes_to_the_deletion_with_the_newsletter_kept(text: str) -> None:
    # the labelling rules: closing the account wins, even when the sender would stay subscribed
    assert classify(reply(text, _quoted("confirm_deletion", "en", "Sidra Home"))).intent == "delete_account"


def test_a_yes_to_the_marketing_question_with_the_newsletter_kept_turns_it() -> None:
    result = classify(reply("Yes. But keep me on the newsletter.",
                            "> Do you want us to remove you from our mailing list?"))
    assert result.intent == "other"


CONFIRM = ("> We received a request to delete your Sadaf Scents account. Before we delete anything,"
           " we need to be sure the request came from you.\n> To confirm, simply reply to this email.")


@pytest.mark.parametrize(("text", "intent", "applies"), [
    # the story first, then the answer in the last sentence
    ("Sorry, please ignore my reply from yesterday where I said no. I checked my order history"
     " and we don't use it. So yes, delete it.\n\nOmar", "delete_account", True),
    # … about someone else's account: a person checks whose
    ("I talked to my wife, it was her who sent the request from my laptop and she was right. So"
     " yes, delete it.", "delete_account", False),
    # two answers, "no" first: a person reads them
    ("No need, thanks. I was only asking about the points. Yes", "other", False),
])
def test_a_closing_yes_answers_our_question(text: str, intent: str, applies: bool) -> None:
    result = classify(reply(text, CONFIRM))
    assert result.intent == intent, result
    assert (result.confidence >= 0.8) is applies or intent == "other"


@pytest.mark.parametrize(("tokens_", "closing"), [
    (["we", "don't", "use", "it", ".", "so", "yes", ",", "delete", "it", ".", ".", "omar"],
     ["yes", "delete", "it"]),
    (["yes", "delete", "it"], None),  # one sentence: the short-reply rules read it
    (["no", "need", ".", "yes"], None),
    (["we", "don't", "use", "it", ".", "yes", "i", "would", "like", "to", "know", "more", "first"],
     None),  # a long last sentence is not a bare answer
])
def test_closing_sentence(tokens_: list[str], closing: list[str] | None) -> None:
    assert thread.closing_sentence(tokens_) == closing


AGENT = ("> We are unable to delete your account while order SH-4420318 is still in progress. Once"
         " it has been delivered, reply to this email and we will delete the account.")


@pytest.mark.parametrize("text", [
    "Hi, the order arrived yesterday so there's nothing open any more. Please go ahead now.",
    "Confirming - yes, please go ahead. This is the email address registered on the account.",
])
def test_go_ahead_answers_our_agent(text: str) -> None:
    assert classify(reply(text, AGENT)).intent == "delete_account"
