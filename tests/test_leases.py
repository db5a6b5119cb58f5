from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from mailbot.store.leases import acquire_lease, claim_job_run, release_lease

T0 = datetime(2026, 1, 1, tzinfo=UTC)
TTL = timedelta(seconds=60)


def test_one_holder_at_a_time_and_takeover_after_expiry(engine: Engine) -> None:
    assert acquire_lease(engine, "mailbox:x", holder="a", ttl=TTL, now=T0)
    assert not acquire_lease(engine, "mailbox:x", holder="b", ttl=TTL, now=T0)
    assert acquire_lease(engine, "mailbox:x", holder="a", ttl=TTL, now=T0 + timedelta(seconds=30))
    assert not acquire_lease(engine, "mailbox:x", holder="b", ttl=TTL, now=T0 + timedelta(seconds=80))
    assert acquire_lease(engine, "mailbox:x", holder="b", ttl=TTL, now=T0 + timedelta(seconds=91))
    release_lease(engine, "mailbox:x", holder="b")
    assert acquire_lease(engine, "mailbox:x", holder="a", ttl=TTL, now=T0 + timedelta(seconds=92))


def test_job_runs_once_per_due_time(engine: Engine) -> None:
    def daily(last: datetime | None) -> bool:
        return last is None or last + timedelta(days=1) <= T0 + timedelta(days=1)

    assert claim_job_run(engine, "purge", now=T0, is_due=daily)
    assert not claim_job_run(engine, "purge", now=T0, is_due=lambda last: last != T0)
    assert not claim_job_run(engine, "purge", now=T0 + timedelta(hours=1),
                             is_due=lambda last: last is None)
    assert claim_job_run(engine, "purge", now=T0 + timedelta(days=1), is_due=daily)
