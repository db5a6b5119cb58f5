"""`mailbot status`: the health of a deployment, read from the database.

Everything here comes from what the daemons record (mailbox state, requests, outbox, job
runs), so it works from any machine that can reach the database, daemon running or not.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from prometheus_client import generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.integrations.health import destinations_health
from mailbot.policy.states import OPEN_STATES, RequestState
from mailbot.store.audit import read_anchor
from mailbot.store.models import (
    JobRun,
    MailboxState,
    MailRemoval,
    Outbox,
    OutboxState,
    PrivacyRequest,
)

PROBLEM, WARNING, OK = "problem", "warning", "ok"


def collect_status(session: Session, settings: Settings, *, now: datetime) -> dict[str, Any]:
    status: dict[str, Any] = {
        "now": now.isoformat(),
        "mailboxes": [_mailbox(m, settings, now) for m in session.scalars(select(MailboxState))],
        "requests": _requests(session, settings, now),
        "outbox": _outbox(session, settings, now),
        "erased_mail": _erased_mail(session, settings, now),
        "jobs": _jobs(session, settings, now),
        "destinations": [d.as_dict() for d in destinations_health(session, settings, now=now)],
        "audit": _audit(session),
    }
    status["problems"] = problems(status)
    status["health"] = overall_health(status)
    return status


def _mailbox(state: MailboxState, settings: Settings, now: datetime) -> dict[str, Any]:
    failing_for = (now - state.failing_since) if state.failing_since else None
    limit = timedelta(minutes=settings.mailbox.alert_after_minutes)
    # A dead or stuck daemon records no failure: only the age of the last success shows it.
    # (A failing mailbox is reported, and alerted, as failing instead.)
    stale = state.last_success_at is not None and state.failing_since is None and \
        now - state.last_success_at > settings.scheduler.poll_overdue_after
    health = PROBLEM if stale else OK if failing_for is None else \
        PROBLEM if failing_for >= limit else WARNING
    return {"mailbox": state.mailbox, "health": health,
            "last_success_at": _iso(state.last_success_at), "stale": stale,
            "failing_since": _iso(state.failing_since), "last_error": state.last_error,
            "start_after": _iso(state.start_after),
            "last_uid": state.last_uid, "uidvalidity": state.uidvalidity}


def _requests(session: Session, settings: Settings, now: datetime) -> dict[str, Any]:
    by_state = dict(session.execute(select(PrivacyRequest.state, func.count())
                                    .group_by(PrivacyRequest.state)).all())
    oldest = session.scalars(select(PrivacyRequest)
                             .where(PrivacyRequest.state.in_(list(OPEN_STATES)))
                             .order_by(PrivacyRequest.due_at).limit(1)).first()

    def open_due_before(moment: datetime) -> int:
        return session.scalar(select(func.count()).select_from(PrivacyRequest).where(
            PrivacyRequest.state.in_(list(OPEN_STATES)), PrivacyRequest.due_at < moment)) or 0

    overdue = open_due_before(now)
    return {
        "by_state": {str(k): v for k, v in by_state.items()},
        "needs_review": by_state.get(RequestState.in_review, 0) + by_state.get(RequestState.failed, 0),
        "overdue": overdue,
        "due_soon": open_due_before(now + timedelta(hours=settings.policy.due_warning_hours)) - overdue,
        "oldest_open": None if oldest is None else {
            "id": oldest.id, "kind": str(oldest.kind), "state": str(oldest.state),
            "created_at": _iso(oldest.created_at), "due_at": _iso(oldest.due_at)},
    }


def _outbox(session: Session, settings: Settings, now: datetime) -> dict[str, Any]:
    by_state = dict(session.execute(select(Outbox.state, func.count()).group_by(Outbox.state)).all())
    oldest = session.scalar(select(func.min(Outbox.created_at)).where(Outbox.state == OutboxState.pending))
    failure = session.scalars(select(Outbox).where(Outbox.state == OutboxState.failed)
                              .order_by(Outbox.id.desc()).limit(1)).first()
    # Replies are tried within seconds of being written, so the oldest one still waiting
    # after a failed attempt tells how long the relay has been refusing them.
    retrying = session.scalars(select(Outbox).where(Outbox.state == OutboxState.pending,
                                                    Outbox.attempts > 0)
                               .order_by(Outbox.created_at).limit(1)).first()
    limit = timedelta(minutes=settings.smtp.alert_after_minutes)
    return {"pending": by_state.get(OutboxState.pending, 0),
            "sent": by_state.get(OutboxState.sent, 0),
            "failed": by_state.get(OutboxState.failed, 0),
            "oldest_pending": _iso(oldest),
            "last_failure": failure.last_error if failure else None,
            "retrying_since": _iso(retrying.created_at if retrying else None),
            "retry_error": retrying.last_error if retrying else None,
            "relay_failing": retrying is not None and now - retrying.created_at >= limit}


def _erased_mail(session: Session, settings: Settings, now: datetime) -> dict[str, Any]:
    """Erased people's mail still to be removed from the mailbox or the Maildir outbox: a
    pass of the daemon removes it, so any older than a pass means it cannot."""
    pending = MailRemoval.done_at.is_(None)
    count = session.scalar(select(func.count()).select_from(MailRemoval).where(pending)) or 0
    oldest = session.scalars(select(MailRemoval).where(pending)
                             .order_by(MailRemoval.created_at).limit(1)).first()
    stuck = oldest is not None and now - oldest.created_at > settings.scheduler.poll_overdue_after
    return {"pending": count, "pending_since": _iso(oldest.created_at if oldest else None),
            "last_error": oldest.last_error if oldest else None, "stuck": stuck}


def _jobs(session: Session, settings: Settings, now: datetime) -> dict[str, Any]:
    runs = {r.name: r for r in session.scalars(select(JobRun))}
    purge = runs.get("purge")
    trigger = settings.scheduler.purge_trigger
    return {
        name: {"last_run_at": _iso(run.last_run_at), "last_result": run.last_result}
        for name, run in runs.items() if not name.startswith("alert:")  # alerts.py's markers
    } | {"purge_next_run_at": _iso(trigger.get_next_fire_time(
        purge.last_run_at if purge else None, now))}


def _audit(session: Session) -> dict[str, Any]:
    """The audit chain's anchor: keep a copy elsewhere (a deleted tail shows as a drop)."""
    anchor = read_anchor(session)
    if anchor is None:
        return {"events": None, "head": None, "anchor": None}
    return {"events": anchor.events, "head": anchor.head_hash,
            "anchor": f"{anchor.events}:{anchor.head_hash}"}


def problems(status: dict[str, Any]) -> list[str]:
    """What needs attention now, one line each (empty when healthy)."""
    found = []
    for m in status["mailboxes"]:
        if m["stale"]:
            found.append(f"no successful poll of {m['mailbox']} since {m['last_success_at']}: "
                         "is `mailbot run` running?")
        elif m["health"] == PROBLEM:
            found.append(f"mailbox {m['mailbox']} failing since {m['failing_since']}")
    box, req = status["outbox"], status["requests"]
    if box["relay_failing"]:
        found.append(f"replies not going out since {box['retrying_since']}: check the relay")
    if box["failed"]:
        found.append(f"{box['failed']} replies failed for good")
    erased = status["erased_mail"]
    if erased["stuck"]:
        found.append(f"{erased['pending']} messages of erased people still to remove since "
                     f"{erased['pending_since']}: {erased['last_error'] or 'is `mailbot run` running?'}")
    if req["overdue"]:
        found.append(f"{req['overdue']} requests past their deadline")
    if req["due_soon"]:
        found.append(f"{req['due_soon']} requests due within the warning window")
    for d in status.get("destinations", []):
        if d["failed"]:
            found.append(f"{d['failed']} change events failed for good to {d['name']}: "
                         "`mailbot deliveries list --state failed`")
        elif d["needs_attention"]:
            found.append(f"{d['name']} failing since {d['failing_since']}: {d['last_error']}")
    return found


def overall_health(status: dict[str, Any]) -> str:
    if status["problems"]:
        return PROBLEM
    if any(m["health"] == WARNING for m in status["mailboxes"]) or status["requests"]["needs_review"] \
            or any(d["failing"] for d in status.get("destinations", [])):
        return WARNING
    return OK


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def prometheus_text(status: dict[str, Any]) -> str:
    """The status as Prometheus text exposition: ``status --prometheus`` (for node_exporter's
    textfile collector) and the admin server's ``/metrics`` both print this, so the two never
    disagree. prometheus_client does the formatting and the escaping."""
    families: list[GaugeMetricFamily] = []

    def metric(name: str, help_text: str, samples: list[tuple[dict[str, str], float]]) -> None:
        labels = sorted({key for sample_labels, _ in samples for key in sample_labels})
        family = GaugeMetricFamily(f"mailbot_{name}", help_text, labels=labels)
        for sample_labels, value in samples:
            family.add_metric([sample_labels[key] for key in labels], value)
        families.append(family)

    requests, outbox = status["requests"], status["outbox"]
    metric("health", "0 ok, 1 warning, 2 problem.",
           [({}, {OK: 0, WARNING: 1, PROBLEM: 2}[status["health"]])])
    metric("requests", "Privacy requests by state.",
           [({"state": state}, count) for state, count in sorted(requests["by_state"].items())])
    metric("requests_needing_review", "Requests in review or failed.",
           [({}, requests["needs_review"])])
    metric("requests_overdue", "Open requests past their due date.", [({}, requests["overdue"])])
    metric("requests_due_soon", "Open requests due within the warning window.",
           [({}, requests["due_soon"])])
    metric("relay_failing", "1 when replies have been refused longer than alert_after_minutes.",
           [({}, int(outbox["relay_failing"]))])
    metric("outbox_messages", "Replies by delivery state.",
           [({"state": s}, outbox[s]) for s in ("pending", "sent", "failed")])
    metric("erased_mail_pending", "Messages of erased people still to remove from the mailbox "
           "or the Maildir outbox.", [({}, status["erased_mail"]["pending"])])
    metric("mailbox_up", "1 when the last fetch succeeded.",
           [({"mailbox": m["mailbox"]}, 0 if m["failing_since"] else 1)
            for m in status["mailboxes"]])
    metric("mailbox_last_success_timestamp_seconds", "When mail was last fetched.",
           [({"mailbox": m["mailbox"]}, _timestamp(m["last_success_at"]))
            for m in status["mailboxes"] if m["last_success_at"]])
    destinations = status.get("destinations", [])
    if destinations:  # no webhooks or connectors: no such metrics, rather than empty ones
        metric("destination_up", "1 when the last delivery of change events to it succeeded.",
               [({"destination": d["name"]}, 0 if d["failing"] else 1) for d in destinations])
        metric("destination_needs_attention",
               "1 when failing longer than [events] alert_after_minutes or holding failed deliveries.",
               [({"destination": d["name"]}, int(d["needs_attention"])) for d in destinations])
        metric("event_deliveries", "Change event deliveries by destination and state.",
               [({"destination": d["name"], "state": s}, d[s]) for d in destinations
                for s in ("pending", "delivered", "failed")])
    audit = status.get("audit") or {"events": None}
    if audit["events"] is not None:
        metric("audit_events", "Events in the audit chain (never goes down).",
               [({}, audit["events"])])
        metric("audit_head_info", "The audit chain's newest hash, as a label.",
               [({"head": audit["head"]}, 1)])
    purge = status["jobs"].get("purge")
    if isinstance(purge, dict) and purge.get("last_run_at"):
        metric("purge_last_run_timestamp_seconds", "When the retention purge last ran.",
               [({}, _timestamp(purge["last_run_at"]))])
    return generate_latest(_Families(families)).decode("utf-8")


class _Families(Collector):
    """A registry of one report's metrics, rendered once (nothing global is registered)."""

    def __init__(self, families: list[GaugeMetricFamily]) -> None:
        self._families = families

    def collect(self) -> Iterator[Metric]:
        return iter(self._families)


def _timestamp(iso: str) -> float:
    return round(datetime.fromisoformat(iso).timestamp(), 3)
