"""Families found by held-out set 82 (replies to mailbot's own automatic privacy mails)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg

# mailbot's own templates (templates/ar/confirm_deletion.txt, templates/en/unsubscribed.txt)
CONFIRM_AR = ("> تلقّينا طلبًا لحذف حسابك لدى نخلة. وقبل أن نحذف أي شيء، نودّ التأكد من أن الطلب "
              "صادر منك.\n>\n> للتأكيد، يكفي الرد على هذه الرسالة، ولا حاجة إلى كتابة أي شيء فيها، "
              "لكن يُرجى إبقاء الرمز المرجعي M7QA-4ZKT في سطر الموضوع.")
CONFIRM_EN = ("> We received a request to delete your Nakhla account. Before we delete anything, "
              "we need to be sure the request came from you.\n>\n> To confirm, simply reply to "
              "this email. You don't need to write anything, but please keep the reference "
              "W6BT-3HFX in the subject line.")
PARTIAL = ("> As you asked, we've stopped sending you marketing by email. You asked about these "
           "only, so marketing by WhatsApp continues as before. If you'd like to stop that too, "
           "just reply to this email with \"unsubscribe from everything\".")
SUBJECT = "Re: Please confirm: delete your Nakhla account [ref:W6BT-3HFX]"


def read(text: str, quoted: str, subject: str = SUBJECT) -> tuple[str, float]:
    result = classify(msg(text, subject, quoted=quoted))
    return result.intent, result.confidence


@pytest.mark.parametrize("text", [
    "تمام",  # «يكفي الرد» is "replying is enough", not "enough!"
    "Yes please delete it.\nSorry for writing in English.\n\nOmar",
    "تمام اعتمدوا الحذف 👍 زوجي هو اللي طلب من جوالي",  # approve; an emoji ends the sentence
    "ايوه يا جماعة امسحوه، انا اللي طلبت. القطة بتاعتي ماتت ومبقاش ليا لازمة بالحساب ده",
])
def test_a_yes_to_our_arabic_confirmation_request(text: str) -> None:
    assert read(text, CONFIRM_AR) == ("delete_account", 0.85)


@pytest.mark.parametrize("text", [
    "ايوه، بس لا تمسحوه",  # … but a "but" that refuses is no yes
    "ايوه يا جماعة، بس استنوا لبعد العيد",
    "I never asked for this! Who is trying to delete my account?? Don't delete anything.",
])
def test_what_is_no_yes_to_our_confirmation_request(text: str) -> None:
    assert read(text, CONFIRM_AR if text[0] != "I" else CONFIRM_EN)[0] == "other"


def test_an_empty_reply_to_our_call_to_confirm_goes_to_a_person_as_the_deletion() -> None:
    assert read("", CONFIRM_EN) == ("delete_account", 0.7)
    assert read("", "> Our summer sale starts today! Reply to this email with questions.")[0] == \
        "other"


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    ("w el whatsapp kaman law sama7to, 3am yeb3atouli 3orod kel yom", PARTIAL, "unsubscribe"),
    ("والواتساب كمان لو سمحتوا", PARTIAL, "unsubscribe"),
    ("and the SMS too please", PARTIAL, "unsubscribe"),
    # … a question to join a mailing offers no unsubscribe, whatever the answer
    ("and the WhatsApp too please", "> Would you like to join our newsletter?", "other"),
    ("yes", "> Would you like to join our newsletter?", "other"),
    ("ايوه", "> هل تحب تشترك في نشرتنا؟", "other"),
    ("I like the WhatsApp offers too", PARTIAL, "other"),
])
def test_another_channel_named_under_our_partial_unsubscribe(text: str, quoted: str,
                                                             intent: str) -> None:
    assert read(text, quoted, "Re: We've updated your Nakhla marketing preferences")[0] == intent


@pytest.mark.parametrize(("text", "intent"), [
    # «دون حذف حسابي»: "without deleting my account"
    ("كيف يمكنني إيقاف النشرة البريدية الأسبوعية دون حذف حسابي؟", "unsubscribe"),
    ("احذفوا حسابي دون تأخير", "delete_account"),
    # Sudanese «دايرين»: "we want"
    ("لو سمحتو ما دايرين الرسائل الترويجية دي تاني، بتجيني كل يوم. بس ما تمسحوا الحساب",
     "unsubscribe"),
    ("داير اقفل حسابي", "delete_account"),
    ("الطلب داير في المستودع", "other"),
    # someone else trying it is no request; the sender trying it is
    ("Someone is trying to delete my account, is it hacked?", "other"),
    ("I have been trying to delete my account for weeks", "delete_account"),
])
def test_without_wanting_and_trying(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # «مرتي», «جوزي»: "my wife", "my husband" (Levantine, Egyptian) — the family's address
    ("شيلوا إيميل مرتي من قائمتكم لو سمحتوا: ghada.k@example.com", "unsubscribe"),
    ("شيلوا رقم جوزي من العروض لو سمحتوا", "unsubscribe"),
])
def test_a_spouses_address_off_the_list(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
