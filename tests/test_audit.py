"""The audit chain and its anchor: edits, deletions and a truncated tail are all reported."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select, update
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.daemon.status import collect_status, prometheus_text
from mailbot.store import audit
from mailbot.store.db import transaction
from mailbot.store.models import AuditAnchor, AuditEvent

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _append(engine: Engine, n: int) -> None:
    for i in range(n):
        with transaction(engine) as session:
            audit.record(session, actor="system", action="request_received",
                         now=NOW + timedelta(minutes=i), request_id=i, details={"n": i})


def test_an_intact_chain_matches_its_anchor(engine: Engine) -> None:
    _append(engine, 3)
    with transaction(engine) as session:  # two appends in one transaction count twice
        audit.record(session, actor="cli", action="a", now=NOW)
        audit.record(session, actor="cli", action="b", now=NOW)
    assert audit.verify_chain(engine) == (5, [])
    with Session(engine) as session:
        anchor = session.get(AuditAnchor, 1)
        head = session.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc())).first()
        assert anchor is not None and (anchor.events, anchor.head_hash) == (5, head)
        status = collect_status(session, Settings(), now=NOW)
    assert status["audit"] == {"events": 5, "head": head, "anchor": f"5:{head}"}
    text = prometheus_text(status)
    assert "mailbot_audit_events 5.0" in text and f'head="{head}"' in text


def test_a_truncated_tail_is_reported(engine: Engine) -> None:
    _append(engine, 5)
    with transaction(engine) as session:
        newest = session.scalars(select(AuditEvent.id).order_by(AuditEvent.id.desc())).all()
        session.execute(delete(AuditEvent).where(AuditEvent.id.in_(newest[:2])))
    count, problems = audit.verify_chain(engine)
    assert count == 3
    assert [p.event_id for p in problems] == [newest[2]]
    assert "anchor records 5 events" in str(problems[0]) and "deleted" in str(problems[0])


def test_a_deleted_anchor_is_reported_and_not_recreated(engine: Engine) -> None:
    _append(engine, 2)
    with transaction(engine) as session:
        session.execute(delete(AuditAnchor))
    _append(engine, 1)
    _, problems = audit.verify_chain(engine)
    assert len(problems) == 1 and "audit_anchor row is missing" in str(problems[0])


def test_events_appended_during_a_verify_are_not_a_truncation(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    _append(engine, 2)
    with Session(engine) as session:
        anchor = audit.read_anchor(session)
        assert anchor is not None
        session.expunge(anchor)
    _append(engine, 2)  # newer than the anchor read first: the chain still reaches it
    monkeypatch.setattr(audit, "read_anchor", lambda _session: anchor)
    assert audit.verify_chain(engine) == (4, [])


def test_an_anchor_kept_elsewhere_catches_a_rewritten_stored_anchor(
        engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        keyring_text: str) -> None:
    from typer.testing import CliRunner

    from mailbot.cli.app import app

    monkeypatch.setenv("MAILBOT_KEYS", keyring_text)
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n[mailbox]\nbackend = "maildir"\n'
                      'path = "inbox"\n[smtp]\nbackend = "maildir"\npath = "outbox"\n')

    def verify(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(app, ["--config", str(config), "audit", "verify", *args])

    _append(engine, 4)
    kept = json.loads(CliRunner().invoke(app, ["--config", str(config), "status", "--json"])
                      .stdout)["audit"]["anchor"]
    with transaction(engine) as session:  # someone removes two events and fixes the anchor
        newest = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).all()
        session.execute(delete(AuditEvent).where(AuditEvent.id.in_([e.id for e in newest[:2]])))
        session.execute(update(AuditAnchor).values(events=2, head_hash=newest[2].hash))
    assert verify().exit_code == 0  # the stored anchor alone cannot tell
    result = verify("--anchor", kept)
    assert result.exit_code == 1 and "anchor records 4 events" in result.output
    assert verify("--anchor", "4:nothex").exit_code == 2


def test_on_sqlite_the_chain_lock_is_the_write_lock(sqlite_url: str) -> None:
    """Two writers that read before they write: the second waits for the first to finish."""
    from sqlalchemy.exc import OperationalError

    from mailbot.store.db import make_engine

    first_engine, impatient = make_engine(sqlite_url), make_engine(sqlite_url + "?timeout=0.2")
    try:
        with Session(first_engine) as first, Session(impatient) as second:
            audit.lock_chain(first)
            audit.lock_chain(first)  # once per transaction
            with pytest.raises(OperationalError, match="locked"):
                audit.lock_chain(second)
            second.rollback()
            first.commit()
            audit.lock_chain(second)  # free again
            second.commit()
    finally:
        first_engine.dispose()
        impatient.dispose()
