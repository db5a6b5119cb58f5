"""`ca_file`: trusting a private CA for the mailbox and the relay, as configured."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from mailbot.config import ConfigError, settings_from_dict
from mailbot.outgoing.smtp import SmtpCheckError, make_mailer
from mailbot.sources import SourceError, open_source
from tests.fixtures.dovecot import DovecotMailbox
from tests.fixtures.smtp import SmtpServer, Tls


def _smtp_settings(server: SmtpServer, **smtp: object):  # type: ignore[no-untyped-def]
    values = server.settings(host="localhost").model_dump(mode="json", exclude_none=True)
    return settings_from_dict({"smtp": {**values, **smtp}})


def test_the_relay_is_trusted_through_ca_file(smtp_tls_server: SmtpServer, smtp_tls: Tls) -> None:
    trusted = make_mailer(_smtp_settings(smtp_tls_server, ca_file=str(smtp_tls.cert)))
    assert "TLS" in asyncio.run(trusted.check())
    untrusted = make_mailer(_smtp_settings(smtp_tls_server))
    with pytest.raises(SmtpCheckError, match="CERTIFICATE_VERIFY_FAILED|certificate"):
        asyncio.run(untrusted.check())


def test_the_mailbox_is_trusted_through_ca_file(dovecot: DovecotMailbox) -> None:
    settings = dovecot.tls_settings("tls", ca_file=dovecot.server.cert)
    with open_source(settings) as source:
        assert source.uidvalidity() > 0
    with pytest.raises(SourceError), open_source(dovecot.tls_settings("tls")) as source:
        source.uidvalidity()


def test_an_unreadable_ca_file_names_the_setting(tmp_path: Path) -> None:
    settings = settings_from_dict({"smtp": {"backend": "smtp", "host": "smtp.example.com",
                                            "ca_file": str(tmp_path / "missing.pem")}})
    with pytest.raises(ConfigError, match=r"\[smtp\] ca_file"):
        make_mailer(settings)
