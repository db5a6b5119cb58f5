"""Reply latency with IMAP IDLE, and the daemon's CPU use while nothing happens.

    .venv/bin/python bench/latency_bench.py                 # 10 messages, 30 s idle
    .venv/bin/python bench/latency_bench.py --messages 2 --idle-seconds 3 --smoke

A real `mailbot run` (poll interval 10 minutes, so only IDLE can wake it) on a real Dovecot
and an aiosmtpd sink. Each message is delivered into the mailbox and timed until its reply
reaches the sink. Then the daemon is left alone and its CPU time measured from /proc.

Design targets: a reply within 5 s of delivery; idle CPU below 1 %.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from _servers import mail_servers  # noqa: E402

from mailbot.store.crypto import generate_keyring  # noqa: E402
from tests.fixtures.dovecot import DovecotMailbox  # noqa: E402
from tests.fixtures.smtp import SmtpServer  # noqa: E402
from tests.fixtures.world import compose, write_daemon_config  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def wait_until(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def start_daemon(folder: Path, mailbox: DovecotMailbox, smtp: SmtpServer) -> subprocess.Popen[bytes]:
    url = f"sqlite:///{folder / 'mailbot.db'}"
    config = write_daemon_config(folder / "config.toml", mailbox, smtp, url,
                                 password_env="BENCH_IMAP_PASSWORD", poll_seconds=600)
    env = {**os.environ, "MAILBOT_KEYS": generate_keyring(), "BENCH_IMAP_PASSWORD": mailbox.password}
    mailbot = [sys.executable, "-m", "mailbot", "--config", str(config)]
    subprocess.run([*mailbot, "init"], env=env, check=True, capture_output=True)
    customers = folder / "customers.jsonl"
    customers.write_text("".join(json.dumps({"email": f"l{n}@example.com",
                                             "marketing": {"email": True}}) + "\n"
                                 for n in range(1000)))
    subprocess.run([*mailbot, "customers", "import", str(customers)], env=env, check=True,
                   capture_output=True)
    log = (folder / "daemon.log").open("wb")
    process = subprocess.Popen([*mailbot, "run"], env=env, stdout=log, stderr=subprocess.STDOUT)
    if not wait_until(lambda: b"daemon_started" in (folder / "daemon.log").read_bytes(), 30):
        raise SystemExit("the daemon did not start:\n" + (folder / "daemon.log").read_text())
    time.sleep(2)  # the first poll is done; from now on only IDLE wakes it
    return process


def measure(messages: int, idle_seconds: float) -> dict[str, float]:
    with mail_servers() as (root, server, smtp):
        mailbox = DovecotMailbox(server, *server.add_user())
        process = start_daemon(root, mailbox, smtp)
        try:
            latencies = []
            for n in range(messages):
                raw = compose(f"l{n}@example.com", "unsubscribe", "Please unsubscribe me.",
                              now=datetime.now(UTC)).as_bytes()
                before = len(smtp.received)
                start = time.monotonic()
                mailbox.deliver(raw)
                if not wait_until(lambda b=before: len(smtp.received) > b, 60):
                    raise SystemExit(f"no reply to message {n} within 60 s")
                latencies.append(time.monotonic() - start)
            time.sleep(1)
            cpu_before, wall_before = cpu_seconds(process.pid), time.monotonic()
            time.sleep(idle_seconds)
            idle_cpu = (cpu_seconds(process.pid) - cpu_before) / (time.monotonic() - wall_before)
        finally:
            process.terminate()
            process.wait(timeout=30)
            mailbox.close_clients()
    return {"messages": messages, "latency_median_s": round(statistics.median(latencies), 2),
            "latency_max_s": round(max(latencies), 2),
            "idle_cpu_percent": round(100 * idle_cpu, 2), "idle_seconds": idle_seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--idle-seconds", type=float, default=30)
    parser.add_argument("--smoke", action="store_true", help="small and quick; no targets")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.messages, args.idle_seconds)
    if args.json:
        print(json.dumps(result))  # noqa: T201
    else:
        print(f"reply after delivery: median {result['latency_median_s']} s, max "  # noqa: T201
              f"{result['latency_max_s']} s over {result['messages']} messages; idle CPU "
              f"{result['idle_cpu_percent']} % over {result['idle_seconds']:.0f} s")
    if args.smoke:
        return 0
    return 0 if result["latency_max_s"] <= 5 and result["idle_cpu_percent"] < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
