"""Webhooks: change events as signed ``POST`` requests (the Standard Webhooks specification).

Each request carries ``webhook-id`` (``evt_<event id>``: the same on every retry, so the
receiver can drop a second copy), ``webhook-timestamp`` (when this attempt was signed, which
receivers check against replays) and ``webhook-signature`` (``v1,<base64 HMAC-SHA256>``,
made by the ``standardwebhooks`` package). The body is ``{"type", "timestamp", "data"}``.
A 2xx answer is success; anything else, a timeout or a refused connection is retried.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from standardwebhooks import Webhook

from mailbot.config import ConfigError, WebhookSettings
from mailbot.credentials import secret_from_env
from mailbot.integrations.destination import Outcome
from mailbot.integrations.events import PING, Event


def _wall_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class WebhookDestination:
    url: str
    name: str
    events: tuple[str, ...]
    signer: Webhook
    timeout: float
    signed_at: Callable[[], datetime] = _wall_clock
    """Receivers reject a stale ``webhook-timestamp``: the real time of the attempt, always."""
    _client: httpx.Client | None = None

    @classmethod
    def from_settings(cls, settings: WebhookSettings, *, number: int) -> WebhookDestination:
        setting = f"[[webhooks]] #{number} secret_env"
        secret = secret_from_env(setting=setting, name=settings.secret_env)
        try:
            return cls.from_secret(settings, secret=secret)
        except Exception:
            raise ConfigError(f"{setting}: ${settings.secret_env} is not a Standard Webhooks secret "
                              "(whsec_ followed by base64)") from None

    @classmethod
    def from_secret(cls, settings: WebhookSettings, *, secret: str) -> WebhookDestination:
        return cls(url=settings.url, name=settings.destination, events=settings.events,
                   signer=Webhook(secret), timeout=settings.timeout_seconds)

    def deliver(self, event: Event) -> Outcome:
        return self.send(message_id=f"evt_{event.id}", payload=event.payload())

    def ping(self) -> Outcome:
        """What `mailbot webhooks test` sends: signed like an event, never stored."""
        now = self.signed_at()
        return self.send(message_id=f"ping_{secrets.token_hex(8)}",
                         payload={"type": PING, "timestamp": now.isoformat(), "data": {}})

    def send(self, *, message_id: str, payload: dict[str, Any]) -> Outcome:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        at = self.signed_at()
        headers = {
            "content-type": "application/json",
            "user-agent": "mailbot",
            "webhook-id": message_id,
            "webhook-timestamp": str(int(at.timestamp())),
            "webhook-signature": self.signer.sign(msg_id=message_id, timestamp=at, data=body),
        }
        try:
            response = self.client.post(self.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return Outcome(False, f"{exc.__class__.__name__}: {exc}")
        if 200 <= response.status_code < 300:
            return Outcome(True)
        return Outcome(False, f"HTTP {response.status_code}")

    @property
    def client(self) -> httpx.Client:
        if self._client is None:  # constructors don't connect: the client comes at first use
            self._client = httpx.Client(timeout=self.timeout, follow_redirects=False)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
