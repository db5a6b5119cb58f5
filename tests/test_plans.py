"""understanding.plans: a subscription that costs money is billing, not marketing."""

from __future__ import annotations

import pytest

from mailbot.understanding import plans
from mailbot.understanding.letters import codes as _codes
from mailbot.understanding.normalise import tokens


def _letters(text: str) -> str:
    return _codes(tokens(text))[0]


@pytest.mark.parametrize(("text", "paid"), [
    ("cancel my plus membership subscription", True),
    ("cancel my subscription , it renews every month", True),
    ("unsubscribe me from the plus membership", True),
    ("cancel my newsletter subscription and do not renew my plus membership", False),
    ("الغوا اشتراكي في النشره ولا تجددون العضويه", False),
])
def test_paid_object_of_cancel_subscription(text: str, paid: bool) -> None:
    codes = _letters(text)
    rule, start = ("unsubscribe", codes.index("U")) if "U" in codes else (
        "cancel-subscription", codes.index("C"))
    end = start + 1 if rule == "unsubscribe" else codes.index("B", start) + 1
    assert plans.paid_object(codes, rule, start, end) is paid


@pytest.mark.parametrize(("text", "found"), [
    ("cancel my premium membership renewal", True),
    ("do not renew my plus membership", True),
    ("لا تجددون العضويه", True),
    ("cancel my order", False),
    ("i never paid for anything", False),
])
def test_requests(text: str, found: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    assert bool(list(plans.requests(codes, toks, index))) is found


@pytest.mark.parametrize(("text", "named"), [
    ("cancel my volta care subscription", True),
    ("cancel my volta care monthly subscription", True),
    ("الغوا اشتراكي في فولتا كير", True),
    ("customer care please unsubscribe me", False),
    ("the plus side is the newsletter", False),
    ("ابي الغي اشتراك pro", True),
    ("unsubscribe me from the sample box", True),
    ("الغي اشتراكي في صندوق العينات", True),
    ("your emails fill my mail box", False),
    ("رسايلكم مالية صندوق البريد", False),
])
def test_named_plan(text: str, named: bool) -> None:
    toks = tokens(text)
    i = next(k for k, t in enumerate(toks) if t in plans.PLAN_NAMES)
    assert plans.named_plan(toks, i) is named


@pytest.mark.parametrize(("text", "paid"), [
    # money back for a subscription: one that was paid
    ("Please cancel the duplicate subscription on her account and refund it.", True),
    # … unless the marketing is named beside it
    ("please cancel my newsletter subscription and refund my last order", False),
    ("please cancel my subscription", False),
])
def test_a_refunded_subscription_is_paid(text: str, paid: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    start = codes.index("C")
    assert plans.refunded(codes, toks, index, start, start + 2) is paid
