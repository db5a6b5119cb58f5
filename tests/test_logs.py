import json
import logging

import pytest

from mailbot.logs import configure_logging


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
        assert lines[0]["message"] == "reply to s***@example.com queued"
        assert "ValueError" in lines[1]["exception"]
