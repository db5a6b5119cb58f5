"""A real Dovecot and an aiosmtpd sink for the benchmarks, started and stopped together."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.fixtures.dovecot import DovecotServer
from tests.fixtures.smtp import SmtpServer


@contextmanager
def mail_servers() -> Iterator[tuple[Path, DovecotServer, SmtpServer]]:
    """(a short working folder, the IMAP server, the SMTP sink), all gone afterwards."""
    with tempfile.TemporaryDirectory(prefix="mbdv", dir="/tmp") as root:
        os.chmod(root, 0o755)  # Dovecot's auth process reads the passwd-file as its own user
        server = DovecotServer(Path(root))
        server.write_config()
        server.start()
        smtp = SmtpServer()
        smtp.start()
        try:
            yield Path(root), server, smtp
        finally:
            smtp.stop()
            server.stop()
