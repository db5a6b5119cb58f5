"""One-click unsubscribes in the store, on SQLite and PostgreSQL: the request, its audit
events and deadline, no reply, and a repeat that changes nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from mailbot.pipeline.oneclick import OneClickStatus, signer_for, unsubscribe_by_token
from mailbot.runtime import Runtime
from mailbot.store import actions
from mailbot.store.audit import verify_chain
from mailbot.store.customers import find_customer
from mailbot.store.db import transaction
from mailbot.store.models import AuditEvent, Outbox, PrivacyRequest, RequestState
from tests.fixtures.public import NOW, OMAR, SARA, consents, customer_id, suppressed


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
