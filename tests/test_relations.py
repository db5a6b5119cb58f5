"""understanding.relations: whose account a deletion names."""

from __future__ import annotations

import pytest

from mailbot.understanding import relations
from mailbot.understanding.classify import classify
from mailbot.understanding.normalise import tokens
from tests.test_classify import auto_applied, for_a_person, msg


@pytest.mark.parametrize(("text", "intent"), [
    ("A friend of mine set up an account for me last year using my email address. I never used"
     " it. Please delete the account under priya@yahoo.example and whatever data you have.",
     "delete_account"),
    ("رفيقتي فتحتلي حساب عندكن على إيميلي. هلق ما عاد بدي الحساب. ممكن تمسحوه مع كل المعلومات؟",
     "delete_account"),
    # a colleague's own account stays the colleague's
    ("My colleague Omar set up an account with you. He has left; please close the account.",
     "other"),
])
def test_an_account_opened_with_my_details_is_mine(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize("text", [
    "Marhaba,\n\nummi alla yer7amha twaffat abl shahren, w ba3do el emails wel reminders 3am"
    " yejo 3ala emaila.\nbadde 2emsa7 el 7sab taba3ha 3indkom kello. el email:"
    " samira.h@hotmail.example\n\niza bedkom shahadet el wafat b2ba3atha.\n\nshukran\nRami",
    "السلام عليكم،\n\nالوالد ديالي عبد اللطيف كبير فالسن وما بقاش كيستعمل الأنترنيت، وطلب مني"
    " نراسلكم.\nبغينا تحيدو الحساب ديالو (a.b@menara.example) نهائيا وتمسحو المعلومات ديالو.\n"
    "إلا خصكم شي وثيقة قولو ليا.\n\nشكرا بزاف\nكريم",
])
def test_a_relatives_account_in_arabizi_and_maghrebi(text: str) -> None:
    assert classify(msg(text)).intent == "delete_account"


@pytest.mark.parametrize(("text", "expected"), [
    ("A friend set up an account for me using my email address.", True),
    ("رفيقتي فتحتلي حساب عندكن على إيميلي.", True),
    ("My friend opened an account. I use my email for work.", False),  # two sentences
])
def test_opened_with_my_details(text: str, expected: bool) -> None:
    assert relations.opened_with_my_details(tokens(text)) is expected


@pytest.mark.parametrize("text", [
    "My late father had an account with you. Please close his account.",
    "Please close my wife's account, she asked me to.",
    "زوجتي عندها حساب عندكم تبي تسكر الحساب",
    "نرجو إغلاق حساب الموظف خالد لأنه ترك الشركة",  # "the employee's account": he left
    "I have two accounts. Please close the old hotmail account. Keep this one.",
])
def test_a_deletion_of_another_account_goes_to_a_person(text: str) -> None:
    """mailbot confirms and erases the sender's own account: for another one a person checks
    whose first, so the request is read but stays below the auto-apply line."""
    result = classify(msg(text))
    assert result.intent == "delete_account", result
    assert result.confidence < 0.8 and any("a person checks" in e for e in result.evidence)


@pytest.mark.parametrize("text", [
    "Please delete my account and all my data.",
    "A friend set up an account for me using my email address. Please delete it.",
    "I have an account with you, please close it. My wife keeps hers.",
])
def test_the_senders_own_account_is_not_someone_elses(text: str) -> None:
    assert relations.another_account(tokens(text)) is None


def test_take_her_off_for_a_relative_named_in_the_mail() -> None:
    # typed above a quoted newsletter in her mailbox
    result = classify(msg("Take her off please. This is my mum's email, I check it for her."))
    assert result.intent == "unsubscribe"


@pytest.mark.parametrize(("text", "expected"), [
    ("My late father had an account with you.", True),
    ("This is my mum's email.", True),
    ("زوجتي عندها حساب", True),
    ("The father of the bride ordered a dress.", False),  # nobody the sender's
])
def test_names_relative(text: str, expected: bool) -> None:
    assert relations.names_relative(tokens(text)) is expected


def test_keep_the_other_one_is_the_senders_own_only_when_this_one_goes() -> None:
    own = "I have two accounts. Please delete the one under this email and keep the other one."
    other = ("I have 2 accounts with you. Can you delete the old account on h_m87@example.net "
             "please? Keep the other one, it has my points.")
    assert relations.another_account(tokens(own)) is None
    assert relations.another_account(tokens(other)) is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("Please take my wife's email off your mailing list.", True),
    ("My father keeps getting your promotional emails. Please remove his address.", True),
    ("Please take me off your mailing list.", False),
    ("My wife says your offers are great, but please take me off the list.", False),
])
def test_an_unsubscribe_for_someone_elses_address(text: str, expected: bool) -> None:
    assert (relations.another_address(tokens(text)) is not None) is expected


def test_an_account_of_someone_who_left_the_company_goes_to_a_person() -> None:
    text = ("Fatima left our company last month. She opened a customer account with you using her "
            "company address. Please deactivate that account.")
    assert for_a_person(text, "delete_account")
    assert relations.another_account(tokens("I left my old company. Please delete my account.")) is None


def test_a_relatives_orders_named_are_no_other_address() -> None:
    text = ("Please stop sending the promotional mails to my email id. Do not close my account: my "
            "mother's prescriptions and orders are saved in it.")
    assert relations.another_address(tokens(text)) is None


@pytest.mark.parametrize("text", [
    # "our neighbour … asked me to write to you (that) you stop the offers to her email"
    "جارتنا كبيرة في السن. هي طلبت مني اكتب لكم توقفون العروض عن ايميلها umfahad.1950@hotmail.com",
    # "my husband … asked me to write to you (that) you take his email off the offers list"
    "زوجي يوصله منكم ايميلات عروض وهو متضايق منها\nطلب مني اكتب لكم تشيلون ايميله من قائمة العروض",
])
def test_an_address_written_for_a_neighbour_or_relative_goes_to_a_person(text: str) -> None:
    assert for_a_person(text, "unsubscribe")


def test_a_wish_for_a_friends_address_goes_to_a_person() -> None:
    """"If I send a gift to my friend … does her address stay on file? I don't want her to get
    messages from you": the friend's address, not the sender's."""
    text = ("اذا ارسلت هدية لصديقتي هي تشوف اسمي ورقمي؟ ولا السعر؟\nوبعدين عنوانها يظل محفوظ عندكم؟ "
            "ما ابيها تستلم رسايل منكم")
    assert not auto_applied(text, "unsubscribe")


@pytest.mark.parametrize(("text", "sender", "why"), [
    # an assistant for her manager, a son under a power of attorney: another address's account
    ("Please deactivate the account for m.rahman@group.example per Mr. Rahman's request.",
     "sneha@group.example", True),
    # the sender's own address, named again
    ("Please delete my account under sneha@group.example.", "Sneha@Group.example", False),
    # an address that names no account
    ("Please delete my account. You can reach me at sneha@group.example too.",
     "s@home.example", False),
])
def test_account_at_another_address(text: str, sender: str, why: bool) -> None:
    found = relations.account_at_another_address(tokens(text), text, sender)
    assert (found is not None) is why


@pytest.mark.parametrize(("text", "why"), [
    # another address on the list: mailbot would withdraw the sender's own consent
    ("Please remove the email below from your list: a@b.example", True),
    ("My old work address s.y@company.example still gets your deals emails. Please remove that"
     " address from your mailing list.", True),
    # the sender's own address, or the store's
    ("Please remove the email below from your list: customer@example.com", False),
    ("I wrote to unsubscribe@news.shop.example twice. Please remove me from your list.", False),
])
def test_an_unsubscribe_for_another_address_goes_to_a_person(text: str, why: bool) -> None:
    assert (for_a_person(text, "unsubscribe") if why else auto_applied(text, "unsubscribe"))
