"""understanding.normalise: how text becomes the tokens the rules read."""

from __future__ import annotations

import pytest

from mailbot.understanding.normalise import leading_tokens, tokens, unwrap


@pytest.mark.parametrize(("text", "toks"), [
    ("close the webpost.example one.", ["close", "the", "<addr>", "one", "."]),
    ("I bought it from amazon.com.", ["i", "bought", "it", "from", "<addr>", "."]),
    ("(gmail.com)", [",", "<addr>", ","]),
    ("write to hanan@old.example.", ["write", "to", "<addr>", "."]),
    ("see https://shop.example/x now", ["see", "<url>", "now"]),
])
def test_addresses_links_and_domains_are_one_token(text: str, toks: list[str]) -> None:
    assert tokens(text) == toks


@pytest.mark.parametrize(("text", "toks"), [
    ("e.g. file.pdf", ["e", ".", "g", ".", "file", ".", "pdf"]),
    ("Mr. Smith. OK", ["mr", ".", "smith", ".", "ok"]),
])
def test_other_dotted_words_still_break(text: str, toks: list[str]) -> None:
    assert tokens(text) == toks


def test_a_domain_keeps_the_line_breaks_around_it() -> None:
    assert tokens("hi\nclose the gmail.com one\nthanks") == [
        "hi", ".", "close", "the", "<addr>", "one", ".", "thanks"]


def test_an_address_keeps_the_line_breaks_around_it() -> None:
    assert tokens("please remove me\nsara@mail.example\nthanks") == [
        "please", "remove", "me", ".", "<addr>", ".", "thanks"]


WRAPPED = ("I have been trying to close the account for a week and every time the page\n"
           "says something went wrong, so could you do it for me")


@pytest.mark.parametrize(("text", "joined"), [
    (WRAPPED, True),  # "says" did not fit on the line before: the client wrapped it
    # "وقفوا" would have fitted after «منكم»: the sender pressed enter
    ("هالرقم جديد علي من شهر وتجيني عروض واتساب من عندكم باسم وحده اسمها ام راكان\n"
     "انا مو عميله عندكم ولا عمري طلبت منكم\nوقفوا الرسايل عن رقمي لو سمحتوا", False),
    # a paragraph's first line: "ياريت" would have fitted at any client's width, so typed
    ("أبغى أقفل حسابي عندكم خلاص، إيش أسوي؟ والله ما عاد أستخدمه\nياريت تمسحوا بياناتي كمان",
     False),
    # longer than any client wraps: a phone sent the line as typed
    ("الله يخليكم امسحوا تذكير عيد ميلاد الوالدة من حسابي، الوالدة الله يرحمها توفت وكل سنة "
     "يجيني تذكير هدية لأمك. ما ابي اشوفه مرة ثانية\nالحساب حسابي انا", False),
    # a next line that opens with "and" continues the sentence
    ("أنا لغيت الاشتراك في النشرة من اللينك اللي تحت من أسبوعين\nولسه الإيميلات بتوصل كل خميس",
     True),
    ("I unsubscribed from the weekly deals newsletter a couple of weeks back\nand yet", True),
])
def test_unwrap_joins_only_what_a_client_wrapped(text: str, joined: bool) -> None:
    last = text.rsplit("\n", 1)[1]
    assert (last not in unwrap(text).split("\n")) == joined


@pytest.mark.parametrize(("text", "toks"), [
    ("Stop. Emailing. Me.", ["stop", "emailing", "me", "."]),
    ("I had four since. Stop. Emailing. Me.", ["i", "had", "four", "since", ".", "stop",
                                               "emailing", "me", "."]),
    ("Hi. Yes. Ok", ["hi", ".", "yes", ".", "ok"]),  # two: ordinary short sentences
    ("Thanks.\nAhmed.\nSent.", ["thanks", ".", ".", "ahmed", ".", ".", "sent", "."]),  # lines
])
def test_one_word_sentences_in_a_row_are_one_said_slowly(text: str, toks: list[str]) -> None:
    assert tokens(text) == toks


def test_a_cut_text_reads_a_slow_sentence_as_the_whole_does() -> None:
    text = "word " * 40 + "Stop. Emailing. Me. Now. " + "more words here " * 20
    assert leading_tokens(text, 44) == tokens(text)[:44]


@pytest.mark.parametrize(("text", "toks"), [
    # a store's name holds the real word "Market": no typo of "marketing"
    ("delete your Sidra Market account", ["delete", "your", "sidra", "market", "account"]),
    ("stop the markting emails", ["stop", "the", "marketing", "emails"]),
])
def test_real_words_are_no_typos(text: str, toks: list[str]) -> None:
    assert tokens(text) == toks


def test_the_passive_deleted_keeps_its_damma() -> None:
    # «حُذف حسابي» is "my account was deleted", «حذف حسابي» "delete my account"
    assert tokens("والآن حُذف حسابي") == ["والان", "انحذف", "حسابي"]
    assert tokens("أرجو حذف حسابي") == ["ارجو", "حذف", "حسابي"]


def test_the_iraqi_g_is_a_qaf() -> None:
    assert tokens("وگفوا الايميلات") == tokens("وقفوا الايميلات")


@pytest.mark.parametrize(("text", "toks"), [
    # took charge of a mailbox: nothing taken off
    ("I have taken over the mailbox from my colleague", ["i", "have", "tookover", "the", "mailbox",
                                                         "from", "my", "colleague"]),
    # only wondering about a deletion, not asking for it; "thinking about it" opens a decision
    ("thinking about deleting it", ["considering", "deleting", "it"]),
    ("thinking about it, delete it", ["thinking", "about", "it", ",", "delete", "it"]),
])
def test_phrases_read_as_one(text: str, toks: list[str]) -> None:
    assert tokens(text) == toks
