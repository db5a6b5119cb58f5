"""What a destination is to the delivery loop: something that takes one event and says how
it went. Webhooks and SQL connectors implement it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mailbot.integrations.events import Event


@dataclass(frozen=True)
class Outcome:
    ok: bool
    error: str | None = None


class Destination(Protocol):
    """A webhook or a connector: where events go."""

    name: str
    events: tuple[str, ...]

    def deliver(self, event: Event) -> Outcome: ...

    def close(self) -> None: ...
