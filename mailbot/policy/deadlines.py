"""When a request is due, when a confirmation expires, when to remind (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta

from mailbot.config import PolicySettings


def due_at(kind: str, *, received: datetime, policy: PolicySettings) -> datetime:
    days = policy.unsubscribe_due_days if kind == "unsubscribe" else policy.deletion_due_days
    return received + timedelta(days=days)


def confirmation_expiry(now: datetime, policy: PolicySettings) -> datetime:
    return now + timedelta(hours=policy.confirmation_ttl_hours)


def reminder_due(*, asked_at: datetime, reminded_at: datetime | None,
                 expires_at: datetime | None, now: datetime, policy: PolicySettings) -> bool:
    """One reminder, ``reminder_after_hours`` after asking, and only while it can still help."""
    if reminded_at is not None or expires_at is None or expires_at <= now:
        return False
    return now >= asked_at + timedelta(hours=policy.reminder_after_hours)
