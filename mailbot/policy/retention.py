"""What the privacy policies promise to delete, and when (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from mailbot.config import PolicySettings


@dataclass(frozen=True)
class RetentionCutoffs:
    """Anything older than these moments is due for deletion."""

    card_stored_before: datetime
    unlinked_orders_before: datetime
    raw_mail_before: datetime
    sent_replies_before: datetime


def retention_cutoffs(now: datetime, policy: PolicySettings) -> RetentionCutoffs:
    return RetentionCutoffs(
        card_stored_before=now - timedelta(days=policy.card_retention_days),
        unlinked_orders_before=_years_before(now, policy.financial_retention_years),
        raw_mail_before=now - timedelta(days=policy.raw_mail_retention_days),
        sent_replies_before=now - timedelta(days=policy.raw_mail_retention_days),
    )


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def financial_kept_until(order_year_end: datetime, policy: PolicySettings) -> datetime:
    return order_year_end.replace(year=order_year_end.year + policy.financial_retention_years)
