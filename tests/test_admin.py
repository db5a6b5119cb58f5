"""The admin web page, in-process (httpx ASGI transport), plus one smoke test of the real command.

Decisions are checked in the database and the audit trail, on SQLite and PostgreSQL; the
security rules (login, CSRF, rate limit, cookie flags, headers, escaping) on SQLite, where
the engine does not matter.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from click.testing import Result
from sqlalchemy import Engine, select
from sqlmodel import Session
from typer.testing import CliRunner

from mailbot.admin import auth
from mailbot.admin.app import create_app
from mailbot.cli.app import app as cli_app
from mailbot.policy.states import RequestState
from mailbot.runtime import Runtime
from mailbot.store.crypto import Cipher
from mailbot.store.models import AdminUser, AuditEvent, PrivacyRequest, RequestKind
from tests.fixtures.admin import (
    ADMIN_NAME,
    ADMIN_PASSWORD,
    ARABIC,
    NOW,
    SCRIPT,
    SECRET,
    RunningServer,
    free_port,
    hostile_message,
    insert_request,
    make_runtime,
    wait_until_up,
)

ACTOR = f"admin:{ADMIN_NAME}"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


async def log_in(client: httpx.AsyncClient, name: str = ADMIN_NAME,
                 password: str = ADMIN_PASSWORD, next: str = "/") -> httpx.Response:
    token = csrf_of((await client.get("/login")).text)
    return await client.post("/login", data={"name": name, "password": password, "next": next,
                                             "csrf_token": token})


def client_for(rt: Runtime, *, base_url: str = "http://127.0.0.1:8025",
               limiter: auth.LoginLimiter | None = None) -> httpx.AsyncClient:
    """The app in-process; redirects are not followed so tests see them."""
    app = create_app(rt, secret=SECRET, limiter=limiter)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url)


@pytest.fixture
def rt(sqlite_engine: Engine, cipher: Cipher) -> Runtime:
    rt = make_runtime(sqlite_engine, cipher)
    auth.add_admin_user(rt.engine, ADMIN_NAME, ADMIN_PASSWORD, NOW)
    return rt


@pytest.fixture
async def client(rt: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(rt) as client:
        yield client


@pytest.fixture
async def logged_in(client: httpx.AsyncClient) -> httpx.AsyncClient:
    assert (await log_in(client)).status_code == 303
    return client


def events(engine: Engine, request_id: int) -> list[tuple[str, str]]:
    with Session(engine) as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.request_id == request_id)
                               .order_by(AuditEvent.id))
        return [(e.actor, e.action) for e in rows]


def state_of(engine: Engine, request_id: int) -> RequestState:
    with Session(engine) as session:
        request = session.get(PrivacyRequest, request_id)
        assert request is not None
        return RequestState(request.state)


# --- passwords and accounts --------------------------------------------------------------------


def test_passwords_are_salted_scrypt_hashes() -> None:
    first, second = auth.hash_password("a long password"), auth.hash_password("a long password")
    assert first != second and first.startswith("scrypt$")
    assert auth.verify_password("a long password", first)
    assert not auth.verify_password("a long passwore", first)
    assert not auth.verify_password("a long password", "garbage")


def test_an_existing_admin_gets_a_new_password_only_when_asked(sqlite_engine: Engine) -> None:
    assert auth.add_admin_user(sqlite_engine, "omar", "first password!", NOW) is True
    with pytest.raises(auth.AdminUserError, match="already exists.*--reset-password"):
        auth.add_admin_user(sqlite_engine, "omar", "second password!", NOW)
    assert auth.authenticate(sqlite_engine, "omar", "first password!") is not None
    assert auth.add_admin_user(sqlite_engine, "omar", "second password!", NOW,
                               reset_password=True) is False
    assert auth.authenticate(sqlite_engine, "omar", "first password!") is None
    assert auth.authenticate(sqlite_engine, "omar", "second password!") is not None
    with pytest.raises(auth.AdminUserError, match="at least 12"):
        auth.add_admin_user(sqlite_engine, "omar", "short", NOW)
    with pytest.raises(auth.AdminUserError, match="name"):
        auth.add_admin_user(sqlite_engine, "bad name", "long enough password", NOW)


# --- login ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/requests/1"])
async def test_every_page_needs_a_login(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


async def test_login_goes_back_to_the_page_asked_for_but_never_off_site(
        client: httpx.AsyncClient) -> None:
    assert (await client.get("/requests/7")).headers["location"] == "/login?next=/requests/7"
    assert (await log_in(client, next="/requests/7")).headers["location"] == "/requests/7"
    client.cookies.clear()
    assert (await log_in(client, next="//evil.example/")).headers["location"] == "/"


async def test_wrong_password_and_unknown_name_are_refused_alike(client: httpx.AsyncClient) -> None:
    for name, password in [(ADMIN_NAME, "not the password"), ("nobody", ADMIN_PASSWORD)]:
        response = await log_in(client, name, password)
        assert response.status_code == 401
        assert "Wrong name or password." in response.text
    assert (await client.get("/")).status_code == 303


async def test_logout_ends_the_session(logged_in: httpx.AsyncClient) -> None:
    token = csrf_of((await logged_in.get("/")).text)
    assert (await logged_in.post("/logout", data={"csrf_token": token})).status_code == 303
    assert (await logged_in.get("/")).status_code == 303


async def test_a_password_change_ends_existing_sessions(rt: Runtime,
                                                        logged_in: httpx.AsyncClient) -> None:
    assert (await logged_in.get("/")).status_code == 200
    auth.add_admin_user(rt.engine, ADMIN_NAME, "a brand new password", NOW, reset_password=True)
    assert (await logged_in.get("/")).status_code == 303


async def test_removing_an_admin_ends_their_sessions(rt: Runtime,
                                                     logged_in: httpx.AsyncClient) -> None:
    assert (await logged_in.get("/")).status_code == 200
    assert auth.remove_admin_user(rt.engine, ADMIN_NAME) is True
    assert (await logged_in.get("/")).status_code == 303
    assert auth.remove_admin_user(rt.engine, ADMIN_NAME) is False


async def test_a_forged_session_cookie_is_ignored(client: httpx.AsyncClient) -> None:
    client.cookies.set("mailbot_admin", '{"user": "amal"}')
    assert (await client.get("/")).status_code == 303


# --- CSRF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
async def test_posts_without_the_csrf_token_are_forbidden(rt: Runtime, logged_in: httpx.AsyncClient,
                                                          token: str | None) -> None:
    request_id = insert_request(rt, raw=hostile_message())
    data = {} if token is None else {"csrf_token": token}
    for action in ("approve", "reject", "retry"):
        response = await logged_in.post(f"/requests/{request_id}/{action}", data=data)
        assert response.status_code == 403
        assert "did not come from this site" in response.text
    assert (await logged_in.post("/logout", data=data)).status_code == 403
    assert state_of(rt.engine, request_id) == RequestState.in_review
    assert events(rt.engine, request_id) == []


async def test_login_form_needs_the_csrf_token_too(client: httpx.AsyncClient) -> None:
    await client.get("/login")
    response = await client.post("/login", data={"name": ADMIN_NAME, "password": ADMIN_PASSWORD})
    assert response.status_code == 403


async def test_the_csrf_token_changes_at_login(client: httpx.AsyncClient) -> None:
    before = csrf_of((await client.get("/login")).text)
    await log_in(client)
    assert csrf_of((await client.get("/")).text) != before


# --- cookie and headers ---------------------------------------------------------------------------


async def test_session_cookie_flags_and_security_headers(rt: Runtime,
                                                         client: httpx.AsyncClient) -> None:
    response = await client.get("/login")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["content-security-policy"].startswith(
        "default-src 'self'; style-src 'self' 'unsafe-inline'")
    assert (await client.get("/docs")).status_code == 404  # no unauthenticated API pages
    async with client_for(rt, base_url="https://localhost") as https:
        assert "; Secure" in (await https.get("/login")).headers["set-cookie"]


# --- the queue and a request ----------------------------------------------------------------------


async def test_queue_lists_requests_in_order_and_marks_overdue_ones(
        rt: Runtime, logged_in: httpx.AsyncClient) -> None:
    late = insert_request(rt, raw=hostile_message(), due_at=NOW.replace(year=2025), uid=1)
    failed = insert_request(rt, state=RequestState.failed, error="LookupError: gone", uid=2)
    page = await logged_in.get("/")
    assert page.status_code == 200
    rows = re.findall(r'<tr( class="overdue")?>\s*<td[^>]*><a href="/requests/(\d+)"', page.text)
    assert [(int(i), bool(o)) for o, i in rows] == [(late, True), (failed, False)]
    assert "LookupError: gone" in page.text
    assert "2025-11-22 09:00 UTC" in page.text


async def test_mail_content_is_escaped_and_marked_for_bidi(rt: Runtime,
                                                           logged_in: httpx.AsyncClient) -> None:
    request_id = insert_request(rt, raw=hostile_message())
    html = (await logged_in.get(f"/requests/{request_id}")).text
    assert SCRIPT not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert ARABIC in html
    assert re.search(r'<pre class="mail" dir="auto">' + re.escape(ARABIC), html)
    assert '<dd dir="auto" class="subject">Unsubscribe &lt;script&gt;' in html
    assert "<script" not in html.lower()  # the pages themselves run no script at all


async def test_unknown_request_is_a_404_page(logged_in: httpx.AsyncClient) -> None:
    response = await logged_in.get("/requests/999")
    assert response.status_code == 404
    assert "there is no request 999" in response.text


# --- decisions (SQLite and PostgreSQL) ------------------------------------------------------------


async def decide(rt: Runtime, request_id: int, action: str, **form: str) -> str:
    """Log in, POST a decision from the request page's own form, return the page after it."""
    async with client_for(rt) as client:
        await log_in(client)
        token = csrf_of((await client.get(f"/requests/{request_id}")).text)
        response = await client.post(f"/requests/{request_id}/{action}",
                                     data={"csrf_token": token, **form})
        assert response.status_code == 303
        assert response.headers["location"] == f"/requests/{request_id}"
        return (await client.get(f"/requests/{request_id}")).text


async def test_approve_runs_the_request_and_records_the_admin(admin_rt: Runtime,
                                                              admin_account: object) -> None:
    request_id = insert_request(admin_rt, raw=hostile_message())
    page = await decide(admin_rt, request_id, "approve", **{"as": ""})
    assert state_of(admin_rt.engine, request_id) == RequestState.applied
    assert (ACTOR, "request_approved") in events(admin_rt.engine, request_id)
    assert 'class="flash ok"' in page and "address suppressed" in page


async def test_approve_as_other_closes_it(admin_rt: Runtime, admin_account: object) -> None:
    request_id = insert_request(admin_rt, raw=hostile_message())
    page = await decide(admin_rt, request_id, "approve", **{"as": "other"})
    assert state_of(admin_rt.engine, request_id) == RequestState.rejected
    with Session(admin_rt.engine) as session:
        request = session.get(PrivacyRequest, request_id)
        assert request is not None and request.kind == RequestKind.other
    assert events(admin_rt.engine, request_id) == [(ACTOR, "request_approved")]
    assert "closed" in page


async def test_reject_with_a_note(admin_rt: Runtime, admin_account: object) -> None:
    request_id = insert_request(admin_rt, raw=hostile_message())
    page = await decide(admin_rt, request_id, "reject", note="spam")
    assert state_of(admin_rt.engine, request_id) == RequestState.rejected
    with Session(admin_rt.engine) as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.request_id == request_id)).one()
    assert (event.actor, event.action) == (ACTOR, "request_rejected")
    assert event.details == {"note": "spam"}
    assert f"request {request_id} rejected" in page


async def test_retry_runs_a_failed_request_again(admin_rt: Runtime, admin_account: object) -> None:
    request_id = insert_request(admin_rt, state=RequestState.failed, action="no_account",
                                error="OperationalError: database was locked")
    page = await decide(admin_rt, request_id, "retry")
    assert state_of(admin_rt.engine, request_id) == RequestState.applied
    assert events(admin_rt.engine, request_id)[0] == (ACTOR, "request_retried")
    assert "no account for this address" in page


async def test_a_refused_decision_shows_the_reason(admin_rt: Runtime,
                                                   admin_account: object) -> None:
    request_id = insert_request(admin_rt, state=RequestState.rejected)
    page = await decide(admin_rt, request_id, "approve", **{"as": "unsubscribe"})
    assert 'class="flash error"' in page
    assert f"request {request_id} is rejected; only requests in review can be approved" in page
    assert events(admin_rt.engine, request_id) == []


# --- the commands ---------------------------------------------------------------------------------


@pytest.fixture
def config_file(tmp_path: Path, sqlite_url: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\nurl = "{sqlite_url}"\n[mailbox]\npath = "inbox"\n'
                    '[smtp]\npath = "outbox"\n[admin]\nport = 0\n', encoding="utf-8")
    return path


def run_cli(config: Path, keyring_text: str, *args: str, stdin: str = "") -> Result:
    return CliRunner().invoke(cli_app, ["--config", str(config), *args], input=stdin,
                              env={"MAILBOT_KEYS": keyring_text, "MAILBOT_ADMIN_SECRET": ""})


def test_admin_user_add_creates_then_resets_the_password(config_file: Path, keyring_text: str,
                                                           sqlite_url: str) -> None:
    first = run_cli(config_file, keyring_text, "admin-user", "add", "nadia", "--password-stdin",
                    stdin="first long password\n")
    assert first.exit_code == 0, first.output
    assert "created" in first.output
    again = run_cli(config_file, keyring_text, "admin-user", "add", "nadia", "--reset-password",
                    stdin="second long password\nsecond long password\n")
    assert again.exit_code == 0, again.output
    assert "changed" in again.output
    engine_url = sqlite_url
    from mailbot.store.db import make_engine

    engine = make_engine(engine_url)
    try:
        assert auth.authenticate(engine, "nadia", "second long password") is not None
        with Session(engine) as session:
            assert session.get(AdminUser, "nadia") is not None
    finally:
        engine.dispose()


def test_admin_user_add_refuses_short_or_mismatched_passwords(config_file: Path,
                                                             keyring_text: str) -> None:
    short = run_cli(config_file, keyring_text, "admin-user", "add", "nadia", "--password-stdin",
                    stdin="short\n")
    assert short.exit_code == 2 and "at least 12" in short.output
    mismatch = run_cli(config_file, keyring_text, "admin-user", "add", "nadia",
                       stdin="first long password\nother long password\n"
                             "first long password\nfirst long password\n")
    assert mismatch.exit_code == 0  # typer asks again until both entries match
    assert "do not match" in mismatch.output.lower()


def test_admin_refuses_a_public_address_without_allow_remote(config_file: Path,
                                                             keyring_text: str) -> None:
    result = run_cli(config_file, keyring_text, "admin", "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


def test_admin_command_serves_the_login_page(config_file: Path, keyring_text: str,
                                             tmp_path: Path) -> None:
    """The real `mailbot admin` process on a free port, polled until it answers."""
    port = free_port()
    mailbot = Path(sys.executable).parent / "mailbot"
    env = {**os.environ, "MAILBOT_KEYS": keyring_text}
    env.pop("MAILBOT_ADMIN_SECRET", None)
    log = (tmp_path / "admin.log").open("w+b")
    process = subprocess.Popen([str(mailbot), "--config", str(config_file), "admin",
                                "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/login", alive=lambda: process.poll() is None)
        response = httpx.get(f"http://127.0.0.1:{port}/", follow_redirects=False)
        assert response.status_code == 303
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.seek(0)
        output = log.read().decode()
        log.close()
    assert "sessions end when it stops" in output



def test_metrics_endpoint_is_the_status_report_for_prometheus(admin_server: RunningServer) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    from mailbot.daemon.status import collect_status, prometheus_text
    from mailbot.store.db import transaction

    insert_request(admin_server.rt)  # one request waiting for review
    answer = httpx.get(f"{admin_server.url}/metrics")  # no login: a scraper cannot log in
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    families = {f.name: f for f in text_string_to_metric_families(answer.text)}
    assert families["mailbot_health"].samples[0].value == 1  # warning: something to review
    (waiting,) = families["mailbot_requests_needing_review"].samples
    assert waiting.value == 1
    assert {s.labels["state"]: s.value for s in families["mailbot_requests"].samples} == {"in_review": 1}
    with transaction(admin_server.rt.engine) as session:  # one home: the same text as the CLI's
        report = collect_status(session, admin_server.rt.settings, now=admin_server.rt.clock())
    assert answer.text == prometheus_text(report)
