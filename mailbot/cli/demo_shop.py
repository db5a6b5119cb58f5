"""The store's own systems in `mailbot demo`: a shop database and a webhook receiver.

The shop database is a SQLite file with the shop's ``customers`` and ``orders`` tables; the
demo wires a SQL connector to it. The webhook receiver listens on a loopback port only for
the demo's run and checks each request's Standard Webhooks signature, as a newsletter tool
would. Both are handed to the daemon directly, so the demo's config.toml stays runnable
after the demo ends.
"""

from __future__ import annotations

import base64
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from standardwebhooks import Webhook

from mailbot.config import ConnectorSettings, WebhookSettings
from mailbot.integrations.connectors import SqlConnector
from mailbot.integrations.destination import Destination
from mailbot.integrations.webhooks import WebhookDestination
from mailbot.mail.addresses import mask_email

SHOP_SCHEMA = (
    "CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, email TEXT, accepts_marketing BOOLEAN)",
    "CREATE TABLE orders (number TEXT PRIMARY KEY, customer_id TEXT, total TEXT)",
)
ON_UNSUBSCRIBE = ("UPDATE customers SET accepts_marketing = FALSE WHERE id = :external_id",)
ON_ERASE = ("UPDATE orders SET customer_id = NULL WHERE customer_id = :external_id",
            "DELETE FROM customers WHERE id = :external_id")


@dataclass
class Received:
    webhook_id: str
    type: str
    external_id: str | None
    email: str
    channels: str


@dataclass
class DemoShop:
    """The shop's database file and what its webhook receiver got."""

    path: Path
    received: list[Received] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def create(self, customers: list[dict[str, Any]]) -> None:
        self.path.unlink(missing_ok=True)
        engine = create_engine(self.url)
        with engine.begin() as conn:
            for statement in SHOP_SCHEMA:
                conn.execute(text(statement))
            for c in customers:
                conn.execute(text("INSERT INTO customers VALUES (:id, :name, :email, :m)"),
                             {"id": c["id"], "name": c.get("name"), "email": c["email"],
                              "m": bool(c.get("marketing", {}).get("email"))})
                for order in c.get("orders", []):
                    conn.execute(text("INSERT INTO orders VALUES (:n, :c, :t)"),
                                 {"n": order["number"], "c": c["id"], "t": order["total"]})
        engine.dispose()

    def customers(self) -> dict[str, str]:
        """Each shop customer's state: whether marketing is allowed, or deleted."""
        engine = create_engine(self.url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, accepts_marketing FROM customers")).all()
        engine.dispose()
        return {row[0]: "marketing allowed" if row[1] else "no marketing" for row in rows}

    def orders(self) -> list[tuple[str, str | None]]:
        engine = create_engine(self.url)
        with engine.connect() as conn:
            rows = [(r[0], r[1]) for r in conn.execute(text("SELECT number, customer_id FROM orders"))]
        engine.dispose()
        return rows

    @contextmanager
    def destinations(self) -> Iterator[list[Destination]]:
        """A webhook to a receiver on a loopback port and a connector to the shop's database,
        for as long as the block runs."""
        secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
        server = self._receiver(Webhook(secret))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/hooks/mailbot"
        hook = WebhookDestination.from_secret(
            WebhookSettings(url=url, secret_env="-", name="newsletter"), secret=secret)
        sql = SqlConnector(settings=ConnectorSettings(kind="sql", url_env="-", name="shop",
                                                      on_unsubscribe=ON_UNSUBSCRIBE,
                                                      on_erase=ON_ERASE),
                           url=self.url, name="sql:shop", events=("customer.unsubscribed",
                                                                  "customer.erased"))
        try:
            yield [hook, sql]
        finally:
            hook.close()
            sql.close()
            server.shutdown()
            server.server_close()

    def _receiver(self, verifier: Webhook) -> ThreadingHTTPServer:
        shop = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                try:
                    event = verifier.verify(body, dict(self.headers.items()))
                except Exception:
                    status = 400
                else:
                    status = 204
                    data = event["data"]
                    shop.received.append(Received(
                        webhook_id=self.headers["webhook-id"], type=event["type"],
                        external_id=data["external_id"], email=mask_email(data["email"]),
                        channels=",".join(data["channels"])))
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        return ThreadingHTTPServer(("127.0.0.1", 0), Handler)

