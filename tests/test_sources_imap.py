"""The IMAP source against a real Dovecot on loopback (no database involved)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from mailbot.config import ConfigError
from mailbot.sources import Source, SourceError, open_source
from mailbot.sources.imap import ImapSource
from tests.fixtures.dovecot import DovecotMailbox
from tests.fixtures.mail import make_raw

pytestmark = pytest.mark.dovecot


@pytest.fixture
def source(dovecot: DovecotMailbox) -> Iterator[ImapSource]:
    with ImapSource(dovecot.settings(batch_size=100)) as src:
        yield src


def deliver_later(dovecot: DovecotMailbox, raw: bytes, delay: float) -> threading.Thread:
    def run() -> None:
        time.sleep(delay)
        dovecot.deliver(raw)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_open_source_builds_an_unconnected_imap_source(dovecot: DovecotMailbox) -> None:
    src = open_source(dovecot.settings())
    assert isinstance(src, ImapSource) and isinstance(src, Source)
    assert src.key == f"imap://{dovecot.username}@127.0.0.1:{dovecot.port}/INBOX"
    with pytest.raises(SourceError, match="not connected"):
        src.uidvalidity()


def test_new_mail_is_found_and_fetched_byte_for_byte(
    dovecot: DovecotMailbox, source: ImapSource
) -> None:
    raws = [make_raw(i) for i in range(3)]
    for raw in raws:
        dovecot.deliver(raw)
    uids = source.uids_after(0)
    assert len(uids) == 3
    fetched = list(source.fetch(uids))
    assert [m.raw for m in fetched] == raws
    assert all(m.size == len(m.raw or b"") and m.internal_date for m in fetched)

    dovecot.deliver(make_raw(99))
    assert source.uids_after(max(uids)) == [max(uids) + 1]
    assert source.uids_after(max(uids) + 1) == []  # "N:*" past the end is not the last UID


def test_fetch_goes_in_batches(
    dovecot: DovecotMailbox, source: ImapSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(250):
        dovecot.deliver(make_raw(i))
    uids = source.uids_after(0)
    client = source._client
    sizes: list[int] = []
    real_fetch = client.fetch

    def spy(messages, data, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "BODY.PEEK[]" in data:
            sizes.append(len(messages))
        return real_fetch(messages, data, *args, **kwargs)

    monkeypatch.setattr(client, "fetch", spy)
    fetched = list(source.fetch(uids))
    assert [m.uid for m in fetched] == uids and len(uids) == 250
    assert sizes == [100, 100, 50]


def test_fetch_never_sets_seen(dovecot: DovecotMailbox, source: ImapSource) -> None:
    for i in range(3):
        dovecot.deliver(make_raw(i))
    human = dovecot.client()
    human.select_folder("INBOX")
    human.add_flags([2], [b"\\Seen"])
    list(source.fetch(source.uids_after(0)))
    flags = dovecot.flags()
    assert b"\\Seen" not in flags[1] and b"\\Seen" not in flags[3]
    assert b"\\Seen" in flags[2]


def test_oversize_message_is_not_downloaded(dovecot: DovecotMailbox) -> None:
    big = make_raw(1, body="x" * 5000)
    dovecot.deliver(big)
    dovecot.deliver(make_raw(2))
    with ImapSource(dovecot.settings(max_message_bytes=1024)) as src:
        big_msg, small_msg = src.fetch(src.uids_after(0))
    assert big_msg.raw is None and big_msg.size == len(big)
    assert small_msg.raw == make_raw(2)


def test_since_takes_only_mail_received_after_it(
    dovecot: DovecotMailbox, source: ImapSource
) -> None:
    now = datetime.now(UTC)
    dovecot.deliver(make_raw(1), internal_date=datetime(2020, 1, 1, tzinfo=UTC))
    dovecot.deliver(make_raw(2), internal_date=now - timedelta(hours=2))
    dovecot.deliver(make_raw(3), internal_date=now)
    assert source.uids_after(0, now - timedelta(hours=1)) == [3]
    assert source.uids_after(0, now - timedelta(days=3)) == [2, 3]
    assert source.uids_after(0) == [1, 2, 3]


def test_move_to_processed_creates_the_folder_and_is_idempotent(
    dovecot: DovecotMailbox, source: ImapSource
) -> None:
    for i in range(3):
        dovecot.deliver(make_raw(i))
    source.move_to_processed([1, 3])
    source.move_to_processed([1, 3])  # already gone: no error, nothing else moves
    assert dovecot.count("INBOX") == 1 and dovecot.count("Processed") == 2
    assert b"\\Seen" not in next(iter(dovecot.flags("Processed").values()))


def test_move_without_the_move_extension_copies_and_expunges_only_ours(
    dovecot: DovecotMailbox,
) -> None:
    for i in range(3):
        dovecot.deliver(make_raw(i))
    human = dovecot.client()
    human.select_folder("INBOX")
    human.add_flags([2], [b"\\Deleted"])  # a human's pending deletion must survive
    with ImapSource(dovecot.settings(), ignore_capabilities={"MOVE"}) as src:
        assert not src._has("MOVE")
        src.move_to_processed([1, 3])
        src.move_to_processed([1, 3])
    assert dovecot.count("Processed") == 2
    assert list(dovecot.flags("INBOX")) == [2]


def test_idle_wakes_up_on_delivery(dovecot: DovecotMailbox, source: ImapSource) -> None:
    assert source.wait_for_new(0.3) is False
    thread = deliver_later(dovecot, make_raw(1), 0.3)
    started = time.monotonic()
    try:
        assert source.wait_for_new(20) is True
    finally:
        thread.join()
    assert time.monotonic() - started < 5
    assert source.uids_after(0) == [1]  # the connection is usable after IDLE


def test_a_server_restart_during_idle_raises_promptly(
    dovecot: DovecotMailbox, source: ImapSource
) -> None:
    thread = threading.Thread(target=lambda: (time.sleep(0.3), dovecot.server.restart()))
    thread.start()
    started = time.monotonic()
    try:
        with pytest.raises(SourceError):
            source.wait_for_new(20)
    finally:
        thread.join()
    assert time.monotonic() - started < 5


def test_mail_gone_between_search_and_fetch_is_skipped(
    dovecot: DovecotMailbox, source: ImapSource
) -> None:
    for i in range(3):
        dovecot.deliver(make_raw(i))
    uids = source.uids_after(0)
    human = dovecot.client()
    human.select_folder("INBOX")
    human.delete_messages([2])
    human.expunge()
    source.uids_after(3)  # any command lets our session see the expunge
    assert [m.uid for m in source.fetch(uids)] == [1, 3]


def test_polling_when_idle_is_unavailable(dovecot: DovecotMailbox) -> None:
    with ImapSource(dovecot.settings(), ignore_capabilities={"IDLE"}, poll_interval=0.1) as src:
        thread = deliver_later(dovecot, make_raw(1), 0.3)
        started = time.monotonic()
        try:
            assert src.wait_for_new(20) is True
        finally:
            thread.join()
        assert time.monotonic() - started < 5


def test_a_new_connection_after_a_server_restart(dovecot: DovecotMailbox, source: ImapSource) -> None:
    dovecot.deliver(make_raw(1))
    assert source.uids_after(0) == [1]
    dovecot.restart()
    with pytest.raises(SourceError):
        source.uids_after(0)
    source.connect()  # the daemon opens a new connection on its next poll
    assert source.uids_after(0) == [1]


def test_a_connection_limit_refusal_is_transient() -> None:
    from imapclient.exceptions import LoginError

    from mailbot.sources.imap import _transient

    assert _transient(LoginError("b'[LIMIT] Maximum number of connections exceeded'"))
    assert _transient(LoginError("b'[UNAVAILABLE] Temporary authentication failure.'"))
    assert not _transient(LoginError("b'[AUTHENTICATIONFAILED] Authentication failed.'"))


def test_password_command_and_xoauth2(dovecot: DovecotMailbox) -> None:
    command = f"printf %s {dovecot.password}"
    for settings in (
        dovecot.settings(password_env=None, password_command=command),
        dovecot.settings(password_env=None, oauth2_token_command=command),
    ):
        with ImapSource(settings) as src:
            assert src.uidvalidity() > 0


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_and_starttls(dovecot: DovecotMailbox, security: str) -> None:
    dovecot.deliver(make_raw(1))
    settings = dovecot.tls_settings(security)
    with ImapSource(settings, ssl_context=dovecot.tls_context()) as src:
        assert src._live().socket().version() in ("TLSv1.2", "TLSv1.3")
        assert [m.raw for m in src.fetch(src.uids_after(0))] == [make_raw(1)]
    with pytest.raises(SourceError, match="CERTIFICATE_VERIFY_FAILED"):
        ImapSource(settings).connect()  # the system's trust store does not know the test CA


def test_plaintext_only_to_loopback() -> None:
    from mailbot.config import MailboxSettings

    src = ImapSource(MailboxSettings(backend="imap", host="imap.example.com", security="none"))
    with pytest.raises(ConfigError, match="loopback"):
        src.connect()


_FETCH_CHILD = """
import json, sys
from mailbot.config import MailboxSettings
from mailbot.sources.imap import ImapSource
settings = MailboxSettings.model_validate_json(sys.argv[1])
count = size = 0
with ImapSource(settings) as source:
    for message in source.fetch(source.uids_after(0)):
        count, size = count + 1, size + len(message.raw or b"")
with open("/proc/self/status") as status:  # the peak of this process alone (ru_maxrss
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
print(json.dumps({"count": count, "bytes": size, "peak_mb": peak / 1024}))
"""  # ... would include the forking test process, which holds the mail it delivered)


def test_twenty_mails_of_20_mb_are_fetched_in_under_300_mb(dovecot: DovecotMailbox) -> None:
    attachment = base64.encodebytes(os.urandom(15 * 1024 * 1024)).decode()  # ~20 MB encoded
    for i in range(20):
        dovecot.deliver(make_raw(i, body=attachment))
    settings = dovecot.settings()  # the defaults: 200 per batch, max_batch_bytes 8 MiB
    done = subprocess.run([sys.executable, "-c", _FETCH_CHILD, settings.model_dump_json()],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    measured = json.loads(done.stdout)
    assert measured["count"] == 20 and measured["bytes"] > 20 * 20_000_000
    assert measured["peak_mb"] < 300, measured  # one 200-message command once took 1.27 GB


def test_bodies_come_in_groups_of_at_most_max_batch_bytes(dovecot: DovecotMailbox) -> None:
    raws = [make_raw(i, body="x" * 1500) for i in range(5)]
    for raw in raws:
        dovecot.deliver(raw)
    with ImapSource(dovecot.settings(max_batch_bytes=4000)) as src:
        commands: list[list[int]] = []
        real = src._live().fetch

        def spy(uids, data):  # type: ignore[no-untyped-def]
            if data == ["BODY.PEEK[]"]:
                commands.append(list(uids))
            return real(uids, data)

        src._live().fetch = spy  # type: ignore[method-assign]
        assert [m.raw for m in src.fetch(src.uids_after(0))] == raws
    assert commands == [[1, 2], [3, 4], [5]]
