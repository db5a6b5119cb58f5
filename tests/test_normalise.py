"""understanding.normalise: how text becomes the tokens the rules read."""

from __future__ import annotations

import pytest

from mailbot.understanding.normalise import leading_tokens, tokens


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


def test_a_numbers_dot_ends_no_sentence() -> None:
    assert tokens("KWD 64.000 is not back") == ["kwd", "64000", "isn't", "back"]


@pytest.mark.parametrize(("text", "expected"), [
    # dictation homophones: "a count" is the account, "male" the mail
    ("close my a count", ["close", "my", "account"]),
    ("stop the male", ["stop", "the", "emails"]),
    ("please stop sending me male", ["please", "stop", "sending", "me", "emails"]),
    # "in turn" is an idiom, no "turn off"
    ("and in turn offer your customers", ["and", "in", "return", "offers", "your", "customers"]),
    # "was about to" nearly did
    ("i was about to delete", ["i", "was", "considering", "delete"]),
    ("no sms code coming", ["no", "otp", "coming"]),
    # Arabizi «اذا بتقدروا»: a courtesy, not a condition
    ("eza bt2dro twa2fo", ["please", "twa2fo"]),
    ("امسح شوهد مؤخراً", ["امسح", "recentlyviewed"]),
])
def test_spoken_and_idiomatic_forms(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected
