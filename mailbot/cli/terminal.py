"""How reports look in a terminal (Rich). Everything that came from mail is escaped, so a
subject like ``[red]x[/]`` prints as written."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

HEALTH_COLOUR = {"ok": "green", "warning": "yellow", "problem": "bold red"}
NEVER_POLLED = {"mailbox": "(never polled)", "health": "warning", "last_success_at": None,
                "failing_since": None, "last_error": None}


def print_status(out: Console, report: dict[str, Any]) -> None:
    out.print(f"health: {_health(report['health'])}")
    for problem in report.get("problems", []):
        out.print(f"  - {escape(problem)}", soft_wrap=True)
    for m in report["mailboxes"] or [NEVER_POLLED]:
        line = (f"mailbox {escape(m['mailbox'])}: {_health(m['health'])}, "
                f"last poll {_when(m['last_success_at'])}")
        if m["failing_since"]:
            line += f", FAILING since {_when(m['failing_since'])}: {escape(str(m['last_error']))}"
        out.print(line, soft_wrap=True)
        if m.get("start_after"):
            out.print(f"  mail received before {_when(m['start_after'])} was not read ([mailbox] "
                      "start_from); to process it: mailbot run --once --backfill YYYY-MM-DD")
    req = report["requests"]
    counts = ", ".join(f"{n} {state}" for state, n in sorted(req["by_state"].items())) or "none"
    out.print(f"requests: {counts}; needs review: {req['needs_review']}; "
              f"due soon: {req.get('due_soon', 0)}; overdue: {req['overdue']}", soft_wrap=True)
    if req["oldest_open"]:
        o = req["oldest_open"]
        out.print(f"oldest open: request {o['id']} ({o['kind']}, {o['state']}), due {_when(o['due_at'])}")
    box = report["outbox"]
    failure = f" — last failure: {escape(box['last_failure'])}" if box["last_failure"] else ""
    out.print(f"outbox: {box['pending']} pending (oldest {_when(box['oldest_pending'])}), "
              f"{box['sent']} sent, {box['failed']} failed{failure}", soft_wrap=True)
    if box.get("retry_error"):
        out.print(f"relay: retrying since {_when(box['retrying_since'])}: {escape(box['retry_error'])}",
                  soft_wrap=True)
    for d in report.get("destinations", []):
        line = (f"destination {escape(d['name'])}: {d['pending']} pending, {d['delivered']} "
                f"delivered, {d['failed']} failed, last success {_when(d['last_success_at'])}")
        if d["failing_since"]:
            line += f", FAILING since {_when(d['failing_since'])}: {escape(str(d['last_error']))}"
        out.print(line, soft_wrap=True)
    erased = report["erased_mail"]
    if erased["pending"]:
        out.print(f"erasures: {erased['pending']} messages still to remove from the mailbox "
                  f"(since {_when(erased['pending_since'])})", soft_wrap=True)
    for name, job in report["jobs"].items():
        if isinstance(job, dict):
            out.print(f"job {name}: last run {_when(job['last_run_at'])}")
    out.print(f"next purge: {_when(report['jobs']['purge_next_run_at'])}")
    audit = report["audit"]
    out.print(f"audit: {audit['events']} events, head {audit['head'][:16]}…" if audit["events"] is not None
              else "audit: no anchor (run `mailbot audit verify`)", soft_wrap=True)


def _when(iso: str | None) -> str:
    """An ISO timestamp as people read it: '2026-03-01 03:17 UTC' (or 'never')."""
    if not iso:
        return "never"
    return f"{iso[:10]} {iso[11:16]} UTC"


def _health(value: str) -> str:
    return f"[{HEALTH_COLOUR[value]}]{value}[/]"


def queue_table(items: list[Any]) -> Table:
    table = Table("id", "kind", "state", "conf.", "lang", "due", "reason")
    for item in items:
        table.add_row(str(item.id), item.kind, item.state, f"{item.confidence:.2f}", item.language,
                      f"{item.due_at:%Y-%m-%d %H:%M}", escape(item.error or item.reason))
    return table


def failed_replies_table(replies: list[Any]) -> Table:
    table = Table("id", "kind", "request", "attempts", "failed", "error")
    for reply in replies:
        failed = f"{reply.failed_at:%Y-%m-%d %H:%M}" if reply.failed_at else ""
        error = reply.error or ""
        if not reply.retryable:
            error = f"(text purged: cannot be sent again) {error}"
        table.add_row(str(reply.id), reply.kind, str(reply.request_id or ""),
                      str(reply.attempts), failed, escape(error))
    return table


def print_request(out: Console, detail: dict[str, Any]) -> None:
    detail = dict(detail)
    message = detail.pop("message") or {}
    history = detail.pop("history")
    for key, value in detail.items():
        out.print(f"[bold]{key}[/]: {escape(str(value))}", soft_wrap=True)
    for key in ("from", "subject", "date", "automation", "reason"):
        if message.get(key):
            out.print(f"[bold]message {key}[/]: {escape(str(message[key]))}", soft_wrap=True)
    if message.get("text") is not None:
        out.rule("message text")
        out.print(message["text"], markup=False, soft_wrap=True)
        out.rule()
    for event in history:
        out.print(f"{event['at']}  {event['actor']:<10} {event['action']}", markup=False)


def print_demo(out: Console, result: Any) -> None:
    table = Table("msg", "intent", "what happened", "mail now", title="Inbox, message by message")
    for row in result.rows:
        table.add_row(row["message"], row["intent"], escape(row["outcome"]), row["state"])
    out.print(table)
    people = Table("customer", "status", "marketing allowed on", "orders", "cards",
                   title="Customers afterwards")
    for who, info in result.customers.items():
        allowed = [channel for channel, granted in info.get("marketing", {}).items() if granted]
        people.add_row(who, str(info.get("status")), ", ".join(allowed) or "nothing",
                       str(info.get("orders", "-")), str(info.get("cards", "-")))
    out.print(people)
    replies = Table("to", "lang", "subject", title=f"Replies written to {result.folder / 'outbox'}")
    for reply in result.replies:
        replies.add_row(reply["to"], reply["language"], escape(reply["subject"]))
    out.print(replies)
    print_demo_shop(out, result)
    if result.first.purge:
        purged = ", ".join(f"{n} {name}" for name, n in result.first.purge.items() if n)
        out.print(f"Retention purge: {purged or 'nothing due'} (cards are kept 365 days).")
    out.print(f"Look further: mailbot --config {result.folder / 'config.toml'} queue list "
              "(or: status, customers show EMAIL, audit verify)", soft_wrap=True)


def print_demo_shop(out: Console, result: Any) -> None:
    """The store's own systems as the mail was handled: its database and its webhook."""
    before, first, second = result.shop
    shop = Table("shop customer id", "before", "after the inbox", "after the confirmation",
                 title=f"The shop's database ({result.folder / 'shop.db'}), via the SQL connector")
    for customer_id in before:
        shop.add_row(customer_id, before[customer_id], first.get(customer_id, "deleted"),
                     second.get(customer_id, "deleted"))
    out.print(shop)
    orders = ", ".join(f"{number} → {owner or 'unlinked (kept for tax law)'}"
                       for number, owner in result.shop_orders)
    out.print(f"Shop orders: {orders}", soft_wrap=True)
    hooks = Table("webhook-id", "type", "external_id", "email", "channels",
                  title="The newsletter tool's webhook receiver (signatures verified)")
    for hook in sorted(result.webhooks, key=lambda h: int(h.webhook_id.removeprefix("evt_"))):
        hooks.add_row(hook.webhook_id, hook.type, hook.external_id or "-", hook.email, hook.channels)
    out.print(hooks)


def purge_table(report: Any, descriptions: dict[str, str]) -> Table:
    title = f"Purge as of {report.as_of:%Y-%m-%d}{' (dry run)' if report.dry_run else ''}"
    table = Table("rule", "what", "would go" if report.dry_run else "removed", title=title)
    for name, count in report.counts.items():
        table.add_row(name, descriptions[name], str(count))
    return table


def print_checks(out: Console, checks: list[Any]) -> None:
    for check in checks:
        mark = "[green]ok[/]  " if check.ok else "[bold red]FAIL[/]"
        out.print(f"{mark} {check.name}: {escape(check.detail)}", soft_wrap=True)
        if not check.ok and check.hint:
            out.print(f"      → {escape(check.hint)}", soft_wrap=True)
