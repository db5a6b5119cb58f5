"""`status` and the mailbox-failure alert, against a real Dovecot and aiosmtpd."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import Session

from mailbot.daemon.alerts import alert_on_failing_mailboxes, alert_on_outages
from mailbot.daemon.scheduler import Daemon, PassReport
from mailbot.daemon.status import PROBLEM, WARNING, collect_status, prometheus_text
from tests.fixtures.world import World


def _status(world: World) -> dict:
    with Session(world.rt.engine) as session:
        return collect_status(session, world.rt.settings, now=world.clock())


def _alert_on_outages(world: World) -> list[str]:
    rt = world.rt
    return alert_on_outages(rt.engine, settings=rt.settings, cipher=rt.cipher, now=rt.clock())


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
    assert mailbox["last_error"].endswith("refused: [AUTHENTICATIONFAILED] Authentication failed.")
    world.clock.advance(minutes=61)  # past alert_after_minutes (60)
    world.run()
    status = _status(world)
    assert status["health"] == PROBLEM
    assert len(world.replies("ops@shop.example")) == 1
    world.clock.advance(minutes=30)  # another failed attempt (a third login costs Dovecot's
    alert_on_failing_mailboxes(world.rt.engine, settings=world.rt.settings, cipher=world.rt.cipher,
                               now=world.rt.clock())  # auth penalty: ~5 s)
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


def samples_of(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample, as prometheus_client's own parser reads the text."""
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def test_prometheus_text(world: World) -> None:
    world.customers({"email": "a@example.com", "marketing": {"email": True}})
    world.send("a@example.com", "unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    text = prometheus_text(_status(world))
    samples = samples_of(text)
    assert samples[("mailbot_requests", (("state", "replied"),))] == 1
    assert samples[("mailbot_outbox_messages", (("state", "sent"),))] == 1
    assert samples[("mailbot_health", ())] == 0
    (up,) = [k for k in samples if k[0] == "mailbot_mailbox_up"]
    assert samples[up] == 1 and dict(up[1])["mailbox"].startswith("imap://")
    families = {family.name for family in text_string_to_metric_families(text)}
    assert {"mailbot_health", "mailbot_requests_overdue", "mailbot_relay_failing"} <= families


def test_prometheus_labels_are_escaped() -> None:
    status = {"health": "ok", "requests": {"by_state": {}, "needs_review": 0, "overdue": 0,
                                           "due_soon": 0},
              "outbox": {"pending": 0, "sent": 0, "failed": 0, "relay_failing": False}, "jobs": {},
              "audit": {"events": None, "head": None},
              "erased_mail": {"pending": 0},
              "mailboxes": [{"mailbox": 'odd"name\\x\ny', "failing_since": None,
                             "last_success_at": None}]}
    text = prometheus_text(status)
    assert 'mailbot_mailbox_up{mailbox="odd\\"name\\\\x\\ny"} 1.0' in text
    assert samples_of(text)[("mailbot_mailbox_up", (("mailbox", 'odd"name\\x\ny'),))] == 1


def test_a_dead_daemon_turns_status_red_and_one_alert_goes_out(world: World) -> None:
    world.run()
    assert _status(world)["health"] == "ok"
    world.clock.advance(minutes=4)  # under 5 poll intervals (and 5 minutes): still fine
    assert _status(world)["health"] == "ok"
    world.clock.advance(minutes=2)  # nobody polled for 6 minutes: the daemon is dead or stuck
    status = _status(world)
    assert status["health"] == PROBLEM and status["mailboxes"][0]["stale"]
    assert any("no successful poll" in p for p in status["problems"])
    daemon = Daemon(world.rt)
    assert _alert_on_outages(world) == ["poll_stale"]
    assert _alert_on_outages(world) == []  # the same outage: no second mail
    world.run_delivery()
    (alert,) = world.replies("ops@shop.example")
    assert "stopped polling" in str(alert["Subject"])
    world.run()  # polling again clears it and re-arms the alert
    assert _status(world)["health"] == "ok"
    world.clock.advance(minutes=10)
    daemon.run_lifecycle(PassReport())
    world.run_delivery()
    assert len(world.replies("ops@shop.example")) == 2  # a new outage, a new mail


def test_a_relay_down_past_its_limit_is_red_once_alerted(world: World) -> None:
    world.customers({"email": "a@example.com", "marketing": {"email": True}})
    world.smtp.stop()
    world.send("a@example.com", "unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    status = _status(world)
    assert status["outbox"]["retrying_since"] and not status["outbox"]["relay_failing"]
    assert status["health"] == "ok"
    world.clock.advance(minutes=31)  # past [smtp] alert_after_minutes (30)
    world.run()
    status = _status(world)
    assert status["outbox"]["relay_failing"] and status["health"] == PROBLEM
    assert any("check the relay" in p for p in status["problems"])
    world.clock.advance(minutes=5)
    world.run()
    world.smtp.start()
    world.clock.advance(hours=1)
    world.run()
    alerts = [m for m in world.replies("ops@shop.example") if "deliver replies" in str(m["Subject"])]
    assert len(alerts) == 1
    assert _status(world)["health"] == "ok"


def test_a_deadline_about_to_be_missed_is_red(world: World) -> None:
    world.rt.settings = world.rt.settings.model_copy(update={  # every request goes to review
        "policy": world.rt.settings.policy.model_copy(update={"auto_apply_confidence": 0.99})})
    world.customers({"email": "a@example.com", "marketing": {"email": True}})
    world.send("a@example.com", "newsletter", "Please unsubscribe me from your newsletter.")
    world.run()
    status = _status(world)
    assert status["requests"]["needs_review"] == 1 and status["requests"]["due_soon"] == 0
    world.clock.advance(days=1, hours=1)  # an unsubscribe is due in 2 days; warning window 24 h
    world.run()
    status = _status(world)
    assert status["requests"]["due_soon"] >= 1 and status["health"] == PROBLEM
    assert any("due within" in p for p in status["problems"])


def test_status_prints_no_python_reprs(world: World) -> None:
    from rich.console import Console

    from mailbot.cli.terminal import print_status

    world.customers({"email": "a@example.com", "marketing": {"email": True}})
    world.send("a@example.com", "unsubscribe", "Please unsubscribe me from your newsletter.")
    world.run()
    console = Console(width=80, record=True)
    print_status(console, _status(world))
    text = console.export_text()
    assert "requests: 1 replied;" in text
    assert "was not read" in text and "--backfill YYYY-MM-DD" in text
    assert "{" not in text and "'" not in text and "b'" not in text
    assert all(len(line) <= 80 for line in text.splitlines())
