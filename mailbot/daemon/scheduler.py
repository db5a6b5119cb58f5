"""`mailbot run`: one asyncio process whose jobs APScheduler runs.

Jobs: ``poll`` (fetch, intake, move, execute; woken early by IMAP IDLE), ``deliver`` (the
outbox), ``events`` (change events to the webhooks and connectors), ``lifecycle``
(reminders, expiry, "replied", deadline warnings) and ``purge`` (retention, on
``purge_cron``, once per cluster). Blocking work (imapclient, the database)
runs in worker threads so the event loop stays free for SMTP and signals.

Stopping: the first SIGTERM/SIGINT lets the running job finish its batch and commit, then the
process exits 0; a second one exits at once, which is safe because every step commits its
own transaction and every step is idempotent.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from mailbot.daemon.alerts import alert_on_failing_mailboxes, alert_on_outages
from mailbot.daemon.idle import IdleWatcher
from mailbot.daemon.purge import purge
from mailbot.integrations.deliveries import deliver_events, open_destinations
from mailbot.integrations.destination import Destination
from mailbot.logs import get_logger
from mailbot.outgoing.outbox import deliver_due
from mailbot.outgoing.smtp import Mailer, make_mailer
from mailbot.pipeline import execute as requests
from mailbot.pipeline import intake, lifecycle, mail_removal
from mailbot.runtime import Runtime
from mailbot.sources import Source, SourceError, health, ingest, open_source
from mailbot.store.leases import (
    acquire_lease,
    claim_job_run,
    holder_name,
    record_job_result,
    release_lease,
)

log = get_logger(__name__)

DELIVER_SECONDS = 10
EVENTS_SECONDS = 5  # the first retry of a failed delivery is due 30 s later
LIFECYCLE_SECONDS = 60
MAX_BACKOFF = timedelta(minutes=15)


@dataclass
class PassReport:
    """What one pass did, for `run --once` and the demo."""

    polled: bool = False
    fetched: int = 0
    intake: list[intake.IntakeResult] = field(default_factory=list)
    executed: dict[int, str] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)
    moved: int = 0
    mail_removed: int = 0
    """Messages of erased people removed from the mailbox and the Maildir outbox."""
    left: int = 0
    """Mail left for people and marked on the server."""
    sent: int = 0
    send_failures: int = 0
    events_delivered: int = 0
    event_failures: int = 0
    lifecycle: lifecycle.LifecycleReport = field(default_factory=lifecycle.LifecycleReport)
    purge: dict[str, int] | None = None
    errors: list[str] = field(default_factory=list)


class Daemon:
    def __init__(self, rt: Runtime, *, mailer: Mailer | None = None,
                 source_factory: Callable[[], Source] | None = None,
                 backfill_since: datetime | None = None,
                 destinations: Sequence[Destination] | None = None) -> None:
        self.rt = rt
        self.mailer = mailer or make_mailer(rt.settings)
        self.destinations = open_destinations(rt.settings) if destinations is None else destinations
        self.source_factory = source_factory or (lambda: open_source(rt.settings.mailbox))
        self.backfill_since = backfill_since
        self.holder = holder_name()
        self.stopping = threading.Event()
        self._events_lock = threading.Lock()
        self._failures = 0
        self._running: set[asyncio.Task[Any]] = set()

    # --- the steps -------------------------------------------------------------------------

    def poll(self, report: PassReport) -> None:
        """Fetch (when we hold the mailbox's lease), intake, move, execute, and remove what
        erasures left in the mailbox."""
        with self.source_factory() as source:
            if self._hold_mailbox(source.key):
                report.polled = True
                fetched = ingest.ingest_new(source, engine=self.rt.engine, cipher=self.rt.cipher,
                                            settings=self.rt.settings.mailbox, now=self.rt.clock(),
                                            backfill_since=self.backfill_since)
                self.backfill_since = None
                report.fetched += fetched.new + fetched.duplicates + fetched.quarantined
                self._failures = 0
            self._intake_all(report)
            if report.polled:
                report.moved += self._move_handled(source)
                report.left += ingest.mark_left(source, engine=self.rt.engine,
                                                flag=self.rt.settings.mailbox.left_flag)
            self._execute_all(report)
            if report.polled:  # after the erasures committed, with the mailbox still open
                report.mail_removed += mail_removal.remove_from_mailbox(
                    self.rt.engine, source, now=self.rt.clock())

    def _hold_mailbox(self, key: str) -> bool:
        ttl = timedelta(seconds=max(120, 3 * self.rt.settings.scheduler.poll_seconds))
        return acquire_lease(self.rt.engine, f"mailbox:{key}", holder=self.holder, ttl=ttl,
                             now=self.rt.clock())

    def _intake_all(self, report: PassReport) -> None:
        while not self.stopping.is_set():
            rt = self.rt
            batch = intake.intake_pending(rt.engine, settings=rt.settings, cipher=rt.cipher,
                                          clock=rt.clock)
            report.intake.extend(batch)
            if not batch:
                return

    def _move_handled(self, source: Source) -> int:
        ids = ingest.handled_ids(self.rt.engine, source.key)
        if not ids:
            return 0
        return ingest.mark_moved(source, ids, engine=self.rt.engine, now=self.rt.clock())

    def _execute_all(self, report: PassReport) -> None:
        while not self.stopping.is_set():
            rt = self.rt
            done = requests.execute_pending(rt.engine, settings=rt.settings, cipher=rt.cipher,
                                            clock=rt.clock)
            report.executed.update(done.done)
            report.failed.update(done.failed)
            if not done.done and not done.failed:
                return

    async def deliver(self, report: PassReport) -> None:
        while not self.stopping.is_set():
            result = await deliver_due(self.rt.engine, self.mailer, cipher=self.rt.cipher,
                                       settings=self.rt.settings, now=self.rt.clock())
            report.sent += result.sent
            report.send_failures += result.failed
            if result.claimed == 0 or result.sent == 0:
                break
        smtp = self.rt.settings.smtp
        if smtp.backend == "maildir" and smtp.path:  # sent copies of erased people's replies
            report.mail_removed += await asyncio.to_thread(
                mail_removal.remove_from_outbox, self.rt.engine, Path(smtp.path),
                now=self.rt.clock())

    def deliver_events(self, report: PassReport) -> None:
        """Change events to every destination, until nothing more is due now."""
        if not self._events_lock.acquire(blocking=False):
            return  # the other job is at it (on SQLite row claims do not lock)
        try:
            self._deliver_events(report)
        finally:
            self._events_lock.release()

    def _deliver_events(self, report: PassReport) -> None:
        while not self.stopping.is_set():
            done = deliver_events(self.rt.engine, self.destinations, cipher=self.rt.cipher,
                                  settings=self.rt.settings.events, now=self.rt.clock())
            report.events_delivered += done.delivered
            report.event_failures += done.failed
            if not done.delivered:
                return

    def run_lifecycle(self, report: PassReport) -> None:
        rt, done = self.rt, report.lifecycle
        lifecycle.remind_and_expire(rt.engine, settings=rt.settings, cipher=rt.cipher,
                                    now=rt.clock(), report=done)
        lifecycle.warn_due(rt.engine, settings=rt.settings, cipher=rt.cipher, now=rt.clock(),
                           report=done)
        lifecycle.mark_replied(rt.engine, now=rt.clock(), report=done)
        alert_on_outages(rt.engine, settings=rt.settings, cipher=rt.cipher, now=rt.clock())

    def purge_if_due(self, report: PassReport) -> None:
        now = self.rt.clock()
        trigger = self.rt.settings.scheduler.purge_trigger

        def is_due(last: datetime | None) -> bool:
            if last is None:
                return True
            nxt = trigger.get_next_fire_time(None, last + timedelta(seconds=1))
            return nxt is not None and nxt <= now

        if not claim_job_run(self.rt.engine, "purge", now=now, is_due=is_due):
            return
        result = purge(self.rt.engine, self.rt.settings.policy, now=now)
        report.purge = result.counts
        record_job_result(self.rt.engine, "purge", {"as_of": now.isoformat(), **result.counts})

    # --- one pass ------------------------------------------------------------------------------

    async def run_once(self) -> PassReport:
        """Everything once: poll, deliver, lifecycle, purge when due."""
        report = PassReport()
        try:
            await asyncio.to_thread(self.poll, report)
        except SourceError as exc:
            report.errors.append(str(exc))
            await asyncio.to_thread(self._record_connect_failure, exc)
            await asyncio.to_thread(self._execute_all, report)
        finally:
            await asyncio.to_thread(self._release_leases)  # the next `run --once` polls at once
        await self.deliver(report)
        await asyncio.to_thread(self.deliver_events, report)
        await asyncio.to_thread(self.run_lifecycle, report)
        await self.deliver(report)
        await asyncio.to_thread(self.purge_if_due, report)
        self.close_destinations()
        return report

    def close_destinations(self) -> None:
        for destination in self.destinations:
            destination.close()

    def _record_connect_failure(self, exc: SourceError) -> None:
        """Count the failure; after ``alert_after_minutes`` of failing, one alert mail."""
        self._failures += 1
        now = self.rt.clock()
        health.record_failure(self.rt.engine, self.source_factory().key, str(exc), now=now,
                              start_after=ingest.start_after(self.rt.settings.mailbox.start_from,
                                                             now))
        alert_on_failing_mailboxes(self.rt.engine, settings=self.rt.settings, cipher=self.rt.cipher,
                                   now=self.rt.clock())

    # --- forever -------------------------------------------------------------------------------

    async def run_forever(self) -> None:
        loop = asyncio.get_running_loop()
        self._install_signals(loop)
        scheduler = AsyncIOScheduler(event_loop=loop, timezone=UTC)
        now = datetime.now(UTC)
        poll_every = self.rt.settings.scheduler.poll_seconds
        scheduler.add_job(self._job(self._poll_job), "interval", seconds=poll_every, id="poll",
                          next_run_time=now, max_instances=1, coalesce=True)
        scheduler.add_job(self._job(self._deliver_job), "interval", seconds=DELIVER_SECONDS,
                          id="deliver", next_run_time=now, max_instances=1, coalesce=True)
        scheduler.add_job(self._job(self._events_job), "interval", seconds=EVENTS_SECONDS,
                          id="events", next_run_time=now, max_instances=1, coalesce=True)
        scheduler.add_job(self._job(self._lifecycle_job), "interval", seconds=LIFECYCLE_SECONDS,
                          id="lifecycle", next_run_time=now, max_instances=1, coalesce=True)
        scheduler.add_job(self._job(self._purge_job),
                          self.rt.settings.scheduler.purge_trigger,
                          id="purge", max_instances=1, coalesce=True)
        self._scheduler = scheduler
        scheduler.start()
        watcher = self._start_idle_watcher(loop)
        log.info("daemon_started", holder=self.holder)
        await self._stop_requested.wait()
        scheduler.shutdown(wait=False)
        await asyncio.gather(*self._running, return_exceptions=True)
        if watcher:
            watcher.join(timeout=2)
        self._release_leases()
        self.close_destinations()
        log.info("daemon_stopped", holder=self.holder)

    def _job(self, body: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            if self.stopping.is_set():
                return
            task = asyncio.current_task()
            assert task is not None
            self._running.add(task)
            try:
                await body()
            except Exception:
                log.exception("job_failed", job=body.__name__, next="runs again at its next time")
            finally:
                self._running.discard(task)
        run.__name__ = body.__name__
        return run

    async def _poll_job(self) -> None:
        report = PassReport()
        try:
            await asyncio.to_thread(self.poll, report)
        except SourceError as exc:
            await asyncio.to_thread(self._record_connect_failure, exc)
            self._back_off()
            return
        self._summarise(report)
        await self.deliver(report)
        if report.executed:
            await asyncio.to_thread(self.deliver_events, report)

    def _back_off(self) -> None:
        delay = min(MAX_BACKOFF, timedelta(seconds=self.rt.settings.scheduler.poll_seconds
                                           * 2 ** min(self._failures, 10)))
        job = self._scheduler.get_job("poll")
        if job is not None:
            job.modify(next_run_time=datetime.now(UTC) + delay)

    def _summarise(self, report: PassReport) -> None:
        if report.fetched or report.intake or report.executed or report.failed:
            log.info("poll_done", fetched=report.fetched, handled=len(report.intake),
                     executed=len(report.executed), failed=len(report.failed), moved=report.moved)

    async def _deliver_job(self) -> None:
        await self.deliver(PassReport())

    async def _events_job(self) -> None:
        report = PassReport()
        await asyncio.to_thread(self.deliver_events, report)
        if report.events_delivered or report.event_failures:
            log.info("events_delivered", delivered=report.events_delivered, failed=report.event_failures)

    async def _lifecycle_job(self) -> None:
        report = PassReport()
        await asyncio.to_thread(self.run_lifecycle, report)

    async def _purge_job(self) -> None:
        report = PassReport()
        await asyncio.to_thread(self.purge_if_due, report)
        if report.purge is not None:
            log.info("purge_done", **report.purge)

    def wake_poll(self) -> None:
        job = self._scheduler.get_job("poll")
        if job is not None and not self.stopping.is_set():
            job.modify(next_run_time=datetime.now(UTC))

    def _start_idle_watcher(self, loop: asyncio.AbstractEventLoop) -> IdleWatcher | None:
        mailbox = self.rt.settings.mailbox
        if mailbox.backend != "imap" or not mailbox.idle:
            return None
        watcher = IdleWatcher(self.source_factory,
                              wake=lambda: loop.call_soon_threadsafe(self.wake_poll),
                              stopping=self.stopping)
        watcher.start()
        return watcher

    def _install_signals(self, loop: asyncio.AbstractEventLoop) -> None:
        self._stop_requested = asyncio.Event()

        def on_signal(signum: int) -> None:
            if self._stop_requested.is_set():
                log.warning("exiting_now", signal=signal.Signals(signum).name)
                os._exit(128 + signum)
            log.info("stopping_after_batch", signal=signal.Signals(signum).name)
            self.stopping.set()
            self._stop_requested.set()

        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, on_signal, signum)

    def _release_leases(self) -> None:
        try:
            key = self.source_factory().key
            release_lease(self.rt.engine, f"mailbox:{key}", holder=self.holder)
        except Exception as exc:
            log.debug("lease_release_failed", error=str(exc))
