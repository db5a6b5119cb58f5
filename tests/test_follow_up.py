"""understanding.follow_up: a follow-up chases the sender's own earlier request."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding.classify import classify
from mailbot.understanding.follow_up import follows_up, own_earlier
from tests.test_classify import msg


def follow_up(text: str, quoted: str) -> ParsedMessage:
    """Fatima's follow-up, forwarding what ``quoted`` holds."""
    return replace(msg(text, "FW: Request to delete my account", quoted=quoted,
                       from_address="fatima@mail.example", return_path="fatima@mail.example"),
                   from_name="Fatima Benali")


MINE = ("From: Fatima Benali\nSent: Sunday, January 12, 2025 9:41 AM\nTo: care@shop.example\n"
        "Subject: Request to delete my account\n\nHello,\n\nPlease delete my account (this email "
        "address) and all the personal information associated with it.\n\nThank you,\nFatima")
MINE_AR = ("في الأحد، 12 يناير 2025 في 9:41 ص، كتب fatima@mail.example:\n> مرحبا، ابي احذف "
           "حسابي وكل بياناتي عندكم لو سمحتوا")
MINE_UNSUB = ("On Sun, 12 Jan 2025 at 09:41, Fatima Benali <fatima@mail.example> wrote:\n"
              "> Please unsubscribe me from your newsletter.")
THEIRS = ("From: Shop Care <care@shop.example>\nSent: Sunday, January 12, 2025 9:41 AM\n"
          "To: fatima@mail.example\nSubject: Your request\n\nHello, if you want to delete your "
          "account please reply to this email.")


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # a follow-up chases the sender's own request quoted under it
    ("Following up on my email below - it has now been over 30 days and I have not received "
     "any response. Please action the deletion and confirm.", MINE, "delete_account"),
    ("للمتابعة على طلبي السابق، للحين ما وصلني رد", MINE_AR, "delete_account"),
    ("Any update on this? I haven't heard back.", MINE_UNSUB, "unsubscribe"),
    # … not the store's own quoted mail, and not a request taken back
    ("Following up on your email below, I have a question about my order.", THEIRS, "other"),
    ("Please ignore my email below, I changed my mind. Following up just to say thanks.",
     MINE, "other"),
    # a chaser without a quoted request of its own asks for nothing by itself
    ("Following up - any update?", "", "other"),
    # «في جديد؟» above one's own deletion request chases it
    ("في جديد؟", MINE_AR, "delete_account"),
    # … and asking to stay on the newsletter does not take the closure back (it includes it)
    ("Any update on this? I asked on 25 October and nothing has happened, I can still log in."
     " I'd still like to keep getting the newsletter, so please leave my email on the mailing"
     " list.", MINE, "delete_account"),
])
def test_a_follow_up_chases_the_senders_own_request(text: str, quoted: str,
                                                    intent: str) -> None:
    result = classify(follow_up(text, quoted))
    assert result.intent == intent, result
    if intent != "other":
        assert 0.8 <= result.confidence <= 0.85


def test_own_earlier_reads_only_the_senders_quoted_mail() -> None:
    assert "Please delete my account" in own_earlier(MINE, "fatima@mail.example",
                                                     "Fatima Benali")
    assert own_earlier(THEIRS, "fatima@mail.example", "Fatima Benali") is None


@pytest.mark.parametrize(("text", "chases"), [
    ("Following up on my email below", True),
    ("ارسلت لكم امس وما صار شي", True),
    ("Please ignore my email below, following up to say thanks", False),  # taken back
    ("Thanks for the quick delivery!", False),
    # «في جديد؟», «فيه جديد؟», "any news?" chase; «عروض جديدة» and «حسابي الجديد» do not
    ("في جديد؟", True),
    ("فيه جديد", True),
    ("any news?", True),
    ("عندكم عروض جديدة؟", False),
    ("حسابي الجديد", False),
    # "the follow-up" thanks us for ours
    ("Thanks Reem, refund received this morning. All good now - appreciate the follow-up.", False),
    ("Thanks for your follow up", False),
])
def test_follows_up(text: str, chases: bool) -> None:
    assert follows_up(text) == chases
