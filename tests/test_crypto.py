import pytest

from mailbot.config import ConfigError, CryptoSettings
from mailbot.store.crypto import (
    Cipher,
    Keyring,
    generate_keyring,
    load_keyring,
    mask_email,
    normalise_email,
)


def test_blind_index_normalises_case_and_space_only(cipher: Cipher) -> None:
    assert cipher.email_index(" A.B@Example.COM ") == cipher.email_index("a.b@example.com")
    assert cipher.email_index("a+shop@example.com") != cipher.email_index("a@example.com")
    assert cipher.email_index("ab@gmail.com") != cipher.email_index("a.b@gmail.com")
    assert normalise_email("<X@Y.Z>") == "x@y.z"


def test_roundtrip_and_tamper(cipher: Cipher) -> None:
    token = cipher.encrypt_json({"name": "سارة"})
    assert cipher.decrypt_json(token) == {"name": "سارة"}
    with pytest.raises(ValueError):
        cipher.decrypt(token[:-3] + b"AAA")


def test_keyring_from_env_and_file(tmp_path, monkeypatch) -> None:
    ring = generate_keyring()
    monkeypatch.setenv("MB_KEYS", ring)
    assert load_keyring(CryptoSettings(keys_env="MB_KEYS")).fernet_keys == (ring.split(",")[1],)
    path = tmp_path / "keyring"
    path.write_text(ring + "\n")
    assert load_keyring(CryptoSettings(key_file=path)).index_key


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "exactly one 'index:' key"), ("index:abcdefghabcdefghabcdefghabcdefgh", "no encryption key"),
     ("index:abcdefghabcdefghabcdefghabcdefgh,notakey", "malformed")],
)
def test_bad_keyrings(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Keyring.parse(text, where="test")


def test_missing_keyring_asks_for_the_databases_keyring(monkeypatch) -> None:
    monkeypatch.delenv("MB_NONE", raising=False)
    with pytest.raises(ConfigError, match="keyring this database was created with"):
        load_keyring(CryptoSettings(keys_env="MB_NONE"))


def test_mask_email() -> None:
    assert mask_email("Sara@Example.com") == "s***@example.com"
    assert mask_email(None) == "***"
