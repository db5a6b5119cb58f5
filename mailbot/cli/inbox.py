"""`mailbot queue left`: mail mailbot read and left in the inbox for people, with why."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from mailbot.cli.base import out, print_json, queue_app, runtime


@queue_app.command("left")
def queue_left(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1,
                                       help="Show at most N messages.")] = 50,
) -> None:
    """Mail left in the inbox for people (not a privacy request, or nothing mailbot could
    do), newest first, with why. On the server it carries [mailbox] left_flag."""
    from mailbot.pipeline.left import left_for_people

    with runtime() as rt:
        found = left_for_people(rt.engine, cipher=rt.cipher, limit=limit)
    if as_json:
        for item in found:
            print_json({"id": item.id, "mailbox": item.mailbox,
                        "received_at": item.received_at.isoformat(), "from": item.sender,
                        "subject": item.subject, "reason": item.reason, "marked": item.marked})
        return
    if not found:
        out.print("No mail left for people.")
        return
    table = Table("id", "received", "from", "subject", "why", title="Left in the inbox for people")
    for item in found:
        table.add_row(str(item.id), f"{item.received_at:%m-%d %H:%M}", escape(item.sender or "-"),
                      escape(item.subject or "-"), escape(item.reason))
    out.print(table)
