"""understanding.letters: the word-class letters of a message, with the words whose class
depends on their neighbours."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from mailbot.understanding.letters import codes
from mailbot.understanding.normalise import tokens
from tests.test_classify import msg


@pytest.mark.parametrize(("text", "cls"), [
    ("لا تحذفونه ولا تلغون اشتراكي", "N"),  # "and don't"
    ("ولا تحذفوه انتوما", "x"),  # "or do you delete it yourselves?"
    ("لازم ارسل لكم ولا اقدر امسحه بنفسي", "x"),  # "or can I delete it myself?"
])
def test_wala_is_a_negator_or_an_or(text: str, cls: str) -> None:
    toks = tokens(text)
    assert codes(toks)[0][toks.index("ولا")] == cls


def test_how_do_i_delete_it_or_can_i_myself() -> None:
    text = ("السلام عليكم\nشلون امسح حسابي؟ دورت بالتطبيق وبالموقع ما لقيت شي\n"
            "يعني لازم ارسل لكم ولا اقدر امسحه بنفسي؟")
    assert classify(msg(text, "سؤال")).intent == "delete_account"


@pytest.mark.parametrize(("text", "intent"), [
    # Moroccan Arabizi with French: "la" after "mn" (from) is the article
    ("salam, 3afak 7aydo liya l'email dyali mn la newsletter, bghit ghir l compte yb9a\nmerci",
     "unsubscribe"),
    # … and Levantine "la" (no) keeps its negation
    ("la twagfoon el rasayel, ana a7ebha", "other"),
])
def test_la_the_article_or_no(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "cls"), [
    # a control named or missed is neither asked for nor refused
    ("your footer only offers an unsubscribe link", "x"),
    ("there's no unsubscribe link at the bottom", "x"),
    # … the sender's own attempt still asks
    ("your unsubscribe link doesn't work", "U"),
    ("how do i unsubscribe", "U"),
])
def test_an_unsubscribe_link_named(text: str, cls: str) -> None:
    toks = tokens(text)
    assert codes(toks)[0][toks.index("unsubscribe")] == cls


@pytest.mark.parametrize(("text", "word", "cls"), [
    ("please delta my account", "delta", "D"),
    ("the delta variant", "delta", "x"),
    ("pls delete my accountant and all my info", "accountant", "A"),
    ("my accountant needs the invoices", "accountant", "x"),
    ("Unsubscribed me from these emails please", "unsubscribed", "U"),
    ("I unsubscribed me by mistake", "unsubscribed", "u"),
    ("unsubscribed last week", "unsubscribed", "u"),
])
def test_auto_correct_read_back(text: str, word: str, cls: str) -> None:
    toks = tokens(text)
    assert codes(toks)[0][toks.index(word)] == cls


@pytest.mark.parametrize(("text", "intent"), [
    ("Thanks. Actually, I'd rather you deleted the account completely.", "delete_account"),
    ("I'd rather you stopped sending me marketing of any kind.", "unsubscribe"),
    ("You deleted my account without asking me.", "other"),  # told, not asked
])
def test_rather_you_and_a_past_tense_asks(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_my_file_erased_is_the_customer_record() -> None:
    text = ("الموظفه سجلت رقمي واسمي بالنظام عشان النقاط، وانا ما طلبت حساب. ابيكم تمسحون الملف "
            "مالي كله من عندكم")
    assert classify(msg(text)).intent == "delete_account"


@pytest.mark.parametrize("text", [
    "Hi, can you clear my recently viewed list? امسحوه لو سمحتوا",
    "وقايمة \"شوهدت مؤخراً\" بقت كلها العاب. ازاي امسح القايمة دي؟ ولو في طريقة تقفلوها خالص",
])
def test_the_list_is_the_list_of_products_the_mail_names(text: str) -> None:
    assert "L" not in codes(tokens(text))[0]


def test_a_mailing_named_beside_it_keeps_the_list_a_list() -> None:
    text = "I cleared my wishlist, now please take me off the newsletter list"
    assert "L" in codes(tokens(text))[0]


@pytest.mark.parametrize(("text", "intent"), [
    ("Hi can you please defeat my account I don't use it anymore. Thanks", "delete_account"),
    ("Hello please unsubscribed me from all your emails. Getting 2 every day", "unsubscribe"),
    ("I unsubscribed months ago and I still get them", "unsubscribe"),  # told, then the complaint
    ("Our team will defeat the rival store in price", "other"),  # the word as itself
])
def test_a_phones_autocorrection_reads_as_typed(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
