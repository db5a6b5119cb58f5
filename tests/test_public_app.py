"""The public one-click endpoints, in process (SQLite and PostgreSQL) and as a real server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from mailbot.integrations import events
from mailbot.public.app import SECURITY_HEADERS, RateLimiter, create_app
from mailbot.public.tokens import TokenSigner
from mailbot.runtime import Runtime
from mailbot.store.crypto import Cipher, Keyring, generate_fernet_key, generate_index_key
from mailbot.store.models import AuditEvent, PrivacyRequest
from tests.fixtures.admin import free_port, wait_until_up
from tests.fixtures.public import OMAR, SARA, PublicServer, consents, customer_id, token_for

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


class Client:
    """The app in process, one call per request (redirects are never followed)."""

    def __init__(self, rt: Runtime, **kwargs: object) -> None:
        self.app = create_app(rt, **kwargs)  # type: ignore[arg-type]

    async def get(self, path: str) -> httpx.Response:
        return await self.request("GET", path)

    async def post(self, path: str, **kwargs: object) -> httpx.Response:
        return await self.request("POST", path, **kwargs)

    async def request(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="https://u.test") as http:
            return await http.request(method, path, **kwargs)  # type: ignore[arg-type]


def client(rt: Runtime, **kwargs: object) -> Client:
    return Client(rt, **kwargs)


def request_count(rt: Runtime) -> int:
    with Session(rt.engine) as session:
        return session.scalar(select(func.count()).select_from(PrivacyRequest)) or 0


async def test_post_unsubscribes_at_once_without_cookies_or_redirects(public_rt: Runtime) -> None:
    token = token_for(public_rt, SARA)
    answer = await client(public_rt).post(f"/u/{token}", data=ONE_CLICK)
    assert answer.status_code == 200
    assert "set-cookie" not in answer.headers and "location" not in answer.headers
    assert "You are unsubscribed" in answer.text and "تم إلغاء اشتراكك" in answer.text
    assert consents(public_rt, SARA)["email"] is False
    assert consents(public_rt, OMAR)["email"] is True
    again = await client(public_rt).post(f"/u/{token}", data=ONE_CLICK)  # Gmail may retry
    assert again.status_code == 200 and request_count(public_rt) == 1
    with Session(public_rt.engine) as session:  # the change reaches the events feed, once
        (event,) = events.feed(session, cipher=public_rt.cipher)
    assert event.type == "customer.unsubscribed" and event.data.channels == ("email",)
    assert event.data.email is not None and event.data.email.lower() == SARA.lower()
    assert event.request_id is not None


async def test_multipart_body_as_rfc_8058_allows(public_rt: Runtime) -> None:
    answer = await client(public_rt).post(f"/u/{token_for(public_rt, OMAR)}",
                                    files={"List-Unsubscribe": (None, "One-Click")})
    assert answer.status_code == 200 and consents(public_rt, OMAR)["email"] is False


async def test_get_shows_the_button_and_never_unsubscribes(public_rt: Runtime) -> None:
    token = token_for(public_rt, SARA)
    for _ in range(3):  # a scanner, a prefetcher, the person
        page = await client(public_rt).get(f"/u/{token}")
        assert page.status_code == 200
        assert f'action="/u/{token}"' in page.text and 'name="List-Unsubscribe"' in page.text
        assert 'dir="rtl"' in page.text and "إلغاء الاشتراك" in page.text
    assert consents(public_rt, SARA)["email"] is True and request_count(public_rt) == 0


async def test_post_without_the_one_click_body_changes_nothing(public_rt: Runtime) -> None:
    answer = await client(public_rt).post(f"/u/{token_for(public_rt, SARA)}", data={"x": "y"})
    assert answer.status_code == 400 and consents(public_rt, SARA)["email"] is True


async def test_tampered_token_is_refused_with_a_clear_page(public_rt: Runtime) -> None:
    token = token_for(public_rt, SARA)
    tampered = token[:-1] + ("a" if token[-1] != "a" else "b")
    for answer in (await client(public_rt).get(f"/u/{tampered}"),
                   await client(public_rt).post(f"/u/{tampered}", data=ONE_CLICK)):
        assert answer.status_code == 400
        assert "This link is not valid" in answer.text and "هذا الرابط غير صالح" in answer.text
    assert consents(public_rt, SARA)["email"] is True and request_count(public_rt) == 0


async def test_token_of_a_dropped_key_is_expired(public_rt: Runtime) -> None:
    old = TokenSigner(Keyring.parse(f"{generate_index_key()},{generate_fernet_key()}", where="old"))
    token = old.mint(customer_id(public_rt, SARA))
    answer = await client(public_rt).post(f"/u/{token}", data=ONE_CLICK)
    assert answer.status_code == 410 and "expired" in answer.text
    assert consents(public_rt, SARA)["email"] is True


async def test_token_for_no_customer_changes_nothing(public_rt: Runtime) -> None:
    signer = TokenSigner(public_rt.cipher.keyring)
    answer = await client(public_rt).post(f"/u/{signer.mint(10**9)}", data=ONE_CLICK)
    assert answer.status_code == 404 and request_count(public_rt) == 0
    with Session(public_rt.engine) as session:
        assert "one_click_refused" in session.scalars(select(AuditEvent.action)).all()


async def test_security_headers_on_every_answer(public_rt: Runtime) -> None:
    for answer in (await client(public_rt).get(f"/u/{token_for(public_rt, SARA)}"),
                   await client(public_rt).get("/u/nonsense"), await client(public_rt).get("/nowhere")):
        for name, value in SECURITY_HEADERS.items():
            assert answer.headers[name] == value
    assert "frame-ancestors 'none'" in SECURITY_HEADERS["content-security-policy"]


async def test_body_size_limit(public_rt: Runtime) -> None:
    token = token_for(public_rt, SARA)
    big = "List-Unsubscribe=One-Click&pad=" + "x" * 5000
    answer = await client(public_rt).post(f"/u/{token}", content=big,
                                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413

    async def chunks():  # type: ignore[no-untyped-def]  # no Content-Length: counted as it arrives
        yield b"List-Unsubscribe=One-Click&pad="
        for _ in range(10):
            yield b"x" * 500

    chunked = await client(public_rt).post(f"/u/{token}", content=chunks(),
                                     headers={"content-type": "application/x-www-form-urlencoded"})
    assert chunked.status_code == 413
    assert consents(public_rt, SARA)["email"] is True


async def test_rate_limit_per_client(public_rt: Runtime) -> None:
    clock = [0.0]
    app = client(public_rt, limiter=RateLimiter(3, clock=lambda: clock[0]))
    token = token_for(public_rt, SARA)
    assert [(await app.get(f"/u/{token}")).status_code for _ in range(4)] == [200, 200, 200, 429]
    blocked = await app.post(f"/u/{token}", data=ONE_CLICK)
    assert blocked.status_code == 429 and blocked.headers["retry-after"] == "60"
    assert consents(public_rt, SARA)["email"] is True
    clock[0] = 61.0  # the next minute
    assert (await app.post(f"/u/{token}", data=ONE_CLICK)).status_code == 200


def test_real_server_post_and_get(public_server: PublicServer) -> None:
    token = token_for(public_server.rt, OMAR)
    with httpx.Client(base_url=public_server.url) as http:
        assert http.get(f"/u/{token}").status_code == 200
        assert consents(public_server.rt, OMAR)["email"] is True
        answer = http.post(f"/u/{token}", content=b"List-Unsubscribe=One-Click",
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 200 and not answer.cookies
    assert consents(public_server.rt, OMAR)["email"] is False


def test_mailbot_public_command_serves(tmp_path: Path, sqlite_url: str, keyring_text: str,
                                       cipher: Cipher) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{sqlite_url}"\n[mailbox]\nbackend = "maildir"\n'
                      f'path = "inbox"\n[smtp]\nbackend = "maildir"\npath = "outbox"\n'
                      f'[public]\nbase_url = "https://u.shop.example"\n')
    port = free_port()
    env = {"MAILBOT_KEYS": keyring_text, "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen([sys.executable, "-m", "mailbot", "--config", str(config), "public",
                             "--port", str(port)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", alive=lambda: proc.poll() is None)
        answer = httpx.get(f"http://127.0.0.1:{port}/u/{'a' * 32}")
        assert answer.status_code == 400 and "server" not in answer.headers
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("base_url", ["http://shop.example", "ftp://x"])
def test_base_url_must_be_https(base_url: str) -> None:
    from mailbot.config import ConfigError, settings_from_dict

    with pytest.raises(ConfigError, match="base_url"):
        settings_from_dict({"public": {"base_url": base_url}})


async def test_database_busy_is_a_503_that_changed_nothing_and_the_retry_applies(
        sqlite_url: str, cipher: Cipher, tmp_path: Path) -> None:
    from sqlalchemy import text

    from mailbot.store.db import make_engine
    from tests.fixtures.public import public_runtime

    engine = make_engine(sqlite_url + "?timeout=0.2")
    rt = public_runtime(engine, cipher, tmp_path)
    token = token_for(rt, SARA)
    blocker = make_engine(sqlite_url)
    with blocker.connect() as conn:  # another writer holds the database
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        conn.execute(text("UPDATE customer SET updated_at = updated_at"))
        busy = await client(rt).post(f"/u/{token}", data=ONE_CLICK)
        assert busy.status_code == 503 and busy.headers["retry-after"] == "60"
        assert "try again" in busy.text
        conn.rollback()
    assert consents(rt, SARA)["email"] is True and request_count(rt) == 0
    retried = await client(rt).post(f"/u/{token}", data=ONE_CLICK)  # the provider retries
    assert retried.status_code == 200 and consents(rt, SARA)["email"] is False
    assert request_count(rt) == 1
    blocker.dispose()
    engine.dispose()


async def test_simultaneous_posts_of_one_token_make_one_request(public_rt: Runtime) -> None:
    """A provider and a retry at once: one request, one change event, never a 500."""
    import asyncio

    token = token_for(public_rt, SARA)
    app = client(public_rt)
    answers = await asyncio.gather(*(app.post(f"/u/{token}", data=ONE_CLICK) for _ in range(6)))
    codes = [answer.status_code for answer in answers]
    assert set(codes) <= {200, 503} and 200 in codes, codes
    assert request_count(public_rt) == 1 and consents(public_rt, SARA)["email"] is False
    with Session(public_rt.engine) as session:
        assert len(list(events.feed(session, cipher=public_rt.cipher))) == 1
