"""`mailbot suppression export`: the never-market list, for newsletter tools to import.

Plain, the list holds the addresses of people who unsubscribed. An erased person's address
is not kept, so they appear only in the hashed export (``--hashed``): the SHA-256 of the
normalised (trimmed, lower-cased) address, the form email service providers accept for
suppression lists.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TextIO

from sqlmodel import Session, select

from mailbot.store.crypto import Cipher
from mailbot.store.models import Suppression

Format = Literal["csv", "json"]


@dataclass(frozen=True)
class Entry:
    value: str  # the address, or its SHA-256 when hashed
    suppressed_at: datetime


@dataclass
class ExportReport:
    written: int = 0
    hash_only: int = 0
    """Left out of a plain export: erased people, whose address is not kept."""
    unknown: int = 0
    """Neither address nor hash (suppressed before mailbot kept them)."""


def entries(session: Session, *, cipher: Cipher, hashed: bool, report: ExportReport) -> Iterator[Entry]:
    rows = session.exec(select(Suppression).order_by(Suppression.created_at,  # type: ignore[arg-type]
                                                     Suppression.email_index))
    for row in rows:
        value = cipher.decrypt_text(row.email_sha256_enc if hashed else row.email_enc)
        if value is None:
            if row.email_sha256_enc is None:
                report.unknown += 1
            else:
                report.hash_only += 1
            continue
        report.written += 1
        yield Entry(value=value, suppressed_at=row.created_at)


def write(stream: TextIO, items: Iterator[Entry], *, format: Format, hashed: bool) -> None:
    """CSV with a header row, or JSON lines: ``{"email"|"sha256": …, "suppressed_at": …}``."""
    key = "sha256" if hashed else "email"
    if format == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([key, "suppressed_at"])
        writer.writerows([item.value, item.suppressed_at.isoformat()] for item in items)
        return
    for item in items:
        stream.write(json.dumps({key: item.value, "suppressed_at": item.suppressed_at.isoformat()})
                     + "\n")
