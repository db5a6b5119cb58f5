"""Change events delivered to a local webhook receiver and to a shop's PostgreSQL database.

    .venv/bin/python bench/events_bench.py                       # 10,000 events; SQLite + PostgreSQL
    .venv/bin/python bench/events_bench.py --events 200 --smoke  # the quick run the tests do

Two phases per engine of mailbot's own database:

* **backlog**: ``--events`` events recorded first (100 per transaction), then delivered by the
  daemon's own function (:func:`mailbot.integrations.deliveries.deliver_events`) to both
  destinations: a signed webhook to a receiver on loopback and a SQL connector running one
  ``UPDATE`` per event on a fresh PostgreSQL database with ``--events`` customer rows.
  Reported: events per second (each event reaches both destinations).
* **steady flow**: ``--flow`` events, one every 20 ms, recorded by one thread while another
  runs deliveries back to back, as the daemon does right after a poll that changed something.
  Reported: the delay from the change's commit to the receiver's arrival, median and p95.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from _databases import PG_ADMIN, fresh_database  # noqa: E402
from sqlalchemy import Engine, create_engine, text  # noqa: E402

from mailbot.config import ConnectorSettings, EventsSettings, WebhookSettings  # noqa: E402
from mailbot.integrations import events  # noqa: E402
from mailbot.integrations.connectors import SqlConnector  # noqa: E402
from mailbot.integrations.deliveries import deliver_events  # noqa: E402
from mailbot.integrations.events import EventData, EventType  # noqa: E402
from mailbot.integrations.webhooks import WebhookDestination  # noqa: E402
from mailbot.store.crypto import Cipher, Keyring, generate_keyring  # noqa: E402
from mailbot.store.db import transaction  # noqa: E402
from tests.fixtures.webhook_receiver import SECRET, Receiver  # noqa: E402

SETTINGS = EventsSettings(batch_size=500)


@contextmanager
def shop_database(customers: int) -> Iterator[str]:
    name = f"shop_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    shop = create_engine(url)
    with shop.begin() as conn:
        conn.execute(text("CREATE TABLE customers (id TEXT PRIMARY KEY, accepts_marketing BOOLEAN)"))
        conn.execute(text("INSERT INTO customers SELECT 'C-' || n, TRUE FROM generate_series(0, :n) n"),
                     {"n": customers})
    shop.dispose()
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def record(engine: Engine, cipher: Cipher, numbers: range) -> None:
    with transaction(engine) as session:
        for n in numbers:
            events.record(session, cipher=cipher, type=EventType.unsubscribed,
                          subject_index=cipher.email_index(f"reader{n}@example.com"),
                          data=EventData(email=f"reader{n}@example.com", external_id=f"C-{n}",
                                         channels=("email",)),
                          request_id=None, now=datetime.now(UTC))


def drain(engine: Engine, destinations: list, cipher: Cipher) -> int:  # type: ignore[type-arg]
    delivered = 0
    while True:
        done = deliver_events(engine, destinations, cipher=cipher, settings=SETTINGS,
                              now=datetime.now(UTC))
        delivered += done.delivered
        if not done.delivered and not done.fanned_out:
            return delivered


def backlog(engine: Engine, destinations: list, cipher: Cipher, count: int) -> dict[str, float]:  # type: ignore[type-arg]
    start = time.perf_counter()
    for first in range(0, count, 100):
        record(engine, cipher, range(first, min(count, first + 100)))
    recorded = time.perf_counter() - start
    start = time.perf_counter()
    delivered = drain(engine, destinations, cipher)
    seconds = time.perf_counter() - start
    return {"events": count, "deliveries": delivered, "record_seconds": round(recorded, 2),
            "deliver_seconds": round(seconds, 2), "events_per_second": round(count / seconds)}


def flow(engine: Engine, destinations: list, cipher: Cipher, receiver: Receiver,  # type: ignore[type-arg]
         first: int, count: int) -> dict[str, float]:
    committed: dict[str, float] = {}
    done = threading.Event()

    def produce() -> None:
        for n in range(first, first + count):
            record(engine, cipher, range(n, n + 1))
            committed[f"reader{n}@example.com"] = time.time()
            time.sleep(0.02)
        done.set()

    already = len(receiver.received)
    producer = threading.Thread(target=produce)
    producer.start()
    while not done.is_set() or len(receiver.received) < already + count:
        if not deliver_events(engine, destinations, cipher=cipher, settings=SETTINGS,
                              now=datetime.now(UTC)).delivered:
            time.sleep(0.01)
    producer.join()
    delays = sorted(hook.at - committed[json.loads(hook.body)["data"]["email"]]
                    for hook in receiver.received[already:])
    return {"events": count, "delay_median_ms": round(statistics.median(delays) * 1000, 1),
            "delay_p95_ms": round(delays[int(len(delays) * 0.95) - 1] * 1000, 1),
            "delay_max_ms": round(delays[-1] * 1000, 1)}


def measure(kind: str, count: int, flow_count: int) -> dict[str, object]:
    cipher = Cipher(Keyring.parse(generate_keyring(), where="bench"))
    receiver = Receiver()
    receiver.start()
    try:
        with fresh_database(kind) as engine, shop_database(count + flow_count) as shop_url:
            hook = WebhookDestination.from_secret(
                WebhookSettings(url=receiver.url, secret_env="-", name="bench"), secret=SECRET)
            sql = SqlConnector(settings=ConnectorSettings(
                kind="sql", url_env="-", name="shop", on_unsubscribe=(
                    "UPDATE customers SET accepts_marketing = FALSE WHERE id = :external_id",)),
                url=shop_url, name="sql:shop", events=("customer.unsubscribed",))
            destinations = [hook, sql]
            result: dict[str, object] = {"backlog": backlog(engine, destinations, cipher, count)}
            result["flow"] = flow(engine, destinations, cipher, receiver, count, flow_count)
            shop = create_engine(shop_url)
            with shop.connect() as conn:
                result["shop_rows_updated"] = conn.scalar(
                    text("SELECT COUNT(*) FROM customers WHERE NOT accepts_marketing"))
            shop.dispose()
            result["webhooks_received"] = len(receiver.received)
            hook.close()
            sql.close()
            return result
    finally:
        receiver.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--flow", type=int, default=200)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--smoke", action="store_true", help="small and quick")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    flow_count = min(args.flow, 20) if args.smoke else args.flow
    results = {kind: measure(kind, args.events, flow_count) for kind in args.engines.split(",")}
    if args.json:
        print(json.dumps(results))  # noqa: T201
    else:
        for kind, result in results.items():
            print(f"mailbot on {kind}: {json.dumps(result)}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
