"""When a request is due, when a confirmation expires, when to remind (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta

from mailbot.config import PolicySettings

MAX_TRANSIT = timedelta(days=7)
"""A Date header this much older than the mail's arrival is not believed: mail servers give
up on a message after about five days, so an older one is a wrong clock or a forgery."""


def received_at(*, date_header: datetime | None, delivered: datetime | None,
                picked_up: datetime) -> datetime:
    """When the store received a request: the moment its deadline counts from.

    The sender's Date header, unless it is later than the mail's arrival (a fast clock, or a
    date in the future) or more than :data:`MAX_TRANSIT` before it; then the arrival itself:
    the IMAP INTERNALDATE or the Maildir file's time, and failing those, when mailbot picked
    the message up. Never later than the pick-up, so a backlog cannot stretch a deadline.
    """
    arrival = min(delivered, picked_up) if delivered is not None else picked_up
    if date_header is None or date_header > arrival or date_header < arrival - MAX_TRANSIT:
        return arrival
    return date_header


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
