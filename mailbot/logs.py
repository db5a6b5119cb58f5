"""Logging set up once by the entry point: readable lines or JSON, never personal data.

Modules log counts, ids and states only. As a second line of defence every formatted record,
tracebacks included, has anything that looks like an email address masked before it is
written (``s***@example.com``).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

from mailbot.store.crypto import mask_email

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def mask_addresses(text: str) -> str:
    return EMAIL_RE.sub(lambda m: mask_email(m.group()), text) if "@" in text else text


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_addresses(super().format(record))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
                 "level": record.levelname.lower(), "logger": record.name,
                 "message": mask_addresses(record.getMessage())}
        if record.exc_info:
            entry["exception"] = mask_addresses(self.formatException(record.exc_info))
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
    handler.setFormatter(JsonFormatter() if json_format else MaskingFormatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("apscheduler", "imapclient", "aiosmtplib", "alembic", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # A poll still running when its next turn comes is normal (the turn is coalesced).
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
