"""The transactional outbox on SQLite and PostgreSQL, delivering to a real aiosmtpd server."""

from __future__ import annotations

import mailbox
import random
from collections import Counter
from collections.abc import AsyncIterator, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from mailbot.config import PolicySettings, Settings, SmtpSettings
from mailbot.outgoing.outbox import (
    LEASE_MARGIN,
    DeliveryReport,
    claim_due,
    claim_lease,
    deliver_due,
    enqueue,
    lease_needs_renewal,
    outbox_status,
    requeue_failed,
    retry_delay,
)
from mailbot.outgoing.replies import render_reply
from mailbot.outgoing.smtp import Envelope, SendResult, SmtpMailer, make_mailer
from mailbot.store.crypto import Cipher, Keyring, generate_keyring
from mailbot.store.db import make_engine, transaction
from mailbot.store.models import Outbox, OutboxState
from tests.fixtures.database import _empty_tables
from tests.fixtures.smtp import SmtpServer

NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
LEASE = timedelta(hours=1)


def settings_for(server: SmtpServer, **smtp: Any) -> Settings:
    return Settings(smtp=server.settings(**smtp),
                    policy=PolicySettings(replies_per_recipient_per_day=3))


def mailer_for(settings: Settings) -> SmtpMailer:
    return SmtpMailer(settings.smtp, local_hostname="shop.example")


def reply_to(address: str, *, now: datetime = NOW) -> EmailMessage:
    return render_reply("received", language="ar", context={}, settings=Settings(), to=address,
                        in_reply_to="<m1@mail.example>", references=(),
                        original_subject="احذفوا حسابي", now=now)


def queue(engine: Engine, cipher: Cipher, addresses: Sequence[str], *,
          daily_limit: int | None = None, now: datetime = NOW) -> list[Outbox | None]:
    rows = []
    for address in addresses:
        with transaction(engine) as session:
            rows.append(enqueue(session, reply_to(address, now=now), cipher=cipher,
                                kind="received", request_id=None, now=now,
                                daily_limit=daily_limit))
    return rows


def all_rows(engine: Engine) -> list[Outbox]:
    with Session(engine) as session:
        return list(session.exec(select(Outbox).order_by(Outbox.id)).all())  # type: ignore[arg-type]


def customers(n: int) -> list[str]:
    return [f"customer{i}@example.com" for i in range(n)]


# ---------------------------------------------------------------- enqueue


def test_enqueue_encrypts_and_joins_the_callers_transaction(engine: Engine, cipher: Cipher) -> None:
    message = reply_to("Sara@Example.com")
    with transaction(engine) as session:
        row = enqueue(session, message, cipher=cipher, kind="received", request_id=None,
                      now=NOW, daily_limit=3)
        assert row is not None and row.id is not None
    [stored] = all_rows(engine)
    assert stored.state == OutboxState.pending and stored.attempts == 0
    assert stored.recipient_index == cipher.email_index("sara@example.com")
    assert cipher.decrypt_text(stored.recipient_enc) == "Sara@Example.com"
    assert b"example.com" not in (stored.recipient_enc or b"")
    assert stored.message_enc is not None
    sent = message_from_bytes(cipher.decrypt(stored.message_enc), policy=default_policy)
    assert sent["Message-ID"] == message["Message-ID"] == stored.message_id
    assert stored.next_attempt_at == NOW == stored.created_at

    with pytest.raises(RuntimeError), transaction(engine) as session:
        enqueue(session, reply_to("ali@example.com"), cipher=cipher, kind="received",
                request_id=None, now=NOW, daily_limit=3)
        raise RuntimeError("the change it confirms failed")
    assert len(all_rows(engine)) == 1  # rolled back together


def test_rate_limit_holds_under_a_burst_of_forged_messages(engine: Engine, cipher: Cipher) -> None:
    rows = queue(engine, cipher, ["victim@example.com"] * 50, daily_limit=3)
    assert sum(r is not None for r in rows) == 3
    assert rows[3:] == [None] * 47
    # the window slides: a day later the address may get replies again
    later = queue(engine, cipher, ["VICTIM@example.com"], daily_limit=3,
                  now=NOW + timedelta(days=1, seconds=1))
    assert later[0] is not None


def test_rate_limit_holds_under_a_concurrent_burst(engine: Engine, cipher: Cipher) -> None:
    def one(_: int) -> bool:
        with transaction(engine) as session:
            row = enqueue(session, reply_to("victim@example.com"), cipher=cipher,
                          kind="received", request_id=None, now=NOW, daily_limit=3)
            return row is not None

    with ThreadPoolExecutor(max_workers=10) as pool:
        accepted = list(pool.map(one, range(50)))
    assert sum(accepted) == 3
    assert len(all_rows(engine)) == 3


def test_operator_alerts_can_skip_the_limit(sqlite_engine: Engine, cipher: Cipher) -> None:
    rows = queue(sqlite_engine, cipher, ["ops@shop.example"] * 5, daily_limit=None)
    assert all(rows)


# ---------------------------------------------------------------- claiming


def test_claims_are_disjoint_and_leased(engine: Engine, cipher: Cipher) -> None:
    queue(engine, cipher, customers(4))
    first = claim_due(engine, now=NOW, limit=2, lease=LEASE)
    second = claim_due(engine, now=NOW, limit=2, lease=LEASE)
    assert len(first) == len(second) == 2
    assert not {c.id for c in first} & {c.id for c in second}
    assert all(c.attempts == 1 for c in first + second)
    assert claim_due(engine, now=NOW + LEASE - timedelta(seconds=1), limit=10, lease=LEASE) == []
    # a daemon that died holding the claim: the rows come back when the lease ends
    again = claim_due(engine, now=NOW + LEASE, limit=10, lease=LEASE)
    assert sorted(c.id for c in again) == sorted(c.id for c in first + second)
    assert all(c.attempts == 2 for c in again)


@pytest.fixture
def pg_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    _empty_tables(engine)
    yield engine
    engine.dispose()


def test_postgres_claims_skip_rows_another_daemon_has_locked(
    pg_engine: Engine, cipher: Cipher
) -> None:
    queue(pg_engine, cipher, customers(4))
    ids = [row.id for row in all_rows(pg_engine)]
    with pg_engine.connect() as other:
        other.execute(text("SELECT id FROM outbox WHERE id IN (:a, :b) FOR UPDATE"),
                      {"a": ids[0], "b": ids[1]})
        claimed = claim_due(pg_engine, now=NOW, limit=10, lease=LEASE)  # does not wait
        assert sorted(c.id for c in claimed) == ids[2:]
        other.rollback()
    assert sorted(c.id for c in claim_due(pg_engine, now=NOW, limit=10, lease=LEASE)) == ids[:2]


# ---------------------------------------------------------------- delivery


async def test_due_replies_are_delivered_once(
    engine: Engine, cipher: Cipher, smtp_server: SmtpServer
) -> None:
    settings = settings_for(smtp_server)
    queue(engine, cipher, customers(3))
    report = await deliver_due(engine, mailer_for(settings), cipher=cipher, settings=settings,
                               now=NOW)
    assert report == DeliveryReport(claimed=3, sent=3)
    assert [r.state for r in all_rows(engine)] == [OutboxState.sent] * 3
    assert all(r.sent_at == NOW and r.attempts == 1 for r in all_rows(engine))
    assert all(r.message_enc is None and r.recipient_enc is None for r in all_rows(engine))
    again = await deliver_due(engine, mailer_for(settings), cipher=cipher, settings=settings,
                              now=NOW + timedelta(days=1))
    assert again == DeliveryReport()
    received = smtp_server.received
    assert sorted(m.rcpt_tos[0] for m in received) == customers(3)
    assert {m.message_id for m in received} == {r.message_id for r in all_rows(engine)}
    assert received[0].mail_from == "support@shop.example"
    assert received[0].message["Auto-Submitted"] == "auto-replied"


async def test_server_down_keeps_replies_pending_until_it_is_back(
    engine: Engine, cipher: Cipher, smtp_server: SmtpServer
) -> None:
    settings = settings_for(smtp_server)
    queue(engine, cipher, customers(3))
    smtp_server.stop()
    down = await deliver_due(engine, mailer_for(settings), cipher=cipher, settings=settings,
                             now=NOW)
    assert down == DeliveryReport(claimed=3, retrying=3)
    rows = all_rows(engine)
    assert all(r.state == OutboxState.pending and r.attempts == 1 for r in rows)
    assert all(NOW + timedelta(minutes=1) <= r.next_attempt_at <= NOW + timedelta(minutes=2)
               for r in rows)
    assert "127.0.0.1" in (rows[0].last_error or "")
    assert outbox_status_of(engine)["pending"] == 3

    smtp_server.start()
    assert await deliver_due(engine, mailer_for(settings), cipher=cipher, settings=settings,
                             now=NOW) == DeliveryReport()  # backing off
    later = NOW + timedelta(hours=1)
    back = await deliver_due(engine, mailer_for(settings), cipher=cipher, settings=settings,
                             now=later)
    assert back == DeliveryReport(claimed=3, sent=3)
    await deliver_due(engine, mailer_for(settings), cipher=cipher, settings=settings,
                      now=later + timedelta(days=1))
    counts = Counter(m.message_id for m in smtp_server.received)
    assert len(counts) == 3 and set(counts.values()) == {1}  # none twice


async def test_an_internationalised_address_is_sent_with_smtputf8(
    sqlite_engine: Engine, cipher: Cipher, smtp_server: SmtpServer
) -> None:
    settings = settings_for(smtp_server)
    queue(sqlite_engine, cipher, ["سارة@example.com"])
    report = await deliver_due(sqlite_engine, mailer_for(settings), cipher=cipher,
                               settings=settings, now=NOW)
    assert report.sent == 1
    [received] = smtp_server.received
    assert received.rcpt_tos == ("سارة@example.com",)
    assert received.message["To"] == "سارة@example.com"


async def test_the_maildir_backend_delivers_the_outbox(
    sqlite_engine: Engine, cipher: Cipher, tmp_path: Path
) -> None:
    settings = Settings(smtp=SmtpSettings(backend="maildir", path=tmp_path / "sent"))
    queue(sqlite_engine, cipher, customers(2))
    report = await deliver_due(sqlite_engine, make_mailer(settings), cipher=cipher,
                               settings=settings, now=NOW)
    assert report.sent == 2
    stored = {str(m["Message-ID"]) for m in mailbox.Maildir(tmp_path / "sent", create=False)}
    assert stored == {r.message_id for r in all_rows(sqlite_engine)}


async def test_5xx_marks_failed_with_the_servers_reason(
    engine: Engine, cipher: Cipher, smtp_server: SmtpServer
) -> None:
    settings = settings_for(smtp_server)
    queue(engine, cipher, ["gone@example.com"])
    smtp_server.answer(rcpt="550 5.1.1 <gone@example.com>: Recipient address rejected")
    report = await deliver_due(engine, mailer_for(settings), cipher=cipher, settings=settings,
                               now=NOW)
    assert report == DeliveryReport(claimed=1, failed=1)
    [row] = all_rows(engine)
    assert row.state == OutboxState.failed
    assert row.last_error == "550 5.1.1 <g***@example.com>: Recipient address rejected"
    status = outbox_status_of(engine)
    assert status["failed"] == 1 and status["pending"] == 0
    assert status["last_failure_reason"] == row.last_error


async def test_4xx_retries_then_fails_after_max_attempts(
    sqlite_engine: Engine, cipher: Cipher, smtp_server: SmtpServer
) -> None:
    settings = settings_for(smtp_server, max_attempts=2)
    queue(sqlite_engine, cipher, ["busy@example.com"])
    smtp_server.answer(data="451 4.7.1 Greylisted, try again later")
    mailer = mailer_for(settings)
    first = await deliver_due(sqlite_engine, mailer, cipher=cipher, settings=settings, now=NOW)
    assert first.retrying == 1
    second = await deliver_due(sqlite_engine, mailer, cipher=cipher, settings=settings,
                               now=NOW + timedelta(hours=1))
    assert second.failed == 1
    [row] = all_rows(sqlite_engine)
    assert row.state == OutboxState.failed and row.attempts == 2
    assert "451 4.7.1 Greylisted" in (row.last_error or "")

    assert row.failed_at == NOW + timedelta(hours=1)
    with transaction(sqlite_engine) as session:
        assert requeue_failed(session, now=NOW + timedelta(hours=2)) == 1
    smtp_server.answer()
    third = await deliver_due(sqlite_engine, mailer, cipher=cipher, settings=settings,
                              now=NOW + timedelta(hours=2))
    assert third.sent == 1


async def test_one_connection_per_batch(
    sqlite_engine: Engine, cipher: Cipher, smtp_server: SmtpServer
) -> None:
    settings = settings_for(smtp_server, batch_size=5)
    queue(sqlite_engine, cipher, customers(7))
    mailer = mailer_for(settings)
    first = await deliver_due(sqlite_engine, mailer, cipher=cipher, settings=settings, now=NOW)
    assert first.sent == 5 and smtp_server.connections == 1
    second = await deliver_due(sqlite_engine, mailer, cipher=cipher, settings=settings, now=NOW)
    assert second.sent == 2 and smtp_server.connections == 2
    assert len(smtp_server.received) == 7


class DiesAfterAcceptance:
    """Sends through a real mailer, then 'crashes' after the server accepted message #n."""

    def __init__(self, inner: SmtpMailer, *, die_after: int) -> None:
        self.inner = inner
        self.die_after = die_after

    async def send_batch(self, envelopes: Sequence[Envelope]) -> AsyncIterator[SendResult]:
        count = 0
        async for result in self.inner.send_batch(envelopes):
            count += 1
            if count == self.die_after:
                raise SystemExit("killed between the server's 250 and the mark-sent commit")
            yield result


async def test_a_crash_after_acceptance_resends_that_one_message_once(
    sqlite_engine: Engine, cipher: Cipher, smtp_server: SmtpServer
) -> None:
    settings = settings_for(smtp_server)
    queue(sqlite_engine, cipher, customers(3))
    dying = DiesAfterAcceptance(mailer_for(settings), die_after=2)
    with pytest.raises(SystemExit):
        await deliver_due(sqlite_engine, dying, cipher=cipher, settings=settings, now=NOW)
    states = [r.state for r in all_rows(sqlite_engine)]
    assert states == [OutboxState.sent, OutboxState.pending, OutboxState.pending]

    restart = NOW + claim_lease(settings.smtp) + timedelta(seconds=5)  # the next pass
    report = await deliver_due(sqlite_engine, mailer_for(settings), cipher=cipher,
                               settings=settings, now=restart)
    assert report.sent == 2
    rows = all_rows(sqlite_engine)
    counts = Counter(m.message_id for m in smtp_server.received)
    assert [counts[r.message_id] for r in rows] == [1, 2, 1]  # same Message-ID, never lost


class Inspecting:
    """Accepts everything; before each message, notes the lease of the rows still waiting."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.leases: list[list[datetime]] = []

    async def send_batch(self, envelopes: Sequence[Envelope]) -> AsyncIterator[SendResult]:
        for envelope in envelopes:
            rows = all_rows(self.engine)
            self.leases.append([r.next_attempt_at for r in rows if r.state == "pending"])
            yield SendResult.accepted(envelope.key)


async def test_a_long_batch_renews_the_lease_of_the_rows_still_waiting(
    sqlite_engine: Engine, cipher: Cipher
) -> None:
    settings = Settings()
    lease = claim_lease(settings.smtp)
    queue(sqlite_engine, cipher, customers(3))
    ticks = iter(range(0, 10_000, 600))  # every look at the stopwatch: ten more minutes
    mailer = Inspecting(sqlite_engine)
    report = await deliver_due(sqlite_engine, mailer, cipher=cipher, settings=settings, now=NOW,
                               monotonic=lambda: float(next(ticks)))
    assert report.sent == 3
    assert mailer.leases[0] == [NOW + lease] * 3  # as claimed
    assert mailer.leases[1] == [NOW + timedelta(minutes=10) + lease] * 2  # renewed
    assert mailer.leases[2] == [NOW + timedelta(minutes=20) + lease]
    assert lease < timedelta(minutes=5)  # a dead daemon's rows come back soon


async def test_a_reply_no_key_can_decrypt_is_failed_not_retried_forever(
    sqlite_engine: Engine, cipher: Cipher, smtp_server: SmtpServer
) -> None:
    settings = settings_for(smtp_server)
    queue(sqlite_engine, Cipher(Keyring.parse(generate_keyring(), where="old")), ["a@example.com"])
    report = await deliver_due(sqlite_engine, mailer_for(settings), cipher=cipher,
                               settings=settings, now=NOW)
    assert report == DeliveryReport(claimed=1, failed=1)
    assert all_rows(sqlite_engine)[0].last_error == "cannot decrypt the stored reply"
    assert smtp_server.received == []


# ---------------------------------------------------------------- status and backoff


def outbox_status_of(engine: Engine) -> dict[str, Any]:
    with Session(engine) as session:
        return outbox_status(session)


def test_status_reports_the_queue(sqlite_engine: Engine, cipher: Cipher) -> None:
    assert outbox_status_of(sqlite_engine) == {
        "pending": 0, "failed": 0, "sent": 0, "oldest_pending_at": None,
        "last_failure_reason": None,
    }
    queue(sqlite_engine, cipher, customers(1), now=NOW)
    queue(sqlite_engine, cipher, customers(2)[1:], now=NOW + timedelta(hours=1))
    status = outbox_status_of(sqlite_engine)
    assert status["pending"] == 2 and status["oldest_pending_at"] == NOW


def test_backoff_is_exponential_jittered_and_capped() -> None:
    rng = random.Random(7)
    for attempts in range(1, 6):
        base = timedelta(minutes=2 * 2 ** (attempts - 1))
        delay = retry_delay(attempts, rng=rng)
        assert base / 2 <= delay < base
    assert retry_delay(50, rng=rng) < timedelta(hours=4)
    assert len({retry_delay(3, rng=rng) for _ in range(5)}) > 1


def test_the_lease_is_renewed_only_once_its_margin_is_used_up() -> None:
    lease = claim_lease(Settings().smtp)
    assert not lease_needs_renewal(NOW + lease, now=NOW + timedelta(seconds=1), lease=lease)
    assert lease_needs_renewal(NOW + lease, now=NOW + LEASE_MARGIN + timedelta(seconds=1),
                               lease=lease)
