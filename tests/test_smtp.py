"""The mailers against a real aiosmtpd server on loopback."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

import pytest

from mailbot.config import ConfigError, Settings, SmtpSettings
from mailbot.outgoing.smtp import (
    Envelope,
    MaildirMailer,
    SendResult,
    SmtpMailer,
    make_mailer,
    redact,
)
from tests.fixtures.smtp import SmtpServer, Tls


def envelope(key: int, to: str = "sara@example.com") -> Envelope:
    msg = EmailMessage()
    msg["From"] = "support@shop.example"
    msg["To"] = to
    msg["Subject"] = f"reply {key}"
    msg["Message-ID"] = f"<reply-{key}@shop.example>"
    msg.set_content("مرحبًا\n")
    return Envelope(key=key, sender="support@shop.example", recipient=to,
                    data=msg.as_bytes(policy=SMTP_POLICY))


async def send(mailer: SmtpMailer | MaildirMailer, envelopes: list[Envelope]) -> list[SendResult]:
    return [result async for result in mailer.send_batch(envelopes)]


def mailer_for(server: SmtpServer, **overrides: object) -> SmtpMailer:
    return SmtpMailer(server.settings(**overrides), local_hostname="shop.example")


async def test_a_batch_goes_over_one_connection(smtp_server: SmtpServer) -> None:
    results = await send(mailer_for(smtp_server), [envelope(i) for i in range(1, 6)])
    assert [r.key for r in results] == [1, 2, 3, 4, 5]
    assert all(r.ok and r.code == 250 for r in results)
    assert smtp_server.connections == 1
    assert [m.message_id for m in smtp_server.received] == [
        f"<reply-{i}@shop.example>" for i in range(1, 6)
    ]
    assert smtp_server.received[0].rcpt_tos == ("sara@example.com",)


async def test_server_down_is_transient_for_every_message(smtp_server: SmtpServer) -> None:
    smtp_server.stop()
    results = await send(mailer_for(smtp_server), [envelope(1), envelope(2)])
    assert [r.ok for r in results] == [False, False]
    assert not any(r.permanent for r in results)
    assert "127.0.0.1" in results[0].reason


async def test_5xx_is_permanent_with_the_servers_reason(smtp_server: SmtpServer) -> None:
    smtp_server.answer(rcpt="550 5.1.1 <sara@example.com>: no such user here")
    [result] = await send(mailer_for(smtp_server), [envelope(1)])
    assert not result.ok and result.permanent and result.code == 550
    assert "no such user here" in result.reason
    assert "sara@example.com" not in result.reason  # masked: reasons are stored and logged
    assert "s***@example.com" in result.reason


async def test_4xx_is_transient_and_the_connection_is_reused(smtp_server: SmtpServer) -> None:
    smtp_server.answer(data="451 4.3.0 Try again later")
    results = await send(mailer_for(smtp_server), [envelope(1), envelope(2)])
    assert [(r.ok, r.permanent, r.code) for r in results] == [(False, False, 451)] * 2
    assert "Try again later" in results[0].reason
    assert smtp_server.connections == 1


async def test_starttls_is_required_never_silently_skipped(smtp_server: SmtpServer) -> None:
    # the test server offers no STARTTLS: a mailer told to use it must not send in clear text
    results = await send(mailer_for(smtp_server, security="starttls"), [envelope(1)])
    assert not results[0].ok and not results[0].permanent
    assert "STARTTLS" in results[0].reason or "starttls" in results[0].reason
    assert smtp_server.received == []


async def test_tls_and_starttls_deliver_and_verify_the_certificate(
    smtp_tls_server: SmtpServer, smtp_tls: Tls
) -> None:
    trusted = SmtpMailer(smtp_tls_server.settings(), local_hostname="shop.example",
                         tls_context=smtp_tls.client)
    results = await send(trusted, [envelope(1), envelope(2)])
    assert all(r.ok for r in results) and len(smtp_tls_server.received) == 2
    # the same server is refused when its certificate is not trusted: no delivery, retry later
    [untrusted] = await send(mailer_for(smtp_tls_server), [envelope(3)])
    assert not untrusted.ok and not untrusted.permanent
    assert "CERTIFICATE_VERIFY_FAILED" in untrusted.reason
    assert len(smtp_tls_server.received) == 2


async def test_login_with_the_password_from_the_environment(
    smtp_tls: Tls, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = SmtpServer(tls=smtp_tls, security="starttls")
    server.credentials = ("bot", "s3cret")
    server.start()
    try:
        settings = server.settings(username="bot", password_env="MAILBOT_TEST_SMTP_PASSWORD")
        monkeypatch.setenv("MAILBOT_TEST_SMTP_PASSWORD", "s3cret")
        mailer = SmtpMailer(settings, local_hostname="shop.example", tls_context=smtp_tls.client)
        assert (await send(mailer, [envelope(1)]))[0].ok
        monkeypatch.setenv("MAILBOT_TEST_SMTP_PASSWORD", "wrong")
        mailer = SmtpMailer(settings, local_hostname="shop.example", tls_context=smtp_tls.client)
        [refused] = await send(mailer, [envelope(2)])
        assert not refused.ok and not refused.permanent  # fix the password, nothing is lost
        assert "535" in refused.reason
        assert len(server.received) == 1
    finally:
        server.stop()


async def test_xoauth2_with_a_fresh_token_from_the_command_per_connection(
    smtp_tls: Tls, tmp_path: Path
) -> None:
    server = SmtpServer(tls=smtp_tls, security="starttls")
    server.oauth2 = ("bot@shop.example", "ya29.token-1")
    server.start()
    counter = tmp_path / "n"
    counter.write_text("0")
    # like `gcloud auth print-access-token`: a new token each run (the second one is stale)
    command = (f"n=$(($(cat {counter}) + 1)); echo $n > {counter}; "
               f"if [ $n = 1 ]; then echo ya29.token-1; else echo ya29.expired; fi")
    try:
        settings = server.settings(username="bot@shop.example", oauth2_token_command=command)
        mailer = SmtpMailer(settings, local_hostname="shop.example", tls_context=smtp_tls.client)
        assert "XOAUTH2" in await mailer.check()
        counter.write_text("0")
        [sent] = await send(mailer, [envelope(1)])
        assert sent.ok and len(server.received) == 1
        [refused] = await send(mailer, [envelope(2)])  # the command ran again: the stale token
        assert not refused.ok and not refused.permanent and "535" in refused.reason
        assert server.handler.tokens_seen[-2:] == ["ya29.token-1", "ya29.expired"]  # type: ignore[attr-defined]
        assert len(server.received) == 1
    finally:
        server.stop()


async def test_xoauth2_token_command_failing_is_transient_with_its_reason(
    smtp_tls: Tls,
) -> None:
    server = SmtpServer(tls=smtp_tls, security="starttls")
    server.oauth2 = ("bot@shop.example", "t")
    server.start()
    try:
        settings = server.settings(username="bot@shop.example",
                                   oauth2_token_command="echo 'token endpoint down' >&2; exit 7")
        mailer = SmtpMailer(settings, local_hostname="shop.example", tls_context=smtp_tls.client)
        [failed] = await send(mailer, [envelope(1)])
        assert not failed.ok and not failed.permanent
        assert "oauth2_token_command exited with 7" in failed.reason
        assert "token endpoint down" in failed.reason and not server.received
    finally:
        server.stop()


def test_xoauth2_settings_need_a_username_and_no_password() -> None:

    problems = Settings(smtp=SmtpSettings(backend="smtp", oauth2_token_command="x")).problems()
    assert any("[smtp] username" in p for p in problems)
    both = Settings(smtp=SmtpSettings(backend="smtp", username="u", oauth2_token_command="x",
                                      password_env="P"))
    assert any("[smtp] oauth2_token_command" in p for p in both.problems())


async def test_an_empty_batch_does_not_connect(smtp_server: SmtpServer) -> None:
    assert await send(mailer_for(smtp_server), []) == []
    assert smtp_server.connections == 0


async def test_password_comes_from_the_environment(
    smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MAILBOT_TEST_SMTP_PASSWORD", raising=False)
    mailer = mailer_for(smtp_server, username="bot", password_env="MAILBOT_TEST_SMTP_PASSWORD")
    with pytest.raises(ConfigError, match="MAILBOT_TEST_SMTP_PASSWORD"):
        await send(mailer, [envelope(1)])


async def test_maildir_mailer_stores_each_message(tmp_path: Path) -> None:
    results = await send(MaildirMailer(tmp_path / "out"), [envelope(1), envelope(2)])
    assert all(r.ok for r in results)
    box = mailbox.Maildir(tmp_path / "out", create=False)
    assert sorted(str(m["Message-ID"]) for m in box) == [
        "<reply-1@shop.example>", "<reply-2@shop.example>"
    ]


def test_make_mailer_chooses_the_backend(tmp_path: Path) -> None:
    maildir = Settings(smtp=SmtpSettings(backend="maildir", path=tmp_path))
    assert isinstance(make_mailer(maildir), MaildirMailer)
    with pytest.raises(ConfigError, match="needs path"):
        make_mailer(Settings(smtp=SmtpSettings(backend="maildir")))
    relay = Settings(smtp=SmtpSettings(backend="smtp", host="smtp.example.net"))
    assert isinstance(make_mailer(relay), SmtpMailer)


def test_plain_smtp_only_to_loopback() -> None:
    insecure = Settings(smtp=SmtpSettings(backend="smtp", host="smtp.example.net", security="none"))
    with pytest.raises(ConfigError, match="loopback"):
        make_mailer(insecure)
    make_mailer(Settings(smtp=SmtpSettings(backend="smtp", host="127.0.0.1", security="none")))


def test_redact_masks_addresses_and_folds_lines() -> None:
    assert redact("550 mailbox\r\n unavailable: <Ali@Example.COM>") == (
        "550 mailbox unavailable: <a***@example.com>"
    )
