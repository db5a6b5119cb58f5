"""How each destination is doing, for `mailbot status` and its Prometheus metrics.

A destination ``needs_attention`` when it has been failing for longer than
``[events] alert_after_minutes`` or holds deliveries that failed for good (status: a
problem); failing for less than that is normal life for a webhook (status: a warning).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.store.models import DeliveryState, EventDelivery, EventDestination


@dataclass(frozen=True)
class DestinationHealth:
    name: str
    failing: bool
    needs_attention: bool
    pending: int
    failed: int
    delivered: int
    failing_since: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    oldest_pending_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "failing": self.failing,
                "needs_attention": self.needs_attention, "pending": self.pending,
                "failed": self.failed, "delivered": self.delivered,
                "failing_since": _iso(self.failing_since),
                "last_success_at": _iso(self.last_success_at), "last_error": self.last_error,
                "oldest_pending_at": _iso(self.oldest_pending_at)}


def destinations_health(session: Session, settings: Settings, *, now: datetime) -> list[DestinationHealth]:
    """Every configured destination, and any other that still holds deliveries."""
    counts: dict[str, dict[str, int]] = {}
    for name, state, count in session.execute(
            select(EventDelivery.destination, EventDelivery.state, func.count())
            .group_by(EventDelivery.destination, EventDelivery.state)).all():
        counts.setdefault(name, {})[str(state)] = count
    oldest = dict(session.execute(
        select(EventDelivery.destination, func.min(EventDelivery.created_at))
        .where(EventDelivery.state == DeliveryState.pending)
        .group_by(EventDelivery.destination)).all())
    recorded = {row.name: row for row in session.scalars(select(EventDestination))}
    names = [d.destination for d in settings.destinations]
    names += sorted(n for n in counts if n not in names)
    limit = timedelta(minutes=settings.events.alert_after_minutes)
    result = []
    for name in names:
        seen = recorded.get(name) or EventDestination(name=name)
        by_state = counts.get(name, {})
        failing_for = now - seen.failing_since if seen.failing_since else None
        failed = by_state.get(DeliveryState.failed, 0)
        result.append(DestinationHealth(
            name=name, failing=failing_for is not None,
            needs_attention=bool(failed) or (failing_for is not None and failing_for >= limit),
            pending=by_state.get(DeliveryState.pending, 0), failed=failed,
            delivered=by_state.get(DeliveryState.delivered, 0), failing_since=seen.failing_since,
            last_success_at=seen.last_success_at, last_error=seen.last_error,
            oldest_pending_at=oldest.get(name)))
    return result


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
