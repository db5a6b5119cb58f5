"""Retention purges: what the privacy policy promises to delete, deleted on time.

Set-based deletes in batches of :data:`BATCH` rows, each its own short transaction, so a purge
of a million rows never holds a lock long enough to stall the daemon. The cutoffs come from
:func:`mailbot.policy.retention.retention_cutoffs` and the clock passed in (``--as-of``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.sql import ColumnElement

from mailbot.config import PolicySettings
from mailbot.policy.retention import retention_cutoffs
from mailbot.store import audit
from mailbot.store.db import transaction
from mailbot.store.models import (
    InboundMessage,
    Order,
    OrderLine,
    Outbox,
    OutboxState,
    PaymentCard,
    PrivacyRequest,
)

BATCH = 20_000


@dataclass
class PurgeReport:
    as_of: datetime
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Rule:
    name: str
    describe: str
    table: Any
    condition: ColumnElement[bool]
    clear: dict[str, Any] | None = None
    """Columns to set to NULL instead of deleting the row."""


def purge_rules(now: datetime, policy: PolicySettings) -> list[Rule]:
    cut = retention_cutoffs(now, policy)
    unlinked_old = (Order.customer_id.is_(None) & Order.unlinked_at.is_not(None)
                    & (Order.unlinked_at < cut.unlinked_orders_before))
    return [
        Rule("cards", f"card data stored more than {policy.card_retention_days} days ago",
             PaymentCard, PaymentCard.stored_at < cut.card_stored_before),
        Rule("order_lines", "lines of unlinked orders past the financial retention period",
             OrderLine, OrderLine.order_id.in_(select(Order.id).where(unlinked_old))),
        Rule("orders", f"orders unlinked by an erasure more than {policy.financial_retention_years}"
             " years ago",
             Order, unlinked_old),
        Rule("raw_mail", f"raw inbound mail older than {policy.raw_mail_retention_days} days",
             InboundMessage, InboundMessage.raw_enc.is_not(None)
             & (InboundMessage.received_at < cut.raw_mail_before), clear={"raw_enc": None}),
        Rule("sent_replies", "text of replies sent, or failed for good, before the raw-mail "
             "cutoff (a failed reply stays retryable until then)", Outbox,
             Outbox.message_enc.is_not(None)
             & (((Outbox.state == OutboxState.sent) & (Outbox.created_at < cut.sent_replies_before))
                | ((Outbox.state == OutboxState.failed)
                   & (func.coalesce(Outbox.failed_at, Outbox.created_at)
                      < cut.sent_replies_before))),
             clear={"message_enc": None, "recipient_enc": None}),
        Rule("expired_tokens", "confirmation tokens past their expiry", PrivacyRequest,
             PrivacyRequest.token_hash.is_not(None) & (PrivacyRequest.token_expires_at < now),
             clear={"token_hash": None}),
    ]


def purge(engine: Engine, policy: PolicySettings, *, now: datetime, dry_run: bool = False,
          actor: str = "scheduler", progress: Callable[[str, int], None] = lambda n, c: None
          ) -> PurgeReport:
    report = PurgeReport(as_of=now, dry_run=dry_run)
    for rule in purge_rules(now, policy):
        count = _count(engine, rule) if dry_run else _run(engine, rule, progress)
        report.counts[rule.name] = count
    if not dry_run:
        with transaction(engine) as session:
            audit.record(session, actor=actor, action="purge", now=now,
                         details={"as_of": now.isoformat(), **report.counts})
    return report


def _count(engine: Engine, rule: Rule) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(rule.table).where(rule.condition)) or 0


def _run(engine: Engine, rule: Rule, progress: Callable[[str, int], None]) -> int:
    (key,) = rule.table.__table__.primary_key.columns
    done = 0
    while True:
        batch = select(key).where(rule.condition).limit(BATCH)
        if rule.clear is None:
            statement = delete(rule.table).where(key.in_(batch))
        else:
            statement = update(rule.table).where(key.in_(batch)).values(**rule.clear)
        with engine.begin() as conn:
            affected = conn.execute(statement.execution_options(synchronize_session=False)).rowcount
        done += affected or 0
        if affected:
            progress(rule.name, done)
        if not affected or affected < BATCH:
            return done
