"""Delivering rendered replies: the ``Mailer`` edge, over SMTP (aiosmtplib) or into a Maildir.

A mailer takes a batch of envelopes and yields one :class:`SendResult` per envelope, in
order, *as soon as the server has answered for it*: the caller records each outcome before
the next message goes out (that is what keeps a crash to at most one resend, see
:mod:`mailbot.outgoing.outbox`). One SMTP connection is opened per batch and reused for every
message in it.

Errors are classified the way RFC 5321 does: a 5xx reply is permanent (the message will
never be accepted), a 4xx reply or any connection problem (refused, timeout, dropped,
TLS or authentication failure) is transient and worth retrying later. Reasons keep the
server's code and text, with any email address in them masked.
"""

from __future__ import annotations

import asyncio
import mailbox
import os
import ssl
from collections.abc import AsyncGenerator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import aiosmtplib

from mailbot.config import (
    ConfigError,
    Settings,
    SmtpSettings,
    require_tls_unless_loopback,
)
from mailbot.credentials import resolve_oauth2_token, resolve_secret, tls_context
from mailbot.logs import get_logger
from mailbot.mail.addresses import describe_error, mask_email, safe_line

log = get_logger(__name__)

MAX_REASON = 500


@dataclass(frozen=True)
class Envelope:
    key: int
    """The caller's handle for this message (the outbox row id); returned in the result."""
    sender: str
    recipient: str
    data: bytes
    """The complete RFC 5322 message, CRLF line endings."""


@dataclass(frozen=True)
class SendResult:
    key: int
    ok: bool
    permanent: bool = False
    """True when retrying cannot help (a 5xx answer)."""
    code: int | None = None
    reason: str = ""

    @classmethod
    def accepted(cls, key: int, reason: str = "250 accepted") -> SendResult:
        return cls(key=key, ok=True, code=250, reason=reason)

    @classmethod
    def refused(cls, key: int, code: int | None, message: str) -> SendResult:
        text = redact(f"{code} {message}" if code else message)
        return cls(key=key, ok=False, permanent=is_permanent(code), code=code, reason=text)


class Mailer(Protocol):
    """Sends a batch over one connection, yielding each outcome as soon as it is known."""

    def send_batch(self, envelopes: Sequence[Envelope]) -> AsyncGenerator[SendResult, None]: ...

    async def check(self) -> str:
        """Reach the destination without sending anything (for `mailbot doctor`)."""


def is_permanent(code: int | None) -> bool:
    return code is not None and 500 <= code < 600


def redact(text: str) -> str:
    """A server's reason, one line, addresses masked (it is stored and logged)."""
    return safe_line(text, MAX_REASON)


def describe(exc: BaseException) -> str:
    return describe_error(exc, MAX_REASON)


# ---------------------------------------------------------------- SMTP


class SmtpMailer:
    """aiosmtplib over implicit TLS, STARTTLS, or plain text to a loopback host only."""

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        local_hostname: str,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        """``tls_context``: None verifies the server against the system's CAs."""
        require_tls_unless_loopback(
            section="smtp", host=settings.host, security=settings.security
        )
        self._settings = settings
        self._local_hostname = local_hostname
        self._tls_context = tls_context
        self._password: str | None = None
        self._password_resolved = False

    def _credentials(self) -> tuple[str | None, str | None]:
        if not self._password_resolved:
            self._password = resolve_secret(
                section="smtp",
                password_env=self._settings.password_env,
                password_command=self._settings.password_command,
            )
            self._password_resolved = True
        if self._settings.username and self._password is None:
            raise ConfigError(
                "[smtp] username is set but neither password_env nor password_command is"
            )
        return self._settings.username, self._password

    async def _oauth2_token(self) -> str:
        """A fresh access token per connection: they expire within the hour."""
        command = self._settings.oauth2_token_command or ""
        return await asyncio.to_thread(resolve_oauth2_token, section="smtp", command=command)

    def _client(self) -> aiosmtplib.SMTP:
        settings = self._settings
        if settings.oauth2_token_command:
            username, password = settings.username, None
            login: dict[str, object] = {"oauth_token_generator": self._oauth2_token}
        else:
            username, password = self._credentials()
            login = {}
        return aiosmtplib.SMTP(
            hostname=settings.host,
            port=settings.default_port,
            use_tls=settings.security == "tls",
            start_tls=settings.security == "starttls",
            username=username,
            password=password,
            **login,  # type: ignore[arg-type]
            local_hostname=self._local_hostname,
            timeout=settings.timeout_seconds,
            tls_context=self._tls_context,
        )

    async def send_batch(
        self, envelopes: Sequence[Envelope]
    ) -> AsyncGenerator[SendResult, None]:
        if not envelopes:
            return
        client = self._client()
        try:
            await client.connect()
        except (aiosmtplib.SMTPException, OSError, ConfigError) as exc:  # a token command too
            reason = _connect_reason(exc, self._settings)
            log.warning("smtp_unreachable", reason=reason)
            for envelope in envelopes:
                yield SendResult(key=envelope.key, ok=False, reason=reason)
            return
        try:
            for index, envelope in enumerate(envelopes):
                yield await _send_one(client, envelope)
                if not client.is_connected:
                    for rest in envelopes[index + 1 :]:
                        yield SendResult(key=rest.key, ok=False, reason="connection lost")
                    return
        finally:
            await _close(client)


    async def check(self) -> str:
        """Connect, negotiate TLS and log in as a delivery would, send nothing; raises
        :class:`SmtpCheckError` with the reason when that fails."""
        client = self._client()
        try:
            await client.connect()
        except (aiosmtplib.SMTPException, OSError, ConfigError) as exc:
            raise SmtpCheckError(_connect_reason(exc, self._settings)) from None
        try:
            tls = "TLS" if client.get_transport_info("sslcontext") else "no TLS (loopback)"
            login = ("logged in (XOAUTH2)" if self._settings.oauth2_token_command
                     else "logged in" if self._settings.username else "no login")
            return f"{self._settings.host}:{self._settings.default_port}: connected, {tls}, {login}"
        finally:
            await _close(client)


class SmtpCheckError(Exception):
    """The relay cannot be reached or refuses us; the message says why."""


def _connect_reason(exc: BaseException, settings: SmtpSettings) -> str:
    where = f"{settings.host}:{settings.default_port} ({settings.security})"
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return redact(f"{where}: {exc.code} {exc.message}")
    return redact(f"{where}: {describe(exc)}")


async def _send_one(client: aiosmtplib.SMTP, envelope: Envelope) -> SendResult:
    try:
        await client.sendmail(envelope.sender, [envelope.recipient], envelope.data,
                              mail_options=_mail_options(envelope))
    except aiosmtplib.SMTPRecipientsRefused as exc:
        first = exc.recipients[0]
        result = SendResult.refused(envelope.key, first.code, first.message)
    except aiosmtplib.SMTPResponseException as exc:
        result = SendResult.refused(envelope.key, exc.code, exc.message)
    except aiosmtplib.SMTPNotSupported as exc:
        result = SendResult(key=envelope.key, ok=False, permanent=True, reason=describe(exc))
    except ValueError as exc:  # an address aiosmtplib refuses to put on the wire
        result = SendResult(key=envelope.key, ok=False, permanent=True, reason=describe(exc))
    except (aiosmtplib.SMTPException, OSError) as exc:  # dropped, timed out
        result = SendResult(key=envelope.key, ok=False, reason=describe(exc))
    else:
        return SendResult.accepted(envelope.key)
    log.info("not_delivered", recipient=mask_email(envelope.recipient), reason=result.reason)
    return result


def _mail_options(envelope: Envelope) -> list[str]:
    needs_utf8 = not (envelope.sender + envelope.recipient).isascii()
    return ["SMTPUTF8"] if needs_utf8 else []


async def _close(client: aiosmtplib.SMTP) -> None:
    if not client.is_connected:
        return
    try:
        await client.quit()
    except (aiosmtplib.SMTPException, OSError):
        client.close()


# ---------------------------------------------------------------- Maildir


class MaildirMailer:
    """Writes each message into a Maildir (the demo, tests, or a relay that picks them up)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    async def check(self) -> str:
        try:
            mailbox.Maildir(self.path, create=True)
        except OSError as exc:
            raise SmtpCheckError(f"{self.path}: {describe(exc)}") from None
        if not os.access(self.path / "tmp", os.W_OK):
            raise SmtpCheckError(f"{self.path}: not writable")
        return f"replies are written to the Maildir {self.path}"

    async def send_batch(
        self, envelopes: Sequence[Envelope]
    ) -> AsyncGenerator[SendResult, None]:
        if not envelopes:
            return
        box = mailbox.Maildir(self.path, create=True)
        for envelope in envelopes:
            try:
                box.add(envelope.data)
            except OSError as exc:
                yield SendResult(key=envelope.key, ok=False, reason=describe(exc))
            else:
                yield SendResult.accepted(envelope.key, "stored in maildir")


def make_mailer(settings: Settings) -> Mailer:
    smtp = settings.smtp
    if smtp.backend == "maildir":
        if smtp.path is None:
            raise ConfigError(
                '[smtp] backend = "maildir" needs path (the Maildir to write replies to)'
            )
        return MaildirMailer(smtp.path)
    return SmtpMailer(smtp, local_hostname=settings.brand.domain,
                      tls_context=tls_context(section="smtp", ca_file=smtp.ca_file))
