"""The IMAP IDLE watcher: a thread that holds an IDLE and wakes the poll job on new mail.

It only wakes; fetching stays with the poll job (which holds the mailbox's lease). Errors
are retried with back-off here and recorded by the poll job, which meets them too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from mailbot.logs import get_logger
from mailbot.sources import Source

log = get_logger(__name__)

IDLE_SECONDS = 30
MAX_RETRY_SECONDS = 300.0


class IdleWatcher:
    def __init__(self, source_factory: Callable[[], Source], wake: Callable[[], None],
                 stopping: threading.Event) -> None:
        self.source_factory = source_factory
        self.wake = wake
        self.stopping = stopping
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._watch, name="idle", daemon=True)
        self._thread.start()

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout=timeout)

    def _watch(self) -> None:
        delay = 1.0
        while not self.stopping.is_set():
            try:
                with self.source_factory() as source:
                    delay = 1.0
                    while not self.stopping.is_set():
                        if source.wait_for_new(timeout=IDLE_SECONDS):
                            self.wake()
            except Exception as exc:
                log.debug("idle_watch_failed", error=str(exc), retry_in=delay)
                self.stopping.wait(delay)
                delay = min(delay * 2, MAX_RETRY_SECONDS)
