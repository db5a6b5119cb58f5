"""The `mailbot` command: parses arguments, builds the runtime, calls the same functions the
daemon uses. Every user mistake is one clear line on stderr and a non-zero exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn
from rich.table import Table

from mailbot.cli.base import (
    EXIT_DATABASE,
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    EXIT_WRONG_KEYRING,
    app,
    audit_app,
    customers_app,
    database_problem,
    err,
    fail,
    keys_app,
    out,
    parse_day,
    print_json,
    print_line,
    runtime,
    settings,
)
from mailbot.cli.terminal import (
    print_checks,
    print_demo,
    print_status,
    purge_table,
)
from mailbot.config import ConfigError

# --- schema and keys -----------------------------------------------------------------------


@app.command()
def init() -> None:
    """Create the database schema, or upgrade it to this version. Safe to run again."""
    from mailbot.store.db import upgrade_schema
    from mailbot.store.keys import KeyringMismatch, check_keyring

    with runtime(require_schema=False) as rt:
        try:
            before, after = upgrade_schema(rt.engine)
        except Exception as exc:
            raise fail(f"cannot create the schema in {rt.settings.database.url}: {exc}") from None
        try:
            check_keyring(rt.engine, rt.cipher, now=rt.clock())
        except KeyringMismatch as exc:
            raise fail(str(exc), EXIT_WRONG_KEYRING) from None
    if before == after:
        out.print(f"Schema is up to date (revision {after}).")
    else:
        out.print(f"Schema {'created' if before is None else 'upgraded'}: revision {after}.")


@keys_app.command("generate")
def keys_generate(
    keyring: Annotated[bool, typer.Option(
        "--keyring", help="A whole new keyring: index key + encryption key.")] = False,
    index: Annotated[bool, typer.Option("--index", help="Only a blind-index key.")] = False,
) -> None:
    """Print a new encryption key (prepend it to the keyring, then run `keys rotate`)."""
    from mailbot.store import crypto
    if keyring and index:
        raise fail("--keyring and --index cannot be combined")
    if keyring:
        print_line(crypto.generate_keyring())
    elif index:
        print_line(crypto.generate_index_key())
    else:
        print_line(crypto.generate_fernet_key())


@keys_app.command("rotate")
def keys_rotate() -> None:
    """Re-encrypt every stored value with the keyring's first key, then decrypt every value
    with that key alone. Only when all open may the older keys be dropped (exit 1 if not)."""
    from mailbot.store.crypto import Cipher
    from mailbot.store.keys import rotate_keys, verify_keys

    with runtime() as rt:
        report = rotate_keys(rt.engine, rt.cipher,
                             progress=lambda table, n: err.print(f"  {table}: {n} values"))
        check = verify_keys(rt.engine, Cipher(rt.cipher.keyring.primary_only()))
    out.print(f"Re-encrypted {report.total} values with the primary key; "
              f"{check.readable} open with the primary key alone.")
    if not check.ok:
        for table, count in sorted(check.unreadable.items()):
            err.print(f"  {table}: {count} values do not open with the primary key", markup=False)
        raise fail("keep the older keys: not every value is under the primary key yet (is a "
                   "daemon still running with the old keyring?); run `mailbot keys rotate` again", 1)
    out.print("Every stored value opens with the primary key: older keys can now be removed "
              "from the keyring.")


# --- customers -----------------------------------------------------------------------------


@customers_app.command("import")
def customers_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="JSON Lines file, one customer per line.",
                                         exists=True, dir_okay=False, readable=True)],
) -> None:
    """Import or update customers. Bad lines are reported and skipped; re-importing updates."""
    from mailbot.store.customers import import_customers

    with runtime() as rt, _byte_progress(file) as advance:
        report = import_customers(file, engine=rt.engine, cipher=rt.cipher, now=rt.clock(),
                                  progress=advance)
    for problem in report.errors[:50]:
        err.print(f"{file}:{problem.line}: {problem.reason}", markup=False)
    if len(report.errors) > 50:
        err.print(f"… and {len(report.errors) - 50} more bad lines")
    out.print(f"Imported {report.lines_ok} customers: {report.created} new, {report.updated} "
              f"updated, {report.skipped_erased} skipped (erased at their request: an erasure "
              f"is never undone by an import), {len(report.errors)} bad lines.")
    if report.errors and not report.lines_ok:
        raise typer.Exit(1)


@contextmanager
def _byte_progress(file: Path) -> Iterator[Any]:
    total = file.stat().st_size
    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                  TimeRemainingColumn(), console=err, transient=True,
                  disable=total < 1_000_000) as progress:
        task = progress.add_task(f"importing {file.name}", total=total)
        yield lambda n: progress.advance(task, n)


@customers_app.command("show")
def customers_show(
    email: Annotated[str, typer.Argument(metavar="EMAIL", help="The customer's email address.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    reveal: Annotated[bool, typer.Option("--reveal", help="Also print the decrypted personal data.")] = False,
) -> None:
    """Show a customer's status, consents and record counts; an erased person shows as
    erased, with nothing else (exit 3 when not found)."""
    from mailbot.store.customers import describe_customer, describe_erased, find_customer
    from mailbot.store.db import transaction

    with runtime() as rt, transaction(rt.engine) as session:
        customer = find_customer(session, cipher=rt.cipher, email=email)
        erased = describe_erased(session, cipher=rt.cipher, email=email) if customer is None else None
        if customer is None and erased is None:
            if as_json:
                print_json({"error": "not found"})
            raise fail("no customer with that address", EXIT_NOT_FOUND)
        summary = erased or describe_customer(session, customer, cipher=rt.cipher, reveal=reveal)
    if as_json:
        print_json(summary)
        return
    table = Table(show_header=False, box=None)
    for key, value in summary.items():
        table.add_row(key, json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value))
    out.print(table)


# --- classify ------------------------------------------------------------------------------


@app.command()
def classify(
    files: Annotated[list[str], typer.Argument(
        metavar="FILE", help="Message files (.eml); '-' reads stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    store_name: Annotated[list[str] | None, typer.Option(
        "--store-name", metavar="NAME",
        help="The store's own names, as [brand] name and aliases (repeatable): a mail greeting another "
             "company is then told from one greeting the store.")] = None,
) -> None:
    """Classify messages: unsubscribe, delete_account, other or automated. Needs no config."""
    from mailbot.cli.classify_command import classify_bytes, classify_file

    names = tuple(store_name or ())
    for name in files:
        result = (classify_bytes(sys.stdin.buffer.read(), "-", names) if name == "-"
                  else classify_file(Path(name), names))
        if as_json:
            print_json(result)
        elif "error" in result:
            err.print(f"{name}: error: {result['error']}", markup=False)
        else:
            evidence = "; ".join(result["evidence"][:3])
            out.print(f"{name}\t{result['intent']}\t{result['confidence']:.2f}\t"
                      f"{result['language']}\t{evidence}", markup=False)


@app.command()
def run(
    once: Annotated[bool, typer.Option(
        "--once", help="One full pass (fetch, process, deliver, due jobs), then exit 0.")] = False,
    backfill: Annotated[str | None, typer.Option(
        "--backfill", metavar="YYYY-MM-DD",
        help="Also process older mail received since this date.")] = None,
    log_json: Annotated[bool, typer.Option("--log-json", help="Log one JSON object per line.")] = False,
    log_level: Annotated[str, typer.Option(
        "--log-level", metavar="LEVEL", help="debug, info, warning or error.")] = "info",
) -> None:
    """The daemon: poll the mailbox (IMAP IDLE when available), handle requests, deliver
    replies, run reminders and purges. SIGTERM finishes the current batch and exits 0."""
    import asyncio
    from datetime import UTC, datetime, time

    from mailbot.daemon.scheduler import Daemon
    from mailbot.logs import configure_logging

    configure_logging(level=log_level, json_format=log_json)
    day = parse_day(backfill, "--backfill")
    with runtime() as rt:
        daemon = Daemon(rt, backfill_since=datetime.combine(day, time(), tzinfo=UTC) if day else None)
        if not once:
            asyncio.run(daemon.run_forever())
            return
        report = asyncio.run(daemon.run_once())
    out.print(f"fetched {report.fetched}, handled {len(report.intake)}, executed "
              f"{len(report.executed)}, failed {len(report.failed)}, moved {report.moved}, "
              f"left for people {report.left} (mailbot queue left), "
              f"replies sent {report.sent}" + (f", purged {sum(report.purge.values())}"
                                               if report.purge else ""))
    for problem in report.errors:
        err.print(f"error: {problem}", markup=False)
    if report.errors:
        raise typer.Exit(1)


@app.command()
def demo(
    folder: Annotated[Path | None, typer.Option(
        "--dir", metavar="FOLDER", help="Where to put the demo's database, inbox and replies "
        "[default: a new temporary folder].")] = None,
) -> None:
    """A self-contained demo: sample customers, a dozen Arabic and English messages, two
    full passes (with a deletion confirmed in between), and a summary. No servers needed."""
    import tempfile

    from mailbot.cli.demo import run_demo
    from mailbot.logs import configure_logging

    configure_logging(level="warning")
    folder = folder or Path(tempfile.mkdtemp(prefix="mailbot-demo-"))
    out.print(f"Demo folder: {folder}")
    print_demo(out, run_demo(folder))


@app.command()
def doctor() -> None:
    """Check keys, database, mailbox login, outgoing mail and templates against the real
    servers, sending nothing. Exit 1 when a check fails, 4 when the keyring cannot read this
    database, with what to do about it."""
    from mailbot.cli.doctor import run_checks
    from mailbot.clock import system_clock

    checks = run_checks(settings(), now=system_clock())
    print_checks(out, checks)
    if any(check.wrong_keyring for check in checks):
        raise typer.Exit(EXIT_WRONG_KEYRING)
    if not all(check.ok for check in checks):
        raise typer.Exit(1)


@app.command()
def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would go; delete nothing.")] = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Purge as if today were this date.")] = None,
) -> None:
    """Delete what the retention rules say is due: old card data, unlinked financial records
    past their legal period, old raw mail, expired tokens."""
    from datetime import UTC, datetime, time

    from mailbot.daemon.purge import purge as run_purge
    from mailbot.daemon.purge import purge_rules

    day = parse_day(as_of, "--as-of")
    with runtime() as rt:
        now = datetime.combine(day, time(), tzinfo=UTC) if day else rt.clock()
        report = run_purge(rt.engine, rt.settings.policy, now=now, dry_run=dry_run, actor="cli",
                           progress=lambda name, n: err.print(f"  {name}: {n} so far"))
        descriptions = {r.name: r.describe for r in purge_rules(now, rt.settings.policy)}
    out.print(purge_table(report, descriptions))


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    prometheus: Annotated[bool, typer.Option(
        "--prometheus", help="Print Prometheus text format (for a textfile collector).")] = False,
) -> None:
    """Mailbox health, last poll, review queue, deadlines, outbox backlog, purges, next runs.
    Exit 1 when something needs attention now (not with --prometheus: there health is a
    metric)."""
    from mailbot.daemon.status import PROBLEM, collect_status, prometheus_text
    from mailbot.store.db import transaction

    if as_json and prometheus:
        raise fail("--json and --prometheus cannot be combined")
    with runtime() as rt, transaction(rt.engine) as session:
        report = collect_status(session, rt.settings, now=rt.clock())
    if as_json:
        print_json(report)
    elif prometheus:  # the health is a metric; exit 0 so the file is always written
        sys.stdout.write(prometheus_text(report))
        return
    else:
        print_status(out, report)
    if report["health"] == PROBLEM:
        raise typer.Exit(1)


def main() -> None:
    from sqlalchemy.exc import OperationalError

    try:
        app()
    except ConfigError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        sys.exit(EXIT_USAGE)
    except OperationalError as exc:  # locked or unreachable: one line, not a traceback
        err.print(f"[bold red]error:[/] {escape(database_problem(exc))}", soft_wrap=True)
        sys.exit(EXIT_DATABASE)


# --- audit ---------------------------------------------------------------------------------


@audit_app.command("verify")
def audit_verify(
    anchor: Annotated[str | None, typer.Option(
        "--anchor", metavar="EVENTS:HASH",
        help="Check against an anchor kept outside the database (`status --json`: "
        "audit.anchor) instead of the stored one.")] = None,
) -> None:
    """Check the hash chain and its anchor; names the first edited event, or reports that the
    newest events were deleted (exit 1)."""
    from mailbot.store.audit import Anchor, verify_chain

    try:
        expected = Anchor.parse(anchor) if anchor is not None else None
    except ValueError as exc:
        raise fail(f"--anchor: {exc}") from None
    with runtime() as rt:
        count, problems = verify_chain(rt.engine, anchor=expected)
    for problem in problems:
        err.print(str(problem), markup=False)
    if problems:
        raise typer.Exit(1)
    out.print(f"Audit trail intact: {count} events verified.")


# --- admin web page ------------------------------------------------------------------------


@app.command("admin")
def admin_serve(
    host: Annotated[str | None, typer.Option(
        metavar="HOST", help="Address to listen on [default: [admin] host].", show_default=False)] = None,
    port: Annotated[int | None, typer.Option(
        metavar="PORT", help="Port [default: [admin] port].", show_default=False)] = None,
    allow_remote: Annotated[bool, typer.Option(
        "--allow-remote", help="Allow a non-loopback address (put TLS in front of it).")] = False,
) -> None:
    """Serve the review queue as a web page (loopback only unless --allow-remote)."""
    import ipaddress
    import os
    import secrets

    import uvicorn

    from mailbot.admin.app import create_app
    from mailbot.admin.auth import count_admin_users

    with runtime() as rt:
        listen = host or rt.settings.admin.host
        try:
            loopback = listen == "localhost" or ipaddress.ip_address(listen).is_loopback
        except ValueError:
            loopback = False
        if not loopback and not allow_remote:
            raise fail(f"refusing to listen on {listen!r}: the admin page shows customers' mail; "
                       "use a loopback address, or pass --allow-remote behind an https proxy")
        secret = os.environ.get(rt.settings.admin.secret_env, "")
        if secret and len(secret) < 32:
            raise fail(f"${rt.settings.admin.secret_env} is too short: use at least 32 random "
                       "characters (for example `mailbot keys generate`)")
        if not secret:
            err.print(f"warning: ${rt.settings.admin.secret_env} is not set; using a random "
                      "secret, so sessions end when it stops", markup=False, soft_wrap=True)
            secret = secrets.token_urlsafe(32)
        if not count_admin_users(rt.engine):
            err.print("warning: there is no admin account yet: create one with "
                      "`mailbot admin-user add NAME`", markup=False, soft_wrap=True)
        uvicorn.run(create_app(rt, secret=secret), host=listen,
                    port=rt.settings.admin.port if port is None else port,
                    server_header=False, lifespan="off", ws="none")


from mailbot.cli import accounts as _accounts  # noqa: E402,F401  (registers its commands on app)
from mailbot.cli import inbox as _inbox  # noqa: E402,F401  (registers its commands on app)
from mailbot.cli import integrations as _integrations  # noqa: E402,F401  (registers its commands on app)
from mailbot.cli import public as _public  # noqa: E402,F401  (registers its commands on app)
from mailbot.cli import queue as _queue  # noqa: E402,F401  (registers its commands on app)
