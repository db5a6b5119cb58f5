"""Tests for ``mailbot.mail.parsing`` (and its helpers ``mime_text`` and ``quotes``).

Most messages are built inline with :func:`mail` so each test shows the bytes it
feeds in; a few realistic ones live in ``tests/data/parsing``, and the labelled corpus
of 120 messages in ``tests/data/corpus``.
"""

from __future__ import annotations

import base64
import csv
import dataclasses
import email
import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.feedparser import FeedParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot.mail import parsing
from mailbot.mail.mime_text import decode_text, html_to_text, unfold
from mailbot.mail.parsing import ParsedMessage, parse_message
from mailbot.mail.quotes import is_attribution, split_body

DATA = Path(__file__).parent / "data" / "parsing"
CORPUS = Path(__file__).parent / "data" / "corpus"


def mail(
    body: str | bytes = "Hello there.",
    *headers: str,
    subject: str = "Hello",
    sender: str = "Ann Example <ann@example.com>",
    content_type: str | None = "text/plain; charset=utf-8",
    cte: str = "8bit",
) -> bytes:
    """A message as bytes with CRLF line endings; ``headers`` come after From/To/Subject."""
    lines = [f"From: {sender}", "To: support@shop.example", f"Subject: {subject}"]
    lines += list(headers)
    if content_type is not None:
        lines += ["MIME-Version: 1.0", f"Content-Type: {content_type}"]
        lines += [f"Content-Transfer-Encoding: {cte}"]
    head = "\r\n".join(lines).encode("ascii") + b"\r\n\r\n"
    if isinstance(body, str):
        body = body.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    return head + body


def b64_word(text: str, charset: str = "utf-8") -> str:
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def strings_of(parsed: ParsedMessage) -> Iterator[str]:
    for item in dataclasses.fields(parsed):
        value = getattr(parsed, item.name)
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple):
            for element in value:
                yield from (element,) if isinstance(element, str) else element


# --- headers ---------------------------------------------------------------------------


class TestHeaders:
    def test_plain_message(self) -> None:
        raw = mail(
            "Hi",
            "Date: Tue, 3 Jun 2025 16:30:00 +0400",
            "Message-ID:  <abc.123@example.com> ",
            "Reply-To: Other <other@example.org>",
            "Return-Path: <Ann@Example.com>",
        )
        parsed = parse_message(raw)
        assert parsed.from_address == "ann@example.com"
        assert parsed.from_name == "Ann Example"
        assert parsed.reply_to == "other@example.org"
        assert parsed.to == ("support@shop.example",)
        assert parsed.message_id == "<abc.123@example.com>"
        assert parsed.return_path == "Ann@Example.com"
        assert parsed.date == datetime(2025, 6, 3, 16, 30, tzinfo=timezone(timedelta(hours=4)))
        assert parsed.size == len(raw)
        assert parsed.defects == ()
        assert ("Subject", "Hello") in parsed.headers

    def test_address_case_is_kept(self) -> None:
        parsed = parse_message(mail(sender="Bob <Bob.Smith@Example.COM>"))
        assert parsed.from_address == "Bob.Smith@Example.COM"

    def test_several_and_awkward_addresses_go_through_getaddresses(self) -> None:
        raw = mail("x", sender='"Doe, Jane" <jane@example.com>').replace(
            b"To: support@shop.example",
            b'To: support@shop.example, "Shop (sales)" <sales@shop.example>,\r\n bare@example.net',
        )
        parsed = parse_message(raw)
        assert parsed.from_name == "Doe, Jane"
        assert parsed.to == ("support@shop.example", "sales@shop.example", "bare@example.net")

    @pytest.mark.parametrize(
        ("encoded", "expected"),
        [
            (b64_word("طلب حذف الحساب"), "طلب حذف الحساب"),
            (f"Re: {b64_word('عطور الخريف 🍂')}", "Re: عطور الخريف 🍂"),
            (b64_word("إلغاء الاشتراك", "windows-1256"), "إلغاء الاشتراك"),
            (b64_word("حذف الحساب", "iso-8859-6"), "حذف الحساب"),
            ("=?windows-1256?Q?=C5=E1=DB=C7=C1?=", "إلغاء"),
            ("=?utf-8?q?caf=C3=A9?= =?utf-8?q?_ok?=", "café ok"),
        ],
    )
    def test_rfc2047_subjects(self, encoded: str, expected: str) -> None:
        assert parse_message(mail(subject=encoded)).subject == expected

    def test_thunderbird_partly_encoded_subject_folded(self) -> None:
        subject = f"{b64_word('خطأ بإلغاء الحساب على')}\r\n Waha app"
        assert parse_message(mail(subject=subject)).subject == "خطأ بإلغاء الحساب على Waha app"

    def test_unfolding_removes_exactly_the_breaks_before_blanks(self) -> None:
        """``unfold`` takes shortcuts for LF-only and CRLF-only values; on every short mix
        of breaks, blanks and text it must remove what the RFC 5322 pattern removes."""
        fold = re.compile(r"\r?\n(?=[ \t])")
        pieces = ["a", " ", "\t", "\n", "\r", "\r\n"]
        for length in range(7):
            for combination in itertools.product(pieces, repeat=length):
                value = "".join(combination)
                assert unfold(value) == fold.sub("", value), repr(value)

    def test_encoded_word_with_unknown_charset_is_guessed(self) -> None:
        word = "=?x-no-such-charset?B?" + base64.b64encode("مرحبا".encode()).decode() + "?="
        assert parse_message(mail(subject=word)).subject == "مرحبا"

    def test_malformed_encoded_word_does_not_raise(self) -> None:
        parsed = parse_message(mail(subject="=?utf-8?B?!!!not base64?= =?utf-8?Q?=ZZ?="))
        assert isinstance(parsed.subject, str)

    def test_arabic_display_name(self) -> None:
        sender = f"{b64_word('هند المالكي', 'windows-1256')} <hind@example.net>"
        parsed = parse_message(mail(sender=sender))
        assert (parsed.from_name, parsed.from_address) == ("هند المالكي", "hind@example.net")

    def test_raw_8bit_headers_are_rescued(self) -> None:
        raw = mail().replace(b"Subject: Hello", "Subject: مرحبا".encode())
        raw = raw.replace(b"From: Ann Example", "From: سلمان".encode("cp1256"))
        parsed = parse_message(raw)
        assert parsed.subject == "مرحبا"
        assert parsed.from_name == "سلمان"
        assert parsed.from_address == "ann@example.com"

    @pytest.mark.parametrize(
        ("header", "expected"),
        [
            ("Date: Sun, 12 Jan 2025 20:15:09 -0000", datetime(2025, 1, 12, 20, 15, 9, tzinfo=UTC)),
            ("Date: not a date at all", None),
            ("Date: Mon, 99 Foo 2025 99:99:99 +9999", None),
        ],
    )
    def test_dates_are_aware_or_none(self, header: str, expected: datetime | None) -> None:
        parsed = parse_message(mail("x", header))
        assert parsed.date == expected
        if expected is None:
            assert "bad-date" in parsed.defects

    def test_missing_headers(self) -> None:
        parsed = parse_message(b"\r\njust a body\r\n")
        assert parsed.from_address is None
        assert parsed.subject == ""
        assert parsed.date is None
        assert parsed.message_id is None
        assert parsed.return_path is None
        assert parsed.text == "just a body"

    def test_thread_ids(self) -> None:
        raw = mail(
            "x",
            "In-Reply-To: <parent@shop.example> (comment)",
            "References: <root@shop.example>\r\n\t<parent@shop.example>",
        )
        parsed = parse_message(raw)
        assert parsed.in_reply_to == "<parent@shop.example>"
        assert parsed.references == ("<root@shop.example>", "<parent@shop.example>")

    def test_control_characters_never_reach_a_value(self) -> None:
        raw = mail("x", "Message-ID: <x\x0by@evil.example>", "In-Reply-To: <a\x01b@x>",
                   "References: <root@x> <c\x0bd@x>",
                   subject="Delete\x0b my\x1e account =?utf-8?b?4oCuZ25wLmV4ZQ==?=")
        parsed = parse_message(raw)
        assert parsed.message_id is None and parsed.in_reply_to is None
        assert parsed.references == ("<root@x>",)
        assert " ".join(parsed.subject.split()) == "Delete my account gnp.exe"
        assert parsed.subject.isprintable()

    def test_null_return_path(self) -> None:
        assert parse_message(mail("x", "Return-Path: <>")).return_path == ""

    def test_authentication_results_in_order(self) -> None:
        raw = mail(
            "x",
            "Authentication-Results: mx1.shop.example;\r\n dmarc=pass header.from=example.com",
            "Authentication-Results: relay.example.net; spf=fail",
        )
        assert parse_message(raw).authentication_results == (
            "mx1.shop.example; dmarc=pass header.from=example.com",
            "relay.example.net; spf=fail",
        )


# --- charsets --------------------------------------------------------------------------


class TestCharsets:
    ARABIC = "أرجو إلغاء اشتراكي في النشرة"

    @pytest.mark.parametrize("charset", ["windows-1256", "iso-8859-6", "utf-8", "UTF8"])
    def test_declared_charsets(self, charset: str) -> None:
        codec = {"UTF8": "utf-8"}.get(charset, charset)
        raw = mail(self.ARABIC.encode(codec), content_type=f'text/plain; charset="{charset}"')
        parsed = parse_message(raw)
        assert parsed.text == self.ARABIC
        assert parsed.defects == ()

    def test_utf8_labelled_latin1(self) -> None:
        raw = mail(self.ARABIC.encode("utf-8"), content_type="text/plain; charset=iso-8859-1")
        parsed = parse_message(raw)
        assert parsed.text == self.ARABIC
        assert "charset-mislabelled:iso-8859-1->utf-8" in parsed.defects

    def test_cp1256_labelled_utf8(self) -> None:
        raw = mail(self.ARABIC.encode("cp1256"), content_type="text/plain; charset=utf-8")
        parsed = parse_message(raw)
        assert parsed.text == self.ARABIC
        assert "charset-mismatch:utf-8->cp1256" in parsed.defects

    @pytest.mark.parametrize("codec", ["utf-8", "cp1256"])
    def test_unknown_charset_name(self, codec: str) -> None:
        raw = mail(self.ARABIC.encode(codec), content_type="text/plain; charset=x-arabic-weird")
        parsed = parse_message(raw)
        assert parsed.text == self.ARABIC
        assert any(d.startswith("charset-unknown:x-arabic-weird") for d in parsed.defects)

    def test_western_latin1_stays_latin1(self) -> None:
        text, defect = decode_text("Ça coûte 5 € — merci".encode("cp1252"), "windows-1252")
        assert (text, defect) == ("Ça coûte 5 € — merci", None)
        assert decode_text("déjà vu".encode("latin-1"), "iso-8859-1") == ("déjà vu", None)

    def test_no_charset_with_8bit_bytes(self) -> None:
        raw = mail(self.ARABIC.encode("cp1256"), content_type="text/plain")
        assert parse_message(raw).text == self.ARABIC

    def test_rfc2231_charset_parameter(self) -> None:
        raw = mail(self.ARABIC.encode("cp1256"), content_type="text/plain; charset*=windows-1256''")
        assert parse_message(raw).text == self.ARABIC

    def test_base64_and_quoted_printable(self) -> None:
        encoded = base64.encodebytes(self.ARABIC.encode("iso-8859-6")).decode()
        raw = mail(encoded, content_type="text/plain; charset=iso-8859-6", cte="base64")
        assert parse_message(raw).text == self.ARABIC
        raw = mail("caf=C3=A9 =\nok", cte="quoted-printable")
        assert parse_message(raw).text == "café ok"

    def test_fixture_iso8859_6(self) -> None:
        parsed = parse_message((DATA / "iso8859_6_base64.eml").read_bytes())
        assert parsed.text == "السلام عليكم،\nأرجو حذف حسابي وجميع بياناتي.\n\nمع الشكر"
        assert (parsed.subject, parsed.from_name) == ("حذف الحساب", "منيرة")


# --- HTML ------------------------------------------------------------------------------


class TestHtml:
    def test_blocks_entities_and_invisible_parts(self) -> None:
        html = (
            "<html><head><title>T</title><style>p {color: red}</style></head><body>"
            "<p>Hello&nbsp;there &amp; <b>welcome</b>,</p><div>second&#33;<br>third</div>"
            "<script>var x = '<p>no</p>';</script><table><tr><td>a</td><td>b</td></tr></table>"
            "<!-- a comment --><ul><li>one</li><li>two</li></ul></body></html>"
        )
        text, defect = html_to_text(html)
        assert defect is None
        assert text == "Hello there & welcome,\n\nsecond!\nthird\n\na b\n\none\ntwo"

    def test_blockquote_becomes_quote_lines(self) -> None:
        text, _ = html_to_text("<div>Take me off.</div><blockquote>News<br>More</blockquote>")
        assert text.splitlines()[-2:] == ["> News", "> More"]

    def test_html_only_message_is_converted(self) -> None:
        raw = mail("<p>Please&nbsp;stop.</p>", content_type="text/html; charset=utf-8")
        assert parse_message(raw).text == "Please stop."

    def test_alternative_prefers_plain(self) -> None:
        body = (
            "--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html version</p>\r\n"
            "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nplain version\r\n--B--\r\n"
        )
        raw = mail(body, content_type='multipart/alternative; boundary="B"')
        assert parse_message(raw).text == "plain version"

    def test_empty_plain_alternative_falls_back_to_html(self) -> None:
        body = (
            "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n \r\n"
            "--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>the real text</p>\r\n--B--\r\n"
        )
        raw = mail(body, content_type='multipart/alternative; boundary="B"')
        assert parse_message(raw).text == "the real text"

    def test_meta_charset_when_part_has_none(self) -> None:
        html = '<meta charset="windows-1256"><p>مرحبا بكم</p>'.encode("cp1256")
        assert parse_message(mail(html, content_type="text/html")).text == "مرحبا بكم"

    def test_attachments_and_attached_messages_are_not_the_text(self) -> None:
        body = (
            "--B\r\nContent-Type: text/plain; name=notes.txt\r\n"
            "Content-Disposition: attachment; filename=notes.txt\r\n\r\nattached notes\r\n"
            "--B\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner text\r\n"
            "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nmy own words\r\n--B--\r\n"
        )
        raw = mail(body, content_type='multipart/mixed; boundary="B"')
        assert parse_message(raw).text == "my own words"

    def test_rtl_windows_1256_outlook_html(self) -> None:
        parsed = parse_message((DATA / "cp1256_html_only.eml").read_bytes())
        assert parsed.text == (
            "السادة متجر الواحة،\n\n"
            "أرجو إيقاف رسائل العروض & الخصومات إلى بريدي.\n\nمع الشكر،\nسلمان"
        )
        assert parsed.from_name == "سلمان العتيبي"
        assert parsed.subject == "إيقاف العروض"

    def test_broken_html_never_raises(self) -> None:
        for html in ["<p", "<![CDATA[", "</>", "<a href='x>y", "<!--", "&#99999999;", "<svg><p>x"]:
            text, _ = html_to_text(html)
            assert isinstance(text, str)


# --- quotes and signatures -------------------------------------------------------------


class TestQuotes:
    def test_angle_bracket_quotes(self) -> None:
        split = split_body("Take me off.\n\n> Weekly news\n> Unsubscribe: https://x.example/u")
        assert split.text == "Take me off."
        assert split.quoted == "> Weekly news\n> Unsubscribe: https://x.example/u"

    def test_inline_answers_between_quotes_are_kept(self) -> None:
        split = split_body("> Which order?\nWH-1234\n> And the colour?\nRed, please.")
        assert split.text == "WH-1234\nRed, please."
        assert split.quoted == "> Which order?\n> And the colour?"

    def test_inline_answers_are_paired_with_the_lines_they_answer(self) -> None:
        split = split_body("see below\n\nOn Mon, 10 Feb 2025 at 17:00, Shop <c@shop.example> "
                           "wrote:\n> Hi,\n> 1. Which order?\n\nWH-1234\n\n> 2. Reply YES to "
                           "confirm.\n> Thanks\n\nYES\n-- \nLeila\n")
        assert [(a.question, a.answer) for a in split.answers] == [
            ("> Hi,\n> 1. Which order?", "WH-1234"), ("> 2. Reply YES to confirm.\n> Thanks", "YES")]
        assert split.text == "see below\n\nWH-1234\nYES"

    def test_one_reply_below_a_quote_answers_no_passage_of_its_own(self) -> None:
        assert split_body("> Which order?\nWH-1234, thanks").answers == ()
        assert split_body("WH-1234\n\n> Which order?").answers == ()  # top-posted
        assert split_body("> Which order?\nWH-1234\n> And the colour?\nRed.").answers != ()

    def test_a_reply_typed_between_the_quoted_lines_under_an_attribution(self) -> None:
        body = (
            "On 17/05/2027 08:00, Diyar Home wrote:\n"
            "> DIYAR HOME - Summer Cooling Week\n>\n> Split AC 2 ton - SAR 2,199\n\n"
            "Already bought one from you in March, thanks.\n\n"
            "> Manage preferences or unsubscribe: https://diyarhome.example/prefs\n\n"
            "That link gives me an error page. Please just unsubscribe me.\n\n"
            "> Diyar Home Appliances, King Fahd Road, Riyadh\n\n-- \nYusuf\n"
        )
        split = split_body(body)
        assert split.text == ("Already bought one from you in March, thanks.\n"
                              "That link gives me an error page. Please just unsubscribe me.")
        assert split.quoted.startswith("On 17/05/2027 08:00, Diyar Home wrote:\n> DIYAR HOME")
        assert "unsubscribe: https" in split.quoted and "Please just" not in split.quoted
        assert split.signature == "--\nYusuf"

    def test_a_bottom_posted_reply_is_the_senders_text(self) -> None:
        split = split_body("On Mon, 10 Feb 2025 at 17:00, Waha Store <news@shop.example> wrote:\n"
                           "> Free engraving this week\n\nRemove me from this list please.\n")
        assert split.text == "Remove me from this list please."
        assert split.quoted == ("On Mon, 10 Feb 2025 at 17:00, Waha Store <news@shop.example> "
                                "wrote:\n> Free engraving this week")

    def test_an_inline_reply_stops_at_a_later_forward(self) -> None:
        body = ("On Mon, 10 Feb 2025 at 17:00, Sara <sara@example.com> wrote:\n> is it broken?\n"
                "Yes, it is.\n\n-----Original Message-----\nFrom: Waha Store\n"
                "Sent: Monday\nTo: Sara\nSubject: Offers\n\nunquoted store text\n")
        split = split_body(body)
        assert split.text == "Yes, it is."
        assert split.quoted.endswith("unquoted store text")

    def test_an_attribution_over_unquoted_text_still_quotes_all_below(self) -> None:
        body = ("Thanks!\n\nOn Mon, 10 Feb 2025 at 17:00, Waha Store <news@shop.example> wrote:\n"
                "Your order has shipped.\n> nested older quote\nUnsubscribe here\n")
        split = split_body(body)
        assert split.text == "Thanks!"
        assert "Unsubscribe here" in split.quoted

    def test_english_attribution(self) -> None:
        body = (
            "Does engraving work on the burner?\n\n"
            "On Mon, 10 Feb 2025 at 17:00, Waha Store <news@shop.example> wrote:\n"
            "> Free engraving\n"
        )
        split = split_body(body)
        assert split.text == "Does engraving work on the burner?"
        assert split.quoted.startswith("On Mon, 10 Feb 2025")

    def test_english_attribution_wrapped_over_two_lines(self) -> None:
        body = (
            "Please delete my account.\n\nOn Sun, Jan 12, 2025 at 11:40 AM Waha Store <\n"
            "orders@shop.example> wrote:\n\nHi Pavel, your refund... delete nothing\n"
        )
        split = split_body(body)
        assert split.text == "Please delete my account."
        assert "refund" in split.quoted

    def test_arabic_gmail_attribution_with_bidi_controls(self) -> None:
        parsed = parse_message((DATA / "gmail_arabic_bidi_reply.eml").read_bytes())
        assert parsed.text == "ممكن توقفوا النشرة؟"
        assert "عطور الخريف وصلت!" in parsed.quoted
        assert "إلغاء الاشتراك" not in parsed.text

    def test_arabic_gmail_kataba_form(self) -> None:
        body = (
            "شكرا لكم\n\n\u200fفي الثلاثاء، ٣ يونيو ٢٠٢٥ ١٦:٣٠ كتب \u202bمتجر الواحة\u202c "
            "<\u202anews@shop.example\u202c>:\u200f\n\nلإلغاء الاشتراك اضغط هنا\n"
        )
        split = split_body(body)
        assert split.text == "شكرا لكم"
        assert "لإلغاء الاشتراك" in split.quoted

    def test_arabic_ios_attribution_with_arabic_indic_digits(self) -> None:
        body = (
            "ابي تحذفون حسابي\n\nأُرسلت من iPhone\n\n"
            "في ٢٠\u200f/١٠\u200f/٢٠٢٤، الساعة ٤:١٢ م، كتب متجر الواحة <orders@shop.example>:\n\n"
            "> مرحبًا خالد\n"
        )
        split = split_body(body)
        assert split.text == "ابي تحذفون حسابي"
        assert split.signature == "أُرسلت من iPhone"
        assert split.quoted.startswith("في ٢٠")

    def test_outlook_original_message(self) -> None:
        body = (
            "Yes, please go ahead.\n\n-----Original Message-----\nFrom: Waha Store\n"
            "Sent: Monday\nTo: me\nSubject: Confirm\n\nShall we delete your account?\n"
        )
        split = split_body(body)
        assert split.text == "Yes, please go ahead."
        assert split.quoted.startswith("-----Original Message-----")

    def test_outlook_english_header_block_with_rule(self) -> None:
        body = (
            "Thanks!\n\n________________________________\nFrom: Waha Store <news@shop.example>\n"
            "Sent: Wednesday, January 15, 2025 5:30 PM\nTo: talal@example.com\n"
            "Subject: Offers\n\nUnsubscribe here\n"
        )
        split = split_body(body)
        assert split.text == "Thanks!"
        assert split.quoted.startswith("____")
        assert "Unsubscribe here" in split.quoted

    def test_gmail_bold_header_block(self) -> None:
        body = "ok\n\n*From:* Shop <s@shop.example>\n*Sent:* Monday\n*To:* me\n*Subject:* x\n\nold"
        assert split_body(body).text == "ok"

    def test_arabic_outlook_header_block(self) -> None:
        parsed = parse_message((DATA / "outlook_arabic_reply_cp1256.eml").read_bytes())
        assert parsed.text == "احذفوا عنواني من هذه النشرة لو تكرمتم."
        assert parsed.quoted.startswith("________________________________\nمن: متجر الواحة")

    def test_arabic_outlook_arsalat_variant_without_rule(self) -> None:
        body = "تمام\n\nمن: متجر الواحة\nأرسلت: الأحد\nإلى: هند\nالموضوع: طلبك\n\nنص قديم"
        split = split_body(body)
        assert split.text == "تمام"
        assert split.quoted.endswith("نص قديم")

    def test_gmail_forwarded_message(self) -> None:
        body = (
            "Is this phishing?\n\n---------- Forwarded message ---------\n"
            "From: Fake <x@example.net>\nSubject: Verify\n\nClick here\n"
        )
        split = split_body(body)
        assert split.text == "Is this phishing?"
        assert split.quoted.startswith("---------- Forwarded message")

    def test_arabic_forwarded_message(self) -> None:
        body = "انظروا هذه\n\n---------- رسالة مُعاد توجيهها ---------\nمن: x\n\nاحذف حسابك"
        split = split_body(body)
        assert split.text == "انظروا هذه"
        assert "احذف حسابك" in split.quoted

    def test_apple_forward_banner(self) -> None:
        split = split_body("FYI\n\nBegin forwarded message:\n\nFrom: a\nold text")
        assert split.text == "FYI"

    @pytest.mark.parametrize(
        "signature",
        [
            "-- \nAnn Example\n+971 50 000 0000",
            "--\nAnn",
            "Sent from my iPhone",
            "Sent from my Galaxy",
            "Get Outlook for Android",
            "أُرسلت من iPhone",
            "أرسلت من جهاز iPad الخاص بي",
            "مرسل من جهاز Samsung",
            "DISCLAIMER: This message is confidential. If it reached you by mistake, delete it.",
            "This email and any attachments are confidential and intended for the addressee.",
            "إخلاء مسؤولية: هذه الرسالة سرية، يرجى حذف كل النسخ.",
        ],
    )
    def test_signatures(self, signature: str) -> None:
        split = split_body(f"Please stop the offers.\n\n{signature}\n")
        assert split.text == "Please stop the offers."
        assert split.signature == "\n".join(line.rstrip() for line in signature.splitlines())

    @pytest.mark.parametrize(
        "body",
        [
            "On Monday I ordered two bottles, and on Tuesday one more.",
            "On second thought, she wrote:\nkeep it.",
            "في الطلب الماضي كتبت لكم:\nأبي أغير العنوان",
            "From: my old address I still get offers",
            "My account -- the old one -- should stay.",
            "I sent from my phone a message yesterday.",
            "Sent with love and a complaint about my order WH-1234.",
            "مرسل من حسابي القديم طلب قبل أسبوع ولم يصلني أي رد حتى الآن، أرجو المتابعة.",
        ],
    )
    def test_ordinary_lines_are_not_markers(self, body: str) -> None:
        split = split_body(body)
        assert (split.text, split.quoted, split.signature) == (body, "", "")

    def test_crlf_and_empty(self) -> None:
        assert split_body("a\r\nb\r\n") == split_body("a\nb\n")
        empty = split_body("")
        assert (empty.text, empty.quoted, empty.signature) == ("", "", "")


# --- automation signals ----------------------------------------------------------------


class TestAutomation:
    @pytest.mark.parametrize(
        ("headers", "sender", "expected"),
        [
            (["Auto-Submitted: auto-replied"], None, ("auto-submitted:auto-replied",)),
            (["Auto-Submitted: Auto-Generated; x=1"], None, ("auto-submitted:auto-generated",)),
            (["Auto-Submitted: no"], None, ()),
            (["Precedence: bulk"], None, ("precedence:bulk",)),
            (["Precedence: junk"], None, ("precedence:junk",)),
            (["Precedence: list"], None, ("precedence:list",)),
            (["Precedence: first-class"], None, ()),
            (["List-Id: Offers <offers.example.net>"], None, ("list-id",)),
            (["List-Unsubscribe: <mailto:u@example.net>"], None, ("list-unsubscribe",)),
            (["X-Autoreply: yes"], None, ("x-autoreply",)),
            (["X-Autorespond: yes"], None, ("x-autoreply",)),
            (["X-Auto-Response-Suppress: All"], None, ("x-auto-response-suppress",)),
            (["Return-Path: <>"], None, ("null-return-path",)),
            ([], "MAILER-DAEMON@mx.example.net", ("sender:mailer-daemon",)),
            ([], "Postmaster <postmaster@example.net>", ("sender:mailer-daemon",)),
            ([], "Billing <noreply-billing@example.com>", ("sender:no-reply",)),
            ([], "no-reply@example.org", ("sender:no-reply",)),
            ([], "do-not-reply@example.org", ("sender:no-reply",)),
            ([], "DoNotReply <donotreply@example.org>", ("sender:no-reply",)),
            ([], "MAILER-DAEMON <>", ("sender:mailer-daemon",)),
            ([], "Postmaster <>", ("sender:mailer-daemon",)),
            ([], "Mail Admin <post_master@example.net>", ("sender:mailer-daemon",)),
            (["X-Apple-Action: VACATION"], None, ("x-apple-action:vacation",)),
            (["X-Autogenerated: Reply"], None, ("x-autogenerated",)),
            ([], "News <bounces+84c1@mail.example.com>", ("sender:no-reply",)),
            ([], "Nora <nora.reply@example.org>", ()),
            ([], "Ann <ann@example.com>", ()),
        ],
    )
    def test_signal(
        self, headers: list[str], sender: str | None, expected: tuple[str, ...]
    ) -> None:
        raw = mail("text", *headers, sender=sender or "Ann <ann@example.com>")
        parsed = parse_message(raw)
        assert parsed.automation == expected
        assert parsed.is_automated == bool(expected)

    @pytest.mark.parametrize(
        "subject", ["Auto reply: Your order", b64_word("رد تلقائي: احذف حسابي"),
                    "Out of Office: remove me", "Undeliverable: delete my account"])
    def test_auto_reply_and_bounce_subjects(self, subject: str) -> None:
        parsed = parse_message(mail("Please delete my account.", subject=subject))
        assert parsed.automation[0].startswith("subject:")

    def test_dsn_fixture(self) -> None:
        parsed = parse_message((DATA / "dsn_bounce.eml").read_bytes())
        assert parsed.automation == (
            "auto-submitted:auto-replied",
            "dsn",
            "sender:mailer-daemon",
            "subject:bounce",
            "null-return-path",
        )
        assert parsed.text.startswith("I'm sorry to have to inform you")
        assert "delete my account" not in parsed.text  # the bounced message is not the text

    def test_delivery_status_part_inside_mixed(self) -> None:
        body = (
            "--B\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
            "--B\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\n--B--\r\n"
        )
        raw = mail(body, content_type='multipart/mixed; boundary="B"')
        assert parse_message(raw).automation == ("dsn",)


class TestListUnsubscribeMailto:
    @pytest.mark.parametrize(
        ("subject", "body"),
        [
            ("Unsubscribe waha-offers 7c41d2a9", ""),
            ("unsubscribe", ""),
            ("remove waha-weekly-ar 5d20e3", "\n\n"),
            ("STOP", ""),
            ("Unsubscribe: offers", ""),
            ("unsubscribe", "This message was automatically generated by Gmail."),
        ],
    )
    def test_client_generated(self, subject: str, body: str) -> None:
        parsed = parse_message(mail(body, subject=subject))
        assert parsed.list_unsubscribe_mailto
        assert parsed.automation == ()

    @pytest.mark.parametrize(
        ("subject", "body", "headers"),
        [
            ("unsubscribe", "", ["List-Id: <offers.example.net>"]),
            ("Unsubscribe", "", ["List-Post: <mailto:l@example.net>"]),
            ("unsubscribe", "Please take me off your list, and delete my account too.", []),
            ("Remove my account", "", []),
            ("Re: unsubscribe", "", []),
            ("unsubscribed but still getting mail", "", []),
            ("Hello", "", []),
        ],
    )
    def test_not_client_generated(self, subject: str, body: str, headers: list[str]) -> None:
        assert not parse_message(mail(body, *headers, subject=subject)).list_unsubscribe_mailto

    def test_fixture_without_mime_headers(self) -> None:
        parsed = parse_message((DATA / "list_unsubscribe_mailto.eml").read_bytes())
        assert parsed.list_unsubscribe_mailto
        assert parsed.text == ""


# --- hostile input ---------------------------------------------------------------------


def _cpython_email_data() -> list[Path]:
    candidates = [
        Path(email.__file__).parent.parent / "test" / "test_email" / "data",
        Path("/root/.pyenv/versions/3.11.7/lib/python3.11/test/test_email/data"),
    ]
    for folder in candidates:
        if folder.is_dir():
            return sorted(path for path in folder.iterdir() if path.is_file())
    return []


CPYTHON_SAMPLES = _cpython_email_data()


def test_survives_cpython_email_test_data() -> None:
    assert CPYTHON_SAMPLES, "this Python build ships no Lib/test/test_email/data to parse"
    for path in CPYTHON_SAMPLES:
        parsed = parse_message(path.read_bytes())
        assert isinstance(parsed, ParsedMessage), path.name
        assert not [d for d in parsed.defects if d.startswith("parser-error")], path.name


def _full_feed(raw: bytes) -> email.message.Message:
    parser = FeedParser(policy=parsing._POLICY)
    parser.feed(raw.decode("ascii", "surrogateescape"))
    return parser.close()


def _tree(msg: email.message.Message) -> list[object]:
    payload = msg._payload
    return [msg.get_unixfrom(), list(msg._headers), [repr(d) for d in msg.defects],
            msg.preamble, msg.epilogue, msg.get_default_type(), repr(msg._charset),
            [_tree(part) for part in payload] if isinstance(payload, list) else payload]


_LINES = [b"From: a@b\n", b"Subject: x\r\n", b"To: c@d\r", b" folded\n", b"\n", b"\r\n", b"\r",
          b"body\n", b"From x y\n", b"no colon\n", b":bad\n", b"X: \xd9\x85\n", b"\r\r",
          b"Content-Type: multipart/mixed; boundary=z\n", b"--z\n", b"--z--\n",
          b"Content-Type: message/rfc822\n", b"Content-Transfer-Encoding: base64\n",
          b"Content-Type: MultiPart/Alternative; boundary=z\r\n", b"Content-Type: MESSAGE/RFC822\n",
          b"Content-Type: multi\n", b"\tpart/mixed; boundary=z\n"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES), max_size=14))
def test_single_part_shortcut_gives_the_full_parse(lines: list[bytes]) -> None:
    """``_parse`` reads only the headers of a single-part message; the tree must be the
    one the whole feed gives, whatever the line ends and header shapes."""
    raw = b"".join(lines)
    assert _tree(parsing._parse(raw)) == _tree(_full_feed(raw))


def test_single_part_shortcut_on_sample_mail() -> None:
    # every fourth of the project's own mail: the labelled sets grow by hundreds a round, and
    # the structures repeat (every client, encoding and charset is in each set)
    ours = sorted((Path(__file__).parent / "data").rglob("*.eml"))[::4]
    samples = CPYTHON_SAMPLES + ours
    assert len(samples) > 100
    for path in samples:
        raw = path.read_bytes()
        assert _tree(parsing._parse(raw)) == _tree(_full_feed(raw)), path.name


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe" * 100,
        b"From: \r\nSubject: =?\r\nContent-Type: multipart/mixed\r\n\r\nno boundary",
        b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n",
        b"Content-Type: text/plain; charset=\xd8\xa7\xd9\r\n\r\n\xd8\xa7",
        b"Content-Type: text/plain; charset*=utf-8''\r\n\r\nbody",
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!!====",
        b"Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 f\r\n#garbage\r\n",
        b"Date: Mon, 1 Jan 99999 00:00:00 +0000\r\nMessage-ID: <<<>>>\r\n\r\n",
        b"From: =?utf-8?B?\xff\xfe?= <a@b>\r\nTo: ,,,;;;<>\r\n\r\n",
        b"Content-Type: text/html\r\n\r\n<p" + b"<div>" * 5000,
        # RFC 2231 boundary holding raw 8-bit bytes: raw surrogate-escaped values made the
        # parser's get_boundary() raise, so the policy hands it decoded text
        b"Content-Type: multipart/signed;\r\n\tboundary*=\"a\xb6\xc5\x96si-x3.4-1968''Ee\"\r\n\r\n"
        b"--Ee\r\n\r\nx\r\n--Ee--\r\n",
    ],
)
def test_nasty_inputs(raw: bytes) -> None:
    parsed = parse_message(raw)
    assert parsed.size == len(raw)
    assert not [d for d in parsed.defects if d.startswith("parser-error")]
    for value in strings_of(parsed):
        value.encode("utf-8")  # no lone surrogates leak out


def test_deep_nesting_and_big_bodies() -> None:
    depth = 300
    head = "".join(
        f"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n" for i in range(depth)
    )
    raw = head.encode() + b"Content-Type: text/plain\r\n\r\ndeep\r\n"
    assert isinstance(parse_message(raw), ParsedMessage)
    big = parse_message(mail(("أرجو حذف حسابي " * 10 + "\n") * 20_000))
    assert big.text.startswith("أرجو حذف حسابي")
    assert "text-truncated" in big.defects


@pytest.mark.parametrize("offset", [0, 1])  # where the byte limit falls in a 2-byte letter
def test_one_long_utf8_line_cut_mid_character_stays_utf8(offset: int) -> None:
    text = "x" * offset + "حذف حسابي " * 200_000  # ~1.9 MB on one line
    parsed = parse_message(mail(text))
    assert "text-truncated" in parsed.defects
    assert not any(d.startswith("charset-") for d in parsed.defects), parsed.defects
    assert parsed.text.lstrip("x").startswith("حذف حسابي")


def test_huge_attachments_are_not_parsed_to_the_end() -> None:
    attachment = b"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n" * 200_000
    body = (
        b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nphoto attached\r\n"
        b"--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + attachment
        + b"--B--\r\n"
    )
    raw = mail(body, content_type='multipart/mixed; boundary="B"')
    parsed = parse_message(raw)
    assert parsed.text == "photo attached"
    assert parsed.size == len(raw)
    assert "message-truncated" in parsed.defects


def test_the_last_line_of_defence() -> None:
    parsed = parse_message(None)  # type: ignore[arg-type]  # anything at all: never raise
    assert parsed.defects == ("parser-error:TypeError",)


_HEADER_NAMES = st.sampled_from(
    ["From", "To", "Subject", "Date", "Message-ID", "Content-Type", "Content-Transfer-Encoding",
     "Content-Disposition", "Return-Path", "Auto-Submitted", "List-Id", "References", "X-Junk"]
)  # fmt: skip
_CHARSETS = st.sampled_from(
    ["utf-8", "windows-1256", "iso-8859-6", "latin-1", "us-ascii", "x-bogus", "", "utf-7",
     "unknown-8bit", "\u00e9", "utf-16", "cp1256\"; x=\""]
)  # fmt: skip
_TYPES = st.sampled_from(
    ["text/plain", "text/html", "multipart/mixed", "multipart/alternative", "multipart/report",
     "message/rfc822", "message/delivery-status", "application/octet-stream", "text", "/"]
)  # fmt: skip
_CTES = st.sampled_from(["7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "bogus"])
_JUNK = st.binary(max_size=60)
_TEXTS = st.text(max_size=60)


@st.composite
def mime_streams(draw: st.DrawFn, depth: int = 0) -> bytes:
    """Loosely MIME-shaped bytes: random headers, boundaries, charsets, cut-off parts."""
    lines: list[bytes] = []
    for _ in range(draw(st.integers(0, 6))):
        value = draw(st.one_of(_TEXTS.map(lambda t: t.encode("utf-8", "replace")), _JUNK))
        lines.append(draw(_HEADER_NAMES).encode() + b": " + value.replace(b"\n", b"\n "))
    boundary = draw(st.sampled_from(["b", "==x==", "", "a b", "--"]))
    content_type = f"{draw(_TYPES)}; charset={draw(_CHARSETS)}; boundary=\"{boundary}\""
    lines.append(b"Content-Type: " + content_type.encode("utf-8"))
    lines.append(b"Content-Transfer-Encoding: " + draw(_CTES).encode())
    body: list[bytes] = []
    if depth < 2:
        for _ in range(draw(st.integers(0, 3))):
            body.append(b"--" + boundary.encode())
            body.append(draw(mime_streams(depth=depth + 1)))
        if draw(st.booleans()):
            body.append(b"--" + boundary.encode() + b"--")
    body.append(draw(st.one_of(_JUNK, _TEXTS.map(lambda t: t.encode("utf-8")))))
    stream = b"\r\n".join(lines) + b"\r\n\r\n" + b"\r\n".join(body)
    cut = draw(st.integers(0, len(stream)))
    return stream[:cut] if draw(st.booleans()) else stream


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.one_of(mime_streams(), st.binary(max_size=400)))
def test_broken_mime_never_raises(raw: bytes) -> None:
    parsed = parse_message(raw)
    assert isinstance(parsed, ParsedMessage)
    assert parsed.size == len(raw)
    assert not [d for d in parsed.defects if d.startswith("parser-error")]
    for value in strings_of(parsed):
        value.encode("utf-8")


# --- the labelled corpus (tests/data/corpus) --------------------------------------------


Corpus = dict[str, tuple[ParsedMessage, dict[str, str]]]  # file name → (parsed, labels row)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    with (CORPUS / "labels.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        Path(row["file"]).name: (parse_message((CORPUS / row["file"]).read_bytes()), row)
        for row in rows
    }


class TestCorpus:
    def test_every_message_parses_cleanly(self, corpus: Corpus) -> None:
        assert len(corpus) == 120
        for name, (parsed, _) in corpus.items():
            assert parsed.defects == (), name
            assert parsed.from_address and parsed.date and parsed.message_id, name
            assert parsed.text or parsed.subject, name

    def test_automation_signals_match_the_automated_label(self, corpus: Corpus) -> None:
        for name, (parsed, row) in corpus.items():
            assert parsed.is_automated == (row["label"] == "automated"), name

    def test_only_the_client_generated_unsubscribes_are_mailto(self, corpus: Corpus) -> None:
        flagged = sorted(
            name for name, (parsed, _) in corpus.items() if parsed.list_unsubscribe_mailto
        )
        assert flagged == ["031.eml", "049.eml"]

    def test_windows_1256_rtl_html(self, corpus: Corpus) -> None:
        parsed, _ = corpus["043.eml"]
        assert "أرجو إقفال الحساب المسجل باسمي ومحو المعلومات المرتبطة به." in parsed.text
        assert parsed.text.endswith("عادل الرميثي")
        assert "font-family" not in parsed.text
        assert parsed.from_name == "عادل الرميثي"

    def test_iso_8859_6(self, corpus: Corpus) -> None:
        parsed, _ = corpus["028.eml"]
        assert "أود إيقاف الاثنين معا." in parsed.text
        assert parsed.from_name == "وداد الفارس"
        parsed, _ = corpus["035.eml"]
        assert parsed.text.startswith("السادة متجر الواحة،\nنرغب في سداد قيمة الطلب رقم WH-63012")

    def test_gmail_bidi_attribution(self, corpus: Corpus) -> None:
        parsed, _ = corpus["012.eml"]
        assert parsed.text == "الله يخليكن وقّفوا هالنشرة عني، ما عم إقراها أصلاً."
        assert "لإلغاء الاشتراك" in parsed.quoted

    def test_ios_attribution_and_signature(self, corpus: Corpus) -> None:
        parsed, _ = corpus["107.eml"]
        assert parsed.text == "وصل الطلب شكرا. بس ابي بعد تحذفون حسابي لاني ما راح اطلب مرة ثانية"
        assert parsed.signature == "أُرسلت من iPhone"
        assert "لإلغاء الاشتراك" in parsed.quoted

    def test_arabic_outlook_block_in_windows_1256(self, corpus: Corpus) -> None:
        parsed, _ = corpus["027.eml"]
        assert parsed.text == "شكرًا جزيلًا على سرعة التجاوب.\n\nهند"
        assert "الموضوع: تم استلام طلب الإرجاع" in parsed.quoted

    def test_disclaimer_is_signature(self, corpus: Corpus) -> None:
        parsed, _ = corpus["046.eml"]
        assert "delete every copy" in parsed.signature
        assert "delete every copy" not in parsed.text

    def test_english_quotes_and_forwards(self, corpus: Corpus) -> None:
        assert corpus["106.eml"][0].text == "Take me off."
        forwarded, _ = corpus["018.eml"]
        assert forwarded.text.startswith("Got this today.")
        assert "Unsubscribe" not in forwarded.text

    def test_partly_encoded_subject(self, corpus: Corpus) -> None:
        assert corpus["013.eml"][0].subject == "خطأ بإلغاء الحساب على Waha app"


@pytest.mark.parametrize(("line", "following", "expected"), [
    ("\u202bفي الاثنين، 22 يناير 2029 في 8:40 م تمت كتابة ما يلي بواسطة \u202aسعود\u202c "
     "<\u202asaud.m@example.net\u202c\u200f>:\u202c", "", True),
    ("On Mon, 3 Jun 2025 at 16:30, Waha Store <news@shop.example>", "wrote:", True),
    ("On Monday I ordered a phone and it never came:", "", False),
])
def test_is_attribution(line: str, following: str, expected: bool) -> None:
    assert is_attribution(line, following) is expected
