"""The privacy request's life: its states and the moves allowed between them (pure).

::

    received ──► awaiting_confirmation ──► received (confirmed) ──► applied ──► replied
        │                  └──► expired / rejected
        ├──► in_review ──► received (approved) / rejected
        └──► failed ──► received (retried) / rejected

Every change of state goes through :func:`check_move` (called by
:func:`mailbot.pipeline.transitions.move_request`, the one place that assigns a state and
writes its audit event), so a move the table does not allow is a bug that fails loudly.
"""

from __future__ import annotations

from enum import StrEnum


class RequestState(StrEnum):
    received = "received"
    awaiting_confirmation = "awaiting_confirmation"
    in_review = "in_review"
    applied = "applied"
    replied = "replied"
    rejected = "rejected"
    expired = "expired"
    failed = "failed"

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATES


OPEN_STATES = frozenset(
    {RequestState.received, RequestState.awaiting_confirmation, RequestState.in_review,
     RequestState.failed}
)

INITIAL_STATES = frozenset({RequestState.received, RequestState.in_review})
"""A new request starts here: executed by the next pass, or waiting for a human."""

_S = RequestState
ALLOWED_MOVES: dict[RequestState, frozenset[RequestState]] = {
    _S.received: frozenset({_S.applied, _S.awaiting_confirmation, _S.failed, _S.rejected,
                            _S.in_review}),
    _S.awaiting_confirmation: frozenset({_S.received, _S.expired, _S.rejected, _S.in_review}),
    _S.in_review: frozenset({_S.received, _S.rejected}),
    _S.failed: frozenset({_S.received, _S.rejected}),
    _S.applied: frozenset({_S.replied}),
    _S.replied: frozenset(),
    _S.rejected: frozenset(),
    _S.expired: frozenset(),
}


class IllegalMove(ValueError):
    """A state change the request's life does not allow."""


def check_move(current: str | None, target: str) -> RequestState:
    """The target state, when ``current → target`` is allowed (``None``: a new request)."""
    to = RequestState(target)
    if current is None:
        if to not in INITIAL_STATES:
            raise IllegalMove(f"a new request cannot start as {to}")
        return to
    if to not in ALLOWED_MOVES[RequestState(current)]:
        raise IllegalMove(f"a request cannot move from {current} to {to}")
    return to
