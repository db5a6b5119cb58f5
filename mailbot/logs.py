"""Logging set up once by the entry point: readable lines or JSON, never personal data.

Modules log counts, ids and states only. As a second line of defence a filter masks
anything that looks like an email address before a record is written.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

from mailbot.crypto import mask_email

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class MaskAddresses(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "@" in message:
            record.msg, record.args = EMAIL_RE.sub(lambda m: mask_email(m.group()), message), ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
                 "level": record.levelname.lower(), "logger": record.name,
                 "message": record.getMessage()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time, not the one it was created with."""

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # type: ignore[no-untyped-def]
        pass


def configure_logging(*, level: str = "INFO", json_format: bool = False) -> None:
    handler = StderrHandler()
    handler.addFilter(MaskAddresses())
    handler.setFormatter(JsonFormatter() if json_format else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("apscheduler", "imapclient", "aiosmtplib", "alembic", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # A poll still running when its next turn comes is normal (the turn is coalesced).
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
