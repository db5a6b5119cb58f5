"""Structured logs: events with fields, rendered as JSON or for the console, never personal data.

Modules log an event name and fields (``log.info("fetched", mailbox=key, new=3)``) through
structlog; everything (third-party ``logging`` records included) leaves through one
``ProcessorFormatter`` chosen at start. Modules log counts, ids and states only; as a second
line of defence :func:`mask_personal_data` masks anything that looks like an email address in
every field, tracebacks included (``s***@example.com``).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import structlog

from mailbot.mail.addresses import mask_addresses

_SHARED: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True, key="ts"),
]


def mask_personal_data(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    """A structlog processor: every string field has its addresses masked."""
    return {key: mask_addresses(value) if isinstance(value, str) else value
            for key, value in event.items()}


def get_logger(name: str) -> Any:
    """The module's logger: ``log = get_logger(__name__)``."""
    return structlog.stdlib.get_logger(name)


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time, not the one it was created with."""

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # type: ignore[no-untyped-def]
        pass


def formatter(*, json_format: bool) -> logging.Formatter:
    """Renders structlog events and plain ``logging`` records alike, masked."""
    renderer: Any = (structlog.processors.JSONRenderer(ensure_ascii=False) if json_format
                     else structlog.dev.ConsoleRenderer(colors=False))
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*_SHARED, structlog.stdlib.PositionalArgumentsFormatter()],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info, mask_personal_data, renderer])


def configure_logging(*, level: str = "INFO", json_format: bool = False) -> None:
    handler = StderrHandler()
    handler.setFormatter(formatter(json_format=json_format))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("apscheduler", "imapclient", "aiosmtplib", "alembic", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # A poll still running when its next turn comes is normal (the turn is coalesced).
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)


structlog.configure(
    processors=[structlog.stdlib.filter_by_level, *_SHARED,
                structlog.processors.StackInfoRenderer(),
                structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=False,  # so tests can capture events (structlog.testing)
)
