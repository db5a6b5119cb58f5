"""What the privacy policies promise to delete, and when (pure).

Every rule counts whole days: data stored (or unlinked) on day S is deleted on its day of
deletion whatever the hour, so the daemon and ``mailbot purge --as-of D`` delete the same
rows on day D.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from mailbot.config import PolicySettings


@dataclass(frozen=True)
class RetentionCutoffs:
    """Anything older than these moments is due for deletion."""

    card_stored_before: datetime
    unlinked_orders_before: datetime
    raw_mail_before: datetime
    sent_replies_before: datetime


def retention_cutoffs(now: datetime, policy: PolicySettings) -> RetentionCutoffs:
    today = now.astimezone(UTC).date()
    raw_mail_before = _days_before(today, policy.raw_mail_retention_days)
    return RetentionCutoffs(
        card_stored_before=_days_before(today, policy.card_retention_days),
        unlinked_orders_before=_midnight(_first_day_kept(
            today, lambda erased: financial_kept_until(erased, policy),
            policy.financial_retention_years)),
        raw_mail_before=raw_mail_before,
        sent_replies_before=raw_mail_before,
    )


def financial_kept_until(erased: date, policy: PolicySettings) -> date:
    """The day unlinked financial records of a person erased on ``erased`` are deleted:
    ``financial_retention_years`` after the erasure (what the deletion reply promises)."""
    try:
        return erased.replace(year=erased.year + policy.financial_retention_years)
    except ValueError:  # 29 February
        return erased.replace(year=erased.year + policy.financial_retention_years, day=28)


def _days_before(today: date, days: int) -> datetime:
    """Stored ``days`` days before today or earlier: due today (day ``days`` is the last)."""
    return _midnight(today - timedelta(days=days - 1))


def _first_day_kept(today: date, deleted_on: Callable[[date], date], years: int) -> date:
    """The earliest day whose data is not yet due, found by asking ``deleted_on`` itself, so
    the purge and the promise cannot disagree (not even about 29 February)."""
    day = today.replace(year=today.year - years, day=min(today.day, 28)) - timedelta(days=3)
    while deleted_on(day) <= today:
        day += timedelta(days=1)
    return day


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
