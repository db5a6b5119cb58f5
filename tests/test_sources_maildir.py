"""The Maildir source: the same contract as IMAP, over a local Maildir."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.config import MailboxSettings
from mailbot.sources import Source, SourceError, open_source
from mailbot.sources.ingest import ingest_new, mark_moved
from mailbot.sources.maildir import UID_FILE, MaildirSource
from mailbot.store.crypto import Cipher
from mailbot.store.models import InboundMessage
from tests.fixtures.mail import make_raw

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


class Maildir:
    """A Maildir on disk with a delivery helper, as a mail delivery agent writes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._n = 0
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, exist_ok=True)

    def deliver(
        self, raw: bytes, *, mtime: datetime | None = None, flags: str | None = None
    ) -> str:
        """Write a message into ``new/`` (or ``cur/`` with ``flags``); returns its unique name."""
        self._n += 1
        name = f"{time.time_ns()}.M{self._n}P{os.getpid()}.test"
        tmp = self.path / "tmp" / name
        tmp.write_bytes(raw)
        if mtime is not None:
            os.utime(tmp, (mtime.timestamp(), mtime.timestamp()))
        if flags is None:
            tmp.rename(self.path / "new" / name)
        else:
            tmp.rename(self.path / "cur" / f"{name}:2,{flags}")
        return name

    def files(self, folder: str | None = None) -> list[str]:
        base = self.path if folder is None else self.path / f".{folder}"
        return sorted(p.name for sub in ("new", "cur") for p in (base / sub).iterdir())


@pytest.fixture
def maildir(tmp_path: Path) -> Maildir:
    return Maildir(tmp_path / "Maildir")


def settings_for(maildir: Maildir, **overrides: object) -> MailboxSettings:
    values: dict[str, object] = {"backend": "maildir", "path": maildir.path, "batch_size": 100,
                                 "start_from": "3650d"}
    return MailboxSettings(**(values | overrides))


@pytest.fixture
def source(maildir: Maildir) -> Iterator[MaildirSource]:
    with MaildirSource(settings_for(maildir), poll_interval=0.05) as src:
        yield src


def test_open_source_builds_a_maildir_source(maildir: Maildir) -> None:
    src = open_source(settings_for(maildir))
    assert isinstance(src, MaildirSource) and isinstance(src, Source)
    assert src.key == f"maildir:{maildir.path}"
    with pytest.raises(SourceError, match="not connected"):
        src.uidvalidity()


def test_a_missing_maildir_is_a_source_error(tmp_path: Path) -> None:
    src = MaildirSource(MailboxSettings(backend="maildir", path=tmp_path / "nowhere"))
    with pytest.raises(SourceError, match="cannot open"):
        src.connect()


def test_new_mail_gets_growing_uids_and_is_fetched_byte_for_byte(
    maildir: Maildir, source: MaildirSource
) -> None:
    raws = [make_raw(i) for i in range(3)]
    for raw in raws:
        maildir.deliver(raw)
    uids = source.uids_after(0)
    assert uids == [1, 2, 3]
    assert [m.raw for m in source.fetch(uids)] == raws
    maildir.deliver(make_raw(9))
    assert source.uids_after(3) == [4]
    assert source.uids_after(4) == []


def test_uids_and_uidvalidity_are_stable_across_restarts_and_flag_changes(
    maildir: Maildir, source: MaildirSource
) -> None:
    names = [maildir.deliver(make_raw(i)) for i in range(3)]
    source.uids_after(0)
    validity = source.uidvalidity()
    # A mail client reads message 2: new/ -> cur/ with the S flag.
    os.rename(maildir.path / "new" / names[1], maildir.path / "cur" / f"{names[1]}:2,S")
    with MaildirSource(settings_for(maildir)) as again:
        assert again.uidvalidity() == validity
        assert again.uids_after(0) == [1, 2, 3]
        assert [m.raw for m in again.fetch([2])] == [make_raw(1)]


def test_a_lost_uid_map_means_a_new_uidvalidity(maildir: Maildir, source: MaildirSource) -> None:
    maildir.deliver(make_raw(1))
    source.uids_after(0)
    validity = source.uidvalidity()
    (maildir.path / UID_FILE).write_text("{not json")
    with MaildirSource(settings_for(maildir)) as again:
        assert again.uidvalidity() != validity
        assert again.uids_after(0) == [1]
    assert json.loads((maildir.path / UID_FILE).read_text())["next_uid"] == 2


def test_fetch_batches_and_oversize(maildir: Maildir) -> None:
    for i in range(250):
        maildir.deliver(make_raw(i))
    big = make_raw(999, body="x" * 3000)
    maildir.deliver(big)
    with MaildirSource(settings_for(maildir, max_message_bytes=1024)) as src:
        fetched = list(src.fetch(src.uids_after(0)))
    assert len(fetched) == 251 and all(m.raw for m in fetched[:250])
    assert fetched[-1].raw is None and fetched[-1].size == len(big)


def test_since_uses_the_delivery_time(maildir: Maildir, source: MaildirSource) -> None:
    maildir.deliver(make_raw(1), mtime=NOW - timedelta(days=30))
    maildir.deliver(make_raw(2), mtime=NOW - timedelta(days=1))
    assert source.uids_after(0, NOW - timedelta(days=7)) == [2]
    assert source.uids_after(0) == [1, 2]


def test_move_to_processed_keeps_names_and_flags(maildir: Maildir, source: MaildirSource) -> None:
    read = maildir.deliver(make_raw(1), flags="S")
    unread = maildir.deliver(make_raw(2))
    other = maildir.deliver(make_raw(3), flags="F")
    source.uids_after(0)
    source.move_to_processed([1, 2])
    source.move_to_processed([1, 2])  # already moved: nothing happens
    assert maildir.files("Processed") == sorted([f"{read}:2,S", unread])
    assert maildir.files() == [f"{other}:2,F"]
    assert (maildir.path / ".Processed" / "maildirfolder").exists()
    assert source.uids_after(0) == [3]


def test_wait_for_new_polls(maildir: Maildir, source: MaildirSource) -> None:
    maildir.deliver(make_raw(1))
    assert source.wait_for_new(0.2) is False  # old mail does not count
    thread = threading.Thread(target=lambda: (time.sleep(0.2), maildir.deliver(make_raw(2))))
    thread.start()
    started = time.monotonic()
    try:
        assert source.wait_for_new(10) is True
    finally:
        thread.join()
    assert time.monotonic() - started < 2


def test_a_subfolder_as_the_source(maildir: Maildir) -> None:
    sub = Maildir(maildir.path / ".Support")
    sub.deliver(make_raw(1))
    maildir.deliver(make_raw(2))
    with MaildirSource(settings_for(maildir, folder="Support")) as src:
        assert src.key == f"maildir:{maildir.path}/Support"
        assert [m.raw for m in src.fetch(src.uids_after(0))] == [make_raw(1)]


def test_ingest_and_move_through_a_maildir(
    maildir: Maildir, engine: Engine, cipher: Cipher
) -> None:
    maildir.deliver(make_raw(1))
    maildir.deliver(make_raw(1))  # delivered twice
    maildir.deliver(make_raw(2), mtime=NOW - timedelta(days=30))
    settings = settings_for(maildir, start_from="7d")
    with MaildirSource(settings) as src:
        report = ingest_new(src, engine=engine, cipher=cipher, settings=settings,
                            now=datetime.now(UTC))
        assert (report.new, report.duplicates) == (1, 1)
        with Session(engine) as session:
            stored = list(session.execute(select(InboundMessage)).scalars())
        assert sorted(str(r.state) for r in stored) == ["duplicate", "new"]
        new_id = next(r.id for r in stored if str(r.state) == "new")
        assert mark_moved(src, [new_id or 0], engine=engine, now=NOW) == 1
    assert len(maildir.files("Processed")) == 1 and len(maildir.files()) == 2


def test_ingest_stores_maildir_mail_in_batches_bounded_by_bytes(
    maildir: Maildir, engine: Engine, cipher: Cipher, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mailbot.sources import ingest

    for i in range(5):
        maildir.deliver(make_raw(i, body="x" * 1500))  # ~1.7 KB each
    sizes: list[int] = []
    real = ingest._store_batch

    def spy(engine, cipher, report, uids, messages, now):  # type: ignore[no-untyped-def]
        sizes.append(len(messages))
        real(engine, cipher, report, uids, messages, now)

    monkeypatch.setattr(ingest, "_store_batch", spy)
    settings = settings_for(maildir, max_batch_bytes=3000)
    with MaildirSource(settings) as src:
        report = ingest_new(src, engine=engine, cipher=cipher, settings=settings,
                            now=datetime.now(UTC))
    assert report.new == 5
    assert sizes == [2, 2, 1]  # a batch is stored once it holds 3,000 bytes
