"""Email addresses as text: normalising, checking, and keeping them out of logs (pure).

The one home for "what an address looks like" and for masking: blind indexes, imports,
logs, stored error texts and the SMTP layer all use these.
"""

from __future__ import annotations

import re

ADDRESS_IN_TEXT = re.compile(r"[^\s<>()\[\],;:\"'@]+@[^\s<>()\[\],;:\"'@]+")
"""Anything in free text that may be an address (for masking: errs towards matching)."""

_VALID_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")


def normalise_email(address: str) -> str:
    """Lower-cased and trimmed, nothing more: ``a+x@`` stays distinct from ``a@``."""
    return address.strip().strip("<>").strip().lower()


def is_plausible_address(value: str) -> bool:
    """``local@domain.tld`` without spaces or brackets: what an import accepts."""
    return bool(_VALID_ADDRESS.match(value.strip()))


def mask_email(address: str | None) -> str:
    """For logs: ``s***@example.com``."""
    if not address or "@" not in address:
        return "***"
    local, _, domain = normalise_email(address).rpartition("@")
    return f"{local[:1]}***@{domain}"


def mask_addresses(text: str) -> str:
    """Every address in ``text`` masked."""
    return ADDRESS_IN_TEXT.sub(lambda m: mask_email(m.group()), text) if "@" in text else text


def safe_line(text: object, limit: int = 300) -> str:
    """One line fit for logs and the database: whitespace folded, addresses masked, capped."""
    return mask_addresses(" ".join(str(text).split()))[:limit]


def describe_error(exc: BaseException, limit: int = 300) -> str:
    """``Type: first line``, safe: database errors go on to quote SQL and parameters."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    return safe_line(f"{type(exc).__name__}: {first}" if first else type(exc).__name__, limit)
