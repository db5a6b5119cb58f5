"""The review queue and failure recovery, end to end (Dovecot, aiosmtpd, both databases)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from mailbot.pipeline import review
from mailbot.pipeline.intake import intake_pending
from mailbot.pipeline.lifecycle import warn_due
from mailbot.policy.states import RequestState
from mailbot.sources import ingest, open_source
from mailbot.store import actions
from mailbot.store.audit import verify_chain
from mailbot.store.crypto import Cipher, DecryptionError, Keyring, generate_keyring
from mailbot.store.models import AuditEvent, MarketingConsent, PrivacyRequest
from tests.fixtures.world import World
from tests.helpers import SAMPLE_CUSTOMER

SARA = SAMPLE_CUSTOMER["email"]


def _request(world: World) -> PrivacyRequest:
    with Session(world.rt.engine) as session:
        return session.scalars(select(PrivacyRequest)).one()


def _granted(world: World) -> set[str]:
    with Session(world.rt.engine) as session:
        return set(session.scalars(select(MarketingConsent.channel).where(MarketingConsent.granted)))


def _approve(world: World, request_id: int, **decision: str) -> str:
    rt = world.rt
    return review.approve(rt.engine, request_id, settings=rt.settings, cipher=rt.cipher,
                          clock=rt.clock, **decision)


def _retry(world: World, request_id: int, **decision: str) -> str:
    rt = world.rt
    return review.retry(rt.engine, request_id, settings=rt.settings, cipher=rt.cipher,
                        clock=rt.clock, **decision)


def _reject(world: World, request_id: int, **decision: str) -> str:
    return review.reject(world.rt.engine, request_id, now=world.rt.clock(), **decision)


def _actions(world: World, request_id: int) -> list[str]:
    with Session(world.rt.engine) as session:
        return list(session.scalars(select(AuditEvent.action)
                                    .where(AuditEvent.request_id == request_id)
                                    .order_by(AuditEvent.id)))


def _send_for_review(world: World) -> None:
    """A request the machine is made unsure about (every confidence is below 0.99)."""
    world.rt.settings = world.rt.settings.model_copy(update={
        "policy": world.rt.settings.policy.model_copy(update={"auto_apply_confidence": 0.99})})
    world.customers(SAMPLE_CUSTOMER)
    world.send(SARA, "newsletter", "Please unsubscribe me from your newsletter.")
    world.run()


def test_a_failed_request_keeps_its_error_and_can_be_retried(world: World,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    world.customers(SAMPLE_CUSTOMER)
    real = actions.unsubscribe

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "unsubscribe", broken)
    world.send(SARA, "unsubscribe", "Please unsubscribe me from your newsletter.")
    report = world.run()
    assert list(report.failed.values()) == ["RuntimeError: disk full"]
    request = _request(world)
    assert request.state == RequestState.failed and request.error == "RuntimeError: disk full"
    assert _granted(world) == {"email", "sms"}  # nothing half-applied
    assert world.replies() == []
    with Session(world.rt.engine) as session:
        assert [i.id for i in review.list_queue(session)] == [request.id]
    world.run()  # a failed request is not retried behind the operator's back
    assert _request(world).state == RequestState.failed
    monkeypatch.setattr(actions, "unsubscribe", real)
    outcome = _retry(world, request.id or 0, actor="cli")
    assert outcome.startswith("unsubscribed")
    assert _granted(world) == set()
    world.run()
    assert len(world.replies(SARA)) == 1
    history = _actions(world, request.id or 0)
    assert history.index("request_failed") < history.index("request_retried") \
        < history.index("request_applied")


def test_a_failed_request_in_a_batch_fails_alone(world: World,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    people = ["first@example.com", "broken@example.com", "third@example.com"]
    world.customers(*({"email": p, "marketing": {"email": True}} for p in people))
    real, broken_index = actions.unsubscribe, world.rt.cipher.email_index(people[1])

    def fragile(session, customer, **kwargs):  # type: ignore[no-untyped-def]
        if customer.email_index == broken_index:
            raise RuntimeError("disk full")
        return real(session, customer, **kwargs)

    monkeypatch.setattr(actions, "unsubscribe", fragile)
    for person in people:
        world.send(person, "unsubscribe", "Please unsubscribe me from your newsletter.")
    report = world.run()
    assert list(report.failed.values()) == ["RuntimeError: disk full"]
    assert len(report.executed) == 2
    states = {r.email_index: r.state for r in _requests_all(world)}
    assert states[broken_index] == RequestState.failed
    assert sorted(states.values()).count(RequestState.replied) == 2
    assert [len(world.replies(p)) for p in people] == [1, 0, 1]
    assert verify_chain(world.rt.engine)[1] == []


def test_low_confidence_goes_to_review_and_approval_applies(world: World) -> None:
    _send_for_review(world)
    request = _request(world)
    assert request.state == RequestState.in_review and "below" in request.reason
    assert world.replies() == [] and _granted(world) == {"email", "sms"}
    with pytest.raises(review.ReviewError, match="only failed requests"):
        _retry(world, request.id or 0, actor="cli")
    with Session(world.rt.engine) as session:
        detail = review.show_request(session, request.id or 0, cipher=world.rt.cipher)
    assert detail.message is not None and "newsletter" in (detail.message.text or "")
    _approve(world, request.id or 0, actor="admin:amal")
    assert _granted(world) == set()
    world.run()
    assert len(world.replies(SARA)) == 1
    assert "request_approved" in _actions(world, request.id or 0)
    with pytest.raises(review.ReviewError, match="only requests in review"):
        _approve(world, request.id or 0, actor="cli")


def test_relabel_as_deletion_still_asks_the_customer(world: World) -> None:
    _send_for_review(world)
    request = _request(world)
    _approve(world, request.id or 0, actor="cli", as_intent="delete_account")
    assert _request(world).state == RequestState.awaiting_confirmation
    world.run()
    (confirmation,) = world.replies(SARA)
    assert "[ref:" in str(confirmation["Subject"])


def test_reject_closes_without_acting(world: World) -> None:
    _send_for_review(world)
    request = _request(world)
    assert _reject(world, request.id or 0, actor="cli", note="test").endswith("rejected")
    assert _request(world).state == RequestState.rejected
    assert _granted(world) == {"email", "sms"}
    with pytest.raises(review.ReviewError, match="already rejected"):
        _reject(world, request.id or 0, actor="cli")


def test_rejecting_a_request_takes_up_what_was_merged_into_it(world: World) -> None:
    world.customers(SAMPLE_CUSTOMER)
    world.send(SARA, "Delete my account", "Please delete my account.")  # forged, say
    world.run()
    world.clock.advance(hours=1)
    world.send(SARA, "Delete my account", "Hello, I really want my account deleted.")  # hers
    world.run()
    (forged,) = world.requests()
    assert "request_merged" in _actions(world, forged.id or 0)
    assert "1 merged message" in _reject(world, forged.id or 0, actor="cli")
    world.run()
    rejected, own = world.requests()
    assert (rejected.state, own.state) == (RequestState.rejected,
                                           RequestState.awaiting_confirmation)
    assert own.kind == "delete_account" and len(world.replies(SARA)) == 3  # asked, again, own
    world.run()
    assert len(world.requests()) == 2  # taken up once


def test_deadline_warning_mails_the_admin_once(world: World) -> None:
    _send_for_review(world)
    world.clock.advance(hours=30)  # unsubscribes are due in 2 days; warning 24 h before
    report = warn_due(world.rt.engine, settings=world.rt.settings, cipher=world.rt.cipher,
                      now=world.rt.clock())
    assert report.warned == [_request(world).id]
    assert warn_due(world.rt.engine, settings=world.rt.settings, cipher=world.rt.cipher,
                    now=world.rt.clock()).warned == []
    world.run()
    (alert,) = world.replies("ops@shop.example")
    assert "due" in str(alert["Subject"]).lower()


def test_an_oversize_message_is_quarantined_for_review(world: World) -> None:
    world.rt.settings = world.rt.settings.model_copy(update={
        "mailbox": world.rt.settings.mailbox.model_copy(update={"max_message_bytes": 2048})})
    world.send(SARA, "unsubscribe", "Please unsubscribe me. " + "x" * 5000)
    world.run()
    request = _request(world)
    assert (request.kind, request.state) == ("quarantine", RequestState.in_review)
    assert "over size limit" in request.reason
    with Session(world.rt.engine) as session:
        (item,) = review.list_queue(session)
        detail = review.show_request(session, item.id, cipher=world.rt.cipher)
    assert detail.message is not None
    assert detail.message.state == "quarantined" and detail.message.text is None
    with pytest.raises(review.ReviewError, match="no sender address"):
        _approve(world, request.id or 0, actor="cli", as_intent="unsubscribe")
    _reject(world, request.id or 0, actor="cli")
    world.run()  # quarantined once, not again on every pass
    assert len(_requests_all(world)) == 1


def _requests_all(world: World) -> list[PrivacyRequest]:
    with Session(world.rt.engine) as session:
        return list(session.scalars(select(PrivacyRequest)))


def test_a_message_that_breaks_intake_is_quarantined_and_the_rest_go_on(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import mailbot.pipeline.reading as requests_module

    real = requests_module.classify

    def fragile(msg, *context):  # type: ignore[no-untyped-def]
        if "poison" in msg.subject:
            raise ZeroDivisionError("bug")
        return real(msg, *context)

    monkeypatch.setattr(requests_module, "classify", fragile)
    world.customers(SAMPLE_CUSTOMER)
    world.send("other@example.com", "poison", "Please unsubscribe me.")
    world.send(SARA, "unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    kinds = sorted((str(r.kind), str(r.state)) for r in _requests_all(world))
    assert kinds == [("quarantine", "in_review"), ("unsubscribe", "replied")]
    poisoned = next(r for r in _requests_all(world) if r.kind == "quarantine")
    assert poisoned.reason == "cannot read: ZeroDivisionError"
    world.run()
    assert len(_requests_all(world)) == 2
    _approve(world, poisoned.id or 0, actor="cli", as_intent="unsubscribe")
    world.run()
    assert len(world.replies("other@example.com")) == 1  # the sender was kept for the reply


def test_a_missing_key_stops_the_pass_instead_of_quarantining(world: World) -> None:
    good = world.rt.cipher
    world.customers(SAMPLE_CUSTOMER)
    world.send(SARA, "unsubscribe", "Please unsubscribe me from your newsletter.")
    with open_source(world.rt.settings.mailbox) as source:  # stored with the right key
        ingest.ingest_new(source, engine=world.rt.engine, cipher=good,
                          settings=world.rt.settings.mailbox, now=world.clock())
    world.rt.cipher = Cipher(Keyring.parse(generate_keyring(), where="test"))  # key dropped
    with pytest.raises(DecryptionError):
        intake_pending(world.rt.engine, settings=world.rt.settings, cipher=world.rt.cipher,
                       clock=world.rt.clock)
    assert _requests_all(world) == []  # nothing quarantined for a keyring problem
    world.rt.cipher = good
    world.run()
    assert [str(r.kind) for r in _requests_all(world)] == ["unsubscribe"]
