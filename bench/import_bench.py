"""How long `customers import` takes for a large file (issue: 100k customers in minutes).

    .venv/bin/python bench/import_bench.py                       # 100,000 customers, SQLite + PostgreSQL
    .venv/bin/python bench/import_bench.py --customers 500 --smoke
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from _databases import fresh_database  # noqa: E402

from mailbot.store.crypto import Cipher, Keyring, generate_keyring  # noqa: E402
from mailbot.store.customers import import_customers  # noqa: E402

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def customer(n: int) -> dict[str, object]:
    return {"email": f"customer{n}@example.com", "name": f"Customer {n}", "mobile": f"+9715{n:08d}",
            "date_of_birth": "1990-01-31", "address": f"{n} Palm Street, Dubai",
            "marketing": {"email": True, "sms": n % 2 == 0}, "interests": ["perfume", "watches"],
            "ip_addresses": ["203.0.113.7"],
            "orders": [{"number": f"WS-{n}", "date": "2025-03-01", "total": "120.50", "vat": "5.74",
                        "currency": "AED", "items": [{"sku": "OUD-50", "qty": 1, "price": "114.76"}]}],
            "cards": [{"brand": "visa", "number": "4111111111111111", "expiry": "12/28",
                       "stored_at": "2025-01-01"}]}


def run(kind: str, path: Path, cipher: Cipher) -> dict[str, float]:
    with fresh_database(kind) as engine:
        start = time.perf_counter()
        report = import_customers(path, engine=engine, cipher=cipher, now=NOW)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = import_customers(path, engine=engine, cipher=cipher, now=NOW)
        second = time.perf_counter() - start
    return {"created": report.created, "seconds": round(first, 1),
            "per_second": round(report.created / first), "reimport_updated": again.updated,
            "reimport_seconds": round(second, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cipher = Cipher(Keyring.parse(generate_keyring(), where="bench"))
    results = {}
    with TemporaryDirectory() as folder:
        path = Path(folder) / "customers.jsonl"
        with path.open("w") as fh:
            for n in range(args.customers):
                fh.write(json.dumps(customer(n)) + "\n")
        for engine in args.engines.split(","):
            results[engine] = run(engine, path, cipher)
    if args.json:
        print(json.dumps(results))  # noqa: T201
    else:
        for engine, r in results.items():
            print(f"{engine:9} {r['created']:,} customers imported in {r['seconds']} s "  # noqa: T201
                  f"({r['per_second']:,}/s); re-import updated {r['reimport_updated']:,} "
                  f"in {r['reimport_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
