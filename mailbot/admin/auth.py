"""Who may use the admin page, and how a browser proves it on every request.

- Passwords are stored as salted scrypt hashes (stdlib ``hashlib.scrypt``) and compared in
  constant time; an unknown name costs as much as a wrong password, so timing does not
  reveal which names exist.
- The session is a signed (not encrypted) cookie: it holds the admin's name, a fingerprint
  of their password hash (changing the password ends every old session) and the CSRF token.
  It is HttpOnly and SameSite=Strict always, and Secure when the request came over https.
- Every POST form carries the session's CSRF token; login rotates it.
- Failed logins are counted per name in memory: enough to stop guessing through the page,
  which listens on loopback by default.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime

from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import Engine, func, select
from starlette.datastructures import MutableHeaders
from starlette.middleware.sessions import Session as SessionDict
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mailbot.store.db import transaction
from mailbot.store.models import AdminUser

MIN_PASSWORD_LENGTH = 12
NAME_RE = re.compile(r"^[A-Za-z0-9._@-]{1,58}$")
"""58 characters so that the audit actor ``admin:<name>`` fits its 64-character column."""

SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2**14, 8, 1, 32


class AdminUserError(ValueError):
    """A name or password that cannot be accepted; the message says why."""


# --- passwords -------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return scheme == "scrypt" and hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          dklen=SCRYPT_LEN, maxmem=64 * 1024 * 1024)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown, so that case takes as long as a wrong password."""
    return hash_password(secrets.token_urlsafe(16))


def password_fingerprint(password_hash: str) -> str:
    """A short, non-reversible tag of the stored hash, kept in the session cookie."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


# --- admin accounts --------------------------------------------------------------------------


def check_new_user(name: str, password: str) -> None:
    if not NAME_RE.match(name):
        raise AdminUserError("a name is 1 to 58 letters, digits or . _ @ - characters")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AdminUserError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters long")


def add_admin_user(engine: Engine, name: str, password: str, now: datetime, *,
                   reset_password: bool = False) -> bool:
    """Create the account; True when it was created. An existing account's password is only
    replaced when asked (``reset_password``): a typo in a new name must not take over an
    account."""
    check_new_user(name, password)
    with transaction(engine) as session:
        user = session.get(AdminUser, name)
        created = user is None
        if user is None:
            user = AdminUser(name=name, password_hash="", created_at=now)
        elif not reset_password:
            raise AdminUserError(f"the admin account {name} already exists; to give it a new "
                                 "password, pass --reset-password")
        user.password_hash = hash_password(password)
        session.add(user)
    return created


def list_admin_users(engine: Engine) -> list[tuple[str, datetime]]:
    """Every account's name and when it was created, by name."""
    with transaction(engine) as session:
        return [(u.name, u.created_at)
                for u in session.scalars(select(AdminUser).order_by(AdminUser.name))]


def remove_admin_user(engine: Engine, name: str) -> bool:
    """Delete the account (its sessions end at their next request); False when there was none."""
    with transaction(engine) as session:
        user = session.get(AdminUser, name)
        if user is not None:
            session.delete(user)
    return user is not None


def authenticate(engine: Engine, name: str, password: str) -> str | None:
    """The password fingerprint for the session when name and password match, else None."""
    with transaction(engine) as session:
        user = session.get(AdminUser, name) if NAME_RE.match(name) else None
        stored = user.password_hash if user else _dummy_hash()
    ok = verify_password(password, stored)
    return password_fingerprint(stored) if ok and user else None


def session_is_current(engine: Engine, name: str, fingerprint: str) -> bool:
    """False once the account is gone or its password changed since the login."""
    with transaction(engine) as session:
        user = session.get(AdminUser, name)
        stored = user.password_hash if user else _dummy_hash()
    return user is not None and hmac.compare_digest(password_fingerprint(stored), fingerprint)


def count_admin_users(engine: Engine) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(AdminUser)) or 0


# --- login rate limit ------------------------------------------------------------------------


class LoginLimiter:
    """At most ``limit`` failed logins per name in ``window`` seconds (per process).

    Routes run in a thread pool, hence the lock; names without recent failures are
    forgotten, so guessing many names does not make the table grow for long.
    """

    def __init__(self, *, limit: int = 5, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, name: str) -> bool:
        with self._lock:
            return len(self._recent(name.casefold())) >= self.limit

    def failed(self, name: str) -> None:
        with self._lock:
            key = name.casefold()
            self._failures[key] = self._recent(key)
            self._failures[key].append(self.clock())

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name.casefold(), None)

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures.pop(key, deque())
        while failures and failures[0] <= self.clock() - self.window:
            failures.popleft()
        if failures:
            self._failures[key] = failures
        return failures


# --- CSRF --------------------------------------------------------------------------------------


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(session: dict[str, object], submitted: object) -> bool:
    expected = session.get("csrf")
    if not isinstance(expected, str) or not isinstance(submitted, str) or not submitted:
        return False
    return hmac.compare_digest(expected.encode(), submitted.encode())


# --- the session cookie ------------------------------------------------------------------------


class SignedCookieSession:
    """ASGI middleware putting a signed-cookie session in ``scope["session"]``.

    Starlette's own SessionMiddleware fixes the Secure flag when the app is built; this one
    adds it per request when the scheme is https (uvicorn sets the scheme from
    ``X-Forwarded-Proto`` for a trusted local proxy), and always sends SameSite=Strict.
    """

    def __init__(self, app: ASGIApp, *, secret: str, cookie: str = "mailbot_admin",
                 max_age: int = 8 * 3600) -> None:
        self.app, self.cookie, self.max_age = app, cookie, max_age
        self.serializer = URLSafeTimedSerializer(secret, salt="mailbot-admin-session")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        session = SessionDict(self._load(HTTPConnection(scope).cookies.get(self.cookie)))
        scope["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and session.modified:
                headers = MutableHeaders(scope=message)
                secure = scope["scheme"] == "https"
                headers.append("Set-Cookie", self._header(session, secure=secure))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _load(self, raw: str | None) -> dict[str, object]:
        if not raw:
            return {}
        try:
            data = self.serializer.loads(raw, max_age=self.max_age)
        except (BadData, json.JSONDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def _header(self, session: dict[str, object], *, secure: bool) -> str:
        flags = "; Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")
        if not session:
            return f"{self.cookie}=; Max-Age=0{flags}"
        value = self.serializer.dumps(dict(session))
        return f"{self.cookie}={value}; Max-Age={self.max_age}{flags}"
