"""Sentence and clause bounds in the word-class letter string (see ``lexicon``).

Every context check (negation, threats, paid plans, the channels a request names) reads
the sentence or clause around a match. The reach is bounded: at most ``REACH`` letters
either side, so 1 MB of "unsubscribe " without a full stop costs linear time instead of
the quadratic minutes it once did.
"""

from __future__ import annotations

REACH = 80


def start_of(codes: str, pos: int, breaks: str = ".") -> int:
    """Where the sentence (or clause) holding ``pos`` starts, at most REACH letters back."""
    floor = max(0, pos - REACH)
    return max(codes.rfind(b, floor, pos) for b in breaks) + 1 or floor


def end_of(codes: str, pos: int, breaks: str = ".") -> int:
    """Where the sentence (or clause) holding ``pos`` ends, at most REACH letters on."""
    ceiling = min(len(codes), pos + REACH)
    return min((i for i in (codes.find(b, pos, ceiling) for b in breaks) if i >= 0),
               default=ceiling)
