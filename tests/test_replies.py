"""Rendering replies (pure) and deciding when not to reply."""

from __future__ import annotations

import os
import random
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.policy import default as default_policy
from pathlib import Path

import pytest

from mailbot.config import BrandSettings, PolicySettings, RepliesSettings, Settings, SmtpSettings
from mailbot.mail.parsing import ParsedMessage
from mailbot.outgoing.replies import (
    ENGLISH_ONLY,
    KINDS,
    LANGUAGES,
    ReplyError,
    count_phrase,
    render_parts,
    render_reply,
    reply_blocked_reason,
    reply_subject,
    sample_contexts,
)

NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
SNAPSHOTS = Path(__file__).parent / "snapshots"
SETTINGS = Settings(
    brand=BrandSettings(name="Waha Store", support_address="support@shop.example"),
    smtp=SmtpSettings(from_address="replies@shop.example"),
    policy=PolicySettings(deny_list=("blocked@example.org", "@spam.example")),
)


def reply(kind: str = "received", language: str = "en", **kwargs: object) -> EmailMessage:
    values: dict[str, object] = {
        "context": {}, "settings": SETTINGS, "to": "sara@example.com", "in_reply_to": None,
        "references": (), "original_subject": None, "now": NOW,
    }
    values.update(kwargs)
    return render_reply(kind, language=language, **values)  # type: ignore[arg-type]


def wire(message: EmailMessage) -> EmailMessage:
    """What the recipient parses: the bytes we store and send, read back."""
    parsed = message_from_bytes(message.as_bytes(policy=SMTP_POLICY), policy=default_policy)
    assert isinstance(parsed, EmailMessage)
    return parsed


def bodies(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


# ---------------------------------------------------------------- threading and headers


def test_reply_threads_under_the_customers_message() -> None:
    msg = wire(reply(in_reply_to="<m2@mail.example>", references=("<m1@mail.example>",),
                     original_subject="RE: Re: please unsubscribe me"))
    assert msg["Subject"] == "Re: please unsubscribe me"
    assert msg["In-Reply-To"] == "<m2@mail.example>"
    assert msg["References"] == "<m1@mail.example> <m2@mail.example>"


def test_references_are_not_duplicated_and_stay_bounded() -> None:
    refs = tuple(f"<r{i}@x.example>" for i in range(40)) + ("<r39@x.example>",)
    msg = reply(in_reply_to="r39@x.example", references=refs, original_subject="hi")
    chain = str(msg["References"]).split()
    assert chain[0] == "<r0@x.example>" and chain[-1] == "<r39@x.example>"
    assert len(chain) == len(set(chain)) == 20


def test_arabic_reply_prefix_is_not_doubled() -> None:
    assert reply_subject("x", "رد: احذفوا حسابي", None) == "Re: احذفوا حسابي"
    assert reply_subject("x", "Re: Re[2]: AW: hello", None) == "Re: hello"
    assert reply_subject("template", None, None) == "template"
    assert reply_subject("template", "   ", None) == "template"


def test_a_long_subject_keeps_the_reference() -> None:
    threaded = reply("confirm_deletion", context={"ref": "ABCDEFGH-IJKLMNO"},
                     original_subject="x" * 500)
    assert str(threaded["Subject"]).endswith(" [ref:ABCDEFGH-IJKLMNO]")
    assert len(str(threaded["Subject"])) < 240


def test_without_an_original_the_template_subject_is_used() -> None:
    msg = reply("no_account", context={"request_kind": "unsubscribe"})
    assert msg["Subject"] == "We couldn't find a Waha Store account for this address"
    assert msg["In-Reply-To"] is None and msg["References"] is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_confirmation_subject_carries_the_reference(language: str) -> None:
    fresh = reply("confirm_deletion", language, context={"ref": "7K2Q-9XHD"})
    assert "[ref:7K2Q-9XHD]" in str(fresh["Subject"])
    threaded = reply("confirm_deletion", language, context={"ref": "7K2Q-9XHD"},
                     in_reply_to="<m1@x.example>", original_subject="delete my account")
    assert threaded["Subject"] == "Re: delete my account [ref:7K2Q-9XHD]"


def test_rfc3834_and_identity_headers() -> None:
    msg = wire(reply("unsubscribed", "ar"))
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["X-Auto-Response-Suppress"] == "All"
    assert msg["Content-Language"] == "ar"
    assert msg["From"].addresses[0].display_name == "Waha Store"
    assert msg["From"].addresses[0].addr_spec == "replies@shop.example"
    assert msg["Reply-To"] == "support@shop.example"
    assert msg["To"] == "sara@example.com"
    assert msg["Date"].datetime == NOW
    assert str(msg["Message-ID"]).endswith("@shop.example>")
    assert reply()["Message-ID"] != reply()["Message-ID"]


def test_bidi_overrides_and_controls_never_reach_a_subject() -> None:
    sent = wire(reply(original_subject="Invoice \u202eFDP.exe\u202c \u2066x\u2069 \x0bend"))
    assert str(sent["Subject"]) == "Re: Invoice FDP.exe x end"


def test_an_address_we_cannot_write_to_blocks_the_reply_only() -> None:
    msg = ParsedMessage(message_id=None, subject="unsubscribe", from_address='"alice"@example.com',
                        from_name="", reply_to=None, to=(), date=None, in_reply_to=None,
                        references=(), return_path=None, text="", quoted="", signature="",
                        automation=())
    assert reply_blocked_reason(msg, sender='"alice"@example.com', settings=SETTINGS) \
        == "unusable-address"
    with pytest.raises(ReplyError):
        reply(to="sara\x0b@example.com")


def test_message_ids_and_boundaries_never_come_from_random(monkeypatch: pytest.MonkeyPatch) -> None:
    """``random``'s state can be rebuilt from its output (Message-IDs and MIME boundaries
    of ~300 replies were enough to predict the next confirmation's Message-ID)."""
    def predictable(*_args: object) -> int:
        raise AssertionError("random used for an identifier")

    monkeypatch.setattr(random, "getrandbits", predictable)
    monkeypatch.setattr(random, "randrange", predictable)
    sent = wire(reply("confirm_deletion", context={"ref": "7K2Q-9XHD"}))
    assert re.fullmatch(r"<[0-9a-f]{32}@shop\.example>", str(sent["Message-ID"]))
    assert re.fullmatch(r"=_[0-9a-f]{32}", sent.get_boundary() or "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_and_html_alternatives_in_utf8(language: str) -> None:
    msg = wire(reply("deletion_done", language))
    assert msg.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in msg.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert all(part.get_content_charset() == "utf-8" for part in msg.iter_parts())
    text, html = bodies(msg)
    for body in (text, html):
        assert "Waha Store" in body and "support@shop.example" in body
    assert ("حذفنا حسابك" if language == "ar" else "deleted your Waha Store account") in text


def test_arabic_html_is_right_to_left() -> None:
    _, html = bodies(wire(reply("confirm_deletion", "ar", context={"ref": "AB12-CD34"})))
    assert '<html lang="ar" dir="rtl">' in html
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "يكفي الرد على هذه الرسالة" in html
    _, english = bodies(wire(reply("confirm_deletion", "en", context={"ref": "AB12-CD34"})))
    assert '<html lang="en" dir="ltr">' in english


def test_confirmation_says_what_is_deleted_kept_and_when_it_expires() -> None:
    policy = PolicySettings(confirmation_ttl_hours=48, financial_retention_years=7)
    settings = Settings(policy=policy)
    _, text, _ = render_parts("confirm_deletion", language="en", context={"ref": "AB12-CD34"},
                              settings=settings, now=NOW)
    assert "expires in 48 hours" in text and "for 7 years, as tax law requires" in text
    _, arabic, _ = render_parts("confirm_deletion", language="ar", context={"ref": "AB12-CD34"},
                                settings=settings, now=NOW)
    assert "خلال 48 ساعة" in arabic and "لمدة 7 سنوات" in arabic


def test_language_falls_back_to_the_brand_default() -> None:
    arabic_brand = Settings(brand=BrandSettings(default_language="ar"))
    assert reply("received", "fr", settings=arabic_brand)["Content-Language"] == "ar"
    assert reply("received", "und")["Content-Language"] == "en"
    assert reply("admin_alert", "ar", context={"alert_subject": "x"})["Content-Language"] == "en"


def test_everything_from_mail_is_escaped_in_html() -> None:
    hostile = Settings(brand=BrandSettings(name='<script>alert(1)</script> & "Co"'))
    subject, text, html = render_parts("received", language="en", context={},
                                       settings=hostile, now=NOW)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" in text  # plain text is not HTML
    lines = ["<img src=x onerror=alert(1)>"]
    _, _, alert_html = render_parts("admin_alert", language="en",
                                    context={"alert_subject": "x", "lines": lines},
                                    settings=SETTINGS, now=NOW)
    assert "<img" not in alert_html


def test_subjects_cannot_inject_headers() -> None:
    msg = reply(original_subject="hello\r\nBcc: victim@example.com")
    assert msg["Subject"] == "Re: hello Bcc: victim@example.com"
    assert msg["Bcc"] is None
    with pytest.raises(ReplyError):
        reply("confirm_deletion", context={"ref": "X]\r\nBcc: a@b"})
    with pytest.raises(ReplyError):
        reply(to="a@example.com\r\nBcc: b@example.com")


def test_internationalised_addresses() -> None:
    idn = wire(reply(to="sara@مثال.امارات"))
    assert idn["To"] == "sara@xn--mgbh0fb.xn--mgbaam7a8h"
    eai = reply(to="سارة@example.com")
    assert eai["To"].addresses[0].addr_spec == "سارة@example.com"


def test_missing_context_and_unknown_kinds_are_errors() -> None:
    with pytest.raises(ReplyError, match="needs ref"):
        reply("confirm_deletion")
    with pytest.raises(ReplyError, match="unknown reply kind"):
        reply("welcome")


def test_arabic_counted_nouns_agree_with_the_number() -> None:
    assert count_phrase(1, "hour", "ar") == "ساعة واحدة"
    assert count_phrase(2, "year", "ar") == "سنتين"
    assert count_phrase(5, "year", "ar") == "5 سنوات"
    assert count_phrase(72, "hour", "ar") == "72 ساعة"
    assert count_phrase(1, "hour", "en") == "1 hour"
    assert count_phrase(24, "hour", "en") == "24 hours"


def test_unsubscribe_mentions_channels_only_when_partial() -> None:
    _, partial, _ = render_parts("unsubscribed", language="en",
                                 context={"channels": ["sms"], "remaining_channels": ["email"]},
                                 settings=SETTINGS, now=NOW)
    assert "marketing by SMS" in partial and "marketing by email continues" in partial
    _, everything, _ = render_parts("unsubscribed", language="ar", context={},
                                    settings=SETTINGS, now=NOW)
    assert "لن تصلك بعد الآن أي رسائل تسويقية" in everything
    assert "ستظل تصلك الرسائل المتعلقة بطلباتك" in everything  # order mail continues


def test_operator_override_directory_wins(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "received.subject.txt").write_text("Got it, {{ brand_name }}!\n")
    settings = Settings(replies=RepliesSettings(template_dir=tmp_path))
    subject, text, _ = render_parts("received", language="en", context={},
                                    settings=settings, now=NOW)
    assert subject == "Got it, Waha Store!"
    assert "reviewing it" in text  # the other files still come from the package


# ---------------------------------------------------------------- snapshots


VARIANTS: dict[str, tuple[str, dict[str, object]]] = {
    # the other branch of templates that say different things for different cases
    "unsubscribed-all": ("unsubscribed", {}),
    "no_account-delete": ("no_account", {"request_kind": "delete_account"}),
    "deletion_done-no-orders": ("deletion_done", {"orders_kept": 0}),
    "received-unsubscribe": ("received", {"request_kind": "unsubscribe"}),
}
SNAPSHOT_CASES = [
    (name, lang)
    for name in (*KINDS, *VARIANTS)
    for lang in (("en",) if VARIANTS.get(name, (name,))[0] in ENGLISH_ONLY else LANGUAGES)
]


@pytest.mark.parametrize(("name", "language"), SNAPSHOT_CASES)
def test_snapshot(name: str, language: str) -> None:
    """Every template in every language; regenerate with UPDATE_SNAPSHOTS=1."""
    kind, context = VARIANTS.get(name, (name, sample_contexts(NOW).get(name, {})))
    subject, text, html = render_parts(kind, language=language, context=context,
                                       settings=Settings(), now=NOW)
    rendered = {
        SNAPSHOTS / f"{name}.{language}.txt": f"Subject: {subject}\n\n{text}",
        SNAPSHOTS / f"{name}.{language}.html": html,
    }
    for path, content in rendered.items():
        if os.environ.get("UPDATE_SNAPSHOTS") == "1":
            SNAPSHOTS.mkdir(exist_ok=True)
            path.write_text(content, encoding="utf-8")
        assert path.exists(), f"no snapshot {path.name}; run with UPDATE_SNAPSHOTS=1"
        assert content == path.read_text(encoding="utf-8"), f"{path.name} changed"


# ---------------------------------------------------------------- when not to reply


def parsed(**changes: object) -> ParsedMessage:
    base = ParsedMessage(
        message_id="<m1@mail.example>", subject="unsubscribe", from_address="sara@example.com",
        from_name="Sara", reply_to=None, to=("support@shop.example",), date=NOW,
        in_reply_to=None, references=(), return_path="sara@example.com", text="unsubscribe",
        quoted="", signature="", automation=(),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def blocked(msg: ParsedMessage | None = None, sender: str = "sara@example.com") -> str | None:
    return reply_blocked_reason(msg or parsed(), sender=sender, settings=SETTINGS)


def test_a_person_gets_a_reply() -> None:
    assert blocked() is None
    human = (("Auto-Submitted", "no"), ("Precedence", "first-class"))
    assert blocked(parsed(headers=human)) is None


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ((("Auto-Submitted", "auto-replied"),), "automated:auto-submitted:auto-replied"),
        ((("Auto-Submitted", "Auto-Generated; owner-email=x@y"),),
         "automated:auto-submitted:auto-generated"),
        ((("Precedence", "bulk"),), "automated:precedence:bulk"),
        ((("Precedence", "junk"),), "automated:precedence:junk"),
        ((("Precedence", "list"),), "automated:precedence:list"),
        ((("List-Id", "<news.shop.example>"),), "automated:list-id"),
        ((("List-Unsubscribe", "<mailto:u@x>"),), "automated:list-unsubscribe"),
        ((("Return-Path", "<>"),), "automated:null-return-path"),
        ((("X-Autoreply", "yes"),), "automated:x-autoreply"),
        ((("X-Autorespond", "yes"),), "automated:x-autoreply"),
        ((("X-Auto-Response-Suppress", "All"),), "automated:x-auto-response-suppress"),
        ((("Content-Type", "multipart/report; report-type=delivery-status"),), "automated:dsn"),
    ],
)
def test_automated_mail_gets_no_reply_even_if_the_parser_missed_it(
    headers: tuple[tuple[str, str], ...], reason: str
) -> None:
    assert blocked(parsed(headers=headers)) == reason


def test_parser_signals_and_null_sender_block() -> None:
    assert blocked(parsed(automation=("x-autoreply",))) == "automated:x-autoreply"
    assert blocked(parsed(return_path="")) == "automated:null-return-path"


@pytest.mark.parametrize(
    "sender", ["MAILER-DAEMON@mx.example.com", "postmaster@example.com",
               "no-reply@example.com", "noreply@example.com", "do-not-reply@example.com"]
)
def test_machine_senders_get_no_reply(sender: str) -> None:
    assert str(blocked(parsed(from_address=sender), sender=sender)).startswith("automated:sender:")


@pytest.mark.parametrize(
    ("sender", "reason"),
    [
        ("Support@Shop.Example", "own-address"),
        ("replies@shop.example", "own-address"),
        ("blocked@example.org", "deny-list"),
        ("anyone@spam.example", "deny-list"),
        ("", "no-sender"),
        ("not-an-address", "no-sender"),
    ],
)
def test_own_and_denied_addresses_get_no_reply(sender: str, reason: str) -> None:
    assert blocked(sender=sender) == reason


def test_subdomains_are_not_caught_by_a_domain_entry() -> None:
    assert blocked(sender="a@mail.spam.example") is None


def test_a_mail_clients_list_unsubscribe_is_answered() -> None:
    msg = parsed(list_unsubscribe_mailto=True, automation=("auto-submitted:auto-generated",),
                 headers=(("Auto-Submitted", "auto-generated"),))
    assert blocked(msg) is None
    bounce = replace(msg, return_path="")
    assert blocked(bounce) == "automated:null-return-path"


def test_rendering_depends_only_on_its_inputs() -> None:
    """render_reply is pure: the same inputs give the same bodies; `now` is an input."""
    first = reply("deletion_done", now=NOW)
    later = reply("deletion_done", now=NOW + timedelta(days=400))
    assert bodies(first)[0] != bodies(later)[0]  # kept_until follows `now`
    assert bodies(first) == bodies(reply("deletion_done", now=NOW))
