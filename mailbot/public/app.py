"""``mailbot public``: the RFC 8058 one-click endpoint, the only part of mailbot on the internet.

- ``POST /u/TOKEN`` with the body ``List-Unsubscribe=One-Click`` unsubscribes at once and
  answers 200: no cookie, no redirect (RFC 8058 §3.2; mail providers POST it themselves).
- ``GET /u/TOKEN`` only shows a bilingual page with a button that sends the same POST: link
  scanners and prefetchers follow GETs, so a GET must never unsubscribe anyone.
- A malformed, tampered or expired token, or a token for no customer, gets a clear page and
  changes nothing.
- Every client address gets ``[public] rate_limit_per_minute`` requests a minute; a body over
  ``[public] max_body_bytes`` is refused with 413 before it is read; every answer carries a
  CSP that forbids scripts, framing and foreign resources, and ``Referrer-Policy:
  no-referrer`` so the token in the URL never leaks to another site.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mailbot.admin.app import SecurityHeaders
from mailbot.logs import get_logger
from mailbot.pipeline.oneclick import OneClickStatus, signer_for, unsubscribe_by_token
from mailbot.public.pages import Page, Pages
from mailbot.public.tokens import TokenError, TokenProblem, UnsubscribeToken
from mailbot.runtime import Runtime
from mailbot.store.db import transaction

log = get_logger(__name__)

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    "x-robots-tag": "noindex, nofollow",
}
PROBLEM_PAGES = {TokenProblem.malformed: ("invalid", 400), TokenProblem.tampered: ("invalid", 400),
                 TokenProblem.expired_key: ("expired", 410)}
ONE_CLICK_FIELD, ONE_CLICK_VALUE = "List-Unsubscribe", "One-Click"


class RateLimiter:
    """``limit`` requests per client address per minute, in fixed one-minute windows.

    In memory and per process: it stops a single client hammering the endpoint; the table
    is dropped every minute, so a flood of addresses cannot grow it without bound.
    """

    def __init__(self, limit: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self._clock = limit, clock
        self._window, self._counts = -1, dict[str, int]()
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        window = int(self._clock() // 60)
        with self._lock:
            if window != self._window:
                self._window, self._counts = window, {}
            count = self._counts.get(client, 0) + 1
            self._counts[client] = count
        return count <= self.limit


class BodyTooLarge(Exception):
    pass


class Limits:
    """The rate limit and the body size limit, before the request reaches a route."""

    def __init__(self, app: ASGIApp, *, limiter: RateLimiter, max_body: int, pages: Pages) -> None:
        self.app, self.limiter, self.max_body, self.pages = app, limiter, max_body, pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if not self.limiter.allow(client):
            await _html(self.pages.render("too_many", 429), {"retry-after": "60"})(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_body:
            await _html(self.pages.render("too_large", 413))(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _counting(self, receive: Receive) -> Receive:
        """A chunked body has no Content-Length: count it as it arrives."""
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise BodyTooLarge
            return message

        return counted


def create_app(rt: Runtime, *, limiter: RateLimiter | None = None) -> FastAPI:
    app = FastAPI(title="mailbot public", docs_url=None, redoc_url=None, openapi_url=None)
    pages = Pages(rt.settings)
    app.state.rt, app.state.pages = rt, pages
    app.add_middleware(Limits, limiter=limiter or RateLimiter(rt.settings.public.rate_limit_per_minute),
                       max_body=rt.settings.public.max_body_bytes, pages=pages)
    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS)
    app.add_exception_handler(BodyTooLarge, _too_large)  # type: ignore[arg-type]
    app.add_exception_handler(404, _not_found)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, _unavailable)  # type: ignore[arg-type]
    app.get("/u/{token}", response_class=HTMLResponse)(confirm_page)
    app.post("/u/{token}", response_class=HTMLResponse)(one_click)
    app.get("/healthz")(healthz)
    return app


def _html(page: Page, headers: dict[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(page.html, status_code=page.status, headers=headers)


async def _too_large(request: Request, exc: BodyTooLarge) -> Response:
    return _html(request.app.state.pages.render("too_large", 413))


async def _unavailable(request: Request, exc: OperationalError) -> Response:
    """The database is away or busy: nothing was applied (the transaction rolled back), and
    a 503 makes a mail provider retry the POST later."""
    log.warning("one-click: database unavailable: %s", exc.__class__.__name__)
    return _html(request.app.state.pages.render("unavailable", 503), {"retry-after": "60"})


async def _not_found(request: Request, exc: Exception) -> Response:
    return _html(request.app.state.pages.render("not_found", 404))


def healthz() -> Response:
    return PlainTextResponse("ok")


def _verify(request: Request, token: str) -> UnsubscribeToken | Page:
    rt: Runtime = request.app.state.rt
    try:
        return signer_for(rt.cipher.keyring).verify(token)
    except TokenError as exc:
        log.info("one_click_refused", problem=str(exc.problem))
        kind, status = PROBLEM_PAGES[exc.problem]
        return request.app.state.pages.render(kind, status)


def confirm_page(request: Request, token: str) -> Response:
    """Shows the button; changes nothing (scanners and prefetchers GET every link)."""
    verified = _verify(request, token)
    if isinstance(verified, Page):
        return _html(verified)
    pages: Pages = request.app.state.pages
    return _html(pages.render("confirm", 200, channel=verified.channel, form_action=f"/u/{token}"))


async def one_click(request: Request, token: str) -> Response:
    verified = _verify(request, token)
    pages: Pages = request.app.state.pages
    if isinstance(verified, Page):
        return _html(verified)
    if not await _asks_one_click(request):
        return _html(pages.render("not_one_click", 400))
    rt: Runtime = request.app.state.rt
    status = await run_in_threadpool(_unsubscribe, rt, verified)
    if status == OneClickStatus.unknown:
        return _html(pages.render("invalid", 404))
    return _html(pages.render("done", 200, channel=verified.channel))


async def _asks_one_click(request: Request) -> bool:
    """RFC 8058: the body is ``List-Unsubscribe=One-Click``, form-encoded or multipart."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form()
        return form.get(ONE_CLICK_FIELD) == ONE_CLICK_VALUE
    body = (await request.body()).decode("utf-8", "replace")
    return ONE_CLICK_VALUE in parse_qs(body.strip()).get(ONE_CLICK_FIELD, [])


def _unsubscribe(rt: Runtime, token: UnsubscribeToken) -> OneClickStatus:
    with transaction(rt.engine) as session:
        outcome = unsubscribe_by_token(session, rt.settings, token, now=rt.clock(), via="https",
                                       cipher=rt.cipher)
    log.info("one_click", status=str(outcome.status), request=outcome.request_id)
    return outcome.status
