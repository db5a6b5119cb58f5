"""The IMAP mailbox, through imapclient.

Why it looks the way it does:

- Messages are downloaded with ``BODY.PEEK[]``, so a human reading the same inbox never
  finds mail marked read by the bot.
- Sizes are asked for first (``RFC822.SIZE``); a message over ``max_message_bytes`` is
  reported without its body, so a 50 MB attachment can neither exhaust memory nor stall
  the batch, and bodies come in groups of at most ``max_batch_bytes``.
- Every request names explicit UIDs (imapclient 4 refuses ``1:*``), a few thousand at a
  time, which stays under Dovecot's 64 KB command-line limit.
- TLS (implicit or STARTTLS) is required unless the server is on loopback.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from mailbot.config import (
    MailboxSettings,
    require_tls_unless_loopback,
)
from mailbot.credentials import resolve_oauth2_token, resolve_secret
from mailbot.logs import get_logger
from mailbot.sources.base import (
    FetchedMessage,
    MailTarget,
    SourceError,
    batched,
    batched_by_size,
    header_message_id_hash,
    matched_targets,
    redact,
)

log = get_logger(__name__)

UID_CHUNK = 2000
"""UIDs per command when no body is fetched (sizes, dates, moves)."""
MESSAGE_ID_FIELD = "HEADER.FIELDS (MESSAGE-ID)"
IDLE_LIMIT = 24 * 60.0
"""RFC 2177: re-issue IDLE at least every 29 minutes, or the server may log us out."""


class AuthenticationError(SourceError):
    """The server refused the credentials: retrying will not help."""


class ImapSource:
    """One IMAP folder. Not thread-safe: one source per worker thread."""

    def __init__(
        self,
        settings: MailboxSettings,
        *,
        timeout: float = 60.0,
        poll_interval: float = 5.0,
        ignore_capabilities: Iterable[str] = (),
        ssl_context: ssl.SSLContext | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """``ignore_capabilities`` hides server features (e.g. ``{"MOVE"}``) to work around
        a server that advertises one but implements it badly, and to test the fallbacks.
        ``ssl_context`` replaces the default (system trust store, host name checked), e.g.
        to trust a private CA."""
        self.settings = settings
        self._ssl_context = ssl_context or ssl.create_default_context()
        self._timeout = timeout
        self._poll_interval = poll_interval
        self._ignored = {c.upper() for c in ignore_capabilities}
        self._sleep = sleep
        self._client: IMAPClient | None = None
        self._processed_exists = False

    @property
    def key(self) -> str:
        s = self.settings
        user = quote(s.username or "", safe="")
        return f"imap://{user}@{s.host}:{s.default_port}/{s.folder}"

    # -- lifecycle -------------------------------------------------------------------

    def __enter__(self) -> ImapSource:
        self.connect()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def connect(self) -> None:
        """Open, secure, log in and select the folder; closes a previous connection first."""
        self.close()
        s = self.settings
        require_tls_unless_loopback(section="mailbox", host=s.host, security=s.security)
        with self._errors("connect"):
            client = IMAPClient(
                s.host, port=s.default_port, ssl=s.security == "tls",
                ssl_context=self._ssl_context, timeout=self._timeout,
            )
        try:
            with self._errors("log in"):
                if s.security == "starttls":
                    client.starttls(self._ssl_context)
                self._login(client)
            with self._errors(f"select {s.folder}"):
                client.normalise_times = False
                client.select_folder(s.folder)
        except BaseException:
            _shutdown(client)
            raise
        self._client = client
        self._processed_exists = False

    def _login(self, client: IMAPClient) -> None:
        s = self.settings
        if s.oauth2_token_command:
            token = resolve_oauth2_token(section="mailbox", command=s.oauth2_token_command)
            client.oauth2_login(s.username or "", token)
            return
        password = resolve_secret(
            section="mailbox", password_env=s.password_env, password_command=s.password_command
        )
        client.login(s.username or "", password or "")

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # the connection is already broken: just drop the socket
            _shutdown(client)

    # -- reading ---------------------------------------------------------------------

    def uidvalidity(self) -> int:
        """Re-selects the folder, so a UIDVALIDITY changed since the last poll is seen."""
        with self._errors("select"):
            status = self._live().select_folder(self.settings.folder)
        return int(status[b"UIDVALIDITY"])

    def uids_after(self, last_uid: int, since: datetime | None = None) -> list[int]:
        with self._errors("search"):
            # SEARCH runs on the client's view of the folder; NOOP first makes the server
            # sync it, or mail delivered since the last command stays invisible.
            self._live().noop()
            if since is None:
                return self._search(last_uid)
            # SEARCH SINCE compares days in the server's time zone: a day's margin either
            # side, and exact INTERNALDATEs only for the mail near the boundary.
            candidates = self._search(last_uid, since - timedelta(days=1))
            sure = set(self._search(last_uid, since + timedelta(days=2)))
        near = [uid for uid in candidates if uid not in sure]
        return sorted(sure | set(self._received_since(near, since)))

    def _search(self, last_uid: int, since: datetime | None = None) -> list[int]:
        criteria: list[Any] = ["UID", f"{last_uid + 1}:*"]
        if since is not None:
            criteria += ["SINCE", since.date()]
        # "N:*" includes the last message even when its UID is below N.
        return sorted(uid for uid in self._live().search(criteria) if uid > last_uid)

    def _received_since(self, uids: list[int], since: datetime) -> list[int]:
        kept: list[int] = []
        for chunk in batched(uids, UID_CHUNK):
            with self._errors("fetch dates"):
                data = self._live().fetch(chunk, ["INTERNALDATE"])
            kept += [
                uid for uid in chunk
                if b"INTERNALDATE" in data.get(uid, {})
                and _aware(data[uid][b"INTERNALDATE"]) >= since
            ]
        return kept

    def fetch(self, uids: Iterable[int]) -> Iterator[FetchedMessage]:
        for chunk in batched(uids, self.settings.batch_size):
            yield from self._fetch_batch(chunk)

    def _fetch_batch(self, uids: list[int]) -> Iterator[FetchedMessage]:
        """Sizes first; then the bodies in groups of at most ``max_batch_bytes`` (20 mails of
        20 MB once took 1.3 GB in one command), skipping those over ``max_message_bytes``."""
        client = self._live()
        with self._errors("fetch sizes"):
            meta = client.fetch(uids, ["RFC822.SIZE", "INTERNALDATE"])
        present = [uid for uid in uids if b"RFC822.SIZE" in meta.get(uid, {})]
        limit = self.settings.max_message_bytes

        def download(uid: int) -> int:
            size = int(meta[uid][b"RFC822.SIZE"])
            return size if size <= limit else 0

        for group in batched_by_size(present, download, self.settings.max_batch_bytes):
            small = [uid for uid in group if download(uid)]
            bodies: dict[int, Any] = {}
            if small:
                with self._errors("fetch bodies"):
                    bodies = client.fetch(small, ["BODY.PEEK[]"])
            yield from (_message(uid, meta[uid], bodies.get(uid, {}).get(b"BODY[]"))
                        for uid in group)
            del bodies  # before the next group arrives

    # -- changing --------------------------------------------------------------------

    def move_to_processed(self, uids: Iterable[int]) -> None:
        uid_list = sorted(set(uids))
        if not uid_list:
            return
        self._ensure_processed_folder()
        for chunk in batched(uid_list, UID_CHUNK):
            with self._errors("move"):
                self._move(chunk)
        log.info("moved", mailbox=self.key, count=len(uid_list),
                 to=self.settings.processed_folder)

    def mark_left(self, uids: Iterable[int], flag: str) -> None:
        uid_list = sorted(set(uids))
        for chunk in batched(uid_list, UID_CHUNK):
            with self._errors("mark"):
                self._live().add_flags(chunk, [flag.encode("ascii")], silent=True)

    def _move(self, uids: list[int]) -> None:
        client, target = self._live(), self.settings.processed_folder
        if self._has("MOVE"):
            client.move(uids, target)
            return
        client.copy(uids, target)
        self._expunge(uids)

    def remove_messages(self, targets: Sequence[MailTarget]) -> list[int]:
        """Find the targets in the folder and the processed folder and delete them for good:
        ``UID STORE +FLAGS (\\Deleted)`` then ``UID EXPUNGE`` (only those UIDs)."""
        counts = [0] * len(targets)
        try:
            for folder in dict.fromkeys((self.settings.folder, self.settings.processed_folder)):
                self._remove_in(folder, targets, counts)
        finally:
            with self._errors(f"select {self.settings.folder}"):
                self._live().select_folder(self.settings.folder)
        return counts

    def _remove_in(self, folder: str, targets: Sequence[MailTarget], counts: list[int]) -> None:
        client = self._live()
        with self._errors(f"select {folder}"):
            if not client.folder_exists(folder):
                return
            uidvalidity = int(client.select_folder(folder)[b"UIDVALIDITY"])
            uids = sorted(client.search(["ALL"]))
        doomed: set[int] = set()
        present = set(uids)
        if folder == self.settings.folder:  # still where it was fetched: its UID names it
            for i, target in enumerate(targets):
                if target.uidvalidity == uidvalidity and target.uid in present:
                    doomed.add(target.uid)
                    counts[i] += 1
        wanted = ["RFC822.SIZE"]
        if any(target.message_id_hash for target in targets):
            wanted.append(f"BODY.PEEK[{MESSAGE_ID_FIELD}]")
        for chunk in batched(uids, UID_CHUNK):
            with self._errors("fetch sizes"):
                data = client.fetch(chunk, wanted)
            for uid, item in data.items():
                if uid in doomed or b"RFC822.SIZE" not in item:
                    continue
                header = item.get(f"BODY[{MESSAGE_ID_FIELD}]".encode()) or b""
                hits = matched_targets(targets, header_message_id_hash(header) if header else None,
                                       int(item[b"RFC822.SIZE"]), lambda uid=uid: self._body(uid))
                for i in hits:
                    counts[i] += 1
                if hits:
                    doomed.add(uid)
        if doomed:
            with self._errors("delete"):
                self._expunge(sorted(doomed))
            log.info("erased_mail_deleted", mailbox=self.key, folder=folder, count=len(doomed))

    def _body(self, uid: int) -> bytes:
        with self._errors("fetch body"):
            return bytes(self._live().fetch([uid], ["BODY.PEEK[]"]).get(uid, {}).get(b"BODY[]", b""))

    def _expunge(self, uids: list[int]) -> None:
        client = self._live()
        client.add_flags(uids, [b"\\Deleted"], silent=True)
        if self._has("UIDPLUS"):
            client.uid_expunge(uids)
        else:
            # Without UIDPLUS, EXPUNGE also removes other mail a human flagged \Deleted;
            # that is what the human asked for, only sooner.
            client.expunge()

    def _ensure_processed_folder(self) -> None:
        if self._processed_exists:
            return
        client, target = self._live(), self.settings.processed_folder
        with self._errors("create folder"):
            if not client.folder_exists(target):
                try:
                    client.create_folder(target)
                except IMAPClient.Error:
                    if not client.folder_exists(target):  # not a lost race: a real error
                        raise
        self._processed_exists = True

    # -- waiting ---------------------------------------------------------------------

    def wait_for_new(self, timeout: float) -> bool:
        client = self._live()
        with self._errors("noop"):
            # Flush updates that arrived since the last command: IDLE may not repeat them.
            if _has_new(client.noop()[1]):
                return True
        with self._errors("wait"):
            if self.settings.idle and self._has("IDLE"):
                return self._idle(min(timeout, IDLE_LIMIT))
            return self._poll(timeout)

    def _idle(self, timeout: float) -> bool:
        client = self._live()
        deadline = time.monotonic() + timeout
        early_empty = 0
        client.idle()
        try:
            while (left := deadline - time.monotonic()) > 0:
                responses = client.idle_check(timeout=left)
                if _has_new(responses):
                    return True
                early_empty = early_empty + 1 if not responses and left > 0.5 else 0
                if early_empty >= 3:  # imapclient returns [] on EOF instead of raising
                    raise SourceError(f"{self.key}: the server closed the connection in IDLE")
            return False
        finally:
            client.idle_done()

    def _poll(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            self._sleep(min(self._poll_interval, left))
            if _has_new(self._live().noop()[1]):
                return True
        return False

    # -- helpers ---------------------------------------------------------------------

    def _live(self) -> IMAPClient:
        if self._client is None:
            raise SourceError(f"{self.key}: not connected (call connect() first)")
        return self._client

    def _has(self, capability: str) -> bool:
        return capability not in self._ignored and self._live().has_capability(capability)

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Library and socket errors become a :class:`SourceError` without personal data."""
        try:
            yield
        except LoginError as exc:
            kind = SourceError if _transient(exc) else AuthenticationError
            raise kind(f"{self.key}: {doing}: refused: {redact(exc)}") from None
        except (IMAPClient.Error, OSError) as exc:
            raise SourceError(
                f"{self.key}: {doing} failed: {type(exc).__name__}: {redact(exc)}"
            ) from exc


TRANSIENT_CODES = ("[UNAVAILABLE]", "[LIMIT]", "[INUSE]", "[SERVERBUG]")
"""RFC 5530 response codes of a refusal that waiting can cure (unlike bad credentials)."""


def _transient(error: Exception) -> bool:
    return any(code in str(error).upper() for code in TRANSIENT_CODES)


def _message(uid: int, meta: dict[bytes, Any], body: bytes | None) -> FetchedMessage:
    date = meta.get(b"INTERNALDATE")
    return FetchedMessage(
        uid=uid, size=int(meta[b"RFC822.SIZE"]), raw=body,
        internal_date=_aware(date) if date is not None else None,
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _has_new(responses: Iterable[Any]) -> bool:
    """An untagged ``n EXISTS`` (or a non-zero ``n RECENT``) means mail arrived."""
    for response in responses:
        if isinstance(response, tuple) and len(response) >= 2 and isinstance(response[0], int):
            if response[1] == b"EXISTS" or (response[1] == b"RECENT" and response[0] > 0):
                return True
    return False


def _shutdown(client: IMAPClient) -> None:
    try:
        client.shutdown()
    except OSError:
        pass
