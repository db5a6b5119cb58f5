"""End to end: real Dovecot, real aiosmtpd, SQLite and PostgreSQL, the daemon's own pass."""

from __future__ import annotations

import re

from sqlalchemy import func, select, update
from sqlmodel import Session

from mailbot.policy.states import RequestState
from mailbot.store.audit import verify_chain
from mailbot.store.crypto import hash_token
from mailbot.store.customers import describe_customer, find_customer
from mailbot.store.models import (
    AuditEvent,
    Customer,
    CustomerStatus,
    MarketingProfile,
    Order,
    PrivacyRequest,
    Suppression,
)
from tests.fixtures.world import World
from tests.helpers import PERSONAL_VALUES, SAMPLE_CUSTOMER, decrypted_database_text

SARA = SAMPLE_CUSTOMER["email"]
AHMED = "ahmed.alharbi@example.com"
ATTACKER = "mallory@example.net"
REF = re.compile(r"\[ref:([A-Z0-9]{4}-[A-Z0-9]{4})\]")


def _ahmed() -> dict:
    return {"email": AHMED, "name": "أحمد الحربي", "marketing": {"email": True, "sms": True},
            "interests": ["العطور"]}


def _shown(world: World, email: str) -> dict | None:
    with Session(world.rt.engine) as session:
        customer = find_customer(session, cipher=world.rt.cipher, email=email)
        return describe_customer(session, customer, cipher=world.rt.cipher) if customer else None


def _requests(world: World) -> list[PrivacyRequest]:
    with Session(world.rt.engine) as session:
        return list(session.scalars(select(PrivacyRequest).order_by(PrivacyRequest.id)))


def _profile_rows(world: World) -> int:
    with Session(world.rt.engine) as session:
        return session.scalar(select(func.count()).select_from(MarketingProfile)) or 0


def test_english_unsubscribe(world: World) -> None:
    world.customers(SAMPLE_CUSTOMER)
    world.send(f"Sara Haddad <{SARA}>", "Too many emails",
               "Hi, please unsubscribe me from all your marketing. Thanks, Sara")
    report = world.run()
    assert report.executed and not report.failed
    shown = _shown(world, SARA)
    assert shown is not None and shown["status"] == "active"
    assert not any(shown["marketing"].values())
    assert _profile_rows(world) == 0
    (reply,) = world.replies(SARA)
    assert reply["Content-Language"] == "en"
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["Subject"] == "Re: Too many emails"
    assert "order" in world.reply_text(reply).lower()  # transactional mail continues
    assert world.mailbox.count("Processed") == 1 and world.mailbox.count("INBOX") == 0
    assert _requests(world)[0].state == RequestState.replied  # reply delivered in the pass
    world.run()
    assert len(world.replies()) == 1  # nothing twice


def test_unsubscribe_from_the_named_channel_only(world: World) -> None:
    world.customers(SAMPLE_CUSTOMER)
    world.send(f"Sara Haddad <{SARA}>", "SMS",
               "Please stop the promotional SMS messages to my phone. Emails are fine.")
    world.run()
    shown = _shown(world, SARA)
    assert shown is not None and shown["marketing"] == {"email": True, "sms": False}
    assert _profile_rows(world) == 1  # still gets the newsletter it is tailored for


def test_arabic_unsubscribe(world: World) -> None:
    world.customers(_ahmed())
    world.send(f"Ahmed <{AHMED}>", "إلغاء الاشتراك",
               "السلام عليكم، أرجو إلغاء اشتراكي في النشرة البريدية والرسائل الترويجية. شكراً")
    world.run()
    shown = _shown(world, AHMED)
    assert shown is not None and not any(shown["marketing"].values())
    assert _profile_rows(world) == 0
    (reply,) = world.replies(AHMED)
    assert reply["Content-Language"] == "ar"
    html = reply.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert 'dir="rtl"' in html and 'lang="ar"' in html


def test_unknown_sender_unsubscribe_is_suppressed(world: World) -> None:
    world.send("stranger@example.org", "unsubscribe", "Please remove me from your mailing list.")
    world.run()
    with Session(world.rt.engine) as session:
        assert session.get(Suppression, world.rt.cipher.email_index("stranger@example.org"))
    assert len(world.replies("stranger@example.org")) == 1


def _ask_deletion(world: World) -> str:
    world.customers(SAMPLE_CUSTOMER)
    world.send(f"Sara <{SARA}>", "Delete my account",
               "Hello, please delete my account and all my personal data. Sara")
    world.run()
    (confirmation,) = world.replies(SARA)
    match = REF.search(str(confirmation["Subject"]))
    assert match, confirmation["Subject"]
    assert _requests(world)[0].state == RequestState.awaiting_confirmation
    return match.group(1)


def _confirm(world: World, ref: str, sender: str = SARA, **headers: str) -> None:
    world.clock.advance(hours=1)
    world.send(sender, f"Re: Confirm the deletion of your account [ref:{ref}]",
               "Yes, go ahead.", **headers)
    world.run()


def test_deletion_round_trip_erases_everything_personal(world: World) -> None:
    ref = _ask_deletion(world)
    with Session(world.rt.engine) as session:  # stored hashed, never in clear
        assert session.scalar(select(PrivacyRequest.token_hash)) == hash_token(ref)
    _confirm(world, ref)
    (request,) = _requests(world)
    assert request.state in (RequestState.applied, RequestState.replied)
    assert _shown(world, SARA) is None
    with Session(world.rt.engine) as session:
        customer = session.scalars(select(Customer)).one()
        assert customer.status == CustomerStatus.erased and customer.pii_enc is None
        order = session.scalars(select(Order)).one()
        assert (str(order.total), str(order.vat), order.customer_id) == ("120.50", "5.74", None)
    done = world.replies(SARA)[-1]
    assert "Re:" in str(done["Subject"])
    world.run()  # the final reply is sent; its stored copy is then forgotten
    text = decrypted_database_text(world.rt.engine, world.rt.cipher)
    for value in PERSONAL_VALUES:
        assert value.lower() not in text.lower(), value
    assert world.rt.cipher.email_index(SARA) in text  # suppression keeps the blind index only


def test_forged_deletion_sends_nothing_to_the_attacker(world: World) -> None:
    world.customers(SAMPLE_CUSTOMER)
    world.send(f"Sara <{SARA}>", "Delete my account", "Please delete my account immediately.",
               Reply_To=ATTACKER)
    world.run()
    assert world.replies(ATTACKER) == []
    (confirmation,) = world.replies()
    assert SARA.lower() in str(confirmation["To"]).lower()
    ref = REF.search(str(confirmation["Subject"])).group(1)  # type: ignore[union-attr]
    _confirm(world, ref, sender=ATTACKER)  # the attacker guessed or saw the ref
    assert _shown(world, SARA) is not None
    assert world.replies(ATTACKER) == []


def test_confirmation_needs_the_right_token_once_and_in_time(world: World) -> None:
    ref = _ask_deletion(world)
    _confirm(world, "ZZZZ-ZZZZ")
    assert _shown(world, SARA) is not None
    world.clock.advance(hours=80)  # past confirmation_ttl_hours (72)
    _confirm(world, ref)
    assert _shown(world, SARA) is not None
    assert _requests(world)[0].state == RequestState.expired


def test_reused_token_does_nothing(world: World) -> None:
    ref = _ask_deletion(world)
    _confirm(world, ref)
    assert _shown(world, SARA) is None
    world.customers({**SAMPLE_CUSTOMER, "email": "sara.new@example.com"})
    _confirm(world, ref, sender="sara.new@example.com")
    assert _shown(world, "sara.new@example.com") is not None


def test_out_of_office_never_confirms(world: World) -> None:
    ref = _ask_deletion(world)
    _confirm(world, ref, Auto_Submitted="auto-replied")
    assert _shown(world, SARA) is not None


def test_reminder_then_expiry_note(world: World) -> None:
    _ask_deletion(world)
    world.clock.advance(hours=30)
    world.run()
    assert len(world.replies(SARA)) == 2  # confirmation + reminder
    reminder_ref = REF.search(str(world.replies(SARA)[-1]["Subject"]))
    assert reminder_ref
    world.clock.advance(hours=50)
    world.run()
    assert _requests(world)[0].state == RequestState.expired
    assert len(world.replies(SARA)) == 3


def test_audit_chain_detects_an_edited_event(world: World) -> None:
    ref = _ask_deletion(world)
    _confirm(world, ref)
    count, problems = verify_chain(world.rt.engine)
    assert count >= 4 and problems == []
    with Session(world.rt.engine) as session:
        victim = session.scalars(select(AuditEvent.id).order_by(AuditEvent.id).offset(1)).first()
        assert victim is not None
        session.execute(update(AuditEvent).where(AuditEvent.id == victim)
                        .values(action="request_rejected"))
        session.commit()
    _, problems = verify_chain(world.rt.engine)
    assert [p.event_id for p in problems] == [victim]
    assert "edited" in str(problems[0])


def test_other_mail_stays_unread_in_the_inbox(world: World) -> None:
    world.send("mona@example.com", "Where is my order?",
               "Hi, my order WS-1003 has not arrived yet, can you check the tracking?")
    world.run()
    assert world.mailbox.count("INBOX") == 1
    assert all(b"\\Seen" not in flags for flags in world.mailbox.flags().values())
    assert world.replies() == [] and _requests(world) == []


def test_the_same_request_twice_is_handled_once(world: World) -> None:
    world.customers(SAMPLE_CUSTOMER)
    first = world.send(SARA, "unsubscribe", "Please unsubscribe me from your newsletter.")
    world.mailbox.deliver(first.as_bytes())  # the very same message delivered again
    world.mailbox.deliver(b"Received: from mx2.shop.example\r\n" + first.as_bytes())  # by 2 MXs
    world.send(SARA, "stop", "Please stop sending me promotional emails.")  # asked twice
    world.run()
    world.run()
    assert len(_requests(world)) == 1
    assert len(world.replies(SARA)) == 1
    assert world.mailbox.count("INBOX") == 0 and world.mailbox.count("Processed") == 4
    with Session(world.rt.engine) as session:
        merged = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "request_merged")).all()
    assert len(merged) == 1


def test_an_erasure_outlasts_a_reimport_of_the_same_file(world: World) -> None:
    _confirm(world, _ask_deletion(world))
    assert _shown(world, SARA) is None
    world.customers(SAMPLE_CUSTOMER)  # the shop's nightly export still has her
    world.run()
    assert _shown(world, SARA) is None
    text = decrypted_database_text(world.rt.engine, world.rt.cipher)
    for value in PERSONAL_VALUES:
        assert value.lower() not in text.lower(), value
    with Session(world.rt.engine) as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 1


def test_evidence_is_encrypted_and_gone_with_the_erasure(world: World) -> None:
    from tests.helpers import raw_database_text

    world.customers(SAMPLE_CUSTOMER)
    world.send(f"Sara <{SARA}>", "A question first",
               "Please delete my account, the one for Villa 12 Zq-unique-evidence. Sara")
    world.run()
    (request,) = _requests(world)
    evidence = world.rt.cipher.decrypt_json(request.evidence_enc)
    assert evidence and any("delete my account" in e.lower() for e in evidence)
    assert "delete my account" not in raw_database_text(world.rt.engine).lower()
    (confirmation,) = world.replies(SARA)
    _confirm(world, REF.search(str(confirmation["Subject"])).group(1))  # type: ignore[union-attr]
    assert _shown(world, SARA) is None
    with Session(world.rt.engine) as session:
        assert session.scalars(select(PrivacyRequest.evidence_enc)).all() == [None]
    assert "delete my account" not in decrypted_database_text(world.rt.engine,
                                                             world.rt.cipher).lower()


def test_a_reply_names_only_channels_the_customer_consented_to(world: World) -> None:
    world.customers({**_ahmed(), "marketing": {"email": True, "sms": True}})
    world.send(f"Ahmed <{AHMED}>", "رسائل SMS",
               "أرجو إيقاف الرسائل النصية الترويجية على جوالي فقط. البريد لا بأس به.")
    world.run()
    assert _shown(world, AHMED)["marketing"] == {"email": True, "sms": False}  # type: ignore[index]
    (reply,) = world.replies(AHMED)
    text = world.reply_text(reply)
    assert "البريد الإلكتروني" in text  # email: consented, still allowed, named as continuing
    for never in ("الهاتف", "وسائل التواصل", "البريد العادي"):  # phone, social, post
        assert never not in text, text
    world.customers({"email": SARA, "marketing": {"email": True}})
    world.send(SARA, "Unsubscribe", "Please unsubscribe me from all your marketing.")
    world.run()
    (english,) = world.replies(SARA)
    assert "by email." in world.reply_text(english) or "by email " in world.reply_text(english)
    assert "SMS" not in world.reply_text(english) and "phone" not in world.reply_text(english)
