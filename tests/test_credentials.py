"""Secrets named by the settings, fetched when a connection needs them."""

import pytest

from mailbot.config import ConfigError
from mailbot.credentials import resolve_secret


def test_secret_from_env_and_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MB_PW", "s3cret")
    assert resolve_secret(section="smtp", password_env="MB_PW", password_command=None) == "s3cret"
    assert resolve_secret(section="smtp", password_env=None, password_command="echo hunter2") == "hunter2"
    with pytest.raises(ConfigError, match=r"\$MB_MISSING, which is not set"):
        resolve_secret(section="smtp", password_env="MB_MISSING", password_command=None)
    with pytest.raises(ConfigError, match="password_command exited with 3"):
        resolve_secret(section="imap", password_env=None, password_command="exit 3")
