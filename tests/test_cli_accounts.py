"""`mailbot admin-user add | list | remove`, through Typer's test runner on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import config, mailbot  # noqa: F401  (the config fixture)

PASSWORD = "correct horse battery\n"


def test_add_list_remove(config: Path) -> None:  # noqa: F811
    assert mailbot(config, "init").exit_code == 0
    assert "No admin accounts yet" in mailbot(config, "admin-user", "list").output
    added = mailbot(config, "admin-user", "add", "amal", "--password-stdin", input=PASSWORD)
    assert added.exit_code == 0 and added.output == "Admin account amal created.\n"
    mailbot(config, "admin-user", "add", "omar", "--password-stdin", input=PASSWORD)
    listing = mailbot(config, "admin-user", "list")
    assert listing.exit_code == 0
    names = [line.split()[1] for line in listing.output.splitlines() if " UTC" in line]
    assert names == ["amal", "omar"]
    removed = mailbot(config, "admin-user", "remove", "omar")
    assert removed.exit_code == 0 and "removed" in removed.output
    again = mailbot(config, "admin-user", "remove", "omar")
    assert again.exit_code == 3 and "no admin account omar" in again.output


def test_add_refuses_an_existing_name_unless_asked_to_reset(config: Path) -> None:  # noqa: F811
    assert mailbot(config, "init").exit_code == 0
    mailbot(config, "admin-user", "add", "amal", "--password-stdin", input=PASSWORD)
    refused = mailbot(config, "admin-user", "add", "amal", "--password-stdin",
                      input="another long password\n")
    assert refused.exit_code == 2 and "already exists" in refused.output
    assert "--reset-password" in refused.output
    reset = mailbot(config, "admin-user", "add", "amal", "--password-stdin", "--reset-password",
                    input="another long password\n")
    assert reset.exit_code == 0 and "password changed" in reset.output


def test_a_short_password_is_refused_before_touching_the_database(config: Path) -> None:  # noqa: F811
    result = mailbot(config, "admin-user", "add", "amal", "--password-stdin", input="short\n")
    assert result.exit_code == 2 and "at least 12" in result.output
