"""`mailbot run` killed (SIGKILL) in the middle of delivering change events loses none of them."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mailbot.config import load_settings
from mailbot.daemon.scheduler import Daemon
from mailbot.integrations.deliveries import LEASE
from mailbot.runtime import Runtime
from mailbot.store import actions
from mailbot.store.crypto import Cipher
from mailbot.store.db import make_engine, transaction, upgrade_schema
from tests.fixtures.webhook_receiver import SECRET, Receiver

EVENTS = 40


def _config(tmp_path: Path, receiver: Receiver, url: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"""
[mailbox]
path = "inbox"
[smtp]
path = "sent"
[database]
url = "{url}"
[scheduler]
poll_seconds = 60
[[webhooks]]
url = "{receiver.url}"
secret_env = "MAILBOT_TEST_WEBHOOK_SECRET"
name = "shop"
timeout_seconds = 5
""")
    for box in ("inbox", "sent"):
        for sub in ("cur", "new", "tmp"):
            (tmp_path / box / sub).mkdir(parents=True, exist_ok=True)
    return path


def test_sigkill_mid_delivery_loses_nothing(tmp_path: Path, receiver: Receiver, cipher: Cipher,
                                            keyring_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'mailbot.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    now = datetime.now(UTC)
    with transaction(engine) as session:
        for n in range(EVENTS):
            actions.unsubscribe_address(session, email=f"reader{n}@example.com", cipher=cipher,
                                        now=now, source="test", request_id=None)
    receiver.delay_seconds = 0.1  # slow enough to be killed mid-batch
    config = _config(tmp_path, receiver, url)
    env = {**os.environ, "MAILBOT_KEYS": keyring_text, "MAILBOT_TEST_WEBHOOK_SECRET": SECRET}
    with (tmp_path / "daemon.log").open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "mailbot", "--config", str(config), "run"],
                                   env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 30
        while len(receiver.received) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    got_before = len(receiver.received)
    assert 5 <= got_before < EVENTS, (tmp_path / "daemon.log").read_text()[-2000:]
    receiver.delay_seconds = 0
    # A restarted daemon, after the dead one's claims ran out (the clock is injected).
    monkeypatch.setenv("MAILBOT_TEST_WEBHOOK_SECRET", SECRET)
    settings = load_settings(config)
    later = datetime.now(UTC) + LEASE + timedelta(seconds=1)
    rt = Runtime(settings=settings, engine=engine, cipher=cipher, clock=lambda: later)
    daemon = Daemon(rt)
    report = asyncio.run(daemon.run_once())
    assert not report.errors
    by_id: dict[str, set[bytes]] = {}
    for hook in receiver.received:
        by_id.setdefault(hook.id, set()).add(hook.body)
    assert len(by_id) == EVENTS  # every event arrived
    changed = {id: bodies for id, bodies in by_id.items() if len(bodies) != 1}
    assert changed == {}  # a resend is the same message
    assert {p["data"]["email"] for p in receiver.payloads()} == \
        {f"reader{n}@example.com" for n in range(EVENTS)}
    engine.dispose()


def test_a_request_cut_off_mid_body_does_not_count_as_received(receiver: Receiver) -> None:
    """A sender killed between the headers and the end of the body delivered nothing; the
    receiver (like a real one) must not record the half body as an event that arrived."""
    with socket.create_connection(("127.0.0.1", receiver.port)) as conn:
        conn.sendall(b"POST /hooks/mailbot HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n"
                     b"webhook-id: evt_1\r\n\r\n{\"type\":")
    deadline = time.monotonic() + 5
    while receiver.attempts == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert receiver.attempts == 1
    assert receiver.received == []
