"""Secrets and TLS material named by the settings: read when a connection needs them.

The settings (:mod:`mailbot.config`) only name where a secret lives (``*_env``,
``password_command``, ``oauth2_token_command``, ``ca_file``); these functions fetch it at
the moment of use, so a rotated password or a fresh OAuth2 token is picked up without a
restart and no secret sits in the settings object.
"""

from __future__ import annotations

import os
import ssl
import subprocess
from pathlib import Path

from mailbot.config import ConfigError


def secret_from_env(*, setting: str, name: str) -> str:
    """A secret named by a ``*_env`` setting; ConfigError naming the setting when unset."""
    value = os.environ.get(name)
    if not value:
        raise ConfigError(f"{setting} names ${name}, which is not set in the environment")
    return value


def resolve_secret(
    *, section: str, password_env: str | None, password_command: str | None
) -> str | None:
    """The secret named by ``password_env`` or printed by ``password_command``."""
    if password_env:
        return secret_from_env(setting=f"[{section}] password_env", name=password_env)
    if password_command:
        try:
            done = subprocess.run(
                password_command, shell=True, capture_output=True, text=True, timeout=30
            )
        except subprocess.TimeoutExpired:
            raise ConfigError(f"[{section}] password_command timed out after 30 s") from None
        if done.returncode != 0:
            raise ConfigError(
                f"[{section}] password_command exited with {done.returncode}: "
                f"{done.stderr.strip()[:200]}"
            )
        return done.stdout.rstrip("\n")
    return None


def resolve_oauth2_token(*, section: str, command: str) -> str:
    """The access token ``oauth2_token_command`` prints (for XOAUTH2, IMAP and SMTP alike)."""
    try:
        token = resolve_secret(section=section, password_env=None, password_command=command)
    except ConfigError as exc:
        raise ConfigError(str(exc).replace("password_command", "oauth2_token_command")) from None
    if not token:
        raise ConfigError(f"[{section}] oauth2_token_command printed no token")
    return token


def tls_context(*, section: str, ca_file: Path | None) -> ssl.SSLContext | None:
    """A verifying context trusting ``ca_file``; None means the system's trust store."""
    if ca_file is None:
        return None
    try:
        return ssl.create_default_context(cafile=str(ca_file))
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"[{section}] ca_file {ca_file}: cannot load it ({exc})") from None
