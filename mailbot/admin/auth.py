"""Who may use the admin page, and how a browser proves it on every request.

- Passwords are stored as salted scrypt hashes (stdlib ``hashlib.scrypt``) and compared in
  constant time; an unknown name costs as much as a wrong password, so timing does not
  reveal which names exist.
- The session is a signed (not encrypted) cookie: it holds the admin's name, a fingerprint
  of their password hash (changing the password ends every old session) and the CSRF token.
  It is HttpOnly and SameSite=Strict always, and Secure when the request came over https.
- Every POST form carries the session's CSRF token; login rotates it.
- The cookie also names a server-side session (``admin_session``, id stored hashed), so
  logging out ends it even where the cookie was copied.
- Failed logins are counted per name and per client address in memory; over the limit,
  attempts take turns after a delay (:class:`LoginLimiter`), never locking the admin out.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import hmac
import json
import re
import secrets
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime, timedelta

from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import Engine, delete, func, select
from starlette.datastructures import MutableHeaders
from starlette.middleware.sessions import Session as SessionDict
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mailbot.store.db import transaction
from mailbot.store.models import AdminSession, AdminUser

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


def session_is_current(engine: Engine, name: str, fingerprint: str, sid: object,
                       now: datetime) -> bool:
    """False once the session was logged out or expired, the account is gone, or its
    password changed since the login."""
    with transaction(engine) as session:
        user = session.get(AdminUser, name)
        stored = user.password_hash if user else _dummy_hash()
    return (user is not None and hmac.compare_digest(password_fingerprint(stored), fingerprint)
            and _session_open(engine, name, sid, now))


def count_admin_users(engine: Engine) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(AdminUser)) or 0


# --- login rate limit ------------------------------------------------------------------------


class LoginLimiter:
    """Failed logins per name, and per client address, in a sliding ``window`` (per process).

    Under both limits an attempt is checked at once. Over either, attempts for that name or
    from that client take turns, one at a time, each after ``delay`` seconds: guessing
    slows to one try per delay, and the rightful admin with the right password still gets
    in, later (a delay, never a refusal that a guesser could keep up). Every attempt counts
    as a failure from the moment it starts until it succeeds, so thirty parallel guesses
    are counted one by one, never all against the same stale count. Runs on the server's
    event loop; names and clients without recent failures are forgotten.
    """

    def __init__(self, *, limit: int = 5, client_limit: int | None = None,
                 window: float = 60.0, delay: float = 2.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.limit, self.client_limit = limit, client_limit or 4 * limit
        self.window, self.delay, self.clock, self.sleep = window, delay, clock, sleep
        self._failures: dict[str, deque[float]] = {}
        self._turns: dict[str, tuple[asyncio.Lock, int]] = {}  # key -> (lock, users)

    @asynccontextmanager
    async def attempt(self, name: str, client: str) -> AsyncIterator[None]:
        """Wait for this attempt's turn; it counts as failed unless :meth:`succeeded`."""
        keys = self._keys(name, client)
        over = sorted(key for key in keys if self.blocked_key(key))
        for key in keys:
            self._add(key)
        async with AsyncExitStack() as stack:
            for key in over:  # sorted, so two attempts never wait for each other's lock
                await stack.enter_async_context(self._turn(key))
            if over:
                await self.sleep(self.delay)
            yield

    def blocked(self, name: str, client: str = "") -> bool:
        """Whether an attempt now would have to wait its turn."""
        return any(self.blocked_key(key) for key in self._keys(name, client))

    def blocked_key(self, key: str) -> bool:
        limit = self.client_limit if key.startswith("client:") else self.limit
        return len(self._recent(key)) >= limit

    def failed(self, name: str, client: str = "") -> None:
        for key in self._keys(name, client):
            self._add(key)

    def succeeded(self, name: str, client: str = "") -> None:
        """The name starts afresh; the client keeps its other failures, not this attempt."""
        self._failures.pop(self._keys(name, "")[0], None)
        if client and (failures := self._failures.get(f"client:{client}")):
            failures.pop()

    @staticmethod
    def _keys(name: str, client: str) -> tuple[str, ...]:
        return (f"name:{name.casefold()}",) + ((f"client:{client}",) if client else ())

    def _add(self, key: str) -> None:
        if len(self._failures) > 1024:  # many sprayed names: drop those past the window
            for stale in list(self._failures):
                self._recent(stale)
        failures = self._recent(key)
        failures.append(self.clock())
        self._failures[key] = failures

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures.pop(key, deque())
        while failures and failures[0] <= self.clock() - self.window:
            failures.popleft()
        if failures:
            self._failures[key] = failures
        return failures

    @asynccontextmanager
    async def _turn(self, key: str) -> AsyncIterator[None]:
        lock, users = self._turns.get(key, (asyncio.Lock(), 0))
        self._turns[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._turns[key]
            if users == 1:
                del self._turns[key]
            else:
                self._turns[key] = (lock, users - 1)


# --- server-side sessions ----------------------------------------------------------------------


def start_session(engine: Engine, name: str, now: datetime, *, ttl: timedelta) -> str:
    """A new session for ``name``; returns its id for the cookie (stored only hashed).
    Expired sessions of everyone are dropped on the way."""
    sid = secrets.token_urlsafe(32)
    with transaction(engine) as session:
        session.execute(delete(AdminSession).where(AdminSession.expires_at <= now))
        session.add(AdminSession(id_hash=_sid_hash(sid), name=name, created_at=now,
                                 expires_at=now + ttl))
    return sid


def end_session(engine: Engine, sid: object) -> None:
    """Log out: the session id stops working at once, wherever the cookie was copied."""
    if isinstance(sid, str) and sid:
        with transaction(engine) as session:
            session.execute(delete(AdminSession).where(AdminSession.id_hash == _sid_hash(sid)))


def _session_open(engine: Engine, name: str, sid: object, now: datetime) -> bool:
    if not isinstance(sid, str) or not sid:
        return False
    with transaction(engine) as session:
        row = session.get(AdminSession, _sid_hash(sid))
        return row is not None and row.name == name and _aware(row.expires_at) > now


def _sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


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
