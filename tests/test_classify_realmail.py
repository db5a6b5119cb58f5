"""Real mail (tests/data/realmail): what the classifier's automatic actions do with it.

The full labelled set lives outside the repository and is scored by
bench/realmail_bench.py; these are a few dozen of its messages kept as regression tests.
"""

from __future__ import annotations

import csv
from email.header import Header
from pathlib import Path

import pytest

from mailbot.mail.parsing import parse_message
from mailbot.understanding.classify import classify
from tests.test_classify import AUTO_APPLY

DATA = Path(__file__).parent / "data" / "realmail"
ROWS = list(csv.DictReader(open(DATA / "labels.csv", encoding="utf-8")))  # noqa: SIM115
EXPECT = {"automated": "automated", "no_request": "other", "unsubscribe": "unsubscribe"}


def test_the_fixtures_cover_every_kind() -> None:
    assert {row["expect"] for row in ROWS} == set(EXPECT)
    assert len(ROWS) >= 30


@pytest.mark.parametrize("row", ROWS, ids=[row["file"] for row in ROWS])
def test_real_message(row: dict[str, str]) -> None:
    result = classify(parse_message((DATA / row["file"]).read_bytes()))
    assert result.intent != "delete_account", result.evidence
    if row["expect"] != "unsubscribe":
        assert not (result.intent == "unsubscribe" and result.confidence >= AUTO_APPLY), \
            result.evidence
    assert result.intent == EXPECT[row["expect"]], (result, row["note"])


def _raw(sender: str, subject: str, body: str, *headers: str) -> bytes:
    lines = [f"From: {sender}", "To: support@shop.example",
             f"Subject: {Header(subject, 'utf-8').encode()}", *headers,
             "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
             "Content-Transfer-Encoding: 8bit"]
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


@pytest.mark.parametrize(
    "raw",
    [
        _raw("MAILER-DAEMON <>", "failure notice", "Sorry, we were unable to deliver your "
             "message: please delete my account"),
        _raw("Postmaster <>", "Returned", "Your message could not be delivered. End of message."),
        _raw("Mail Admin <post_master@example.net>", "Notice", "Please remove me from the list."),
        _raw("Sam <sam@icloud.example>", "Auto reply: Your order", "I am away until Monday.",
             "X-Apple-Action: VACATION"),
        _raw("سارة <sara@example.com>", "رد تلقائي: احذف حسابي",
             "أنا خارج المكتب حتى الأحد، احذف رسائلي القديمة"),
        _raw("Ann <ann@example.com>", "Out of Office: please remove me",
             "I am out of the office until 3 June with no access to email."),
    ],
)
def test_machines_named_in_the_issue_are_recognised(raw: bytes) -> None:
    assert classify(parse_message(raw)).intent == "automated"
