"""Unsubscribe shapes that a look-alike object or their context explains away.

"Cancel the subscription box order", "emails keep coming about the refund", "your email says
you'll stop …", "please keep sending me the newsletter", "turn off" with no marketing near,
"stop calling me about someone else's order" match an unsubscribe shape and ask for none; an
unsubscribe from a paid plan is billing (``plans``). "My account page" is a page, not the
account. Pure checks over the word-class letters (``lexicon``) and tokens of one message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailbot.understanding import others, plans, voice
from mailbot.understanding.clauses import end_of, start_of
from mailbot.understanding.shapes import COMPOUND

_ABOUT_ORDER = re.compile(r"[xdF]{0,3}K")


def unsubscribe(codes: str, toks: Sequence[str], index: Sequence[int], rule: str, start: int,
                end: int) -> str | None:
    """What an unsubscribe match (``rule`` at ``start:end``) is: "uns", "paid" (billing) or
    None (explained away)."""
    if rule == "still-coming" and voice.asks_you(toks, index[start]):
        return None  # "can you keep sending me the newsletter?" wants it
    if others.about_an_order(toks, index, end) or (
            _only_calls(codes, toks, index, start, end)
            and others.calls_about_an_order(list(toks), list(index))):
        return None  # "stop calling me about someone else's order", and its subject line
    if plans.paid_object(codes, rule, start, end):
        return "paid"  # a billing question, not marketing
    if rule == "cancel-subscription" and COMPOUND.match(codes, end):
        return None  # "cancel the subscription box order"
    if rule.startswith("dont-send") and "K" in codes[end:end_of(codes, end, ".,")]:
        return None
    if not {"y", "q"}.isdisjoint(codes[max(0, start - 3):start]):
        return None  # "your email says you'll stop …", "why did I stop getting …"
    if rule == "still-coming" and not {"W", "p"}.isdisjoint(codes[max(0, start - 3):start]):
        return None  # "please keep sending me the newsletter" is the opposite
    if rule == "still-coming" and _ABOUT_ORDER.match(codes, end):
        return None  # "emails keep coming about the refund": order mail, not marketing
    if rule == "turn-off" and not _marketing_nearby(codes, start, end):
        return None
    return "uns"


def _only_calls(codes: str, toks: Sequence[str], index: Sequence[int], start: int,
                end: int) -> bool:
    """Are the marketing nouns of a match all calls ("stop calling me")?"""
    nouns = [toks[index[k]] for k in range(start, end) if codes[k] == "M"]
    return bool(nouns) and others.CALLS.issuperset(nouns)


def _marketing_nearby(codes: str, start: int, end: int) -> bool:
    """A marketing noun in this sentence or the one before, and nothing paid in this one."""
    this = start_of(codes, start)
    lo, hi = start_of(codes, max(this - 1, 0)), end_of(codes, end)
    return "Y" not in codes[this:hi] and any(c in "ML" for c in codes[lo:hi])


_PREPOSITIONS = frozenset("in on at via through inside with في علي".split())


def compound(codes: str, toks: Sequence[str], index: Sequence[int], end: int) -> bool:
    """"my account page" names a page; "my account in the app" («حسابي بالتطبيق») still
    names the account."""
    m = COMPOUND.match(codes, end)
    if not m:
        return False
    first = toks[index[m.start()]]
    return first not in _PREPOSITIONS and not first.startswith(("بال", "في", "عال"))
