"""How the classifier's automatic actions fare on real mail (``../shared/realmail-dev``).

    .venv/bin/python bench/realmail_bench.py                # full report
    .venv/bin/python bench/realmail_bench.py --misses       # also list every wrong answer
    .venv/bin/python bench/realmail_bench.py --json         # machine-readable
    .venv/bin/python bench/realmail_bench.py DIR --check    # exit 1 when a target is missed

The set (its README explains it) holds real messages labelled ``automated``,
``no_request``, ``unsubscribe``, ``delete_account`` or ``ambiguous``; mailbot has no
``no_request`` intent, so those should come out ``other``; ``ambiguous`` rows are left out
of every count. Reported:

* false deletions: ``delete_account`` on mail that is not a deletion request;
* auto-applied unsubscribes per 1,000 non-request messages: ``unsubscribe`` at or above
  ``auto_apply_confidence`` (0.8) on ``automated``/``no_request`` mail, i.e. what the
  daemon would have applied without a human;
* automated recognised: share of ``automated`` mail classified ``automated`` (and the
  missed count per 300);
* macro-F1 over the labels the set holds, the confusion matrix and a per-set table;
* calibration: accuracy per confidence band (a wrong answer should sit below 0.8);
* parse + classify throughput and p99 latency on this mail (CPU time, one core).

It is a development set, so numbers after tuning on it are fitted; BENCHMARKS.md records
the first-pass figure separately. The set is not part of the repository: without it this
script says so and exits 2 (tests use the small fixtures in tests/data/realmail instead).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from mailbot.mail.parsing import parse_message  # noqa: E402
from mailbot.understanding.classify import INTENTS, classify  # noqa: E402

DEFAULT_SET = REPO.parent / "shared" / "realmail-dev"
AUTO_APPLY = 0.8
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
GOLD = {"automated": "automated", "no_request": "other", "unsubscribe": "unsubscribe",
        "delete_account": "delete_account"}
TARGETS = {"false_deletes": 0, "auto_unsub_per_1000": 1.0, "missed_automated_per_300": 1.0}


def load(folder: Path) -> list[dict[str, str]]:
    with open(folder / "labels.csv", newline="", encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if row["expect"] in GOLD]


def run(folder: Path) -> dict[str, Any]:
    rows = load(folder)
    confusion: dict[str, Counter[str]] = {g: Counter() for g in INTENTS}
    per_set: dict[str, Counter[str]] = defaultdict(Counter)
    bands = [[0, 0] for _ in BANDS]
    misses = []
    auto_unsub = false_del = non_request = 0
    cpu: list[int] = []
    for row in rows:
        raw = (folder / row["file"]).read_bytes()
        t0 = time.thread_time_ns()
        result = classify(parse_message(raw))
        cpu.append(time.thread_time_ns() - t0)
        gold = GOLD[row["expect"]]
        confusion[gold][result.intent] += 1
        right = result.intent == gold
        per_set[row["set"]]["n"] += 1
        per_set[row["set"]]["right"] += right
        band = next(i for i, (lo, hi) in enumerate(BANDS) if lo <= result.confidence < hi)
        bands[band][0] += right
        bands[band][1] += 1
        if gold in ("automated", "other"):
            non_request += 1
            if result.intent == "unsubscribe" and result.confidence >= AUTO_APPLY:
                auto_unsub += 1
                per_set[row["set"]]["auto_unsub"] += 1
        if result.intent == "delete_account" and gold != "delete_account":
            false_del += 1
            per_set[row["set"]]["false_del"] += 1
        if not right:
            misses.append({"file": row["file"], "gold": gold, "predicted": result.intent,
                           "confidence": result.confidence, "evidence": list(result.evidence)})
    return _report(folder, rows, confusion, per_set, bands, misses, auto_unsub, false_del,
                   non_request, cpu)


def _report(folder: Path, rows: list[dict[str, str]], confusion: dict[str, Counter[str]],
            per_set: dict[str, Counter[str]], bands: list[list[int]], misses: list[dict[str, Any]],
            auto_unsub: int, false_del: int, non_request: int, cpu: list[int]) -> dict[str, Any]:
    f1 = {}
    for label in INTENTS:
        actual = sum(confusion[label].values())
        if not actual:
            continue
        tp = confusion[label][label]
        predicted = sum(confusion[g][label] for g in INTENTS)
        p, r = (tp / predicted if predicted else 0.0), tp / actual
        f1[label] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    automated = sum(confusion["automated"].values())
    missed_auto = automated - confusion["automated"]["automated"]
    cpu.sort()
    return {
        "set": str(folder), "messages": len(rows),
        "false_deletes": false_del,
        "auto_unsub": auto_unsub, "non_request": non_request,
        "auto_unsub_per_1000": round(1000 * auto_unsub / non_request, 2) if non_request else 0.0,
        "automated": automated, "automated_recognised": automated - missed_auto,
        "missed_automated_per_300": round(300 * missed_auto / automated, 2) if automated else 0.0,
        "macro_f1": round(sum(f1.values()) / len(f1), 4) if f1 else 0.0, "f1": f1,
        "confusion": {g: dict(confusion[g]) for g in INTENTS if confusion[g]},
        "calibration": [{"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "n": n,
                         "accuracy": round(ok / n, 4) if n else None}
                        for (lo, hi), (ok, n) in zip(BANDS, bands, strict=True)],
        "per_set": {name: dict(c) for name, c in sorted(per_set.items())},
        "speed": {"messages_per_second": round(len(cpu) / sum(cpu) * 1e9) if cpu else 0,
                  "p50_ms": round(cpu[len(cpu) // 2] / 1e6, 3) if cpu else 0.0,
                  "p99_ms": round(cpu[int(len(cpu) * 0.99)] / 1e6, 3) if cpu else 0.0},
        "misses": misses,
    }


def targets_met(report: dict[str, Any]) -> dict[str, bool]:
    return {"false_deletes": report["false_deletes"] <= TARGETS["false_deletes"],
            "auto_unsub_per_1000": report["auto_unsub_per_1000"] <= TARGETS["auto_unsub_per_1000"],
            "missed_automated_per_300":
                report["missed_automated_per_300"] <= TARGETS["missed_automated_per_300"]}


def render(report: dict[str, Any], misses: bool) -> str:
    r = report
    lines = [
        f"{r['set']}: {r['messages']} messages (ambiguous left out)",
        f"false deletions: {r['false_deletes']}",
        f"auto-applied unsubscribes on non-request mail: {r['auto_unsub']} of "
        f"{r['non_request']} = {r['auto_unsub_per_1000']} per 1,000",
        f"automated recognised: {r['automated_recognised']} of {r['automated']} "
        f"(missed {r['missed_automated_per_300']} per 300)",
        f"macro-F1 {r['macro_f1']:.4f}  " + "  ".join(f"{k} {v:.3f}" for k, v in r["f1"].items()),
        "confusion (gold -> predicted): " + "; ".join(
            f"{g}: " + ", ".join(f"{p} {n}" for p, n in row.items())
            for g, row in r["confusion"].items()),
        "calibration: " + "; ".join(
            f"{b['band']} n={b['n']} acc={b['accuracy']}" for b in r["calibration"]),
        f"parse+classify: {r['speed']['messages_per_second']:,} msg/s CPU, "
        f"p50 {r['speed']['p50_ms']} ms, p99 {r['speed']['p99_ms']} ms",
        "per set (right/n, auto-unsub, false-del):",
    ]
    for name, c in r["per_set"].items():
        lines.append(f"  {name:<22}{c.get('right', 0):>5}/{c['n']:<5}"
                     f"{c.get('auto_unsub', 0):>4}{c.get('false_del', 0):>4}")
    if misses:
        lines += [f"  MISS {m['file']}: {m['gold']} -> {m['predicted']} ({m['confidence']}) "
                  f"{m['evidence']}" for m in r["misses"]]
    lines.append("targets: " + ", ".join(f"{k} {'ok' if v else 'MISSED'}"
                                         for k, v in targets_met(r).items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_SET,
                        help="labelled set with labels.csv and emails/ (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--misses", action="store_true", help="list every wrong answer")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not (args.folder / "labels.csv").is_file():
        print(f"{args.folder}: no labels.csv (the real-mail set is not checked in)",  # noqa: T201
              file=sys.stderr)
        return 2
    report = run(args.folder)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json  # noqa: T201
          else render(report, args.misses))
    return 1 if args.check and not all(targets_met(report).values()) else 0


if __name__ == "__main__":
    sys.exit(main())
