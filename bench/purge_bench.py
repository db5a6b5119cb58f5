"""How fast the retention purge deletes card data, and how long one batch holds the database.

    .venv/bin/python bench/purge_bench.py                      # 1,000,000 rows, SQLite + PostgreSQL
    .venv/bin/python bench/purge_bench.py --rows 10000 --smoke  # the quick run `make test` does

Target (../shared/DESIGN.md): 1,000,000 card rows purged in at most 15 s, in batches that
never block the daemon for more than 1 s. The rows are inserted first (not timed), 10 % of
them younger than the retention period so the purge has to choose.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from _databases import fresh_database  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from mailbot.config import PolicySettings  # noqa: E402
from mailbot.daemon.purge import purge  # noqa: E402
from mailbot.store.models import Customer, PaymentCard  # noqa: E402

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CHUNK = 50_000


def seed(engine, rows: int) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        conn.execute(insert(Customer).values(id=1, created_at=NOW, updated_at=NOW))
    old, young = NOW - timedelta(days=400), NOW - timedelta(days=10)
    for start in range(0, rows, CHUNK):
        batch = [{"customer_id": 1, "fingerprint": f"{n}", "brand": "visa", "card_enc": b"x" * 120,
                  "stored_at": young if n % 10 == 0 else old}
                 for n in range(start, min(rows, start + CHUNK))]
        with engine.begin() as conn:
            conn.execute(insert(PaymentCard), batch)


def measure(engine, rows: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    seed(engine, rows)
    batch_times: list[float] = []
    last = [time.perf_counter()]

    def tick(_name: str, _done: int) -> None:
        now = time.perf_counter()
        batch_times.append(now - last[0])
        last[0] = now

    start = time.perf_counter()
    last[0] = start
    report = purge(engine, PolicySettings(), now=NOW, progress=lambda n, d: tick(n, d)
                   if n == "cards" else None)
    total = time.perf_counter() - start
    return {"rows": rows, "deleted": report.counts["cards"], "seconds": round(total, 2),
            "rows_per_second": round(report.counts["cards"] / total),
            "batches": len(batch_times), "max_batch_seconds": round(max(batch_times or [0]), 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--smoke", action="store_true", help="small and quick; no targets")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    for engine in args.engines.split(","):
        with fresh_database(engine) as db:
            results[engine] = measure(db, args.rows)
    if args.json:
        print(json.dumps(results))  # noqa: T201
    else:
        for engine, r in results.items():
            print(f"{engine:9} {r['deleted']:>9,} of {r['rows']:,} rows purged in {r['seconds']} s "  # noqa: T201
                  f"({r['rows_per_second']:,}/s), {r['batches']} batches, slowest "
                  f"{r['max_batch_seconds']} s")
    if args.smoke:
        return 0
    missed = [e for e, r in results.items() if r["seconds"] > 15 or r["max_batch_seconds"] > 1]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
