"""The ways out to the store's systems: `events`, `webhooks test`, `deliveries`, `suppression export`."""

from __future__ import annotations

import sys
import time
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table
from sqlmodel import Session

from mailbot.cli.base import app, err, fail, out, print_json, runtime, settings
from mailbot.config import ConfigError
from mailbot.mail.addresses import mask_email

webhooks_app = typer.Typer(help="Webhooks that receive the change events.", no_args_is_help=True)
deliveries_app = typer.Typer(help="Change events on their way to webhooks and connectors.",
                             no_args_is_help=True)
suppression_app = typer.Typer(help="The never-market list.", no_args_is_help=True)
app.add_typer(webhooks_app, name="webhooks")
app.add_typer(deliveries_app, name="deliveries")
app.add_typer(suppression_app, name="suppression")

FOLLOW_SECONDS = 1.0


@app.command()
def events(
    since: Annotated[int, typer.Option("--since", metavar="ID",
                                       help="Only events after this id.")] = 0,
    follow: Annotated[bool, typer.Option("--follow", help="Keep printing new events (Ctrl-C stops).")
                      ] = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help='One JSON object per line: {"id", "type", "timestamp", "data"}.')] = False,
) -> None:
    """The change events (unsubscribes, erasures), oldest first, for stores that pull. Without
    --json, one readable line each, addresses masked. An erasure event keeps the address only
    until every webhook and connector has it ([events] keep_erasure_hours for pulling stores)."""
    from mailbot.integrations.events import feed

    with runtime() as rt:
        while True:
            with Session(rt.engine) as session:
                batch = list(feed(session, cipher=rt.cipher, since=since))
            for event in batch:
                if as_json:
                    print_json(event.feed_line())
                else:
                    data = event.data
                    out.print(f"{event.id}\t{event.occurred_at:%Y-%m-%d %H:%M:%S}\t{event.type}\t"
                              f"{data.external_id or '-'}\t{mask_email(data.email)}\t"
                              f"{','.join(data.channels)}", markup=False)
                since = event.id
            sys.stdout.flush()
            if not follow:
                return
            if not batch:
                time.sleep(FOLLOW_SECONDS)


@webhooks_app.command("test")
def webhooks_test() -> None:
    """Send a signed `webhook.ping` to every configured webhook; exit 1 when one fails."""
    from mailbot.integrations.webhooks import WebhookDestination

    config = settings()
    if not config.webhooks:
        raise fail("no [[webhooks]] in the config")
    failures = 0
    for number, hook in enumerate(config.webhooks, start=1):
        try:
            destination = WebhookDestination.from_settings(hook, number=number)
        except ConfigError as exc:
            raise fail(str(exc)) from None
        outcome = destination.ping()
        destination.close()
        failures += not outcome.ok
        out.print(f"{destination.name} {hook.url}: " + ("ok" if outcome.ok else f"FAILED ({outcome.error})"),
                  markup=False)
    if failures:
        raise typer.Exit(1)


class StateFilter(StrEnum):
    pending = "pending"
    failed = "failed"
    delivered = "delivered"


@deliveries_app.command("list")
def deliveries_list(
    state: Annotated[StateFilter | None, typer.Option(help="Only deliveries in this state.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Deliveries of change events, per event and destination (failed: retried for
    [events] retry_hours without success; send them again with `deliveries retry`)."""
    from mailbot.integrations.deliveries import list_deliveries
    from mailbot.store.models import DeliveryState

    with runtime() as rt, Session(rt.engine) as session:
        rows = list_deliveries(session, state=DeliveryState(state) if state else None)
    if as_json:
        for row in rows:
            print_json(asdict(row))
        return
    if not rows:
        out.print("No deliveries.")
        return
    table = Table("id", "event", "type", "destination", "state", "attempts", "last error")
    for row in rows:
        table.add_row(str(row.id), str(row.event_id), row.type, row.destination, row.state,
                      str(row.attempts), row.last_error or "")
    out.print(table)


@deliveries_app.command("retry")
def deliveries_retry(
    ids: Annotated[list[int] | None, typer.Argument(metavar="[ID]...", show_default=False,
                                                    help="Delivery ids (`deliveries list`).")] = None,
    all_failed: Annotated[bool, typer.Option("--all", help="Every failed delivery.")] = False,
) -> None:
    """Queue failed deliveries again; the daemon sends them at its next pass."""
    from mailbot.integrations.deliveries import retry_failed
    from mailbot.store.db import transaction

    if bool(ids) == all_failed:
        raise fail("give delivery ids or --all")
    with runtime() as rt, transaction(rt.engine) as session:
        count = retry_failed(session, ids=ids or (), now=rt.clock())
    out.print(f"{count} deliveries queued again.")


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


@suppression_app.command("export")
def suppression_export(
    output: Annotated[ExportFormat, typer.Option(
        "--format", help="CSV with a header row, or JSON lines.")] = ExportFormat.csv,
    hashed: Annotated[bool, typer.Option(
        "--hashed", help="SHA-256 of the normalised address instead of the address; includes "
        "erased people, whose address is not kept.")] = False,
) -> None:
    """Print the never-market list for a newsletter tool to import."""
    from mailbot.integrations.suppression import ExportReport, entries, write

    report = ExportReport()
    with runtime() as rt, Session(rt.engine) as session:
        write(sys.stdout, entries(session, cipher=rt.cipher, hashed=hashed, report=report),
              format=output.value, hashed=hashed)
    if report.hash_only:
        err.print(f"{report.hash_only} erased people are left out: their address is not kept "
                  "(--hashed includes them).", markup=False)
    if report.unknown:
        err.print(f"{report.unknown} entries suppressed before addresses were kept are left out.",
                  markup=False)
