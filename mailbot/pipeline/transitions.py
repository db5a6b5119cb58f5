"""The one place a privacy request changes state.

:func:`move_request` checks the move against :mod:`mailbot.policy.states`, assigns it and
appends the audit event in the caller's transaction, so the state and its trail never
disagree. :func:`start_request` does the same for a new request.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from mailbot.policy.states import RequestState, check_move
from mailbot.store import audit
from mailbot.store.models import PrivacyRequest


def start_request(session: Session, request: PrivacyRequest, *, now: datetime,
                  actor: str = "system", event: str | None = None,
                  details: dict[str, Any] | None = None) -> PrivacyRequest:
    """Insert a new request in its first state and record it."""
    request.state = check_move(None, request.state)
    request.created_at = request.created_at or now
    request.updated_at = now
    session.add(request)
    session.flush()
    audit.record(session, actor=actor, action=event or f"request_{request.state}", now=now,
                 request_id=request.id, subject_index=request.email_index, details=details)
    return request


def move_request(session: Session, request: PrivacyRequest, to: RequestState, *,
                 now: datetime, actor: str = "system", event: str | None = None,
                 details: dict[str, Any] | None = None) -> None:
    """``request`` moves to ``to``; the audit event is ``event`` (default ``request_<to>``)."""
    request.state = check_move(request.state, to)
    request.updated_at = now
    session.add(request)
    audit.record(session, actor=actor, action=event or f"request_{to}", now=now,
                 request_id=request.id, subject_index=request.email_index, details=details)


def move_requests_where(session: Session, where: ColumnElement[bool], *, current: RequestState,
                        to: RequestState, now: datetime) -> int:
    """A set-based move of every request in ``current`` matching ``where``; returns the count.

    For bookkeeping moves made in bulk (``applied → replied``): the change itself is the
    record, so no audit event per row.
    """
    check_move(current, to)
    result = session.execute(update(PrivacyRequest)
                             .where(PrivacyRequest.state == current, where)
                             .values(state=to, updated_at=now))
    return result.rowcount or 0
