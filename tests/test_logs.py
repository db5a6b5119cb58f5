import json
import logging

import pytest
import structlog

from mailbot.logs import configure_logging, get_logger


@pytest.mark.parametrize("json_format", [False, True])
def test_addresses_are_masked_even_in_tracebacks(capsys: pytest.CaptureFixture[str],
                                                 json_format: bool) -> None:
    configure_logging(level="info", json_format=json_format)
    log = logging.getLogger("mailbot.test")
    log.info("reply to %s queued", "sara.haddad@example.com")
    try:
        raise ValueError("bad address sara.haddad@example.com")
    except ValueError:
        log.exception("failed")
    written = capsys.readouterr().err
    assert "sara.haddad@example.com" not in written
    assert "s***@example.com" in written
    if json_format:
        lines = [json.loads(line) for line in written.splitlines()]
        assert lines[0]["event"] == "reply to s***@example.com queued"
        assert "ValueError" in lines[1]["exception"]


def test_events_are_json_objects_with_fields_and_masked_values(
        capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(level="info", json_format=True)
    get_logger("mailbot.sources.ingest").info("fetched", mailbox="imap:support@shop.example",
                                              new=3, duplicates=0)
    entry = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert entry["event"] == "fetched"
    assert entry["new"] == 3 and entry["duplicates"] == 0
    assert entry["mailbox"] == "imap:s***@shop.example"
    assert entry["level"] == "info" and entry["logger"] == "mailbot.sources.ingest"
    assert entry["ts"].endswith("Z")


def test_console_rendering_keeps_fields(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(level="info", json_format=False)
    get_logger("mailbot.daemon").info("poll_done", fetched=2, moved=1)
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert "poll_done" in line and "fetched=2" in line and "moved=1" in line


def test_levels_below_the_configured_one_are_dropped(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(level="warning", json_format=True)
    log = get_logger("mailbot.test")
    log.info("quiet")
    log.warning("loud", n=1)
    written = capsys.readouterr().err
    assert "quiet" not in written and "loud" in written


def test_events_can_be_captured_by_tests() -> None:
    with structlog.testing.capture_logs() as events:
        get_logger("mailbot.test").info("moved", mailbox="maildir:x", count=2)
    assert events == [{"event": "moved", "mailbox": "maildir:x", "count": 2, "log_level": "info"}]
