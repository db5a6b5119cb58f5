"""`mailbot admin-user add | list | remove`: the admin page's accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from mailbot.cli.base import EXIT_NOT_FOUND, admin_user_app, fail, out, runtime

Name = Annotated[str, typer.Argument(metavar="NAME", help="Login name (letters, digits, . _ @ -).")]


@admin_user_app.command("add")
def admin_user_add(
    name: Name,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from the first line of stdin.")] = False,
    reset_password: Annotated[bool, typer.Option(
        "--reset-password", help="The account exists: give it this new password.")] = False,
) -> None:
    """Create an admin account (an existing name is refused unless --reset-password)."""
    from mailbot.admin.auth import AdminUserError, add_admin_user, check_new_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        check_new_user(name, password)
        with runtime() as rt:
            created = add_admin_user(rt.engine, name, password, rt.clock(),
                                     reset_password=reset_password)
    except AdminUserError as exc:
        raise fail(str(exc)) from None
    out.print(f"Admin account {name} created." if created
              else f"Admin account {name}: password changed; its open sessions have ended.",
              markup=False)


@admin_user_app.command("list")
def admin_user_list() -> None:
    """The admin accounts and when each was created."""
    from mailbot.admin.auth import list_admin_users

    with runtime() as rt:
        users = list_admin_users(rt.engine)
    if not users:
        out.print("No admin accounts yet: mailbot admin-user add NAME", markup=False)
        return
    table = Table("name", "created")
    for name, created in users:
        table.add_row(name, f"{created:%Y-%m-%d %H:%M} UTC")
    out.print(table)


@admin_user_app.command("remove")
def admin_user_remove(name: Name) -> None:
    """Delete an admin account; its open sessions end at their next request."""
    from mailbot.admin.auth import remove_admin_user

    with runtime() as rt:
        removed = remove_admin_user(rt.engine, name)
    if not removed:
        raise fail(f"there is no admin account {name} (see `mailbot admin-user list`)",
                   EXIT_NOT_FOUND)
    out.print(f"Admin account {name} removed.", markup=False)
