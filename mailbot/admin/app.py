"""The review queue as a web page: thin routes over :mod:`mailbot.pipeline.review`.

Every page but the login needs a session; every POST needs the session's CSRF token; every
response carries headers that forbid framing, referrers and any script or foreign resource
(the pages use no JavaScript at all, so even a templating slip could not run mail's HTML).
Decisions go through the same ``review`` functions as ``mailbot queue``, with the actor
``admin:<name>`` in the audit trail.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, Form, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mailbot.admin import auth, pages
from mailbot.admin.web import (
    Admin,
    BadCsrfToken,
    Csrf,
    LoginRequired,
    flash,
    jinja_env,
    new_session,
    page,
    utc,
)
from mailbot.pipeline import failed_replies, history, review
from mailbot.policy.states import OPEN_STATES
from mailbot.runtime import Runtime
from mailbot.store.db import transaction
from mailbot.vocabulary import REVIEW_INTENTS

PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
INTENT_CHOICES = REVIEW_INTENTS
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                               "base-uri 'none'",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
}


SESSION_SECONDS = 8 * 3600
MAX_ID = 2**63 - 1  # the database's integer: a larger id is a page that cannot exist
RowId = Annotated[int, PathParam(ge=1, le=MAX_ID)]


def create_app(rt: Runtime, *, secret: str, limiter: auth.LoginLimiter | None = None) -> FastAPI:
    """The ASGI app; ``secret`` signs session cookies (a new one ends every session)."""
    app = FastAPI(title="mailbot admin", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.rt = rt
    settings = rt.settings.admin
    app.state.limiter = limiter or auth.LoginLimiter(limit=settings.login_failures_per_minute,
                                                     delay=settings.login_delay_seconds)
    app.state.templates = Jinja2Templates(env=jinja_env())
    app.add_middleware(auth.SignedCookieSession, secret=secret, max_age=SESSION_SECONDS)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.host_names))
    app.add_middleware(SecurityHeaders)  # outermost: on every answer, the 400 for a bad host too
    app.add_exception_handler(RequestValidationError, _not_found)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)
    app.add_exception_handler(LoginRequired, _to_login)  # type: ignore[arg-type]
    app.add_exception_handler(BadCsrfToken, _bad_csrf)  # type: ignore[arg-type]
    _add_routes(app)
    return app


class SecurityHeaders:
    """Adds ``headers`` (:data:`SECURITY_HEADERS` unless told) to every response, errors
    included; the public endpoints use it with their own, stricter set."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] | None = None) -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in (headers or SECURITY_HEADERS).items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = self.headers
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _to_login(request: Request, exc: LoginRequired) -> Response:
    target = "/login" if exc.path in ("/", "/login") else f"/login?next={quote(exc.path)}"
    return RedirectResponse(target, status_code=303)


async def _not_found(request: Request, exc: RequestValidationError) -> Response:
    """A path that names no page (``/requests/<huge number>``, ``/requests/abc``): 404."""
    return page(request, "error.html", status=404, message="There is no such page.")


async def _server_error(request: Request, exc: Exception) -> Response:
    """Answered outside the middleware, so the security headers are added here."""
    return PlainTextResponse("Internal error: see the server log.", status_code=500,
                             headers=SECURITY_HEADERS)


async def _bad_csrf(request: Request, exc: BadCsrfToken) -> Response:
    return page(request, "error.html", status=403,
                 message="This form has expired or did not come from this site. "
                         "Go back, reload the page and try again.")


# --- rendering ------------------------------------------------------------------------------------


def _safe_next(target: str | None) -> str:
    """Only local paths, so the login form cannot redirect elsewhere."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


# --- routes ---------------------------------------------------------------------------------------


def _add_routes(app: FastAPI) -> None:
    app.get("/login", response_class=HTMLResponse)(login_page)
    app.post("/login", dependencies=[Csrf])(login)
    app.post("/logout", dependencies=[Csrf])(logout)
    app.get("/", response_class=HTMLResponse)(queue_page)
    app.get("/requests/{request_id}", response_class=HTMLResponse)(request_page)
    app.post("/requests/{request_id}/approve", dependencies=[Csrf])(approve)
    app.post("/requests/{request_id}/reject", dependencies=[Csrf])(reject)
    app.post("/requests/{request_id}/retry", dependencies=[Csrf])(retry)
    app.post("/replies/{reply_id}/retry", dependencies=[Csrf])(retry_reply)
    app.get("/favicon.ico")(favicon)
    pages.add_routes(app)
    app.get("/metrics")(metrics)


def metrics(request: Request) -> Response:
    """The health report for a Prometheus scrape, the same text as ``status --prometheus``.

    No login: Prometheus cannot log in through a form, and the report holds counts and
    mailbox names, never a customer's data; the server listens on loopback by default.
    """
    from mailbot.daemon.status import collect_status, prometheus_text

    rt: Runtime = request.app.state.rt
    with transaction(rt.engine) as session:
        report = collect_status(session, rt.settings, now=rt.clock())
    return Response(prometheus_text(report), media_type=PROMETHEUS_CONTENT_TYPE)


def favicon() -> Response:
    """No icon: an empty answer keeps browsers from logging a 404 on every page."""
    return Response(status_code=204)


def login_page(request: Request, next: str = "/") -> Response:
    if request.session.get("user"):
        return RedirectResponse(_safe_next(next), status_code=303)
    return page(request, "login.html", next=_safe_next(next), name="", error=None)


async def login(request: Request, name: Annotated[str, Form()] = "",
                password: Annotated[str, Form()] = "",
                next: Annotated[str, Form()] = "/") -> Response:
    rt: Runtime = request.app.state.rt
    limiter: auth.LoginLimiter = request.app.state.limiter
    name, client = name.strip(), request.client.host if request.client else "unknown"
    async with limiter.attempt(name, client):  # over the limit: waits its turn and a delay
        fingerprint = await run_in_threadpool(auth.authenticate, rt.engine, name, password)
        if fingerprint is not None:
            limiter.succeeded(name, client)
    if fingerprint is None:
        return page(request, "login.html", status=401, next=_safe_next(next), name=name,
                     error="Wrong name or password.")
    sid = await run_in_threadpool(auth.start_session, rt.engine, name, rt.clock(),
                                  ttl=timedelta(seconds=SESSION_SECONDS))
    new_session(request, user=name, pw=fingerprint, sid=sid, csrf=auth.new_csrf_token())
    return RedirectResponse(_safe_next(next), status_code=303)


def logout(request: Request) -> Response:
    auth.end_session(request.app.state.rt.engine, request.session.get("sid"))
    new_session(request)
    flash(request, "ok", "You are logged out.")
    return RedirectResponse("/login", status_code=303)


def queue_page(request: Request, user: Admin) -> Response:
    rt: Runtime = request.app.state.rt
    with transaction(rt.engine) as session:
        items = review.list_queue(session)
        replies = failed_replies.list_failed(session)
    now = utc(rt.clock())
    rows = [{"item": item, "overdue": utc(item.due_at) < now} for item in items]
    return page(request, "queue.html", rows=rows, replies=replies)


def request_page(request: Request, request_id: RowId, user: Admin) -> Response:
    rt: Runtime = request.app.state.rt
    try:
        with transaction(rt.engine) as session:
            detail = review.show_request(session, request_id, cipher=rt.cipher)
    except review.ReviewError as exc:
        return page(request, "error.html", status=404, message=str(exc))
    overdue = detail.item.state in OPEN_STATES and utc(detail.item.due_at) < utc(rt.clock())
    with transaction(rt.engine) as session:
        replies = history.replies_for_request(session, request_id, cipher=rt.cipher)
    return page(request, "request.html", r=detail, overdue=overdue, intents=INTENT_CHOICES,
                 replies=replies)


def approve(request: Request, request_id: RowId, user: Admin,
            as_intent: Annotated[str, Form(alias="as")] = "") -> Response:
    rt: Runtime = request.app.state.rt
    return _decide(request, request_id, lambda: review.approve(
        rt.engine, request_id, settings=rt.settings, cipher=rt.cipher, clock=rt.clock,
        actor=f"admin:{user}", as_intent=as_intent or None))


def reject(request: Request, request_id: RowId, user: Admin,
           note: Annotated[str, Form()] = "") -> Response:
    rt: Runtime = request.app.state.rt
    return _decide(request, request_id, lambda: review.reject(
        rt.engine, request_id, now=rt.clock(), actor=f"admin:{user}", note=note.strip()))


def retry(request: Request, request_id: RowId, user: Admin) -> Response:
    rt: Runtime = request.app.state.rt
    return _decide(request, request_id, lambda: review.retry(
        rt.engine, request_id, settings=rt.settings, cipher=rt.cipher, clock=rt.clock,
        actor=f"admin:{user}"))


def retry_reply(request: Request, reply_id: RowId, user: Admin) -> Response:
    rt: Runtime = request.app.state.rt
    return _decide(request, None, lambda: failed_replies.retry_reply(
        rt.engine, reply_id, policy=rt.settings.policy, now=rt.clock(), actor=f"admin:{user}"))


def _decide(request: Request, request_id: int | None, decision: Any) -> Response:
    """Run one review decision and show its outcome on the request page, or the queue page
    for a reply (post/redirect/get)."""
    try:
        flash(request, "ok", decision())
    except review.ReviewError as exc:
        flash(request, "error", str(exc))
    target = f"/requests/{request_id}" if request_id is not None else "/"
    return RedirectResponse(target, status_code=303)
