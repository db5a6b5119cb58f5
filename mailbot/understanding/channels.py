"""Which marketing channels an unsubscribe request names ("stop the SMS" → sms)."""

from __future__ import annotations

from functools import lru_cache

from mailbot.understanding.arabic import noun_candidates
from mailbot.understanding.clauses import end_of, start_of
from mailbot.vocabulary import MARKETING_CHANNELS

# Channel named by a token (folded), for "unsubscribe me from the SMS only".
_CHANNEL_EN: dict[str, str] = {
    **dict.fromkeys("email emails newsletter mailing mailshots bulletin".split(), "email"),
    **dict.fromkeys("sms whatsapp texting".split(), "sms"),
    **dict.fromkeys("calls calling".split(), "phone"),
    **dict.fromkeys("post posted catalogue catalog flyers leaflets letters".split(), "post"),
    **dict.fromkeys("socialmedia instagram facebook twitter tiktok snapchat".split(), "social"),
}
_CHANNEL_AR_STEMS: dict[str, str] = {
    **dict.fromkeys("ايميلات ايميل نشره نشرات بريد بريديه البريديه newsletter".split(), "email"),
    **dict.fromkeys("مسجات مسج نصيه واتساب واتس sms".split(), "sms"),
    **dict.fromkeys("اتصالات مكالمات".split(), "phone"),
    **dict.fromkeys("انستقرام انستغرام سناب تويتر فيسبوك تيك".split(), "social"),
}
_ALL_WORDS = frozenset(("any", "every", "everything", "all", "اي", "كل", "جميع", "كافه"))


def named_channels(toks: list[str], codes: str, index: list[int],
                   spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """Channels named where the customer asks to stop marketing (``spans``: each request's
    start and end in ``codes``); () means all of them.

    The clause of each request decides ("stop the SMS, the emails are fine" → sms); when
    the clause names no channel the whole sentence does, and "in any form"/"everything"
    without a channel means all channels.
    """
    found: set[str] = set()
    for start, end in spans:
        clause = _span(toks, codes, index, start, end, ".,")
        named = {c for c in map(channel_of, clause) if c}
        if not named and not _ALL_WORDS.isdisjoint(clause):
            return ()
        found |= named or {c for c in map(channel_of, _span(toks, codes, index, start, end, "."))
                           if c}
    if len(found) >= 4:
        return ()
    return tuple(c for c in MARKETING_CHANNELS if c in found)


def _span(toks: list[str], codes: str, index: list[int], start: int, end: int,
          breaks: str) -> list[str]:
    lo, hi = start_of(codes, start, breaks), end_of(codes, end, breaks)
    return toks[index[lo]:index[hi - 1] + 1] if hi > lo else []


@lru_cache(maxsize=65536)
def channel_of(tok: str) -> str | None:
    """The marketing channel a token names, if any."""
    if tok.isascii():
        return _CHANNEL_EN.get(tok)
    for stem in noun_candidates(tok):
        if stem in _CHANNEL_AR_STEMS:
            return _CHANNEL_AR_STEMS[stem]
    return None



def clear_caches() -> None:
    channel_of.cache_clear()
