"""Admin login limits, server-side sessions, the allowed-host check and bad paths, with httpx
against the real app (in-process, and under uvicorn from tests/fixtures/admin.py)."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import timedelta

import httpx
import pytest

from mailbot.admin import auth
from mailbot.runtime import Runtime
from tests.fixtures.admin import ADMIN_NAME, ADMIN_PASSWORD, RunningServer
from tests.test_admin import client_for, csrf_of, log_in


@pytest.fixture
def rt(admin_rt: Runtime, admin_account: object) -> Runtime:
    """On SQLite and PostgreSQL, with the admin account."""
    return admin_rt


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Waits:
    """The limiter's sleep: records each delay and yields to the other requests."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.running = self.most_running = 0

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        await asyncio.sleep(0.01)
        self.running -= 1


def limiter(waits: Waits, clock: Clock | None = None, **kwargs: float) -> auth.LoginLimiter:
    return auth.LoginLimiter(limit=5, window=60, delay=2.0, clock=clock or Clock(),
                             sleep=waits, **kwargs)  # type: ignore[arg-type]


async def test_over_the_limit_the_right_password_is_delayed_not_refused(rt: Runtime) -> None:
    waits = Waits()
    async with client_for(rt, limiter=limiter(waits)) as client:
        for _ in range(5):
            assert (await log_in(client, password="guess guess guess")).status_code == 401
        assert waits.delays == []  # under the limit: no waiting
        assert (await log_in(client)).status_code == 303  # five failures never lock the admin out
        assert waits.delays == [2.0]
        assert (await client.get("/")).status_code == 200


async def test_parallel_guesses_are_counted_one_by_one_and_take_turns(rt: Runtime) -> None:
    waits = Waits()
    limits = limiter(waits)
    async with client_for(rt, limiter=limits) as client:
        token = csrf_of((await client.get("/login")).text)
        form = {"name": ADMIN_NAME, "password": "wrong guess", "csrf_token": token}
        answers = await asyncio.gather(*(client.post("/login", data=form) for _ in range(30)))
    assert [a.status_code for a in answers] == [401] * 30
    assert len(waits.delays) == 25  # only five were checked against the fresh count
    assert waits.most_running == 1  # the others one at a time, each after the delay
    assert limits.blocked(ADMIN_NAME)


async def test_spraying_many_names_from_one_client_is_slowed(rt: Runtime) -> None:
    waits = Waits()
    async with client_for(rt, limiter=limiter(waits, client_limit=20)) as client:
        for n in range(40):
            assert (await log_in(client, f"name{n}", "wrong guess")).status_code == 401
    assert len(waits.delays) == 20  # each name is new, the client is not


def test_the_limiter_forgets_after_the_window() -> None:
    clock = Clock()
    limits = auth.LoginLimiter(limit=2, window=60, clock=clock)
    limits.failed("Amal", "10.0.0.1")
    limits.failed("amal", "10.0.0.2")
    assert limits.blocked("AMAL") and not limits.blocked("omar", "10.0.0.1")
    clock.now += 60
    assert not limits.blocked("amal", "10.0.0.1") and not limits.blocked("x", "10.0.0.2")
    assert limits._failures == {}


async def test_logout_revokes_the_session_even_for_a_copied_cookie(rt: Runtime) -> None:
    async with client_for(rt) as client:
        assert (await log_in(client)).status_code == 303
        copied = dict(client.cookies)
        token = csrf_of((await client.get("/")).text)
        assert (await client.post("/logout", data={"csrf_token": token})).status_code == 303
    async with client_for(rt) as thief:
        thief.cookies.update(copied)
        assert (await thief.get("/")).status_code == 303  # to the login page


async def test_a_session_ends_when_its_server_side_row_expires(rt: Runtime) -> None:
    async with client_for(rt) as client:
        assert (await log_in(client)).status_code == 303
        cookies = dict(client.cookies)
    later = dataclasses.replace(rt, clock=lambda: rt.clock() + timedelta(hours=8, seconds=1))
    async with client_for(later) as client:
        client.cookies.update(cookies)  # the signed cookie itself is still within its age
        assert (await client.get("/")).status_code == 303


@pytest.mark.parametrize("host", ["evil.example", "rebound.attacker.test:8025", ""])
def test_a_foreign_host_header_is_refused_with_security_headers(admin_server: RunningServer,
                                                                host: str) -> None:
    answer = httpx.get(f"{admin_server.url}/login", headers={"Host": host})
    assert answer.status_code == 400
    assert answer.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in answer.headers["content-security-policy"]


def test_loopback_names_and_configured_hosts_are_allowed(admin_server: RunningServer) -> None:
    port = admin_server.url.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert httpx.get(f"{admin_server.url}/login", headers={"Host": host}).status_code == 200
    settings = admin_server.rt.settings.admin.model_copy(update={"allowed_hosts": ("admin.shop",)})
    assert "admin.shop" in settings.host_names and "evil.example" not in settings.host_names


@pytest.mark.parametrize("path", ["/requests/99999999999999999999999", "/requests/9223372036854775808",
                                  "/requests/abc", "/requests/0", "/no/such/page"])
def test_a_bad_path_is_a_404_with_security_headers(admin_server: RunningServer, path: str) -> None:
    with httpx.Client(base_url=admin_server.url) as client:
        token = csrf_of(client.get("/login").text)
        client.post("/login", data={"name": ADMIN_NAME, "password": ADMIN_PASSWORD,
                                    "csrf_token": token})
        answer = client.get(path)
        posted = client.post(path + "/approve", data={"csrf_token": token})
    assert answer.status_code == 404
    assert posted.status_code in (403, 404)  # the token rotated at login: refused either way
    for response in (answer, posted):
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["cache-control"] == "no-store"


async def test_an_internal_error_answers_500_with_security_headers(
        rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    from mailbot.admin import app as admin_app

    def broken(*_args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(admin_app.review, "list_queue", broken)
    application = admin_app.create_app(rt, secret="s" * 40)
    transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        assert (await log_in(client)).status_code == 303
        answer = await client.get("/")
    assert answer.status_code == 500
    assert answer.headers["x-frame-options"] == "DENY"
    assert "a bug" not in answer.text
