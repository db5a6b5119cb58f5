"""Families found by held-out set 90 (chasers and follow-ups, a second time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_follow_up import follow_up

MINE_EN = ("On 4/30/25 7:02 PM, Fatima Benali wrote:\n> Please delete my account and all my "
           "personal data.\n> Fatima")
MINE_AR = ("في ١٨/٥/٢٠٢٥، الساعة ١٠:٣١ م، كتب Fatima Benali <fatima@mail.example>:\n\n> السلام "
           "عليكم\n> أرجو حذف حسابي نهائياً مع جميع البيانات المرتبطة به.")
UNDER_OUR_ANSWER = ("On Mon, May 12, 2025 at 9:15 AM Shop Support <support@shop.example> wrote:\n"
                    "> Hi Fatima,\n> Thanks for your message, we've passed it to the team.\n>\n"
                    "> On Sun, May 11, 2025 at 5:48 PM Fatima Benali <fatima@mail.example> wrote:\n"
                    ">> hi please close my account and remove my details, we moved to Canada")


@pytest.mark.parametrize(("text", "quoted"), [
    # chasers in other words: "sending this again", «هل تم …؟», «ها وش صار؟»
    ("Sending this again since nobody answered in 3 weeks.", MINE_EN),
    ("صباح الخير، هل تم حذف حسابي؟ لم يصلني أي تأكيد حتى الآن.", MINE_AR),
    ("ها وش صار؟ الحساب للحين شغال", MINE_AR),
    # … and the sender's own request quoted below our answer to it
    ("Any update?", UNDER_OUR_ANSWER),
])
def test_a_chaser_in_other_words_chases_the_senders_own_request(text: str, quoted: str) -> None:
    assert classify(follow_up(text, quoted)).intent == "delete_account"


def test_a_status_question_under_someone_elses_mail_asks_nothing() -> None:
    theirs = ("On Mon, May 12, 2025 at 9:15 AM Shop Support <support@shop.example> wrote:\n"
              "> Your order 5521 has shipped.")
    assert classify(follow_up("هل تم الشحن؟", theirs)).intent == "other"
