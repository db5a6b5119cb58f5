"""Unsubscribe tokens (pure): round trip, tampering, key rotation, what they reveal."""

from __future__ import annotations

import time

import pytest

from mailbot.public.tokens import (
    CHANNELS,
    TOKEN_LENGTH,
    TokenError,
    TokenProblem,
    TokenSigner,
    tokens_in,
)
from mailbot.store.crypto import Keyring, generate_fernet_key, generate_index_key

OLD, NEW = generate_fernet_key(), generate_fernet_key()
INDEX = generate_index_key()


def signer(*keys: str) -> TokenSigner:
    return TokenSigner(Keyring.parse(",".join([INDEX, *keys]), where="test"))


def test_round_trip_for_every_channel() -> None:
    s = signer(OLD)
    for channel in CHANNELS:
        token = s.mint(4711, channel)
        assert len(token) == TOKEN_LENGTH and token == token.lower()
        verified = s.verify(token)
        assert (verified.customer_id, verified.channel) == (4711, channel)
    assert s.verify(s.mint(1, "all")).channels == ()
    assert s.verify(s.mint(1, "sms")).channels == ("sms",)


def test_case_folded_by_a_mail_server_still_verifies() -> None:
    s = signer(OLD)
    token = s.mint(99)
    assert s.verify(token.upper()).customer_id == 99


@pytest.mark.parametrize("position", range(TOKEN_LENGTH))
def test_any_changed_character_is_refused(position: int) -> None:
    s = signer(OLD)
    token = s.mint(123456)
    swapped = "b" if token[position] != "b" else "c"
    tampered = token[:position] + swapped + token[position + 1:]
    with pytest.raises(TokenError) as caught:
        s.verify(tampered)
    assert caught.value.problem in (TokenProblem.tampered, TokenProblem.malformed,
                                    TokenProblem.expired_key)


def test_another_customers_id_with_the_old_mac_is_tampered() -> None:
    s = signer(OLD)
    a, b = s.mint(1000), s.mint(1001)
    forged = b[:16] + a[16:]  # b's id, a's MAC
    with pytest.raises(TokenError) as caught:
        s.verify(forged)
    assert caught.value.problem in (TokenProblem.tampered, TokenProblem.malformed)


@pytest.mark.parametrize("bad", ["", "short", "u" * TOKEN_LENGTH, "1" * TOKEN_LENGTH,
                                 "a" * (TOKEN_LENGTH + 1), "é" * TOKEN_LENGTH])
def test_malformed(bad: str) -> None:
    with pytest.raises(TokenError) as caught:
        signer(OLD).verify(bad)
    assert caught.value.problem == TokenProblem.malformed


def test_rotation_old_tokens_verify_while_the_old_key_is_in_the_ring() -> None:
    old_token = signer(OLD).mint(42)
    rotated = signer(NEW, OLD)
    assert rotated.verify(old_token).customer_id == 42
    new_token = rotated.mint(42)
    assert new_token != old_token and signer(NEW).verify(new_token).customer_id == 42
    with pytest.raises(TokenError) as caught:
        signer(NEW).verify(old_token)  # the old key was dropped
    assert caught.value.problem == TokenProblem.expired_key


def test_a_token_carries_no_address_and_minting_is_fast() -> None:
    s = signer(OLD)
    start = time.perf_counter()
    tokens = [s.mint(n) for n in range(1, 5001)]
    assert time.perf_counter() - start < 1.0  # thousands per second, with room to spare
    assert len(set(tokens)) == 5000
    assert all("@" not in t and "example" not in t for t in tokens)


def test_bad_channel_and_id_are_refused_when_minting() -> None:
    with pytest.raises(ValueError):
        signer(OLD).mint(1, "fax")
    with pytest.raises(ValueError):
        signer(OLD).mint(0)


def test_tokens_in_addresses_and_subjects() -> None:
    token = signer(OLD).mint(7)
    assert tokens_in(f"support+u-{token}@shop.example") == [token]
    assert tokens_in(f"Unsubscribe u-{token.upper()} please, u-{token}") == [token]
    assert tokens_in(f"support+u-{token}x@shop.example") == []
    assert tokens_in("support@shop.example") == []
