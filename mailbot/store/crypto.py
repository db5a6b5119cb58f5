"""Field encryption and the blind index used to find rows by email address.

Why MultiFernet: Fernet is AES-128-CBC with an HMAC-SHA256 over the whole token, so a
flipped byte fails loudly instead of decrypting to garbage, and ``MultiFernet`` gives key
rotation for free: the first key encrypts, every key decrypts, and ``rotate()`` re-encrypts a
token under the first key. AES-GCM would be a little smaller and faster, but would make us
write the key-id and rotation logic Fernet already has.

The keyring is one line of text, from the environment variable named by
``[crypto] keys_env`` (default ``MAILBOT_KEYS``) or from ``[crypto] key_file``::

    index:<base64 32 bytes>,<fernet key, primary>,<older fernet key>,...

The ``index:`` key is the secret of the blind index and never rotates with the Fernet keys:
the index must stay stable so that rows stay findable. Rotating the Fernet keys is: put the
new key first, run ``mailbot keys rotate`` (re-encrypts every column), then drop the old key.

Blind index: HMAC-SHA256 of the normalised address. Normalising lower-cases and trims only.
Plus-tags (``a+shop@x``) and Gmail dots are *not* folded: on most providers they are
different mailboxes, and a deletion confirmed by ``a+x@`` must not erase ``a@``'s account.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from mailbot.config import ConfigError, CryptoSettings
from mailbot.mail.addresses import mask_email, normalise_email  # noqa: F401  (mask_email: older imports)

INDEX_PREFIX = "index:"



def generate_fernet_key() -> str:
    return Fernet.generate_key().decode()


def generate_index_key() -> str:
    return INDEX_PREFIX + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def generate_keyring() -> str:
    return f"{generate_index_key()},{generate_fernet_key()}"


@dataclass(frozen=True)
class Keyring:
    index_key: bytes
    fernet_keys: tuple[str, ...]

    @classmethod
    def parse(cls, text: str, *, where: str) -> Keyring:
        tokens = [t.strip() for t in text.replace("\n", ",").split(",") if t.strip()]
        index = [t for t in tokens if t.startswith(INDEX_PREFIX)]
        fernets = tuple(t for t in tokens if not t.startswith(INDEX_PREFIX))
        if len(index) != 1:
            raise ConfigError(
                f"{where}: the keyring needs exactly one 'index:' key (the keyring is one "
                "line: index:<key>,<primary key>,<older keys>; see docs/deployment.md#keys)"
            )
        if not fernets:
            raise ConfigError(f"{where}: the keyring has no encryption key")
        try:
            index_key = base64.urlsafe_b64decode(index[0][len(INDEX_PREFIX) :])
            for key in fernets:
                Fernet(key)
        except (ValueError, TypeError):
            raise ConfigError(
                f"{where}: a key is malformed (Fernet keys are 44 url-safe base64 characters)"
            ) from None
        if len(index_key) < 16:
            raise ConfigError(f"{where}: the index key is too short")
        return cls(index_key=index_key, fernet_keys=fernets)

    def primary_only(self) -> Keyring:
        """The keyring without its older keys: what is left once they are dropped."""
        return Keyring(index_key=self.index_key, fernet_keys=self.fernet_keys[:1])


def load_keyring(settings: CryptoSettings) -> Keyring:
    if settings.key_file is not None:
        try:
            text = Path(settings.key_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"[crypto] key_file {settings.key_file}: {exc.strerror}") from None
        return Keyring.parse(text, where=f"[crypto] key_file {settings.key_file}")
    text = os.environ.get(settings.keys_env, "")
    if not text:
        raise ConfigError(
            f"[crypto] keys_env: ${settings.keys_env} is not set. Export the keyring this "
            "database was created with (from where you keep its copy), or point [crypto] "
            "key_file at a file holding it; without it the stored data cannot be read. "
            "A first installation starts at docs/deployment.md"
        )
    return Keyring.parse(text, where=f"${settings.keys_env}")


class DecryptionError(ValueError):
    """No configured key opens a stored value: a keyring problem, not a data problem."""


class Cipher:
    """Encrypts personal data for storage and computes blind indexes."""

    def __init__(self, keyring: Keyring) -> None:
        self.keyring = keyring
        """Kept for keys derived from it (the one-click tokens' signing keys)."""
        self._fernet = MultiFernet([Fernet(k) for k in keyring.fernet_keys])
        self._index_key = keyring.index_key

    def encrypt(self, data: bytes) -> bytes:
        return self._fernet.encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(token)
        except InvalidToken:
            raise DecryptionError(
                "cannot decrypt a stored value: none of the configured keys fits "
                "(was an old key dropped before `mailbot keys rotate` finished?)"
            ) from None

    def encrypt_text(self, text: str | None) -> bytes | None:
        return None if text is None else self.encrypt(text.encode("utf-8"))

    def decrypt_text(self, token: bytes | None) -> str | None:
        return None if token is None else self.decrypt(token).decode("utf-8")

    def encrypt_json(self, value: Any) -> bytes:
        return self.encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True).encode())

    def decrypt_json(self, token: bytes | None) -> Any:
        return None if token is None else json.loads(self.decrypt(token))

    def rotate(self, token: bytes) -> bytes:
        return self._fernet.rotate(token)

    def email_index(self, address: str) -> str:
        return self.blind_index(normalise_email(address))

    def blind_index(self, value: str) -> str:
        return hmac.new(self._index_key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def hash_token(token: str) -> str:
    """Single-use tokens are stored only as their SHA-256."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()

