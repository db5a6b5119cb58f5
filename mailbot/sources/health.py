"""Mailbox health: when each mailbox last worked, since when it fails, and why.

The one writer of ``mailbox_state``'s health columns, for the fetcher (``ingest``) and for the
daemon's connect failures alike; ``status`` and the alert mail read them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from mailbot.logs import get_logger
from mailbot.mail.addresses import describe_error
from mailbot.store.db import transaction
from mailbot.store.models import MailboxState

log = get_logger(__name__)

MAX_ERROR = 500


def record_success(engine: Engine, key: str, now: datetime) -> None:
    """The mailbox worked: clear the failure and re-arm its alert."""
    with transaction(engine) as session:
        state = session.get(MailboxState, key)
        if state is not None:
            state.last_success_at = now
            state.failing_since = None
            state.last_error = None
            state.alerted_at = None


def record_failure(engine: Engine, key: str, error: str, *, now: datetime,
                   start_after: datetime) -> None:
    """Best effort: when the database itself is failing there is nowhere to record it.

    A mailbox failing on its very first run gets ``start_after`` now, so mail that arrives
    before the first success is not skipped.
    """
    log.warning("mailbox_error", mailbox=key, error=error)
    try:
        with transaction(engine) as session:
            state = session.get(MailboxState, key) or MailboxState(
                mailbox=key, last_uid=0, start_after=start_after)
            state.failing_since = state.failing_since or now
            state.last_error = error[:MAX_ERROR]
            session.add(state)
    except Exception as exc:
        log.error("failure_not_recorded", mailbox=key, error=describe_error(exc))
