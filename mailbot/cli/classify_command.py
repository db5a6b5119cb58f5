"""``mailbot classify [--json] FILE…``: one result object per file, never an exception.

The shape is a contract: ``{"path", "intent", "confidence", "language", "evidence",
"channels"}``, or ``{"path", "error"}`` for a file that cannot be read or parsed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mailbot.mail.parsing import parse_message
from mailbot.understanding.classify import classify


def classify_bytes(raw: bytes, path: str, store_names: tuple[str, ...] = ()) -> dict[str, Any]:
    """The ``mailbot classify --json`` object for one raw message; never raises."""
    try:
        result = classify(parse_message(raw), store_names=store_names)
    except Exception as exc:  # noqa: BLE001 - the CLI contract is "never raise"
        return {"path": path, "error": f"{type(exc).__name__}: {exc}"}
    return {
        "path": path,
        "intent": result.intent,
        "confidence": result.confidence,
        "language": result.language,
        "evidence": list(result.evidence),
        "channels": list(result.channels),
    }


def classify_file(path: str | Path, store_names: tuple[str, ...] = ()) -> dict[str, Any]:
    """Read and classify one message file; unreadable files give ``{"path", "error"}``."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return {"path": str(path), "error": f"{type(exc).__name__}: {exc.strerror or exc}"}
    return classify_bytes(raw, str(path), store_names)
