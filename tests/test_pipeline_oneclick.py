"""One-click unsubscribes in the store, on SQLite and PostgreSQL: the request, its audit
events and deadline, no reply, and a repeat that changes nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from mailbot.integrations import events
from mailbot.pipeline.oneclick import OneClickStatus, signer_for, unsubscribe_by_token
from mailbot.runtime import Runtime
from mailbot.store import actions
from mailbot.store.audit import verify_chain
from mailbot.store.customers import find_customer
from mailbot.store.db import transaction
from mailbot.store.models import AuditEvent, Outbox, PrivacyRequest, RequestState
from tests.fixtures.public import NOW, OMAR, SARA, consents, customer_id, suppressed, token_for
from tests.fixtures.world import World
from tests.helpers import SAMPLE_CUSTOMER


def one_click(rt: Runtime, email: str, channel: str = "email", via: str = "https"):  # type: ignore[no-untyped-def]
    token = signer_for(rt.cipher.keyring).verify(
        signer_for(rt.cipher.keyring).mint(customer_id(rt, email), channel))
    with transaction(rt.engine) as session:
        return unsubscribe_by_token(session, rt.settings, token, now=NOW, via=via, cipher=rt.cipher)


def test_unsubscribes_the_tokens_owner_with_request_audit_and_deadline(public_rt: Runtime) -> None:
    outcome = one_click(public_rt, SARA)
    assert outcome.status == OneClickStatus.unsubscribed and outcome.channels == ("email",)
    assert consents(public_rt, SARA) == {"email": False, "sms": True}
    assert suppressed(public_rt, SARA)
    assert consents(public_rt, OMAR) == {"email": True, "sms": True}  # nobody else
    with Session(public_rt.engine) as session:
        request = session.get(PrivacyRequest, outcome.request_id)
        assert request is not None
        assert (request.kind, request.state) == ("unsubscribe", RequestState.applied)
        assert request.due_at.replace(tzinfo=NOW.tzinfo) == NOW + timedelta(hours=48)
        assert request.email_index == public_rt.cipher.email_index(SARA)
        actions_logged = session.scalars(select(AuditEvent.action).where(
            AuditEvent.request_id == request.id).order_by(AuditEvent.id)).all()
        assert actions_logged == ["request_received", "request_applied"]
        assert session.scalar(select(func.count()).select_from(Outbox)) == 0  # no reply mail
    assert verify_chain(public_rt.engine)[1] == []


def test_a_repeated_post_changes_nothing_and_makes_no_second_request(public_rt: Runtime) -> None:
    assert one_click(public_rt, SARA).status == OneClickStatus.unsubscribed
    again = one_click(public_rt, SARA)
    assert again.status == OneClickStatus.already and again.request_id is None
    with Session(public_rt.engine) as session:
        assert session.scalar(select(func.count()).select_from(PrivacyRequest)) == 1
        assert "one_click_repeated" in session.scalars(select(AuditEvent.action)).all()


def test_the_all_channel_withdraws_everything(public_rt: Runtime) -> None:
    outcome = one_click(public_rt, OMAR, "all")
    assert set(outcome.channels) == set(actions.MARKETING_CHANNELS)
    assert not any(consents(public_rt, OMAR).values())


def test_sms_only_keeps_the_newsletter(public_rt: Runtime) -> None:
    one_click(public_rt, OMAR, "sms")
    assert consents(public_rt, OMAR) == {"email": True, "sms": False}
    assert not suppressed(public_rt, OMAR)


def test_erased_and_unknown_customers_change_nothing(public_rt: Runtime) -> None:
    signer = signer_for(public_rt.cipher.keyring)
    sara_token = signer.verify(signer.mint(customer_id(public_rt, SARA)))
    with transaction(public_rt.engine) as session:
        customer = find_customer(session, cipher=public_rt.cipher, email=SARA)
        assert customer is not None
        actions.erase(session, customer, now=NOW, source="test", cipher=public_rt.cipher)
    with transaction(public_rt.engine) as session:
        assert unsubscribe_by_token(session, public_rt.settings, sara_token, now=NOW,
                                    via="https", cipher=public_rt.cipher).status == OneClickStatus.erased
        ghost = signer.verify(signer.mint(10**9))
        assert unsubscribe_by_token(session, public_rt.settings, ghost, now=NOW,
                                    via="https", cipher=public_rt.cipher).status == OneClickStatus.unknown
    with Session(public_rt.engine) as session:
        assert session.scalar(select(func.count()).select_from(PrivacyRequest)) == 0


# --- a tokened mailto through the whole pipeline: real Dovecot, aiosmtpd, both databases ----------


def campaign_world(world: World) -> str:
    """Sara and Omar on file; Sara's campaign token."""
    world.customers({**SAMPLE_CUSTOMER, "marketing": {"email": True, "sms": True}},
                    {"email": OMAR, "name": "Omar", "marketing": {"email": True, "sms": True}})
    return token_for(world.rt, SARA)


def requests_of(world: World) -> list[PrivacyRequest]:
    with Session(world.rt.engine) as session:
        return list(session.scalars(select(PrivacyRequest).order_by(PrivacyRequest.id)))


def test_forwarded_tokened_mailto_unsubscribes_the_tokens_owner_not_the_sender(world: World) -> None:
    token = campaign_world(world)
    world.send(OMAR, "Fwd: Spring sale", "unsubscribe\n\n---------- Forwarded message ---------",
               To=f"support+u-{token}@shop.example")
    world.run()
    assert consents(world.rt, SARA) == {"email": False, "sms": True}
    assert suppressed(world.rt, SARA)
    assert consents(world.rt, OMAR) == {"email": True, "sms": True}  # never the sender
    (request,) = requests_of(world)
    assert request.email_index == world.rt.cipher.email_index(SARA)
    assert request.state in (RequestState.applied, RequestState.replied)
    assert request.reason == "one-click unsubscribe (mailto)"
    assert world.replies() == []  # no reply mail for one-click
    with Session(world.rt.engine) as session:
        (event,) = events.feed(session, cipher=world.rt.cipher)
    assert (event.type, event.request_id) == ("customer.unsubscribed", request.id)


def test_rfc_2369_client_mailto_and_its_duplicate(world: World) -> None:
    token = campaign_world(world)
    for _ in range(2):  # the client sends it again, or the same message is delivered twice
        world.send(SARA, "unsubscribe", "This message was automatically generated by Gmail.",
                   To=f"Waha <support+u-{token}@shop.example>", Auto_Submitted="auto-generated")
        world.run()
    assert consents(world.rt, SARA)["email"] is False
    assert len(requests_of(world)) == 1 and world.replies() == []
    with Session(world.rt.engine) as session:
        assert "one_click_repeated" in session.scalars(select(AuditEvent.action)).all()


def test_token_in_the_subject_or_delivered_to(world: World) -> None:
    token = campaign_world(world)
    omar = token_for(world.rt, OMAR, "sms")
    world.send(SARA, f"Unsubscribe u-{token}", "", To="support@shop.example")
    world.send(OMAR, "stop", "", To="support@shop.example",
               Delivered_To=f"support+u-{omar}@shop.example")
    world.run()
    assert consents(world.rt, SARA)["email"] is False
    assert consents(world.rt, OMAR) == {"email": True, "sms": False}


def test_tampered_token_unsubscribes_nobody_it_names(world: World) -> None:
    token = campaign_world(world)
    tampered = token[:-1] + ("a" if token[-1] != "a" else "b")
    world.send(OMAR, "Fwd: Spring sale", "Nice shoes!", To=f"support+u-{tampered}@shop.example")
    world.run()
    assert consents(world.rt, SARA) == {"email": True, "sms": True}
    with Session(world.rt.engine) as session:
        refused = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "one_click_refused")).all()
    assert [event.details["reason"] for event in refused] == ["tampered"]
    assert all(r.email_index != world.rt.cipher.email_index(SARA) for r in requests_of(world))
