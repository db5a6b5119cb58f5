"""understanding.voice, through classify: only the sender's own request acts."""

from __future__ import annotations

import pytest

from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding import voice
from mailbot.understanding.classify import classify


def msg(text: str, subject: str = "") -> ParsedMessage:
    return ParsedMessage(
        message_id=None, subject=subject, from_address="a@example.com", from_name="",
        reply_to=None, to=(), date=None, in_reply_to=None, references=(),
        return_path="a@example.com", text=text, quoted="", signature="", automation=())


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, that clears everything up.",
        "How do I clear the data in the app? It keeps showing an old address.",
        "دورة الإغلاق السريع للحسابات في المحاسبة متاحة الآن بخصم ٣٠٪",
        "I want to see what is still coming to gmail so I have the chance to decide whether I"
        " want to change the address where they send me email or just let Google drop it into"
        " the ether after I delete my account.",
        "After about 20 hours and having rebalanced 90% of the data off the drive, the"
        " operation failed. Is there any way to track the errors to specific files so I can"
        " delete them and remove the netfs data?",
        "That way a balance operation can be used for various things like profile changes or"
        " multiple disk removal without writing a bunch of data.",
    ],
)
def test_not_a_deletion(text: str) -> None:
    assert classify(msg(text)).intent != "delete_account"


@pytest.mark.parametrize(
    "text",
    [
        "Get 85% off all sales this weekend only! Visit our store today and save big on"
        " everything you love, from shoes to jackets and more.",
        "The device is numbed, so any calls will just return OK but nothing happens. We then"
        " hope userspace will be so nice to terminate once it realizes the device is gone.",
        "Another odd thing I am noticing is that I cannot end the blocks of text, and things"
        " can be deleted from my main folder, but not from the one gmail created for spam.",
    ],
)
def test_no_unsubscribe_applied_on_prose(text: str) -> None:
    result = classify(msg(text))
    assert result.intent != "unsubscribe" or result.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Under Article 21(2) GDPR I object to the processing of my personal data for direct"
         " marketing purposes.", "unsubscribe"),
        ("أعترض على استخدام بياناتي لأغراض التسويق المباشر", "unsubscribe"),
        ("I unsubscribed two weeks ago but I still get your mail every day.", "unsubscribe"),
        ("i have tried to be removed from the list. can somebody please remove me?",
         "unsubscribe"),
        ("wa9fo el rasayel el i3laniya 5alas", "unsubscribe"),
        ("plz 6al3ooni mn el newsletter", "unsubscribe"),
        ("Please do NOT unsubscribe me, I love your newsletter.", "other"),
        ("I want to cancel my paid membership before it renews next month.", "other"),
        ("Please close my account and delete my personal data.", "delete_account"),
    ],
)
def test_requests_in_the_senders_voice(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_a_request_in_a_long_discussion_goes_to_a_person() -> None:
    text = ("We talked about the release schedule at length last week. " * 15
            + "Please take me off the newsletter list.")
    result = classify(msg(text))
    assert result.intent == "unsubscribe"
    assert result.confidence < 0.8


@pytest.mark.parametrize(("text", "word", "replied"), [
    ("i reply stop every time", "stop", True),
    ("i've replied stop three times", "stop", True),
    ("ارد عليكم بكلمه ايقاف", "ايقاف", True),
    ("just reply stop to opt out", "stop", False),
    ("please stop", "stop", False),
])
def test_replied_opt_out(text: str, word: str, replied: bool) -> None:
    toks = text.split()
    assert voice.replied_opt_out(toks, toks.index(word)) is replied


def test_you_keep_is_described_or_asked() -> None:
    toks = "you keep texting me".split()
    assert voice.describes_you(toks, 1) and not voice.asks_you(toks, 1)
    toks = "can you keep sending me".split()
    assert voice.asks_you(toks, 2) and not voice.describes_you(toks, 2)


@pytest.mark.parametrize(
    "text",
    [
        # long enough that "the account" must be shown to be theirs: the yes opens a command
        "ايوه امسحوا الحساب\nبس لو ينفع فضلوا ابعتولي النشرة بتاعة العروض على الايميل ده عشان"
        " بحب اشوف عروض رمضان",
        "Yes, close the account. I moved abroad last spring and I will not be ordering from"
        " the shop again, so there is no reason to keep it open any longer.",
    ],
)
def test_a_yes_opens_a_command(text: str) -> None:
    assert classify(msg(text)).intent == "delete_account"


@pytest.mark.parametrize(("text", "intent"), [
    # "not the newsletter" sets it apart from a paid plan's cancellation
    ("Please cancel my subscription - I mean the Rimal Plus membership, the SAR 199 a year one,"
     " which renews next week. I don't want it renewed.\n\nNot the newsletter, that one is"
     " fine, keep sending it.", "other"),
    # … "not the SMS anymore" asks for it
    ("Please, not the SMS anymore", "unsubscribe"),
    ("not the emails please, I get too many", "unsubscribe"),
])
def test_not_the_newsletter_spares_it(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize("text", [
    # a refusal after the request takes it back, whatever it names
    "please delete my account. actually don't delete anything.",
    "please delete my account. no wait, I'll keep it.",
    "Hello, sorry I didn't answer the first one. I asked to delete the account because I"
    " thought I would stop buying clothes for a while, but my daughter is getting married and"
    " she uses my account for everything. So please don't delete anything. I'll keep it.",
])
def test_a_later_refusal_takes_the_deletion_back(text: str) -> None:
    assert classify(msg(text)).intent == "other"


@pytest.mark.parametrize("text", [
    # «عادي …؟», "3adi …?" ("is it all right if you …?") asks it, as "can you" does
    "ana msajla b rqm al jawal mo b al email, 0509981244\n3adi t7thfon el 7sab ely 3la el rqm?",
    "انا مسجلة برقم الجوال مو بالايميل، 0509981244\nعادي تحذفون الحساب اللي على الرقم؟",
])
def test_is_it_all_right_asks(text: str) -> None:
    assert classify(msg(text)).intent == "delete_account"


@pytest.mark.parametrize(("text", "intent"), [
    # "an unsubscribe link" named in a cold pitch describes a control ...
    ("I noticed your newsletter footer only offers an unsubscribe link, with no way to request"
     " account deletion. Would you have 15 minutes next week for a call?", "other"),
    # ... "your unsubscribe link doesn't work" still asks
    ("your unsubscribe link doesn't work", "unsubscribe"),
    # a formal erasure of the sender's number and data, coordinated
    ("Please erase my phone number and all personal data you hold about me.", "delete_account"),
    ("please remove my email address and my order history", "other"),
])
def test_named_controls_and_coordinated_objects(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # a third-person verb is what a request asks for after "request that …"
    ("Our client asks that Dafatir closes her customer account.", "delete_account"),
    ("I am writing to request that Qirtas Books erases all personal data it holds about me.",
     "delete_account"),
    # … and a statement elsewhere
    ("Thanks, that clears everything up.", "other"),
])
def test_a_mandated_verb_is_a_request(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_a_lawyer_speaks_for_the_client() -> None:
    text = ("We write on behalf of our client, Mrs. Hessa Al Khalifa. Our client hereby withdraws her "
            "consent to receive direct marketing from Marjan Kids by email, SMS and WhatsApp, with "
            "immediate effect. For the avoidance of doubt, our client does not wish to close her "
            "account, which she continues to use.")
    assert classify(ParsedMessage(
        message_id=None, subject="Withdrawal of marketing consent", from_address="l@law.example",
        from_name="", reply_to=None, to=(), date=None, in_reply_to=None, references=(),
        return_path="l@law.example", text=text, quoted="", signature="", automation=(),
    )).intent == "unsubscribe"


def test_but_opens_an_imperative_after_a_bracket() -> None:
    """"(I still order from you!) but stop …": the bracket closed a sentence; "but" opens the
    request after it."""
    text = "Please keep my account (I still order from you!) but stop the promotional emails, it's too much."
    assert classify(msg(text)).intent == "unsubscribe"


@pytest.mark.parametrize("text", [
    # "why will you delete my account? … I don't want it deleted, it has many points"
    "ليش بتحذفون حسابي؟ وصلتني رسالة تقول حسابك بينحذف اذا ما سجلت دخول. انا ما ابي ينحذف",
    # "I don't want the newsletter back": it is off already
    "I think when I unsubscribed I also got cut off from the order emails. I don't want the "
    "newsletter back, just the order updates.",
])
def test_asking_why_or_not_wanting_it_back_asks_for_nothing(text: str) -> None:
    assert classify(msg(text)).intent == "other"


@pytest.mark.parametrize(("text", "intent"), [
    # "since Monday": it has stopped since then, a thank-you
    ("Thanks, that worked, no more emails since Monday. You can close this ticket.", "other"),
    ("no more emails since then, thank you", "other"),
    # "since I moved" gives a reason and still asks
    ("no more emails since I moved abroad please", "unsubscribe"),
])
def test_no_more_since_a_time_reports(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # «سيتم حذف حسابك» ("your account will be deleted"): a notice the sender quotes
    ('وصلتني هالرسالة على الجوال:\n"سدرة كيدز: سيتم حذف حسابك خلال ٢٤ ساعة، اضغط الرابط"\nهذي منكم؟'
     ' ما ضغطت الرابط', "other"),
    # Arabizi "ma3lomati" is the sender's own information, in a longer mail
    ("salam 3alaikom\nabi atsakar min el account w tmsa7oon kil ma3lomati 3indkom\nel raqam"
     " 9xxxxxx4 w el email hatha\nmashkoreen", "delete_account"),
])
def test_whose_account_and_data(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
