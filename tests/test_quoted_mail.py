"""What kind of mail a reply quotes (``quoted_mail``), and what a bare "stop these" above it means."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mailbot.config import settings_from_dict
from mailbot.mail.parsing import ParsedMessage
from mailbot.outgoing.replies import render_parts, sample_contexts
from mailbot.understanding.classify import classify
from mailbot.understanding.quoted_mail import quotes_marketing, reports_unsubscribed
from tests.test_classify import msg

# an Outlook quote of a bookshop's newsletter that sells with "orders" and ends with a
# mailing's full footer
WEEKLY = ("________________________________\nFrom: Mishkat Books <news@mishkatbooks.example>\n"
          "Sent: Thursday, June 19, 2025 10:00 AM\nTo: adnan.shami@example.org\n"
          "Subject: Weekly Reads: 12 new arrivals for your summer shelf\n\n"
          "Weekly Reads from Mishkat Books\n\n12 new arrivals for your summer shelf\n\n"
          "- Children's Atlas of the Arab World - 14.000 JOD\n\n"
          "Free delivery inside Amman on orders over 25 JOD. Track your order in the app.\n\n"
          "You're receiving Weekly Reads because you subscribed at mishkatbooks.example.\n"
          "Unsubscribe: https://mishkatbooks.example/u/weekly?t=8f41c2\n")
# an order notice whose footer says "because you subscribed. Unsubscribe" too
ORDER = ("________________________________\nFrom: Shop <orders@shop.example>\nSent: Thursday"
         ", February 20, 2025 6:02 PM\nTo: a@example.com\nSubject: Your order\n\nYour order "
         "has shipped. Track your order and delivery in the app.\n\nYou are receiving this "
         "because you subscribed.\nUnsubscribe: https://shop.example/u/1")


def reply(text: str, quoted: str) -> ParsedMessage:
    return msg(text, "RE: Weekly Reads", quoted=quoted)


def test_a_full_mailing_footer_makes_a_mailing_whatever_it_sells() -> None:
    assert quotes_marketing(WEEKLY)
    assert not quotes_marketing(ORDER)


def test_stop_these_above_a_quoted_newsletter_stops_it() -> None:
    result = classify(reply("pls stop sending these, I never signed up", WEEKLY))
    assert result.intent == "unsubscribe" and result.confidence >= 0.8
    assert classify(reply("please remove me from this. thanks", ORDER)).intent == "other"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_our_unsubscribe_confirmation_reports_the_marketing_stopped(language: str) -> None:
    """"we've stopped sending you marketing", «أوقفنا إرسال الرسائل التسويقية إليك»: the
    mailing a reply says still comes is the one our mail stopped."""
    now = datetime(2026, 12, 7, tzinfo=UTC)
    _, text, _ = render_parts("unsubscribed", language=language,
                              context=sample_contexts(now)["unsubscribed"],
                              settings=settings_from_dict({}), now=now)
    assert reports_unsubscribed("\n".join("> " + line for line in text.splitlines()))


STOPPED = "> As you asked, we've stopped sending you marketing by email and SMS."


@pytest.mark.parametrize(("text", "intent", "applied"), [
    # "make sure it (actually) stops" asks us to see to it
    ("You say you've stopped, but I got the 'Oud Week - 30% off' email at 8am this morning."
     " That's two days after this message. Please make sure it actually stops.",
     "unsubscribe", True),
    # "let me know if it stops" asks nothing of the kind: a person reads it
    ("Thanks. Please let me know if it stops, I still get order updates which is fine.",
     "unsubscribe", False),
    ("Please make sure it doesn't stop my order updates, I need those for the delivery.",
     "other", False),
])
def test_it_still_comes_under_our_unsubscribe_confirmation(text: str, intent: str,
                                                           applied: bool) -> None:
    result = classify(reply(text, STOPPED))
    assert result.intent == intent, result
    assert (result.intent != "other" and result.confidence >= 0.8) is applied, result


def test_stop_them_far_below_the_mailing_it_names() -> None:
    """A longer reply whose "them" is past the reach of the words before it (a promo's title
    naming a cart on the way) still stops the mailing our quoted mail names."""
    text = ('Hi,\n\nYou say you stopped the marketing emails but today alone I got two more,'
            ' "White Friday starts NOW" and "Your cart misses you". Screenshot attached.'
            " That's two weeks after this email.\n\nPlease actually stop them.\n\nRajesh")
    result = classify(reply(text, STOPPED))
    assert result.intent == "unsubscribe" and result.confidence >= 0.8, result


NEWSLETTER_AR = ("> عروض الربيع: خصم يصل إلى 40% على الكنب والسجاد\n> تسوق الآن\n"
                 "> لإلغاء الاشتراك من النشرة اضغط هنا")


@pytest.mark.parametrize(("text", "intent"), [
    # «للحين توصلني» ("still reaching me") above the newsletter: it still comes
    ("قلت لكم وقفوا، للحين توصلني!!", "unsubscribe"),
    ("للحين توصلني", "unsubscribe"),
    # … and a thanks asks nothing
    ("شكرا", "other"),
])
def test_still_reaching_me_above_a_newsletter(text: str, intent: str) -> None:
    result = classify(msg(text, "Re: عروض الربيع", quoted=NEWSLETTER_AR))
    assert result.intent == intent, result
