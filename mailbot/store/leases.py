"""Cluster coordination through the database: leases and run-once jobs.

Several ``mailbot run`` processes may share one PostgreSQL database. A mailbox is polled by
the holder of its lease; a lease whose holder stopped renewing it (crashed, killed) expires
and another process takes over. A scheduled job (the purge) runs once per cluster: the
process that moves its ``last_run_at`` forward with a compare-and-set runs it.
Both work the same on SQLite, where there is usually just one process.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from mailbot.store.models import JobRun, Lease


def holder_name() -> str:
    """Unique per process, readable in `status`: host, pid and a random tail."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire_lease(engine: Engine, name: str, *, holder: str, ttl: timedelta, now: datetime) -> bool:
    """Take or renew ``name`` for ``ttl``; False when another live holder has it."""
    expires = now + ttl
    with engine.begin() as conn:
        taken = conn.execute(
            update(Lease).where(Lease.name == name,
                                (Lease.holder == holder) | (Lease.expires_at < now))
            .values(holder=holder, expires_at=expires)).rowcount
    if taken:
        return True
    try:
        with engine.begin() as conn:
            conn.execute(insert(Lease).values(name=name, holder=holder, expires_at=expires))
        return True
    except IntegrityError:
        return False


def release_lease(engine: Engine, name: str, *, holder: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))


def claim_job_run(engine: Engine, name: str, *, now: datetime,
                  is_due: Callable[[datetime | None], bool]) -> bool:
    """True for exactly one caller per due run of job ``name`` across the cluster."""
    with engine.connect() as conn:
        last = conn.scalar(select(JobRun.last_run_at).where(JobRun.name == name))
        exists = last is not None or conn.scalar(select(JobRun.name).where(JobRun.name == name))
    if not is_due(last):
        return False
    if not exists:
        try:
            with engine.begin() as conn:
                conn.execute(insert(JobRun).values(name=name, last_run_at=now, last_result={}))
            return True
        except IntegrityError:
            return False
    condition = JobRun.last_run_at.is_(None) if last is None else JobRun.last_run_at == last
    with engine.begin() as conn:
        return bool(conn.execute(update(JobRun).where(JobRun.name == name, condition)
                                 .values(last_run_at=now)).rowcount)


def record_job_result(engine: Engine, name: str, result: dict[str, object]) -> None:
    with engine.begin() as conn:
        conn.execute(update(JobRun).where(JobRun.name == name).values(last_result=result))


def rearm_job(engine: Engine, name: str) -> None:
    """Forget job ``name``'s last run, so its next claim succeeds (a cleared alert)."""
    with engine.begin() as conn:
        conn.execute(update(JobRun).where(JobRun.name == name, JobRun.last_run_at.is_not(None))
                     .values(last_run_at=None))
