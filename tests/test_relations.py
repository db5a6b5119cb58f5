"""understanding.relations: whose account a deletion names."""

from __future__ import annotations

import pytest

from mailbot.understanding import relations
from mailbot.understanding.classify import classify
from mailbot.understanding.normalise import tokens
from tests.test_classify import msg


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
