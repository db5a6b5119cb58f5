"""The reply envelope: what intake keeps about where to answer, sealed with the keyring."""

from mailbot.config import Settings
from mailbot.mail.parsing import parse_message
from mailbot.pipeline.respond import TOKEN_ALPHABET, ReplyEnvelope, new_token
from mailbot.store.crypto import Cipher

RAW = (b"From: Sara <sara@example.com>\r\nReply-To: attacker@evil.example\r\n"
       b"To: support@shop.example\r\nSubject: unsubscribe\r\nMessage-ID: <m1@example.com>\r\n"
       b"References: <a@x> <b@x>\r\n\r\nplease unsubscribe me\r\n")


def _settings() -> Settings:
    return Settings.model_validate({"brand": {"support_address": "support@shop.example"}})


def test_the_envelope_answers_from_never_reply_to() -> None:
    envelope = ReplyEnvelope.for_message(parse_message(RAW), _settings())
    assert envelope is not None
    assert envelope.address == "sara@example.com"
    assert envelope.message_id == "<m1@example.com>"
    assert envelope.blocked is None


def test_sealed_envelopes_round_trip_and_hold_no_plaintext(cipher: Cipher) -> None:
    envelope = ReplyEnvelope.for_message(parse_message(RAW), _settings())
    assert envelope is not None
    sealed = envelope.seal(cipher)
    assert b"sara" not in sealed
    assert ReplyEnvelope.unseal(cipher, sealed) == envelope
    assert ReplyEnvelope.unseal(cipher, sealed).to_address("on-file@example.com").address \
        == "on-file@example.com"


def test_a_forgotten_envelope_is_empty(cipher: Cipher) -> None:
    assert ReplyEnvelope.unseal(cipher, None) == ReplyEnvelope()


def test_no_envelope_without_a_sender() -> None:
    raw = b"To: support@shop.example\r\nSubject: hi\r\n\r\nbody\r\n"
    assert ReplyEnvelope.for_message(parse_message(raw), _settings()) is None


def test_tokens_are_two_groups_of_four_from_the_alphabet() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        first, second = token.split("-")
        assert len(first) == len(second) == 4
        assert set(first + second) <= set(TOKEN_ALPHABET)
