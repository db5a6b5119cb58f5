"""The admin pages for looking back: history and search, one customer's story, and mail
left for people. Read-only (GET), behind the same login as the queue; the queries live in
:mod:`mailbot.pipeline.history` and :mod:`mailbot.pipeline.left`."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from mailbot.admin.web import Admin, page
from mailbot.pipeline import history
from mailbot.pipeline.left import left_for_people
from mailbot.runtime import Runtime
from mailbot.store.db import transaction
from mailbot.store.models import RequestKind, RequestState


def add_routes(app: FastAPI) -> None:
    app.get("/history", response_class=HTMLResponse)(history_page)
    app.get("/customer", response_class=HTMLResponse)(customer_page)
    app.get("/left", response_class=HTMLResponse)(left_page)


def history_page(request: Request, user: Admin, email: str = "", state: str = "", kind: str = "",
                 since: str = "", until: str = "") -> Response:
    rt: Runtime = request.app.state.rt
    query = history.RequestFilter(
        email=email, state=state if state in _STATES else "", kind=kind if kind in _KINDS else "",
        since=_day(since), until=_day(until, plus=timedelta(days=1)))
    with transaction(rt.engine) as session:
        rows = history.search_requests(session, query, cipher=rt.cipher)
    return page(request, "history.html", rows=rows, states=_STATES, kinds=_KINDS,
                 form={"email": email, "state": query.state, "kind": query.kind,
                       "since": since if query.since else "", "until": until if query.until else ""})


def customer_page(request: Request, user: Admin, email: str = "") -> Response:
    rt: Runtime = request.app.state.rt
    view = None
    if email.strip():
        with transaction(rt.engine) as session:
            view = history.customer_view(session, email, cipher=rt.cipher)
    return page(request, "customer.html", email=email, view=view, searched=bool(email.strip()))


def left_page(request: Request, user: Admin) -> Response:
    rt: Runtime = request.app.state.rt
    return page(request, "left.html", items=left_for_people(rt.engine, cipher=rt.cipher, limit=200))


_STATES = tuple(str(s) for s in RequestState)
_KINDS = tuple(str(k) for k in RequestKind)


def _day(text: str, plus: timedelta = timedelta(0)) -> datetime | None:
    """A YYYY-MM-DD form field as the start of that day (UTC); anything else is ignored."""
    try:
        return datetime.combine(date.fromisoformat(text), time(), tzinfo=UTC) + plus
    except ValueError:
        return None
