"""`mailbot unsubscribe-link` and `mailbot public`: one-click unsubscribe for campaigns."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from mailbot.cli.base import EXIT_NOT_FOUND, app, err, fail, runtime
from mailbot.config import ConfigError
from mailbot.public.tokens import CHANNELS

Channel = StrEnum("Channel", {name: name for name in CHANNELS})  # type: ignore[misc]


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@app.command("unsubscribe-link")
def unsubscribe_link(
    email: Annotated[str | None, typer.Argument(metavar="EMAIL", help="The recipient's address.",
                                                show_default=False)] = None,
    channel: Annotated[Channel, typer.Option(  # type: ignore[valid-type]
        help="What the link withdraws.")] = "email",
    from_file: Annotated[Path | None, typer.Option(
        "--from-file", help="A campaign list, one address a line: prints the headers of each.",
        exists=True, dir_okay=False, show_default=False)] = None,
    output: Annotated[Format, typer.Option(
        "--format", help="With --from-file: JSON lines or CSV (email, List-Unsubscribe, "
        "List-Unsubscribe-Post).")] = Format.jsonl,
) -> None:
    """Print the RFC 8058 headers to add to a campaign mail: `List-Unsubscribe` (an https link
    to `mailbot public` and a tokened mailto) and `List-Unsubscribe-Post`. The address must
    belong to an imported customer (exit 3 when it does not; with --from-file, such lines
    carry an "error" and the exit code is 3 at the end)."""
    from mailbot.public.links import campaign_links

    if (email is None) == (from_file is None):
        raise fail("give one address or --from-file FILE")
    with runtime() as rt:
        links = partial(campaign_links, engine=rt.engine, cipher=rt.cipher, settings=rt.settings,
                        channel=str(channel))
        try:
            if email is not None:
                (link,) = links([email.strip()])
                if link.headers is None:
                    raise fail("no active customer has this address", EXIT_NOT_FOUND)
                for name, value in link.headers.items():
                    sys.stdout.write(f"{name}: {value}\n")
                return
            assert from_file is not None
            missing = _write_links(links(_addresses(from_file)), output)
        except ConfigError as exc:
            raise fail(str(exc)) from None
    if missing:
        err.print(f"{missing} address(es) belong to no active customer", markup=False)
        raise typer.Exit(EXIT_NOT_FOUND)


def _addresses(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            address = line.strip()
            if address and not address.startswith("#"):
                yield address


def _write_links(links: Iterator, output: Format) -> int:  # type: ignore[type-arg]
    missing = 0
    writer = csv.writer(sys.stdout) if output == Format.csv else None
    if writer:
        writer.writerow(["email", "List-Unsubscribe", "List-Unsubscribe-Post", "error"])
    for link in links:
        error = None if link.headers else "no active customer has this address"
        missing += error is not None
        headers = link.headers or {}
        if writer:
            writer.writerow([link.email, headers.get("List-Unsubscribe", ""),
                             headers.get("List-Unsubscribe-Post", ""), error or ""])
        else:
            sys.stdout.write(json.dumps({"email": link.email, **headers, **(
                {"error": error} if error else {})}, ensure_ascii=False) + "\n")
    return missing


@app.command("public")
def public_serve(
    host: Annotated[str | None, typer.Option(
        metavar="HOST", help="Address to listen on [default: [public] host].", show_default=False)] = None,
    port: Annotated[int | None, typer.Option(
        metavar="PORT", help="Port [default: [public] port].", show_default=False)] = None,
) -> None:
    """Serve the one-click unsubscribe endpoints (`/u/TOKEN`) for `[public] base_url`. Put
    it behind an https proxy (docs/one-click.md); it sets no cookies and needs no login."""
    import uvicorn

    from mailbot.public.app import create_app

    with runtime() as rt:
        public = rt.settings.public
        if public.base_url is None:
            err.print("warning: [public] base_url is not set, so `mailbot unsubscribe-link` "
                      "cannot make links for this server", markup=False, soft_wrap=True)
        uvicorn.run(create_app(rt), host=host or public.host,
                    port=public.port if port is None else port, server_header=False,
                    lifespan="off", ws="none", proxy_headers=True, access_log=False,
                    forwarded_allow_ips=public.forwarded_allow_ips)
