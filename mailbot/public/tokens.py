"""Unsubscribe tokens: who a campaign link belongs to, signed, with nothing readable in it.

A token is 20 bytes in lower-case base32 (32 characters, so ``support+u-TOKEN@shop`` stays
well inside the 64-character local part, and mail servers that fold the case of a local part
cannot break it)::

    version (1) | key id (2) | customer id (6) | channel (1) | HMAC-SHA256, truncated (10)

The customer is named by the row id, never by the address. The signing key is derived from
each Fernet key of the keyring, so rotating the keyring rotates the tokens too: a link signed
with an older key still verifies while that key is in the ring, and stops working (an
"expired" link, not a forged one) once the key is dropped. 80 bits of MAC are plenty for a
token that can only be tried online, behind a rate limit.

Pure: keyring in, token out; nothing here touches the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import StrEnum

from mailbot.store.actions import MARKETING_CHANNELS
from mailbot.store.crypto import Keyring

VERSION = 1
TOKEN_LENGTH = 32
MAC_BYTES = 10
ALL_CHANNELS = "all"
CHANNELS = (*MARKETING_CHANNELS, ALL_CHANNELS)
"""What a token can withdraw: one channel, or every channel (``all``)."""
TOKEN_RE = re.compile(r"(?<![a-z0-9])u-([a-z2-7]{32})(?![a-z0-9])", re.IGNORECASE)
"""A token as it appears in a ``support+u-TOKEN@…`` address or a subject."""
_DERIVATION = b"mailbot one-click unsubscribe token v1"


class TokenProblem(StrEnum):
    malformed = "malformed"
    tampered = "tampered"
    expired_key = "expired_key"
    """Signed with a key that is no longer in the keyring."""


class TokenError(ValueError):
    def __init__(self, problem: TokenProblem) -> None:
        super().__init__(f"unsubscribe token refused: {problem}")
        self.problem = problem


@dataclass(frozen=True)
class UnsubscribeToken:
    customer_id: int
    channel: str

    @property
    def channels(self) -> tuple[str, ...]:
        """The channels to withdraw, as :func:`mailbot.store.actions.unsubscribe` takes them
        (empty: all of them)."""
        return () if self.channel == ALL_CHANNELS else (self.channel,)


class TokenSigner:
    """Mints tokens with the keyring's primary key and verifies them with any of its keys."""

    def __init__(self, keyring: Keyring) -> None:
        keys = [hmac.new(key.encode("ascii"), _DERIVATION, hashlib.sha256).digest()
                for key in keyring.fernet_keys]
        self._primary = keys[0]
        self._primary_id = _key_id(keys[0])
        self._by_id = {_key_id(key): key for key in reversed(keys)}

    def mint(self, customer_id: int, channel: str = "email") -> str:
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}: use one of {', '.join(CHANNELS)}")
        if not 0 < customer_id < 2**48:
            raise ValueError("customer id out of range")
        body = (bytes([VERSION]) + self._primary_id + customer_id.to_bytes(6, "big")
                + bytes([CHANNELS.index(channel)]))
        return _b32(body + _mac(self._primary, body))

    def verify(self, token: str) -> UnsubscribeToken:
        """The token's owner and channel; :class:`TokenError` says why one is refused."""
        raw = _unb32(token)
        if raw is None or raw[0] != VERSION or raw[9] >= len(CHANNELS):
            raise TokenError(TokenProblem.malformed)
        body, mac = raw[:-MAC_BYTES], raw[-MAC_BYTES:]
        key = self._by_id.get(body[1:3])
        if key is None:
            raise TokenError(TokenProblem.expired_key)
        if not hmac.compare_digest(mac, _mac(key, body)):
            raise TokenError(TokenProblem.tampered)
        customer_id = int.from_bytes(body[3:9], "big")
        if customer_id == 0:
            raise TokenError(TokenProblem.malformed)
        return UnsubscribeToken(customer_id=customer_id, channel=CHANNELS[body[9]])


def tokens_in(text: str) -> list[str]:
    """Every ``u-TOKEN`` in an address or subject, lower-cased, in order, without repeats."""
    return list(dict.fromkeys(match.lower() for match in TOKEN_RE.findall(text)))


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"key id" + key).digest()[:2]


def _mac(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).digest()[:MAC_BYTES]


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode("ascii").lower()


def _unb32(token: str) -> bytes | None:
    if len(token) != TOKEN_LENGTH:
        return None
    try:
        return base64.b32decode(token.upper())
    except ValueError:
        return None
