"""One alert mail per outage that `status` shows and no other job reports: a poller that has
stopped (dead or stuck daemon) and a relay that keeps refusing replies.

`status` (daemon/status.py) decides what is red; this module only mails the admin once when
a condition starts, and arms again when it clears. A ``job_run`` row per condition
(``alert:<name>``, claimed with a compare-and-set) makes it one mail across several daemons.
A failing mailbox has its own alert here ([mailbox] alert_after_minutes); near deadlines
are warned by lifecycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from mailbot.config import Settings
from mailbot.daemon.status import collect_status
from mailbot.pipeline.lifecycle import send_admin_alert
from mailbot.store.crypto import Cipher
from mailbot.store.db import transaction
from mailbot.store.leases import claim_job_run, rearm_job
from mailbot.store.models import MailboxState

ALERT_PREFIX = "alert:"


@dataclass(frozen=True)
class Outage:
    name: str
    active: bool
    subject: str
    lines: list[str]
    action: str


def outages(status: dict[str, Any]) -> list[Outage]:
    """The conditions this module alerts on, read from a status report (pure)."""
    stale = [m for m in status["mailboxes"] if m["stale"]]
    box = status["outbox"]
    return [
        Outage("poll_stale", bool(stale), "mailbot has stopped polling the mailbox",
               [f"{m['mailbox']}: last successful poll {m['last_success_at']}" for m in stale],
               "Check that `mailbot run` is running (systemctl status mailbot), then `mailbot status`."),
        Outage("relay_failing", box["relay_failing"], "mailbot cannot deliver replies",
               [f"replies waiting since {box['retrying_since']}", f"last error: {box['retry_error']}"],
               "Check the [smtp] relay and its credentials, then `mailbot status`."),
    ]


def alert_on_failing_mailboxes(engine: Engine, *, settings: Settings, cipher: Cipher,
                               now: datetime) -> list[str]:
    """One alert per mailbox failing for ``alert_after_minutes`` (re-armed by a success);
    the whole ``settings``, for ``[mailbox]`` and the alert mail (:func:`send_admin_alert`)."""
    limit = timedelta(minutes=settings.mailbox.alert_after_minutes)
    alerted = []
    with transaction(engine) as session:
        for state in session.scalars(select(MailboxState)):
            if state.failing_since and state.alerted_at is None \
                    and now - state.failing_since >= limit:
                state.alerted_at = now
                send_admin_alert(
                    session, f"mailbot cannot read the mailbox {state.mailbox}",
                    [f"failing since {state.failing_since:%Y-%m-%d %H:%M} UTC",
                     f"last error: {state.last_error}"], settings=settings, cipher=cipher, now=now,
                    action="Check the mailbox credentials and server, then `mailbot status`.",
                    since=state.failing_since)
                alerted.append(state.mailbox)
    return alerted


def alert_on_outages(engine: Engine, *, settings: Settings, cipher: Cipher,
                     now: datetime) -> list[str]:
    """Queue one alert per outage that has just started; returns the names alerted (the
    whole ``settings``: the status report reads several sections, and so does the mail)."""
    with Session(engine) as session:
        status = collect_status(session, settings, now=now)
    alerted = []
    for outage in outages(status):
        key = ALERT_PREFIX + outage.name
        if not outage.active:
            rearm_job(engine, key)
        elif claim_job_run(engine, key, now=now, is_due=lambda last: last is None):
            with transaction(engine) as session:
                send_admin_alert(session, outage.subject, outage.lines, settings=settings,
                                 cipher=cipher, now=now, action=outage.action)
            alerted.append(outage.name)
    return alerted
