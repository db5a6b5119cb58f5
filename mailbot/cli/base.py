"""The root `mailbot` command, its global options, and what every command uses: the
consoles, one-line errors with their exit codes, the settings and the runtime.

Command modules (``app``, ``accounts``, ``queue``, ``inbox``, ``integrations``, ``public``)
import this one and register on its Typer apps; ``app`` imports them all.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperArgument

from mailbot.config import ConfigError, Settings, default_config_path, load_settings
from mailbot.runtime import Runtime

EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_WRONG_KEYRING = 4
EXIT_DATABASE = 5

_python_type = TyperArgument.display_type_rich


def _argument_type(self: TyperArgument, ctx: typer.Context) -> str | None:
    """An argument named by its metavar (FILE, EMAIL, ID) needs no Python type after it;
    typer would print ``FILE <list[str]>``."""
    return None if self.metavar else _python_type(self, ctx)


TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]

app = typer.Typer(
    help="Turns a store's support inbox into a privacy-request processor: unsubscribes and "
    "account deletions in Arabic and English, verified, applied, confirmed and audited.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: paragraphs re-wrap, flags show no type
)
customers_app = typer.Typer(help="Import and look up customers.", no_args_is_help=True)
queue_app = typer.Typer(help="The review queue: requests waiting for a human.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)
keys_app = typer.Typer(help="Encryption keys: generate and rotate.", no_args_is_help=True)
admin_user_app = typer.Typer(help="Accounts for the admin web page.", no_args_is_help=True)
app.add_typer(customers_app, name="customers")
app.add_typer(queue_app, name="queue")
app.add_typer(audit_app, name="audit")
app.add_typer(keys_app, name="keys")
app.add_typer(admin_user_app, name="admin-user")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


class State:
    config_path: Path | None = None


state = State()


DISTRIBUTION = "mailbot-privacy"  # the name on the package index; `mailbot` there is someone else's


def print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        out.print(f"mailbot {version(DISTRIBUTION)}", markup=False)
        raise typer.Exit()


@app.callback()
def main_options(
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", metavar="PATH",
                     help="Config file [default: $MAILBOT_CONFIG, then ./config.toml]",
                     show_default=False),
    ] = None,
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=print_version, help="Print the version and exit.")] = False,
) -> None:
    state.config_path = config


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def settings() -> Settings:
    try:
        return load_settings(state.config_path or default_config_path())
    except ConfigError as exc:
        raise fail(str(exc)) from None


@contextmanager
def runtime(*, require_schema: bool = True) -> Iterator[Runtime]:
    from mailbot.store.keys import KeyringMismatch

    try:
        rt = Runtime.open(settings(), require_schema=require_schema)
    except KeyringMismatch as exc:
        raise fail(str(exc), EXIT_WRONG_KEYRING) from None
    except ConfigError as exc:
        raise fail(str(exc)) from None
    try:
        yield rt
    finally:
        rt.close()


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")


def print_line(text: str) -> None:
    sys.stdout.write(text + "\n")


def database_problem(exc: Exception) -> str:
    """One line for an operator; the driver's message names no personal data."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    if "locked" in reason.lower():
        return (f"the database is busy ({reason}): another process holds its write lock; "
                "nothing was lost, run the command again")
    return f"cannot use the database ({reason}); nothing was lost, run the command again"


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from None
