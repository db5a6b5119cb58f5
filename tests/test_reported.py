"""understanding.reported: requests told, not made (done before, clicked, taken back)."""

from __future__ import annotations

import pytest

from mailbot.understanding import reported
from mailbot.understanding.classify import classify
from mailbot.understanding.letters import codes as _codes
from mailbot.understanding.normalise import tokens
from tests.test_classify import msg


def _at(toks: list[str], word: str) -> int:
    return next(k for k, tok in enumerate(toks) if tok == word)


@pytest.mark.parametrize(("text", "verb", "expected"), [
    ("please ignore my previous message asking you to delete my account", "delete", True),
    ("please cancel my request to delete my account", "delete", True),
    ("الغوا طلب حذف حسابي", "حذف", True),
    ("وتجاهلوا رسالتي السابقه بخصوص حذف حسابي", "حذف", True),
    ("i am asking you to delete my account", "delete", False),
    ("please cancel the last order , delete my account", "delete", False),
    ("cancel my last order and delete my account", "delete", False),
    ("ignore the newsletter . delete my account", "delete", False),
])
def test_retracted(text: str, verb: str, expected: bool) -> None:
    toks = tokens(text)
    assert reported.retracted(toks, _at(toks, verb)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("i used the unsubscribe link last week and it worked", True),
    ("unsubscribe worked", True),
    ("the unsubscribe link works , thanks", True),
    ("i used the unsubscribe link but it didn't work", False),
    ("unsubscribe link not working", False),
    ("please unsubscribe me", False),
])
def test_reported_working_of_the_link_itself(text: str, expected: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    at = codes.index("U")
    assert reported.reported_working(codes, toks, index, at) is expected


def test_did_it_and_retold_keep_their_answers() -> None:
    toks = tokens("3amalt unsubscribe")
    assert reported.did_it(toks, 1)
    toks = tokens("i asked you to delete my account last year")
    assert reported.retold(toks, _at(toks, "delete")) == "story"


@pytest.mark.parametrize(("text", "verb", "expected"), [
    # someone else's advice, retold
    ("فاقترح الموظف حذف الحساب وانشاء غيره", "حذف", True),
    ("the agent suggested deleting my account", "deleting", True),
    ("who is trying to delete my account", "delete", True),
    # the sender's own suggestion, or a suggestion in another clause, is no hearsay
    ("i suggested we delete the account", "delete", False),
    ("the agent suggested it . please delete my account", "delete", False),
])
def test_hearsay(text: str, verb: str, expected: bool) -> None:
    toks = tokens(text)
    assert reported.hearsay(toks, _at(toks, verb)) is expected


@pytest.mark.parametrize(("text", "verb", "expected"), [
    # a told request whose sentence turns to something else
    ("طلبت ايقاف الرسايل التسويقيه لانها كثرت , لكنني اعتمد علي رسايلكم التي تذكرني بالضمان",
     "ايقاف", "aside"),
    ("i asked to delete the account because i thought i would stop buying , but my daughter"
     " uses my account", "delete", "aside"),
    # … not one that complains it was not done
    ("i asked you to unsubscribe me last week but i still get your emails", "unsubscribe",
     "story"),
    ("i asked to delete my account but nothing happened", "delete", "story"),
])
def test_a_told_request_set_aside(text: str, verb: str, expected: str) -> None:
    toks = tokens(text)
    assert reported.retold(toks, _at(toks, verb)) == expected


@pytest.mark.parametrize(("text", "verb", "expected"), [
    ("اللي يبي يوقف رسائل العروض يروح للاعدادات", "يوقف", True),
    ("اللي يلغي الاشتراك يخسر النادي", "يلغي", True),
    ("anyone who wants to unsubscribe can do it in the app", "unsubscribe", True),
    ("whoever wants to unsubscribe can do it in the app", "unsubscribe", True),
    # the sender's own wish: "all I want is that you stop …", "I'm the one who wants to …"
    ("كل اللي ابيه توقفون عني ايميلات العروض", "توقفون", False),
    ("i'm the one who wants to unsubscribe", "unsubscribe", False),
])
def test_whoever_wants_it(text: str, verb: str, expected: bool) -> None:
    toks = tokens(text)
    assert reported.whoever(toks, toks.index(verb)) is expected


@pytest.mark.parametrize(("text", "verb", "told"), [
    # a time clause, not a request: "I got this after I asked you to delete my account"
    ("i got this after i asked you to delete my account last week", "delete", "aside"),
    ("i asked you to delete my first account and you did . thank you for that", "delete", "done"),
    # "when" of an earlier sentence is no time clause of this one
    ("you still know what i bought and when . i asked for all my data to be erased", "asked",
     "story"),
])
def test_how_an_earlier_request_is_told(text: str, verb: str, told: str) -> None:
    toks = tokens(text)
    assert reported.retold(toks, toks.index(verb)) == told


@pytest.mark.parametrize(("text", "intent"), [
    ("I only wanted to stop the newsletter and you deleted my whole account. Can you restore"
     " the account and the points?", "other"),
    ("I wanted to stop the newsletter, please.", "unsubscribe"),  # no recovery: a wish
])
def test_a_wish_told_beside_a_recovery(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_a_tip_for_whoever_wants_it_under_its_title() -> None:
    text = ("يا جماعة هلا،\nاللي يبي يوقف رسائل العروض: حسابي > الإشعارات > \"الرسائل التسويقية\""
            " وطفوا الزر.")
    assert reported.tells_whoever(tokens(text))
    assert classify(msg(text, subject="طريقة إيقاف رسائل العروض")).intent == "other"
    # the sender's own request under the same title is theirs
    assert classify(msg("ابي اوقف رسائل العروض", subject="طريقة إيقاف رسائل العروض")).intent \
        == "unsubscribe"


@pytest.mark.parametrize(("text", "verb", "expected"), [
    ("ezay 7ad yetlob 7azf el account beta3i", "7azf", True),  # how can someone ask to delete …
    ("ازاي حد يطلب حذف الاكونت بتاعي", "حذف", True),
    ("ابي اطلب حذف حسابي", "حذف", False),  # "I want to ask for my account's deletion"
])
def test_someone_elses_request_is_hearsay(text: str, verb: str, expected: bool) -> None:
    toks = tokens(text)
    assert reported.hearsay(toks, toks.index(verb)) is expected


@pytest.mark.parametrize(("text", "intent"), [
    ("My first instinct was to ask you to delete my account, but I've thought about it and I"
     " don't want to: I have points with you. Please remove me from all marketing.", "unsubscribe"),
    ("Please delete my account, but I don't want to lose my points.", "delete_account"),
])
def test_an_elliptic_refusal_after_but(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("أرجو إلغاء طلب حذف الحساب الذي أرسلته أمس، فقد قررت الإبقاء عليه.", "other"),
    # the take-back reaches the deletion, not what follows «والاكتفاء» ("and settle for")
    ("لا أريد حذف حسابي. أرجو إلغاء طلب الحذف والاكتفاء بإيقاف النشرة والعروض.", "unsubscribe"),
])
def test_cancelling_the_deletion_request(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # an unsubscribe told, then "put it back": the later wish
    ("My wife emailed you last week asking to unsubscribe our family address. Please put it back "
     "on the newsletter, I use those codes.", "other"),
    ("من شهر طلبت تشيلوني من النشرة، هلق غيرت رأيي، رجعوني عالقائمة البريدية لو سمحتوا", "other"),
    # "back" said of something else: the unsubscribe stands
    ("I switched off push notifications by mistake. Can you switch the marketing emails off for "
     "me? I turned push back on myself.", "unsubscribe"),
])
def test_put_back_after_an_unsubscribe(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_a_mail_that_says_you_will_remove_me_is_the_stores_announcement() -> None:
    """«ياني ايميل منكم يقول بتشيلوني من القائمة … لا لا تشيلوني!»: the store's mail said it
    would take the sender off; the sender asks to stay."""
    text = ("ياني ايميل منكم يقول بتشيلوني من القائمة لأني ما فتحت الرسايل. لا لا تشيلوني! أبا "
            "العروض توصلني")
    assert classify(msg(text)).intent == "other"


@pytest.mark.parametrize(("text", "intent"), [
    # someone else's advice about the sender's own account, retold
    ("My sister told me to just delete my account. Honestly I thought about it. But I'm staying.",
     "other"),
    ("My wife says I should delete my account because I've bought eleven cushions. Where are"
     " cushions 10 and 11?", "other"),
    # … not a relative's request for their own account
    ("My husband asked me to close his account, he no longer uses it.", "delete_account"),
])
def test_advice_retold(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
