"""`mailbot queue …`: the review queue and failed replies, over :mod:`mailbot.pipeline.review`
and :mod:`mailbot.pipeline.failed_replies` (the admin page calls the same functions)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from mailbot.cli.base import fail, out, print_json, queue_app, runtime
from mailbot.cli.terminal import failed_replies_table, print_request, queue_table

ADMIN_ACTOR = "cli"


@contextmanager
def review_errors() -> Iterator[None]:
    from mailbot.pipeline.review import ReviewError

    try:
        yield
    except ReviewError as exc:
        raise fail(str(exc)) from None


@queue_app.command("list")
def queue_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Open requests: those needing a human first, then by due date."""
    from mailbot.pipeline.review import list_queue
    from mailbot.store.db import transaction

    with runtime() as rt, transaction(rt.engine) as session:
        items = list_queue(session)
    print_listing(items, as_json=as_json, table=queue_table, empty="The queue is empty.")


def print_listing(items: list[Any], *, as_json: bool, table: Any, empty: str) -> None:
    """One JSON object per line, or a table (or ``empty`` when there is nothing)."""
    if as_json:
        for item in items:
            print_json(item.as_dict())
        return
    out.print(table(items) if items else empty)


@queue_app.command("show")
def queue_show(request_id: Annotated[int, typer.Argument(metavar="ID", help="Request id.")],
               as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """One request in full: decision, evidence, the message, its history."""
    from mailbot.pipeline.review import show_request
    from mailbot.store.db import transaction

    with runtime() as rt, review_errors(), transaction(rt.engine) as session:
        detail = show_request(session, request_id, cipher=rt.cipher)
    if as_json:
        print_json(detail.as_dict())
        return
    print_request(out, detail.as_dict())


@queue_app.command("approve")
def queue_approve(
    request_id: Annotated[int, typer.Argument(metavar="ID", help="Request id.")],
    as_intent: Annotated[str | None, typer.Option(
        "--as", metavar="INTENT", help="Re-label first: unsubscribe, delete_account or other.")] = None,
) -> None:
    """Approve a request in review and run it as the daemon would."""
    from mailbot.pipeline.review import approve

    with runtime() as rt, review_errors():
        out.print(approve(rt.engine, request_id, settings=rt.settings, cipher=rt.cipher,
                          clock=rt.clock, actor=ADMIN_ACTOR, as_intent=as_intent))


@queue_app.command("reject")
def queue_reject(request_id: Annotated[int, typer.Argument(metavar="ID", help="Request id.")],
                 note: Annotated[str, typer.Option(
                     metavar="TEXT", help="Why (kept in the audit trail; no personal data).")] = "") -> None:
    """Close a request without acting on it."""
    from mailbot.pipeline.review import reject

    with runtime() as rt, review_errors():
        out.print(reject(rt.engine, request_id, now=rt.clock(), actor=ADMIN_ACTOR, note=note))


@queue_app.command("retry")
def queue_retry(request_id: Annotated[int, typer.Argument(metavar="ID", help="Request id.")]) -> None:
    """Run a failed request again once its cause is fixed."""
    from mailbot.pipeline.review import retry

    with runtime() as rt, review_errors():
        out.print(retry(rt.engine, request_id, settings=rt.settings, cipher=rt.cipher,
                        clock=rt.clock, actor=ADMIN_ACTOR))


@queue_app.command("replies")
def queue_replies(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Replies the mail relay refused for good (send one again with `queue retry-reply`)."""
    from mailbot.pipeline.failed_replies import list_failed
    from mailbot.store.db import transaction

    with runtime() as rt, transaction(rt.engine) as session:
        replies = list_failed(session)
    print_listing(replies, as_json=as_json, table=failed_replies_table, empty="No failed replies.")


@queue_app.command("retry-reply")
def queue_retry_reply(reply_id: Annotated[int, typer.Argument(
        metavar="ID", help="Reply id (`queue replies`).")]) -> None:
    """Send a failed reply again once its cause is fixed (its text is kept
    raw_mail_retention_days after the failure)."""
    from mailbot.pipeline.failed_replies import retry_reply

    with runtime() as rt, review_errors():
        out.print(retry_reply(rt.engine, reply_id, policy=rt.settings.policy, now=rt.clock(),
                              actor=ADMIN_ACTOR))
