"""Intake against real Dovecot and both databases: when a request's deadline starts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from mailbot.store.models import InboundMessage, PrivacyRequest
from tests.fixtures.world import World, compose
from tests.helpers import SAMPLE_CUSTOMER

SARA = SAMPLE_CUSTOMER["email"]


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
