"""A reply the relay refused for good, sent again from the CLI and from the admin page, and
then delivered: real Dovecot, real aiosmtpd, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlmodel import Session
from typer.testing import CliRunner

from mailbot.admin.auth import add_admin_user
from mailbot.cli.app import app
from mailbot.policy.states import RequestState
from mailbot.store.models import AuditEvent, Outbox, OutboxState, PrivacyRequest
from tests.fixtures.admin import ADMIN_NAME, ADMIN_PASSWORD
from tests.fixtures.world import World, write_daemon_config
from tests.helpers import SAMPLE_CUSTOMER
from tests.test_admin import client_for, csrf_of, log_in

SARA = SAMPLE_CUSTOMER["email"]


def _fail_a_reply(world: World) -> int:
    """Sara unsubscribes while the relay refuses her address: the reply fails for good."""
    world.customers(SAMPLE_CUSTOMER)
    world.smtp.answer(rcpt="550 5.1.1 mailbox unavailable")
    world.send(SARA, "unsubscribe", "Please unsubscribe me from your newsletter.")
    report = world.run()
    assert report.send_failures == 1 and not world.replies()
    world.smtp.answer()
    with Session(world.rt.engine) as session:
        row = session.scalars(select(Outbox)).one()
        assert row.state == OutboxState.failed and row.failed_at == world.clock()
        assert row.message_enc is not None  # kept for a retry
        return row.id or 0


def _delivered_and_replied(world: World) -> None:
    world.clock.advance(minutes=1)
    world.run()
    (reply,) = world.replies(SARA)
    assert "unsubscribe" in str(reply["Subject"]).lower()
    with Session(world.rt.engine) as session:
        assert session.scalars(select(PrivacyRequest.state)).one() == RequestState.replied
        assert session.scalars(select(AuditEvent.action)
                               .where(AuditEvent.action == "reply_requeued")).all()
    world.run()
    assert len(world.replies(SARA)) == 1  # sent once


@pytest.fixture
def cli(world: World, tmp_path: Path, keyring_text: str, db_url: str,
        monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MAILBOT_KEYS", keyring_text)
    world.clock.now = datetime.now(UTC)  # the command runs on the system clock
    config = write_daemon_config(tmp_path / "config.toml", world.mailbox, world.smtp, db_url)
    return lambda *args: CliRunner().invoke(app, ["--config", str(config), *args])


def test_a_failed_reply_is_sent_again_from_the_cli(world: World, cli) -> None:  # type: ignore[no-untyped-def]
    reply_id = _fail_a_reply(world)
    listed = cli("queue", "replies", "--json")
    assert listed.exit_code == 0 and f'"id": {reply_id}' in listed.output
    assert SARA not in listed.output  # no address in the listing
    result = cli("queue", "retry-reply", str(reply_id))
    assert result.exit_code == 0, result.output
    assert "queued again" in result.output
    again = cli("queue", "retry-reply", str(reply_id))  # the duplicate: refused, clearly
    assert again.exit_code == 2 and "only failed replies" in again.output
    _delivered_and_replied(world)
    assert cli("queue", "retry-reply", "999").exit_code == 2


def test_a_failed_reply_is_sent_again_from_the_admin_page(world: World) -> None:
    reply_id = _fail_a_reply(world)
    add_admin_user(world.rt.engine, ADMIN_NAME, ADMIN_PASSWORD, world.clock())
    asyncio.run(_send_again_on_the_page(world, reply_id))
    _delivered_and_replied(world)


async def _send_again_on_the_page(world: World, reply_id: int) -> None:
    async with client_for(world.rt) as client:
        await log_in(client)
        page = (await client.get("/")).text
        assert f'action="/replies/{reply_id}/retry"' in page and "Send again" in page
        forged = await client.post(f"/replies/{reply_id}/retry", data={"csrf_token": "forged"})
        assert forged.status_code == 403
        response = await client.post(f"/replies/{reply_id}/retry",
                                     data={"csrf_token": csrf_of(page)})
        assert response.status_code == 303 and response.headers["location"] == "/"
        assert "queued again" in (await client.get("/")).text


def test_a_purged_reply_cannot_be_sent_again(world: World, cli) -> None:  # type: ignore[no-untyped-def]
    reply_id = _fail_a_reply(world)
    with Session(world.rt.engine) as session:
        session.execute(update(Outbox).values(message_enc=None, recipient_enc=None))
        session.commit()
    result = cli("queue", "retry-reply", str(reply_id))
    assert result.exit_code == 2 and "purged" in result.output
    assert "text purged" in cli("queue", "replies").output
