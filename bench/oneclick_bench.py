"""One-click unsubscribe: token minting per second, and RFC 8058 POSTs per second against
the real `mailbot public` server on loopback (each POST a real unsubscribe: a request, its
audit events, the consent change and a change event, committed).

    .venv/bin/python bench/oneclick_bench.py                          # 20,000 links, 2,000 POSTs
    .venv/bin/python bench/oneclick_bench.py --customers 100 --posts 40 --smoke
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from _databases import fresh_database  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlmodel import Session  # noqa: E402

from mailbot.config import settings_from_dict  # noqa: E402
from mailbot.public.links import campaign_links  # noqa: E402
from mailbot.public.tokens import TokenSigner  # noqa: E402
from mailbot.store.crypto import Cipher, Keyring, generate_keyring  # noqa: E402
from mailbot.store.customers import import_customers  # noqa: E402
from mailbot.store.models import PrivacyRequest  # noqa: E402

NOW = datetime(2026, 6, 1, tzinfo=UTC)
BASE_URL = "https://u.shop.example"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(url: str, keyring: str, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`mailbot public` in its own process, as an operator runs it."""
    config = folder / "config.toml"
    config.write_text(f'[database]\nurl = "{url}"\n[mailbox]\nbackend = "maildir"\npath = "in"\n'
                      f'[smtp]\nbackend = "maildir"\npath = "out"\n'
                      f'[public]\nbase_url = "{BASE_URL}"\nrate_limit_per_minute = 1000000\n')
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mailbot", "--config", str(config), "public",
                             "--port", str(port)], env={**os.environ, "MAILBOT_KEYS": keyring},
                            stderr=subprocess.DEVNULL)
    server = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{server}/healthz", timeout=1).status_code == 200:
                return proc, server
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("mailbot public did not start")


async def post_all(server: str, tokens: list[str], concurrency: int) -> list[int]:
    queue = list(reversed(tokens))
    codes: list[int] = []

    async def worker(client: httpx.AsyncClient) -> None:
        while queue:
            token = queue.pop()
            answer = await client.post(f"/u/{token}", content=b"List-Unsubscribe=One-Click",
                                       headers={"content-type": "application/x-www-form-urlencoded"})
            codes.append(answer.status_code)

    async with httpx.AsyncClient(base_url=server, timeout=30) as client:  # keep-alive, like a provider
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return codes


def run(kind: str, args: argparse.Namespace, keyring: str, folder: Path) -> dict[str, float]:
    cipher = Cipher(Keyring.parse(keyring, where="bench"))
    emails = [f"customer{n}@example.com" for n in range(args.customers)]
    path = folder / "customers.jsonl"
    path.write_text("".join(json.dumps({"email": e, "marketing": {"email": True}}) + "\n"
                            for e in emails))
    with fresh_database(kind) as engine:
        import_customers(path, engine=engine, cipher=cipher, now=NOW)
        settings = settings_from_dict({"public": {"base_url": BASE_URL}})
        start = time.perf_counter()
        links = list(campaign_links(emails, engine=engine, cipher=cipher, settings=settings))
        minting = time.perf_counter() - start
        tokens = [link.headers["List-Unsubscribe"].split("/u/", 1)[1].split(">", 1)[0]
                  for link in links if link.headers]
        proc, server = serve(str(engine.url.render_as_string(hide_password=False)), keyring, folder)
        try:
            start = time.perf_counter()
            codes = asyncio.run(post_all(server, tokens[:args.posts], args.concurrency))
            posting = time.perf_counter() - start
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        with Session(engine) as session:
            applied = session.scalar(select(func.count()).select_from(PrivacyRequest)) or 0
    return {"links": len(tokens), "links_per_second": round(len(tokens) / minting),
            "posts": len(codes), "ok": codes.count(200), "requests": applied,
            "posts_per_second": round(len(codes) / posting, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--posts", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    keyring = generate_keyring()
    signer = TokenSigner(Keyring.parse(keyring, where="bench"))
    count = 20_000 if not args.smoke else 1_000
    start = time.perf_counter()
    for n in range(1, count + 1):
        signer.mint(n)
    results: dict[str, object] = {"mint_only_per_second": round(count / (time.perf_counter() - start))}
    with TemporaryDirectory() as folder:
        for kind in args.engines.split(","):
            results[kind] = run(kind, args, keyring, Path(folder))
    if args.json:
        print(json.dumps(results))  # noqa: T201
    else:
        print(f"token signing alone: {results['mint_only_per_second']:,}/s")  # noqa: T201
        for kind in args.engines.split(","):
            r = results[kind]
            assert isinstance(r, dict)
            print(f"{kind:9} {r['links']:,} links (lookup + signing) at {r['links_per_second']:,}/s; "  # noqa: T201
                  f"{r['posts']:,} one-click POSTs at {r['posts_per_second']:,}/s "
                  f"({r['ok']:,} answered 200, {r['requests']:,} requests applied)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
