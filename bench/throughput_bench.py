"""A backlog end to end: mailbot against a bare fetch-and-reply script, side by side.

    .venv/bin/python bench/throughput_bench.py                     # 10,000 messages
    .venv/bin/python bench/throughput_bench.py --messages 300 --smoke

Both runs get the same mixed backlog in their own mailbox on one real Dovecot, and send to
one aiosmtpd sink. The bare script only batch-fetches the messages and sends one reply per
request over one reused SMTP connection — a lower bound nothing real can beat. mailbot does
the whole job as `mailbot run --once` in its own process: fetch, parse, classify, decide,
apply, audit, reply, deliver and move, on a fresh SQLite database.

Design targets: mailbot within 2x the bare script (aim 1.25x); peak RSS at most 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import smtplib
import subprocess
import sys
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from _servers import mail_servers  # noqa: E402
from imapclient import IMAPClient  # noqa: E402

from mailbot.store.crypto import generate_keyring  # noqa: E402
from tests.fixtures.dovecot import DovecotMailbox  # noqa: E402
from tests.fixtures.smtp import SmtpServer  # noqa: E402
from tests.fixtures.world import write_daemon_config  # noqa: E402

SUPPORT = "support@shop.example"
# (share of the backlog, subject, body, extra headers); requests first
MIX = [
    (45, "Unsubscribe", "Hi, please unsubscribe me from your newsletter. Thanks", {}),
    (10, "Delete my account", "Please delete my account and all my personal data.", {}),
    (35, "Where is my order?", "Hello, my order has not arrived yet. Can you check the "
     "tracking for me? It was due on Monday.", {}),
    (10, "Out of office", "I am away until Sunday with limited access to email.",
     {"Auto-Submitted": "auto-replied"}),
]
REQUEST_SUBJECTS = {"Unsubscribe", "Delete my account"}
BATCH = 500


def backlog(count: int) -> list[tuple[str, bytes]]:
    now = format_datetime(datetime.now(UTC))
    kinds = [kind for share, *kind in MIX for _ in range(share)]
    messages = []
    for n in range(count):
        subject, body, headers = kinds[(n * 7) % len(kinds)]  # 7 is coprime to 100: mixed
        message = EmailMessage()
        sender = f"customer{n}@example.com"
        message["From"], message["To"], message["Subject"] = sender, SUPPORT, subject
        message["Date"], message["Message-ID"] = now, make_msgid(domain="example.com")
        for name, value in headers.items():
            message[name] = value
        message.set_content(body)
        messages.append((sender, message.as_bytes()))
    return messages


def load(mailbox: DovecotMailbox, messages: list[tuple[str, bytes]]) -> None:
    for _sender, raw in messages:
        mailbox.deliver(raw)


def bare_script(mailbox: DovecotMailbox, smtp: SmtpServer) -> float:
    """Batch-fetch everything, send one reply per request over one SMTP connection."""
    start = time.perf_counter()
    headers = BytesHeaderParser()
    with IMAPClient("127.0.0.1", port=mailbox.port, ssl=False) as imap, \
            smtplib.SMTP(smtp.host, smtp.port, local_hostname="shop.example") as relay:
        imap.login(mailbox.username, mailbox.password)
        imap.select_folder("INBOX")
        uids = imap.search("ALL")
        for first in range(0, len(uids), BATCH):
            for data in imap.fetch(uids[first:first + BATCH], ["BODY.PEEK[]"]).values():
                message = headers.parsebytes(data[b"BODY[]"])
                if message["Subject"] in REQUEST_SUBJECTS:
                    reply = EmailMessage()
                    reply["From"], reply["To"] = SUPPORT, parseaddr(message["From"])[1]
                    reply["Subject"] = "Re: " + message["Subject"]
                    reply.set_content("Done.")
                    relay.send_message(reply)
    return time.perf_counter() - start


def customers_file(folder: Path, messages: list[tuple[str, bytes]]) -> Path:
    path = folder / "customers.jsonl"
    path.write_text("".join(json.dumps({"email": sender, "marketing": {"email": True}}) + "\n"
                            for sender, _ in messages))
    return path


def mailbot_run(mailbox: DovecotMailbox, smtp: SmtpServer, folder: Path,
                messages: list[tuple[str, bytes]], profile: Path | None) -> tuple[float, float]:
    """`mailbot run --once` in its own process: (seconds, peak RSS in MB)."""
    config = write_daemon_config(folder / "config.toml", mailbox, smtp,
                                 f"sqlite:///{folder / 'mailbot.db'}",
                                 password_env="BENCH_IMAP_PASSWORD", mailbox_batch=BATCH,
                                 smtp_batch=500, smtp_timeout=30)
    env = {**os.environ, "MAILBOT_KEYS": generate_keyring(), "BENCH_IMAP_PASSWORD": mailbox.password}
    mailbot = [sys.executable, "-m", "mailbot", "--config", str(config)]
    subprocess.run([*mailbot, "init"], env=env, check=True, capture_output=True)
    subprocess.run([*mailbot, "customers", "import", str(customers_file(folder, messages))],
                   env=env, check=True, capture_output=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    if profile is not None:
        mailbot[1:3] = ["-m", "cProfile", "-o", str(profile), "-m", "mailbot"]
    done = subprocess.run([*mailbot, "run", "--once"], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"mailbot run --once failed:\n{done.stdout}\n{done.stderr}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return seconds, peak / 1024


def measure(count: int, profile: Path | None = None) -> dict[str, float]:
    messages = backlog(count)
    requests = sum(1 for _s, raw in messages if b"Subject: Unsubscribe" in raw
                   or b"Subject: Delete my account" in raw)
    others = sum(1 for _s, raw in messages if b"Subject: Where is my order?" in raw)
    with mail_servers() as (root, server, smtp):
        bare_box, bot_box = (DovecotMailbox(server, *server.add_user()) for _ in range(2))
        load(bare_box, messages)
        load(bot_box, messages)
        bare = bare_script(bare_box, smtp)
        sent_by_bare = len(smtp.received)
        bot, rss = mailbot_run(bot_box, smtp, root, messages, profile)
        sent_by_bot = len(smtp.received) - sent_by_bare
        left_in_inbox = bot_box.count("INBOX")
        bot_box.close_clients()
    return {"messages": count, "requests": requests, "others": others, "bare_seconds": round(bare, 2),
            "mailbot_seconds": round(bot, 2), "ratio": round(bot / bare, 2),
            "mailbot_messages_per_second": round(count / bot), "replies_bare": sent_by_bare,
            "replies_mailbot": sent_by_bot, "other_left_in_inbox": left_in_inbox,
            "peak_rss_mb": round(rss)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--smoke", action="store_true", help="small and quick; no targets")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", type=Path, help="write mailbot's cProfile output here")
    args = parser.parse_args()
    result = measure(args.messages, args.profile)
    if args.json:
        print(json.dumps(result))  # noqa: T201
    else:
        print(f"{result['messages']:,} messages ({result['requests']:,} requests): bare script "  # noqa: T201
              f"{result['bare_seconds']} s, mailbot {result['mailbot_seconds']} s "
              f"({result['mailbot_messages_per_second']:,}/s) = {result['ratio']}x; "
              f"replies {result['replies_bare']:,} / {result['replies_mailbot']:,}; "
              f"peak RSS {result['peak_rss_mb']} MB")
    if args.smoke:
        return 0
    return 0 if result["ratio"] <= 2 and result["peak_rss_mb"] <= 200 else 1


if __name__ == "__main__":
    sys.exit(main())
