"""A tiny run of each benchmark script, so they keep working (targets are checked in bench/)."""

import itertools
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_bench(script: str, *args: str, timeout: int = 300) -> dict:
    """Run ``bench/SCRIPT ARGS`` and return its JSON report; a failing run shows its stderr."""
    done = subprocess.run([sys.executable, str(REPO / "bench" / script), *args],
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_purge_bench_smoke() -> None:
    results = run_bench("purge_bench.py", "--rows", "3000", "--smoke", "--json", timeout=120)
    for engine in ("sqlite", "postgres"):
        assert results[engine]["deleted"] == 2700


def test_import_bench_smoke() -> None:
    results = run_bench("import_bench.py", "--customers", "200", "--smoke", "--json", timeout=120)
    for engine in ("sqlite", "postgres"):
        assert results[engine]["created"] == results[engine]["reimport_updated"] == 200


def test_throughput_bench_smoke() -> None:
    result = run_bench("throughput_bench.py", "--messages", "40", "--smoke", "--json")
    assert 0 < result["requests"] < 40
    assert result["replies_bare"] == result["replies_mailbot"] == result["requests"]
    assert result["other_left_in_inbox"] == result["others"] > 0  # left for people


def test_latency_bench_smoke() -> None:
    result = run_bench("latency_bench.py", "--messages", "2", "--idle-seconds", "1", "--smoke", "--json")
    assert result["messages"] == 2 and result["latency_max_s"] < 60


def test_oneclick_bench_smoke() -> None:
    result = run_bench("oneclick_bench.py", "--customers", "60", "--posts", "20", "--smoke", "--json")
    assert result["mint_only_per_second"] > 1000
    for engine in ("sqlite", "postgres"):
        assert result[engine]["links"] == 60
        assert result[engine]["ok"] == result[engine]["requests"] == 20


def test_events_bench_smoke() -> None:
    result = run_bench("events_bench.py", "--events", "60", "--flow", "5", "--smoke", "--json")
    for engine in ("sqlite", "postgres"):
        assert result[engine]["backlog"]["deliveries"] == 120  # the receiver and the shop
        assert result[engine]["webhooks_received"] == result[engine]["shop_rows_updated"] == 65
        assert result[engine]["flow"]["delay_max_ms"] < 10_000


def test_parse_classify_bench_smoke(tmp_path: Path) -> None:
    folder = tmp_path / "realmail" / "emails" / "set"
    folder.mkdir(parents=True)
    for eml in sorted((REPO / "tests" / "data" / "realmail").glob("*.eml"))[:5]:
        (folder / eml.name).write_bytes(eml.read_bytes())
    result = run_bench("parse_classify_bench.py", "--smoke", "--json",
                       "--realmail", str(tmp_path / "realmail"), timeout=120)
    assert result["corpus"]["messages_per_second"] > 0
    assert result["corpus"]["latency"]["messages"] == 120
    assert result["realmail"]["latency"]["messages"] == 5
    assert 0 < result["realmail"]["latency"]["p50_ms"] <= result["realmail"]["latency"]["p99_ms"]


def test_model_probe_smoke() -> None:
    result = run_bench("model_probe.py", "--smoke", "--json", timeout=180)
    assert result["held_out"] == ["corpus", "heldout.jsonl"]
    assert result["messages"] == 208
    for tally in result["advice"].values():
        assert tally["false_deletes_added"] <= tally["fixed"] + tally["broke"]


def test_veto_probe_smoke() -> None:
    result = run_bench("veto_probe.py", "--smoke", "--json", "--misses", timeout=240)
    assert result["held_out"] == ["set11", "set12"]
    assert result["requests_right"] > 100
    lines = sorted(result["veto"], key=float)
    for lower, higher in itertools.pairwise(lines):  # a higher line never doubts more
        assert result["veto"][higher]["right_doubted"] <= result["veto"][lower]["right_doubted"]
    assert len(result["doubted"]) >= result["veto"][lines[0]]["right_doubted"]
