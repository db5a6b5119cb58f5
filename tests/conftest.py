import logging
from collections.abc import Iterator

import pytest

pytest_plugins = [
    "tests.fixtures.admin",
    "tests.fixtures.browser",
    "tests.fixtures.database",
    "tests.fixtures.dovecot",
    "tests.fixtures.public",
    "tests.fixtures.smtp",
    "tests.fixtures.webhook_receiver",
    "tests.fixtures.world",
]


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Commands configure logging for the process; put it back after each test."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
