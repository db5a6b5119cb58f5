"""The request state machine: the table of moves, and that the code only moves through it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mailbot.policy.states import (
    ALLOWED_MOVES,
    INITIAL_STATES,
    OPEN_STATES,
    IllegalMove,
    RequestState,
    check_move,
)

PACKAGE = Path(__file__).resolve().parents[1] / "mailbot"
THE_ONE_PLACE = PACKAGE / "pipeline" / "transitions.py"


def test_every_state_has_a_row_and_final_states_go_nowhere() -> None:
    assert set(ALLOWED_MOVES) == set(RequestState)
    for state in set(RequestState) - OPEN_STATES - {RequestState.applied}:
        assert ALLOWED_MOVES[state] == frozenset(), state


@pytest.mark.parametrize(("current", "target"), [
    ("received", "applied"), ("received", "awaiting_confirmation"), ("received", "failed"),
    ("awaiting_confirmation", "received"), ("awaiting_confirmation", "expired"),
    ("in_review", "received"), ("in_review", "rejected"), ("failed", "received"),
    ("applied", "replied"),
])
def test_allowed_moves(current: str, target: str) -> None:
    assert check_move(current, target) == RequestState(target)


@pytest.mark.parametrize(("current", "target"), [
    ("replied", "received"), ("expired", "received"), ("rejected", "applied"),
    ("applied", "received"), ("in_review", "applied"), ("awaiting_confirmation", "applied"),
    ("failed", "applied"),
])
def test_forbidden_moves(current: str, target: str) -> None:
    with pytest.raises(IllegalMove, match=f"from {current} to {target}"):
        check_move(current, target)


def test_new_requests_start_received_or_in_review() -> None:
    assert {s for s in RequestState if _starts(s)} == INITIAL_STATES


def _starts(state: RequestState) -> bool:
    try:
        check_move(None, state)
    except IllegalMove:
        return False
    return True


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(), str(p))) for p in sorted(PACKAGE.rglob("*.py"))
            if p != THE_ONE_PLACE and "migrations" not in p.parts]


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


def test_no_module_but_transitions_assigns_a_request_state() -> None:
    offences = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                flat = [t for tgt in targets for t in ast.walk(tgt)]
                if (any(isinstance(t, ast.Attribute) and t.attr == "state" for t in flat)
                        and node.value is not None and _mentions(node.value, "RequestState")):
                    offences.append(f"{path.name}:{node.lineno}")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "values"
                    and any(k.arg == "state" and _mentions(k.value, "RequestState")
                            for k in node.keywords)):
                offences.append(f"{path.name}:{node.lineno}")
    assert offences == [], "request states change only in pipeline/transitions.py"


def test_every_new_request_is_started_through_transitions() -> None:
    offences = []
    for path, tree in _modules():
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef):
                continue
            calls = {c.func.id for c in ast.walk(func)
                     if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
            if "PrivacyRequest" in calls and "start_request" not in calls:
                offences.append(f"{path.name}:{func.name}")
    assert offences == []
