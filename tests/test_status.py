"""`status` and the mailbox-failure alert, against a real Dovecot and aiosmtpd."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from mailbot.daemon.scheduler import Daemon
from mailbot.daemon.status import PROBLEM, WARNING, collect_status, prometheus_text
from mailbot.sources import SourceError
from tests.fixtures.world import World


def _status(world: World) -> dict:
    with Session(world.rt.engine) as session:
        return collect_status(session, world.rt.settings, now=world.clock())


def test_a_failing_mailbox_turns_status_red_and_alerts_once(world: World,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    world.run()
    assert _status(world)["health"] == "ok"
    good = world.mailbox.password
    monkeypatch.setenv("MAILBOT_TEST_IMAP_PASSWORD", "wrong password")
    report = world.run()
    assert report.errors and "password" not in report.errors[0].lower().replace("password_", "")
    (mailbox,) = _status(world)["mailboxes"]
    assert mailbox["health"] == WARNING and mailbox["failing_since"]
    world.clock.advance(minutes=61)  # past alert_after_minutes (60)
    world.run()
    status = _status(world)
    assert status["health"] == PROBLEM
    assert len(world.replies("ops@shop.example")) == 1
    world.clock.advance(minutes=30)  # another failed attempt (a third login costs Dovecot's
    Daemon(world.rt)._mailbox_failed(SourceError("still failing"))  # auth penalty: ~5 s)
    world.run_delivery()
    assert len(world.replies("ops@shop.example")) == 1  # one alert, not one per attempt
    monkeypatch.setenv("MAILBOT_TEST_IMAP_PASSWORD", good)
    world.run()
    (mailbox,) = _status(world)["mailboxes"]
    assert mailbox["health"] == "ok" and mailbox["failing_since"] is None


def test_status_reports_queue_outbox_and_next_purge(world: World) -> None:
    world.customers({"email": "a@example.com", "marketing": {"email": True}})
    world.smtp.stop()
    world.send("a@example.com", "unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    status = _status(world)
    assert status["outbox"]["pending"] == 1
    assert status["requests"]["by_state"] == {"applied": 1}
    assert status["jobs"]["purge_next_run_at"].startswith("2026-03-02T03:17")
    world.smtp.start()
    world.clock.advance(hours=1)
    world.run()
    status = _status(world)
    assert status["outbox"] == {**status["outbox"], "pending": 0, "sent": 1}
    assert status["requests"]["by_state"] == {"replied": 1}


def test_prometheus_text(world: World) -> None:
    world.customers({"email": "a@example.com", "marketing": {"email": True}})
    world.send("a@example.com", "unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    text = prometheus_text(_status(world))
    samples = dict(line.rsplit(" ", 1) for line in text.splitlines() if not line.startswith("#"))
    assert samples['mailbot_requests{state="replied"}'] == "1"
    assert samples['mailbot_outbox_messages{state="sent"}'] == "1"
    assert samples["mailbot_health"] == "0"
    (up,) = [k for k in samples if k.startswith("mailbot_mailbox_up{")]
    assert samples[up] == "1" and 'mailbox="imap://' in up
    for name in {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")}:
        assert any(k.startswith(name) for k in samples), name


def test_prometheus_labels_are_escaped() -> None:
    status = {"health": "ok", "requests": {"by_state": {}, "needs_review": 0, "overdue": 0},
              "outbox": {"pending": 0, "sent": 0, "failed": 0}, "jobs": {},
              "mailboxes": [{"mailbox": 'odd"name\\x', "failing_since": None,
                             "last_success_at": None}]}
    assert 'mailbot_mailbox_up{mailbox="odd\\"name\\\\x"} 1' in prometheus_text(status)
