"""What "it", "them" and «ـه» stand for (``anaphora``), read through the classifier."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg


@pytest.mark.parametrize(("text", "intent"), [
    # «مو بالايميل» ("not by the email"): the address the account is not under is no
    # antecedent of its own, so «احذفوه» is the account
    ("طيب الحساب مسجل برقم جوالي 0551234567 مو بالايميل\nاحذفوه لو سمحتوا", "delete_account"),
    # an address of its own stops the search: "it" may be the address
    ("الحساب مسجل برقم جوالي وعندي ايميل قديم\nاحذفوه لو سمحتوا", "other"),
])
def test_a_denied_address_is_no_antecedent(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_it_passes_over_the_app_it_came_through() -> None:
    """Our confirmation mail forwarded back: "it" is the account, not "my phone app"."""
    quoted = ("---------- Forwarded message ---------\nFrom: Lulwa Fashion <care@lulwa.example>\n"
              "Subject: Please confirm: delete your Lulwa Fashion account [ref:QGS9-FJF3]\n\n"
              "Hello,\n\nWe received a request to delete your Lulwa Fashion account. Before we"
              " delete anything, we need to be sure the request came from you.\n\nTo confirm,"
              " simply reply to this email.\n")
    text = ("Forwarding this back, replying wasn't working from my phone app. Yes, delete it"
            " please.")
    result = classify(msg(text, "Fwd: Please confirm: delete your Lulwa Fashion account",
                          quoted=quoted))
    assert result.intent == "delete_account", result


@pytest.mark.parametrize(("text", "intent"), [
    # "a card saved on my account … Please remove it": the card, not the account
    ("Hi, there's still a card saved on my account that belongs to my ex-husband (Visa ending"
     " 7731). Please remove it, I don't want to charge him by accident.", "other"),
    # "the address on the account … deleting it": the account
    ("This is the address on the account. Please go ahead with deleting it, as I asked from my"
     " work email last week.", "delete_account"),
])
def test_a_thing_on_the_account(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_it_is_the_address_that_is_in_the_account() -> None:
    text = "لسا العنوان القديم (السالمية، قطعة 5) موجود بحسابي وكل مرة بيطلع أول واحد. امسحوه لو سمحتوا."
    assert classify(msg(text)).intent == "other"


def test_it_is_the_account_the_address_is_on() -> None:
    text = "This is the address on the account. Please go ahead with deleting it."
    assert classify(msg(text)).intent == "delete_account"


def test_it_is_the_address_in_the_account_with_the_article() -> None:
    text = "هلو، بعده العنوان القديم موجود بالحساب وكل مرة يطلع هو الافتراضي. احذفوه رجاءً"
    assert classify(msg(text)).intent == "other"


def test_it_is_the_review_not_the_account_it_was_written_from() -> None:
    # "delete the review I wrote on the pans, I wrote it from my sister's account by
    # mistake, can you delete it?": «تمسحوه» is the review
    text = ("عايزة امسح التقييم اللي كتبته على طقم الحلل الجرانيت، كتبته من حساب اختي بالغلط "
            "وباسمها ممكن تمسحوه وانا هكتبه تاني من حسابي؟")
    assert classify(msg(text, "امسحوا التقييم بتاعي")).intent == "other"


def test_it_is_the_profile_made_with_my_phone_and_email() -> None:
    text = ("When I bought a lamp at your showroom the cashier created a customer profile with my "
            "phone and email. I never asked for that. Please erase it.")
    assert classify(msg(text)).intent == "delete_account"


def test_that_is_the_closing_not_the_account() -> None:
    """"Will my account be closed? I don't want that!": "that" is the closing the sender
    refuses, not an account the sender does not want."""
    text = "Will my account be closed? I don't want that! What counts as activity?"
    assert classify(msg(text)).intent == "other"


def test_not_wanting_the_account_deleted_refuses_the_deletion() -> None:
    text = ("I do have two accounts with you (this one and my work one) but the link doesn't look "
            "like your website. Is this real? I don't want either account deleted.")
    assert classify(msg(text)).intent == "other"


@pytest.mark.parametrize("text", [
    "I have two accounts with you (this and my husband's) and I don't want either of them closed!!",
    # "mine" is the order the number names, not one of the two accounts
    "My wife and I both ordered the same vacuum from our two accounts without realising "
    "(MNR-25-421330 from mine, MNR-25-421338 from hers). Please cancel mine, MNR-25-421330, and "
    "refund to the card.",
])
def test_what_it_is_refused_or_named_is_no_account_to_delete(text: str) -> None:
    assert classify(msg(text)).intent == "other"


@pytest.mark.parametrize(("text", "intent"), [
    # the address restates where the account is ("the account on the work email <addr>")
    ("الحساب اللي على ايميل الشغل hamad.m@work.example احذفوه، هذا ما بيه شي.", "delete_account"),
    ("ana 3ndi 2 accounts 3ndkom. el account ely 3la el hotmail (mo@hotmail.example) ams7oh",
     "delete_account"),
    # «لا تلغونه» after the paid plan: "don't cancel it" is the box, not the mail before it
    ("the marketing emails. And the SMS too. So please keep the Diaper Box exactly as it is, لا"
     " تلغونه, and keep sending me the delivery notifications. But stop all promotional emails"
     " and SMS.", "unsubscribe"),
])
def test_what_it_stands_for(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # «حسابين» counts two accounts in one word: "one of them" is one of the accounts …
    ("هلا، عندي حسابين عندكم ممكن تحذفون واحد منهم؟ مشكورين", "delete_account"),
    # … and one of two orders is an order
    ("ابي الغي الطلب رقم BT-241702 طلبته بالغلط مرتين نفس الشي، الغوا واحد منهم وخلوا الثاني",
     "other"),
])
def test_one_of_them(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_it_is_the_card_saved_on_the_account() -> None:
    # "saved on my Sakan account" (the store's name between): the card is "it"
    text = ("Please delete the Visa card ending 4471 that is saved on my Sakan account. My bank has"
            " replaced it after fraud on another site, and I don't want it stored anywhere.")
    assert classify(msg(text)).intent == "other"
