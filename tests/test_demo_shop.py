"""`mailbot demo`'s store systems: the shop database and the webhook receiver change as the
demo's mail is handled."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mailbot.cli.app import app
from mailbot.cli.demo import run_demo


def test_demo_shows_the_shop_database_and_the_webhook_changing(tmp_path: Path) -> None:
    result = run_demo(tmp_path / "demo")
    before, after_inbox, after_confirmation = result.shop
    assert set(before.values()) == {"marketing allowed"}
    assert after_inbox["C-1001"] == "no marketing" and after_inbox["C-1004"] == "marketing allowed"
    assert "C-1004" not in after_confirmation  # John confirmed: deleted in the shop too
    assert ("WS-1002", None) in result.shop_orders  # his order stays, unlinked
    types = {(hook.type, hook.external_id) for hook in result.webhooks}
    assert ("customer.erased", "C-1004") in types
    assert ("customer.unsubscribed", None) in types  # the visitor without an account
    assert len({hook.webhook_id for hook in result.webhooks}) == len(result.webhooks)


def test_demo_prints_both(tmp_path: Path) -> None:
    printed = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path / "demo")], terminal_width=120)
    assert printed.exit_code == 0, printed.output
    assert "The shop's database" in printed.output and "evt_" in printed.output
