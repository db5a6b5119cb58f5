"""Fetch → database against a real Dovecot, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.sources import SourceError, ingest
from mailbot.sources.imap import ImapSource
from mailbot.sources.ingest import ingest_new, mark_moved, message_id_hash, start_after
from mailbot.store.crypto import Cipher
from mailbot.store.models import InboundMessage, InboundState, MailboxState
from tests.fixtures.dovecot import DovecotMailbox
from tests.fixtures.mail import make_raw

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def rows(engine: Engine) -> list[InboundMessage]:
    with Session(engine) as session:
        order = (InboundMessage.uidvalidity, InboundMessage.uid)
        return list(session.execute(select(InboundMessage).order_by(*order)).scalars())


def mailbox_state(engine: Engine, key: str) -> MailboxState:
    with Session(engine) as session:
        state = session.get(MailboxState, key)
        assert state is not None
        return state


def cursor_moves(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every ``last_uid`` the cursor is moved to, in order (the real move still happens)."""
    moves: list[int] = []
    real = ingest._advance_cursor

    def spy(session, key, last_uid):  # type: ignore[no-untyped-def]
        moves.append(last_uid)
        real(session, key, last_uid)

    monkeypatch.setattr(ingest, "_advance_cursor", spy)
    return moves


def states(engine: Engine) -> list[str]:
    return [str(row.state) for row in rows(engine)]


@pytest.fixture
def source(dovecot: DovecotMailbox) -> Iterator[ImapSource]:
    with ImapSource(dovecot.settings(batch_size=100)) as src:
        yield src


def run(
    source: ImapSource, engine: Engine, cipher: Cipher, **kwargs: object
) -> ingest.IngestReport:
    settings = kwargs.pop("settings", source.settings)
    now = kwargs.pop("now", NOW)
    return ingest_new(source, engine=engine, cipher=cipher, settings=settings, now=now,
                      **kwargs)  # type: ignore[arg-type]


# -- pure helpers ----------------------------------------------------------------------


def test_start_after_forms() -> None:
    assert start_after("now", NOW) == NOW
    assert start_after("14d", NOW) == NOW - timedelta(days=14)
    assert start_after("2026-01-31", NOW) == datetime(2026, 1, 31, tzinfo=UTC)


def test_message_id_hash_is_of_the_id_and_the_authored_content() -> None:
    raw = make_raw(1, message_id="<abc@x>")
    assert message_id_hash(b"Subject: none\r\n\r\nMessage-ID: <in@body>\r\n") is None
    relayed = b"Received: from mx2\r\n" + raw.replace(b"Message-ID: <abc@x>",
                                                        b"Message-ID:\r\n <abc@x>")
    assert message_id_hash(relayed) == message_id_hash(raw)  # trace headers, folding
    assert message_id_hash(raw.replace(b"\r\n", b"\n")) == message_id_hash(raw)
    other_body = make_raw(1, message_id="<abc@x>", body="Delete my account.")
    assert message_id_hash(other_body) != message_id_hash(raw)
    other_sender = raw.replace(b"customer1@", b"mallory@")
    assert message_id_hash(other_sender) != message_id_hash(raw)


# -- with Dovecot ----------------------------------------------------------------------


@pytest.mark.dovecot
def test_new_mail_is_stored_encrypted_and_the_cursor_advances(
    dovecot: DovecotMailbox, source: ImapSource, engine: Engine, cipher: Cipher
) -> None:
    raws = [make_raw(i) for i in range(3)]
    for raw in raws:
        dovecot.deliver(raw)
    report = run(source, engine, cipher)
    assert (report.new, report.fetched, report.last_uid) == (3, 3, 3)
    stored = rows(engine)
    assert [cipher.decrypt(r.raw_enc or b"") for r in stored] == raws
    assert [r.uid for r in stored] == [1, 2, 3]
    assert stored[0].sha256 == hashlib.sha256(raws[0]).hexdigest()
    assert stored[0].message_id_hash == message_id_hash(raws[0])
    assert {r.state for r in stored} == {InboundState.new}
    assert all(r.mailbox == source.key and r.received_at == NOW for r in stored)
    state = mailbox_state(engine, source.key)
    assert (state.last_uid, state.uidvalidity) == (3, source.uidvalidity())
    assert state.last_success_at == NOW

    assert run(source, engine, cipher).fetched == 0  # nothing new: nothing fetched
    dovecot.deliver(make_raw(3))
    assert run(source, engine, cipher).new == 1
    assert len(rows(engine)) == 4
    assert all(b"\\Seen" not in f for f in dovecot.flags().values())


@pytest.mark.dovecot
def test_batches_commit_with_the_cursor(
    dovecot: DovecotMailbox, source: ImapSource, engine: Engine, cipher: Cipher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for i in range(250):
        dovecot.deliver(make_raw(i))
    cursors = cursor_moves(monkeypatch)
    report = run(source, engine, cipher)
    assert report.new == 250 and cursors == [100, 200, 250]


@pytest.mark.dovecot
def test_crash_inside_a_batch_transaction_then_rerun_stores_each_message_once(
    dovecot: DovecotMailbox, source: ImapSource, engine: Engine, cipher: Cipher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for i in range(250):
        dovecot.deliver(make_raw(i))
    real = ingest._advance_cursor

    def crash_on_second_batch(session, key, last_uid):  # type: ignore[no-untyped-def]
        if last_uid > 100:  # the rows of this batch are inserted, not yet committed
            raise RuntimeError("simulated crash")
        real(session, key, last_uid)

    monkeypatch.setattr(ingest, "_advance_cursor", crash_on_second_batch)
    with pytest.raises(SourceError, match="RuntimeError"):
        run(source, engine, cipher)
    assert len(rows(engine)) == 100
    state = mailbox_state(engine, source.key)
    assert state.last_uid == 100 and state.failing_since == NOW
    assert "simulated crash" in (state.last_error or "")

    monkeypatch.setattr(ingest, "_advance_cursor", real)
    later = NOW + timedelta(minutes=1)
    assert run(source, engine, cipher, now=later).new == 150
    uids = [r.uid for r in rows(engine)]
    assert sorted(uids) == list(range(1, 251))
    assert set(states(engine)) == {"new"}
    state = mailbox_state(engine, source.key)
    assert (state.failing_since, state.last_error, state.last_success_at) == (None, None, later)


@pytest.mark.dovecot
def test_rows_already_stored_are_skipped_not_doubled(
    dovecot: DovecotMailbox, source: ImapSource, engine: Engine, cipher: Cipher,
) -> None:
    """As after a crash between commit and the cursor being read back: the cursor is behind."""
    for i in range(3):
        dovecot.deliver(make_raw(i))
    run(source, engine, cipher)
    with Session(engine) as session:
        state = session.get(MailboxState, source.key)
        assert state is not None
        state.last_uid = 1
        session.commit()
    report = run(source, engine, cipher)
    assert (report.already_stored, report.new, len(rows(engine))) == (2, 0, 3)


@pytest.mark.dovecot
def test_a_lost_race_on_the_unique_key_skips_what_the_other_writer_stored(
    dovecot: DovecotMailbox, source: ImapSource, engine: Engine, cipher: Cipher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another process committed UIDs 1-2 after our check: the batch is retried once."""
    for i in range(3):
        dovecot.deliver(make_raw(i))
    run(source, engine, cipher)
    with Session(engine) as session:
        for row in session.execute(select(InboundMessage).where(InboundMessage.uid == 3)):
            session.delete(row[0])
        state = session.get(MailboxState, source.key)
        assert state is not None
        state.last_uid = 0
        session.commit()
    real = ingest._stored_uids
    calls: list[int] = []

    def blind_first_time(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return set() if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(ingest, "_stored_uids", blind_first_time)
    report = run(source, engine, cipher)
    assert (report.new, report.already_stored, len(calls)) == (1, 2, 2)
    assert [r.uid for r in rows(engine)] == [1, 2, 3]


@pytest.mark.dovecot
def test_duplicates_by_content_never_by_message_id_alone(
    dovecot: DovecotMailbox, source: ImapSource, engine: Engine, cipher: Cipher
) -> None:
    dovecot.deliver(make_raw(1))
    run(source, engine, cipher)
    dovecot.deliver(make_raw(1))  # the very same bytes again, in a later run
    dovecot.deliver(make_raw(2, message_id="<same@x>"))
    dovecot.deliver(b"Received: from mx2.shop.example\r\n" + make_raw(2, message_id="<same@x>"))
    dovecot.deliver(make_raw(3, message_id="<same@x>"))  # another message reusing the id
    report = run(source, engine, cipher)
    assert (report.new, report.duplicates) == (2, 2)
    stored = rows(engine)
    assert states(engine) == ["new", "duplicate", "new", "duplicate", "new"]
    assert stored[1].reason == f"duplicate of inbound message #{stored[0].id}"
    assert stored[3].reason == f"duplicate of inbound message #{stored[2].id}"
    assert stored[1].raw_enc is None  # the original holds the bytes
    assert stored[4].raw_enc is not None


@pytest.mark.dovecot
def test_oversize_mail_is_quarantined_without_download(
    dovecot: DovecotMailbox, engine: Engine, cipher: Cipher
) -> None:
    big = make_raw(1, body="x" * 3000)
    dovecot.deliver(big)
    dovecot.deliver(make_raw(2))
    settings = dovecot.settings(max_message_bytes=1024)
    with ImapSource(settings) as src:
        report = run(src, engine, cipher, settings=settings)
    assert (report.quarantined, report.new) == (1, 1)
    first = rows(engine)[0]
    assert first.state == InboundState.quarantined and first.raw_enc is None
    assert first.reason == f"over size limit ({len(big)} bytes)"


@pytest.mark.dovecot
def test_uidvalidity_change_loses_nothing_and_doubles_nothing(
    dovecot: DovecotMailbox, engine: Engine, cipher: Cipher
) -> None:
    for i in range(3):
        dovecot.deliver(make_raw(i))
    settings = dovecot.settings()
    with ImapSource(settings) as src:
        first = run(src, engine, cipher)
    new_validity = dovecot.set_uidvalidity_change()
    dovecot.deliver(make_raw(3))
    with ImapSource(settings) as src:
        report = run(src, engine, cipher)
        assert report.uidvalidity_changed and report.uidvalidity == new_validity
        assert (report.new, report.duplicates) == (1, 3)
        assert first.uidvalidity != new_validity
        new_rows = [r for r in rows(engine) if r.state == InboundState.new]
        assert len(new_rows) == 4  # each message once
        # The old rows no longer name their messages: moving one moves its current copy.
        assert mark_moved(src, [new_rows[0].id or 0], engine=engine, now=NOW) == 2
    assert dovecot.count("INBOX") == 3 and dovecot.count("Processed") == 1
    assert mailbox_state(engine, src.key).last_uid == 4


@pytest.mark.dovecot
def test_start_from_skips_old_mail_and_backfill_takes_it(
    dovecot: DovecotMailbox, engine: Engine, cipher: Cipher
) -> None:
    dovecot.deliver(make_raw(1), internal_date=NOW - timedelta(days=30))
    dovecot.deliver(make_raw(2), internal_date=NOW - timedelta(days=1))
    settings = dovecot.settings(start_from="7d")
    with ImapSource(settings) as src:
        assert run(src, engine, cipher, settings=settings).new == 1
        assert [r.uid for r in rows(engine)] == [2]
        assert mailbox_state(engine, src.key).start_after == NOW - timedelta(days=7)
        report = run(src, engine, cipher, settings=settings,
                     backfill_since=NOW - timedelta(days=60))
        assert (report.new, report.already_stored) == (1, 1)
    assert sorted(r.uid for r in rows(engine)) == [1, 2]


@pytest.mark.dovecot
def test_start_from_now_on_an_old_mailbox_takes_nothing_until_new_mail(
    dovecot: DovecotMailbox, engine: Engine, cipher: Cipher
) -> None:
    dovecot.deliver(make_raw(1), internal_date=datetime.now(UTC) - timedelta(hours=1))
    settings = dovecot.settings(start_from="now")
    now = datetime.now(UTC)
    with ImapSource(settings) as src:
        assert run(src, engine, cipher, settings=settings, now=now).fetched == 0
        dovecot.deliver(make_raw(2), internal_date=now + timedelta(seconds=5))
        assert run(src, engine, cipher, settings=settings, now=now).new == 1


@pytest.mark.dovecot
def test_mark_moved_after_commit_is_idempotent(
    dovecot: DovecotMailbox, source: ImapSource, engine: Engine, cipher: Cipher
) -> None:
    for i in range(3):
        dovecot.deliver(make_raw(i))
    run(source, engine, cipher)
    ids = [r.id or 0 for r in rows(engine)][:2]
    assert mark_moved(source, ids, engine=engine, now=NOW) == 2
    assert mark_moved(source, ids, engine=engine, now=NOW) == 0
    assert states(engine) == ["moved", "moved", "new"]
    assert rows(engine)[0].moved_at == NOW
    assert dovecot.count("INBOX") == 1 and dovecot.count("Processed") == 2


@pytest.mark.dovecot
def test_mark_moved_when_the_server_copy_is_already_gone(
    dovecot: DovecotMailbox, source: ImapSource, engine: Engine, cipher: Cipher
) -> None:
    """A crash after the move but before the update: the rerun moves nothing, marks the row."""
    dovecot.deliver(make_raw(1))
    run(source, engine, cipher)
    source.move_to_processed([1])
    assert mark_moved(source, [rows(engine)[0].id or 0], engine=engine, now=NOW) == 1
    assert states(engine) == ["moved"] and dovecot.count("Processed") == 1


@pytest.mark.dovecot
def test_reconnect_after_the_server_restarts_mid_run(
    dovecot: DovecotMailbox, source: ImapSource, engine: Engine, cipher: Cipher
) -> None:
    dovecot.deliver(make_raw(1))
    run(source, engine, cipher)
    dovecot.restart()
    dovecot.deliver(make_raw(2))
    with pytest.raises(SourceError) as caught:
        run(source, engine, cipher)
    assert "customer" not in str(caught.value)
    assert mailbox_state(engine, source.key).failing_since == NOW
    source.connect()
    assert run(source, engine, cipher).new == 1
    assert [r.uid for r in rows(engine)] == [1, 2]
    assert mailbox_state(engine, source.key).failing_since is None


# -- batches bounded by bytes ----------------------------------------------------------


def test_batches_end_at_max_batch_bytes_as_well_as_at_batch_size(
    dovecot: DovecotMailbox, engine: Engine, cipher: Cipher, monkeypatch: pytest.MonkeyPatch,
) -> None:
    for i in range(10):
        dovecot.deliver(make_raw(i, body="x" * 1500))  # ~1.7 KB each
    cursors = cursor_moves(monkeypatch)
    settings = dovecot.settings(batch_size=4, max_batch_bytes=3000)
    with ImapSource(settings) as src:
        report = run(src, engine, cipher, settings=settings)
    assert report.new == 10
    assert cursors == [2, 4, 6, 8, 10]  # full at 3,000 bytes: two each, within four UIDs
    assert [r.uid for r in rows(engine)] == list(range(1, 11))


def test_a_crash_between_byte_batches_then_rerun_stores_each_message_once(
    dovecot: DovecotMailbox, engine: Engine, cipher: Cipher, monkeypatch: pytest.MonkeyPatch,
) -> None:
    for i in range(6):
        dovecot.deliver(make_raw(i, body="x" * 1500))
    real = ingest._advance_cursor

    def crash_after_two(session, key, last_uid):  # type: ignore[no-untyped-def]
        if last_uid > 2:
            raise RuntimeError("simulated crash")
        real(session, key, last_uid)

    settings = dovecot.settings(batch_size=100, max_batch_bytes=3000)
    monkeypatch.setattr(ingest, "_advance_cursor", crash_after_two)
    with ImapSource(settings) as src, pytest.raises(SourceError, match="RuntimeError"):
        run(src, engine, cipher, settings=settings)
    assert mailbox_state(engine, f"imap://{dovecot.username}@127.0.0.1:{dovecot.port}/INBOX"
                         ).last_uid == 2
    monkeypatch.setattr(ingest, "_advance_cursor", real)
    with ImapSource(settings) as src:
        assert run(src, engine, cipher, settings=settings).new == 4
    assert [r.uid for r in rows(engine)] == list(range(1, 7))

