"""Intake against real Dovecot and both databases: when a request's deadline starts, and
the attacks found on a default deployment (the confirmation needs its secret token, an
autoresponder never confirms, a forged request never swallows the customer's own)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from mailbot.pipeline import review
from mailbot.store.models import (
    AuditEvent,
    InboundMessage,
    PrivacyRequest,
    RequestKind,
    RequestState,
)
from tests.fixtures.world import World, compose
from tests.helpers import SAMPLE_CUSTOMER

SARA = SAMPLE_CUSTOMER["email"]
REF = re.compile(r"\[ref:([A-Z0-9]{4}-[A-Z0-9]{4})\]")


def _deliver(world: World, *, date_header: datetime, internal_date: datetime) -> None:
    message = compose(SARA, "unsubscribe", "Please unsubscribe me from your newsletter.",
                      now=date_header)
    world.mailbox.deliver(message.as_bytes(), internal_date=internal_date)


def _request(world: World) -> PrivacyRequest:
    with Session(world.rt.engine) as session:
        return session.scalars(select(PrivacyRequest)).one()


@pytest.mark.parametrize(("header_days", "expected"), [
    (-2, "header"),     # picked up two days late (an outage): the deadline is the header's
    (+3, "delivered"),  # a Date in the future: the mailbox's own time
    (-60, "delivered"), # absurdly old: the mailbox's own time
])
def test_due_at_counts_from_the_date_header_within_bounds(world: World, header_days: int,
                                                          expected: str) -> None:
    world.customers(SAMPLE_CUSTOMER)
    delivered = world.clock() - timedelta(days=1)
    header = world.clock() + timedelta(days=header_days)
    _deliver(world, date_header=header, internal_date=delivered)
    world.run()
    request = _request(world)
    start = header if expected == "header" else delivered
    assert abs(request.received_at - start) < timedelta(seconds=1)
    assert abs(request.due_at - (start + timedelta(days=2))) < timedelta(seconds=1)
    with Session(world.rt.engine) as session:
        inbound = session.scalars(select(InboundMessage)).one()
        assert abs(inbound.delivered_at - delivered) < timedelta(seconds=1)
        assert inbound.received_at == world.clock()  # raw-mail retention still counts from here


def test_due_at_is_never_later_than_the_pick_up(world: World) -> None:
    world.customers(SAMPLE_CUSTOMER)
    _deliver(world, date_header=world.clock() + timedelta(hours=5),
             internal_date=world.clock() + timedelta(hours=5))
    world.run()
    assert _request(world).due_at == world.clock() + timedelta(days=2)


# --- attacks on the confirmation round-trip ----------------------------------------------


def _audit_actions(world: World) -> list[str]:
    with Session(world.rt.engine) as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _forged_deletion(world: World, **headers: str) -> tuple[str, str]:
    """Someone forges "delete my account" From: Sara; the confirmation goes to Sara.
    Returns the confirmation's subject and its Message-ID."""
    world.customers(SAMPLE_CUSTOMER)
    world.send(f"Sara <{SARA}>", "Delete my account",
               "Hello, please delete my account and all my personal data.", **headers)
    world.run()
    (confirmation,) = world.replies(SARA)
    assert world.requests()[0].state == RequestState.awaiting_confirmation
    return str(confirmation["Subject"]), str(confirmation["Message-ID"])


def test_the_confirmations_message_id_without_the_token_erases_nothing(world: World) -> None:
    subject, message_id = _forged_deletion(world)
    world.clock.advance(hours=1)
    world.send(SARA, "Re: Please confirm: delete your account",  # the [ref:…] left out
               "Yes, delete my account.", In_Reply_To=message_id,
               References=f"<guess-1@shop.example> {message_id} <guess-2@shop.example>")
    world.run()
    assert world.shown(SARA) is not None
    assert [r.state for r in world.requests()] == [RequestState.awaiting_confirmation]
    assert "deletion_confirmed" not in _audit_actions(world)


def test_message_ids_are_not_predictable(world: World) -> None:
    _, first = _forged_deletion(world)
    assert re.fullmatch(r"<[0-9a-f]{32}@shop\.example>", first)


def test_the_token_in_the_body_confirms(world: World) -> None:
    subject, _ = _forged_deletion(world)
    token = REF.search(subject).group(1)  # type: ignore[union-attr]
    world.clock.advance(hours=1)
    world.send(SARA, "Re: Please confirm", f"Yes.\n\n> please keep the reference {token} in")
    world.run()
    assert world.shown(SARA) is None


@pytest.mark.parametrize("body", [
    "I never asked for this! Who is trying to delete my account?? Don't delete anything.",
    "No",
    "لا، ما طلبت شي. لا تحذفون حسابي",
    "No wait, keep my account. Just stop the marketing emails please.",
])
def test_a_reply_that_refuses_never_confirms(world: World, body: str) -> None:
    """The forged request's confirmation reaches Sara; she answers it, keeping our subject
    with its token, in words that refuse. A person reads it; nothing is erased."""
    subject, message_id = _forged_deletion(world)
    world.clock.advance(hours=1)
    world.send(SARA, f"Re: {subject}", body, In_Reply_To=message_id)
    world.run()
    assert world.shown(SARA) is not None
    deletion, held = world.requests()
    assert deletion.state == RequestState.awaiting_confirmation
    assert held.state == RequestState.in_review
    assert "confirmation_held" in _audit_actions(world)
    assert "deletion_confirmed" not in _audit_actions(world)


def test_a_thank_you_with_the_token_still_confirms(world: World) -> None:
    subject, message_id = _forged_deletion(world)
    world.clock.advance(hours=1)
    world.send(SARA, f"Re: {subject}", "Thanks!", In_Reply_To=message_id)
    world.run()
    assert world.shown(SARA) is None
    assert "deletion_confirmed" in _audit_actions(world)


def test_an_out_of_office_reply_never_confirms_nor_changes_the_request(world: World) -> None:
    subject, message_id = _forged_deletion(world)
    before = world.requests()[0]
    for auto_subject, body in (
        (f"Out of Office: Re: {subject}", "I am out of the office until Monday."),
        (f"Automatic reply: {subject}", "Thanks for your mail."),
        (f"رد تلقائي: {subject}", "شكراً لرسالتك، أنا خارج المكتب حالياً."),
        (f"Re: {subject}", "أنا خارج المكتب حالياً وسأعود يوم الأحد."),
    ):
        world.clock.advance(minutes=5)
        world.send(SARA, auto_subject, body, In_Reply_To=message_id)
        world.run()
    assert world.shown(SARA) is not None
    (after,) = world.requests()
    assert (after.state, after.confirm_failures, after.token_hash) == (
        RequestState.awaiting_confirmation, 0, before.token_hash)
    assert "deletion_confirmed" not in _audit_actions(world)
    for _ in range(world.rt.settings.policy.confirmation_attempts_per_sender_per_day):
        world.send(SARA, f"Automatic reply: {subject}", "Thanks for your mail.")
    world.run()  # a flood of autoreplies uses up none of Sara's own attempts
    world.send(SARA, f"Re: {subject}", "Yes, go ahead.")
    world.run()
    assert world.shown(SARA) is None


def test_wrong_tokens_lock_the_request_into_review(world: World) -> None:
    subject, _ = _forged_deletion(world)
    limit = world.rt.settings.policy.confirmation_attempts_per_request
    for guess in range(limit):
        world.clock.advance(minutes=1)
        world.send(SARA, f"Re: confirm [ref:ZZZZ-ZZ{guess + 2}Z]", "yes")
    world.run()
    (request,) = world.requests()
    assert (request.state, request.confirm_failures, request.token_hash) == (
        RequestState.in_review, limit, None)
    assert "confirmation_locked" in _audit_actions(world)
    world.send(SARA, subject, "yes")  # the right token, too late
    world.run()
    assert world.shown(SARA) is not None


def test_the_sender_limit_refuses_further_attempts(world: World) -> None:
    subject, _ = _forged_deletion(world)
    with Session(world.rt.engine) as session:  # a request that never locks: the sender limit acts
        request = session.scalars(select(PrivacyRequest)).one()
        request.confirm_failures = -100
        session.add(request)
        session.commit()
    for guess in range(world.rt.settings.policy.confirmation_attempts_per_sender_per_day):
        world.send(SARA, f"Re: confirm [ref:ZZZZ-ZZ{guess % 8 + 2}Z]", "yes")
    world.run()
    world.send(SARA, subject, "yes")  # the right token, but after too many attempts today
    world.run()
    assert world.shown(SARA) is not None
    world.clock.advance(hours=25)
    world.send(SARA, subject, "yes")  # a day later the limit has passed
    world.run()
    assert world.shown(SARA) is None


def test_a_forged_deletion_never_swallows_the_customers_unsubscribe(world: World) -> None:
    _forged_deletion(world)
    world.clock.advance(hours=2)
    world.send(SARA, "Unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    deletion, unsubscribe = world.requests()
    assert deletion.state == RequestState.awaiting_confirmation
    assert unsubscribe.kind == RequestKind.unsubscribe
    assert unsubscribe.state in (RequestState.applied, RequestState.replied)
    assert unsubscribe.due_at == unsubscribe.created_at + timedelta(days=2)
    shown = world.shown(SARA)
    assert shown is not None and not any(shown["marketing"].values())


def test_a_control_character_in_a_header_never_fails_the_request(world: World) -> None:
    world.customers(SAMPLE_CUSTOMER)
    world.mailbox.deliver(
        f"From: Sara <{SARA}>\r\nTo: support@shop.example\r\nSubject: Delete my account\r\n"
        "Message-ID: <x\x0by@evil.example>\r\nDate: Sun, 01 Mar 2026 09:00:00 +0000\r\n\r\n"
        "Please delete my account and all my personal data.\r\n".encode())
    world.run()
    (deletion,) = world.requests()
    assert deletion.state == RequestState.awaiting_confirmation and deletion.error is None
    assert len(world.replies(SARA)) == 1
    world.send(SARA, "Unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    assert [r.state for r in world.requests()] == [RequestState.awaiting_confirmation,
                                                   RequestState.replied]


def test_a_quoted_local_part_skips_the_reply_not_the_request(world: World) -> None:
    world.customers({**SAMPLE_CUSTOMER, "email": '"alice"@example.com'})
    world.send('"alice"@example.com', "Unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    (request,) = world.requests()
    assert request.state in (RequestState.applied, RequestState.replied)
    assert request.error is None and world.replies() == []
    assert "reply_skipped" in _audit_actions(world)


def test_the_dmarc_property_trick_does_not_pass(world: World) -> None:
    world.rt.settings = world.rt.settings.model_copy(update={
        "policy": world.rt.settings.policy.model_copy(update={
            "require_dmarc_for_deletion": True, "trusted_authserv_id": "mx.shop.example"})})
    subject, _ = _forged_deletion(world)
    world.clock.advance(hours=1)
    world.send(SARA, f"Re: {subject}", "yes", Authentication_Results=(
        "mx.shop.example; spf=pass smtp.mailfrom=dmarc=pass@evil.example; dmarc=fail"))
    world.run()
    assert world.shown(SARA) is not None
    world.send(SARA, f"Re: {subject}", "yes", Authentication_Results=(
        "mx.shop.example; spf=pass smtp.mailfrom=example.com; dmarc=pass header.from=example.com"))
    world.run()
    assert world.shown(SARA) is None


def test_a_locked_request_approved_asks_again_with_a_new_token(world: World) -> None:
    subject, _ = _forged_deletion(world)
    for guess in range(world.rt.settings.policy.confirmation_attempts_per_request):
        world.send(SARA, f"Re: confirm [ref:ZZZZ-ZZ{guess + 2}Z]", "yes")
    world.run()
    (request,) = world.requests()
    assert request.state == RequestState.in_review
    review.approve(world.rt.engine, request.id or 0, settings=world.rt.settings,
                   cipher=world.rt.cipher, clock=world.rt.clock, actor="cli")
    (request,) = world.requests()
    assert (request.state, request.confirm_failures) == (RequestState.awaiting_confirmation, 0)
    world.run()
    fresh = str(world.replies(SARA)[-1]["Subject"])
    assert REF.search(fresh) and fresh != subject
    world.send(SARA, f"Re: {fresh}", "yes")
    world.run()
    assert world.shown(SARA) is None


def test_a_deletion_asked_while_one_waits_gets_a_fresh_confirmation(world: World) -> None:
    subject, _ = _forged_deletion(world)
    world.clock.advance(hours=30)
    world.send(SARA, "Delete my account", "Hello, I want my account deleted please.")
    world.run()
    (request,) = world.requests()
    assert request.state == RequestState.awaiting_confirmation
    assert "confirmation_asked_again" in _audit_actions(world)
    fresh = str(world.replies(SARA)[-1]["Subject"])
    assert len(world.replies(SARA)) == 2 and fresh != subject
    world.send(SARA, f"Re: {fresh}", "Yes.")
    world.run()
    assert world.shown(SARA) is None


@pytest.mark.parametrize(("greeting", "requests"), [
    ("Hello Waha Store team,", 1),  # [brand] name: ours, though support@shop.example says none
    ("Hello Palm Post team,", 1),  # [brand] aliases: the store's newsletter, ours too
    ("Hello Bayt Mart team,", 0),  # another company's: a person reads it, nothing is applied
])
def test_a_greeting_is_read_against_the_brand_name(world: World, greeting: str,
                                                   requests: int) -> None:
    world.customers(SAMPLE_CUSTOMER)
    message = compose(SARA, "newsletter", f"{greeting}\n\nPlease unsubscribe me from your "
                      "newsletter.", now=world.clock())
    world.mailbox.deliver(message.as_bytes(), internal_date=world.clock())
    world.run()
    with Session(world.rt.engine) as session:
        assert len(session.scalars(select(PrivacyRequest)).all()) == requests
