"""`mailbot demo`: the whole pipeline on embedded defaults, with no servers.

A temporary folder gets a SQLite database, a generated keyring, sample customers, a Maildir
inbox with a dozen Arabic and English messages and a Maildir "outbox" standing in for SMTP.
Two passes of the daemon run: the first handles the inbox, then one customer answers the
deletion confirmation and the second pass erases their account. The store's own systems
watch: a shop database (SQLite, ``shop.db``) that a SQL connector updates, and a webhook
receiver on a loopback port that checks every event's signature (:mod:`mailbot.cli.demo_shop`).
"""

from __future__ import annotations

import asyncio
import json
import mailbox
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from mailbot.cli.demo_shop import DemoShop, Received
from mailbot.config import Settings, load_settings
from mailbot.daemon.scheduler import Daemon, PassReport
from mailbot.mail.addresses import mask_email
from mailbot.runtime import Runtime
from mailbot.store.crypto import Cipher, generate_keyring
from mailbot.store.customers import describe_customer, find_customer, import_customers
from mailbot.store.db import make_engine, upgrade_schema
from mailbot.store.models import InboundMessage, PrivacyRequest

SHOP = "support@shop.example"

CUSTOMERS: list[dict[str, Any]] = [
    {"id": "C-1001", "email": "sara.haddad@example.com", "name": "Sara Haddad", "mobile": "+971505550101",
     "marketing": {"email": True, "sms": True}, "interests": ["perfume", "smartwatches"],
     "orders": [{"number": "WS-1001", "date": "2025-11-02", "total": "420.00", "vat": "20.00",
                 "currency": "AED", "items": [{"sku": "OUD-50", "qty": 1, "price": "400.00"}]}]},
    {"id": "C-1002", "email": "ahmed.alharbi@example.com", "name": "أحمد الحربي", "mobile": "+966505550102",
     "marketing": {"email": True, "sms": True}, "interests": ["العطور"]},
    {"id": "C-1003", "email": "layla.k@example.net", "name": "Layla Khoury", "marketing": {"email": True}},
    {"id": "C-1004", "email": "john.miller@example.org", "name": "John Miller",
     "address": "12 Palm Street, Dubai", "marketing": {"email": True}, "ip_addresses": ["198.51.100.23"],
     "orders": [{"number": "WS-1002", "date": "2025-06-15", "total": "105.00", "vat": "5.00",
                 "currency": "AED", "items": [{"sku": "MUG-1", "qty": 3, "price": "33.33"}]}],
     "cards": [{"brand": "visa", "number": "4111111111111111", "expiry": "12/28",
                "stored_at": "2025-06-15"}],
     "support_messages": [{"date": "2025-06-20", "subject": "Delivery", "body": "Thanks!"}]},
    {"id": "C-1005", "email": "fatima.z@example.com", "name": "فاطمة الزهراني", "marketing": {"email": True}},
    {"id": "C-1006", "email": "omar.s@example.com", "name": "Omar Saleh", "marketing": {"email": True},
     "cards": [{"brand": "mastercard", "number": "5500000000000004", "stored_at": "2024-01-10"}]},
]

# (sender name, sender, subject, body, extra headers)
MESSAGES: list[tuple[str, str, str, str, dict[str, str]]] = [
    ("Sara Haddad", "sara.haddad@example.com", "Too many emails",
     "Hi,\n\nPlease stop sending me your promotional emails, I get three a day.\n\nThanks,\nSara", {}),
    ("أحمد الحربي", "ahmed.alharbi@example.com", "إلغاء الاشتراك",
     "السلام عليكم،\n\nأرجو إلغاء اشتراكي في النشرة البريدية والرسائل الترويجية.\n\nشكراً لكم", {}),
    ("", "layla.k@example.net", "unsubscribe waha-offers 7c41d2a9", "", {}),
    ("John Miller", "john.miller@example.org", "Close my account",
     "Hello,\n\nPlease delete my account and all the personal data you hold about me.\n\nJohn", {}),
    ("فاطمة الزهراني", "fatima.z@example.com", "حذف الحساب",
     "مرحباً،\nأرغب في حذف حسابي وجميع بياناتي الشخصية من متجركم نهائياً.\nمع الشكر", {}),
    ("Mona Farouk", "mona.farouk@example.com", "Where is my order?",
     "Hi, my order WS-1003 was due on Monday and the tracking has not moved since. "
     "Can you check?\n\nMona", {}),
    ("خالد", "khaled.m@example.net", "إلغاء الطلب",
     "لو سمحتم أبغى ألغي الطلب رقم WS-1004 لأني طلبته بالغلط.", {}),
    ("Sara Haddad", "sara.haddad@example.com", "Automatic reply: Your order has shipped",
     "I am out of the office until Sunday with limited access to email.",
     {"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"}),
    ("Gadget Weekly", "news@gadgets.example.org", "This week's best deals",
     "Our top 10 deals this week. To unsubscribe click here.",
     {"List-Id": "<weekly.gadgets.example.org>", "Precedence": "bulk",
      "List-Unsubscribe": "<mailto:leave@gadgets.example.org>"}),
    ("Visitor", "new.visitor@example.net", "Remove me from your list",
     "Please unsubscribe me from your mailing list, I never signed up.", {}),
    ("Omar Saleh", "omar.s@example.com", "delete my account",
     "Delete my account now and send the confirmation to my new address.",
     {"Reply-To": "attacker@example.net"}),
    ("Nadia", "nadia.r@example.com", "question",
     "I'm not sure I still want the newsletters, but maybe keep the deals ones? What are my options",
     {}),
]


@dataclass
class DemoResult:
    folder: Path
    first: PassReport
    second: PassReport
    rows: list[dict[str, str]]
    customers: dict[str, dict[str, Any]]
    replies: list[dict[str, str]]
    shop: list[dict[str, str]]
    """The shop's customers table: before, after the first pass, after the second."""
    shop_orders: list[tuple[str, str | None]]
    webhooks: list[Received]


DEMO_CONFIG = f"""# Written by `mailbot demo`: the demo's own settings.
[brand]
name = "Waha Store"
support_address = "{SHOP}"

[mailbox]
backend = "maildir"
path = "inbox"
start_from = "30d"

[smtp]
backend = "maildir"
path = "outbox"

[database]
url = "sqlite:///mailbot.db"

[crypto]
key_file = "keyring"
"""


def write_demo_config(folder: Path) -> Settings:
    keyring = folder / "keyring"
    if not keyring.exists():
        keyring.write_text(generate_keyring() + "\n", encoding="utf-8")
        keyring.chmod(0o600)
    config = folder / "config.toml"
    config.write_text(DEMO_CONFIG, encoding="utf-8")
    return load_settings(config)


def build_message(name: str, sender: str, subject: str, body: str, headers: dict[str, str],
                  now: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"{name} <{sender}>" if name else sender
    message["To"] = SHOP
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    for key, value in headers.items():
        message[key] = value
    message.set_content(body or "\n")
    return message


def deliver_to_inbox(folder: Path, messages: list[EmailMessage]) -> None:
    inbox = mailbox.Maildir(folder / "inbox", create=True)
    for message in messages:
        inbox.add(message.as_bytes())


def run_demo(folder: Path, *, now: datetime | None = None) -> DemoResult:
    folder.mkdir(parents=True, exist_ok=True)
    settings = write_demo_config(folder)
    engine = make_engine(settings.database.url)
    upgrade_schema(engine)
    engine.dispose()
    rt = Runtime.open(settings)
    try:
        return _run(rt, folder, now or datetime.now(UTC))
    finally:
        rt.close()


def _run(rt: Runtime, folder: Path, now: datetime) -> DemoResult:
    customers_file = folder / "customers.jsonl"
    customers_file.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in CUSTOMERS),
                              encoding="utf-8")
    import_customers(customers_file, engine=rt.engine, cipher=rt.cipher, now=now)
    deliver_to_inbox(folder, [build_message(*m, now=now) for m in MESSAGES])
    shop = DemoShop(folder / "shop.db")
    shop.create(CUSTOMERS)
    snapshots = [shop.customers()]
    with shop.destinations() as destinations:
        first = asyncio.run(Daemon(rt, destinations=destinations).run_once())
        snapshots.append(shop.customers())
        confirmation = _confirmation_for(folder, "john.miller@example.org")
        if confirmation is not None:
            deliver_to_inbox(folder, [_customer_confirms(confirmation, now + timedelta(minutes=5))])
        second = asyncio.run(Daemon(rt, destinations=destinations).run_once())
        snapshots.append(shop.customers())
    return DemoResult(folder=folder, first=first, second=second,
                      rows=_message_rows(rt.engine, [*first.intake, *second.intake]),
                      customers=_customer_states(rt.engine, rt.cipher), replies=_replies(folder),
                      shop=snapshots, shop_orders=shop.orders(), webhooks=shop.received)


def _outbox_messages(folder: Path) -> list[EmailMessage]:
    outbox = mailbox.Maildir(folder / "outbox", create=True)
    parser = BytesParser(policy=default_policy)
    return [parser.parsebytes(outbox.get_bytes(key)) for key in sorted(outbox.keys())]  # type: ignore[misc]


def _confirmation_for(folder: Path, address: str) -> EmailMessage | None:
    for message in _outbox_messages(folder):
        if address in str(message["To"]) and "[ref:" in str(message["Subject"]):
            return message
    return None


def _customer_confirms(confirmation: EmailMessage, now: datetime) -> EmailMessage:
    """What the customer's mail client sends when they press Reply and write "Yes"."""
    reply = build_message("John Miller", "john.miller@example.org",
                          f"Re: {confirmation['Subject']}", "Yes, please go ahead.\n\nJohn", {},
                          now=now)
    reply["In-Reply-To"] = confirmation["Message-ID"]
    reply["References"] = confirmation["Message-ID"]
    return reply


def _message_rows(engine: Engine, results: list[Any]) -> list[dict[str, str]]:
    rows = []
    with Session(engine) as session:
        for result in results:
            inbound = session.get(InboundMessage, result.inbound_id)
            request = session.get(PrivacyRequest, result.request_id) if result.request_id else None
            outcome = result.outcome if request is None else (
                f"request {request.id}: {request.state} ({request.action})")
            rows.append({"message": str(result.inbound_id), "intent": result.intent or "-",
                         "outcome": outcome, "state": str(inbound.state) if inbound else "?"})
    return rows


def _customer_states(engine: Engine, cipher: Cipher) -> dict[str, dict[str, Any]]:
    states = {}
    with Session(engine) as session:
        for record in CUSTOMERS:
            customer = find_customer(session, cipher=cipher, email=record["email"])
            states[mask_email(record["email"])] = (
                describe_customer(session, customer, cipher=cipher) if customer
                else {"status": "erased (no longer findable by address)"})
    return states


def _replies(folder: Path) -> list[dict[str, str]]:
    return [{"to": mask_email(str(m["To"].addresses[0].addr_spec)),  # type: ignore[union-attr]
             "subject": str(m["Subject"]), "language": str(m["Content-Language"] or "")}
            for m in _outbox_messages(folder)]

