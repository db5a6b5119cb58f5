"""Text normalisation and tokenisation for the intent classifier (Arabic, Arabizi, English).

Everything here is pure and cheap: one ``str.translate`` pass folds the Arabic spelling
variants people actually type (hamza/alef forms, taa marbuta written as haa, alef maqsura,
tatweel, diacritics, bidi marks, Arabic-Indic digits and punctuation), a handful of
compiled regexes join the English multi-word forms the rules care about, and English
typos/text-speak are mapped to canonical words by a dictionary plus a cached edit-distance
match against a small keyword vocabulary ("emials" → "emails", "remov" → "remove").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_AR_DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670"
_INVISIBLE = "\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"

_TABLE = str.maketrans(
    {
        **{c: None for c in _AR_DIACRITICS + _INVISIBLE},
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
        "،": ",",
        "؛": ";",
        "؟": "?",
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "—": " — ",
        "–": " — ",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)

# Multi-word English forms joined into one token before tokenising; each is tried only
# when its trigger substring occurs, so a message pays for the joins it can use.
_Repl = str | Callable[[re.Match[str]], str]
_JOINS: tuple[tuple[str, re.Pattern[str], _Repl], ...] = tuple(
    (trigger, re.compile(rx), repl)
    for trigger, rx, repl in (
        ("mail", r"\be-mail", "email"),
        ("opt", r"\bopt(?:ing|ed)?[\s-]*out\b", "optout"),
        ("un-", r"\bun-subscribe", "unsubscribe"),
        ("re-", r"\bre-subscribe", "resubscribe"),
        ("renew", r"\bauto-?renew", "autorenew"),
        (" not", r"\b(do|does|did|will|would|should|can|could|is|are|was|were) not\b",
         lambda m: m.group(1) + "n't"),
        ("i will", r"\bi will\b", "i'll"),
        ("go", r"\b(?:i am|i'm) (?:going to|gonna)\b", "i'll"),
        ("rid", r"\bget rid of\b", "remove"),
        ("close to", r"\b(?:this|so|very|pretty|really|getting) close to\b", "closeto"),
        ("or ", r"\bor else\b|\bor i'll\b|\bor i'd\b", "otherwise"),
        ("no ", r"\bno (?:more|longer)\b", "nomore"),
        ("any more", r"\bany more\b", "anymore"),
        ("message", r"\b(?:text|sms) messages?\b", "sms"),
        ("sign", r"\bsign(?:ed|ing)? (?:me )?up\b", "subscribe"),
        ("call", r"\bphone calls?\b", "calls"),
        ("social", r"\bsocial media\b", "socialmedia"),
        (" of", r"\bturn(?:ed|ing)? (them|it|these|those) of\b", r"turn \1 off"),
        ("viewed", r"\brecently viewed\b", "recentlyviewed"),
        ("payment method", r"\bpayment methods?\b", "card"),
        ("wish list", r"\bwish list\b", "wishlist"),
        ("gift card", r"\bgift card\b", "giftcard"),
        ("right to", r"\bright to (?:erasure|be forgotten)\b", "erasure of my data"),
    )
)

_TOKEN = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an address
    r"|https?://\S+"  # a link
    r"|[^\W_]+(?:'[^\W_]+)*"  # a word, with inner apostrophes
    r"|[.!?;\n]+"  # sentence breaks
    r"|[,:()\"—]"  # clause breaks
)
_URL_OR_ADDR = re.compile(r"^(?:https?://|[\w.+-]+@)")

# Text-speak and common misspellings → canonical word.
_EN_CANON: dict[str, str] = {
    "emails": "emails", "email": "email",
    "u": "you", "ur": "your", "r": "are", "n": "and", "cn": "can", "cud": "could",
    "pls": "please", "plz": "please", "plse": "please", "pleas": "please", "plez": "please",
    "acc": "account", "acct": "account", "accnt": "account", "a/c": "account",
    "accounts": "account", "profiles": "profile",
    "im": "i'm", "id": "i'd", "ive": "i've", "ill": "i'll", "dont": "don't", "wont": "won't",
    "cant": "can't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "wouldnt": "won't",
    "dnt": "don't", "do'nt": "don't", "wouldn't": "won't", "shouldn't": "don't",
    "al": "all", "ma": "my", "mi": "my", "da": "the", "thx": "thanks", "ty": "thanks",
    "fone": "phone", "msgs": "messages", "msg": "message", "txt": "sms", "txts": "sms",
    "texts": "sms", "sms's": "sms", "smses": "sms", "info": "info", "infos": "info",
    "unsub": "unsubscribe", "unsubs": "unsubscribe", "unsubbed": "unsubscribed",
    "promos": "promo", "promotions": "promo", "promotion": "promo", "newsletters": "newsletter",
    "mails": "emails", "mailings": "mailing", "wanna": "want", "wnat": "want", "wan": "want",
    "del": "delete", "rmv": "remove", "cancle": "cancel", "cancell": "cancel",
    "emial": "email", "emials": "emails", "emaisl": "emails", "emaill": "email",
    "watsapp": "whatsapp", "whatsap": "whatsapp", "wa": "whatsapp",
}

# Vocabulary the fuzzy matcher may map an unknown word onto (canonical, inflected forms
# included so that an exact inflection is never "corrected" to its stem).
_EN_KEYWORDS: tuple[str, ...] = (
    "account", "delete", "deleted", "deleting", "deletion", "remove", "removed", "removing",
    "removal", "close", "closed", "closing", "closure", "erase", "erased", "erasure",
    "terminate", "termination", "deactivate", "deactivation", "cancel", "cancelled",
    "cancellation", "unsubscribe", "unsubscribed", "subscription", "subscribed", "subscribe",
    "newsletter", "emails", "email", "promotional", "promo", "marketing", "messages",
    "information", "details", "personal", "please", "stop", "sending", "mailing",
    "profile", "offers", "advertising", "receive", "receiving", "anymore", "permanently",
)
_KEYWORD_SET = frozenset(_EN_KEYWORDS)


def fold(text: str) -> str:
    """Unicode-fold, case-fold and strip the Arabic spelling variation; no tokenising."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
    for trigger, pattern, repl in _JOINS:
        if trigger in text:
            text = pattern.sub(repl, text)
    return text


def unwrap(text: str) -> str:
    """Join hard-wrapped lines: a newline after a long line without end punctuation is a space."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1].rstrip()
        if len(prev) >= 55 and prev[-1] not in ".!?:;؟" and line.strip():
            out[-1] = prev + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def tokens(text: str) -> list[str]:
    """Fold ``text`` and split it into words, addresses and break tokens ('.' and ',')."""
    cache = _CANON_CACHE
    found = _TOKEN.findall(fold(unwrap(text)))
    return [cache.get(tok) or _canon_token(tok) for tok in found]


_CANON_CACHE: dict[str, str] = {}


def _canon_token(tok: str) -> str:
    first = tok[0]
    if first in ".!?;\n":
        out = "."
    elif first in ',:()"—':
        out = ","
    elif _URL_OR_ADDR.match(tok):
        out = "<addr>" if "@" in tok and not tok.startswith("http") else "<url>"
    else:
        out = canon_en(tok) if tok.isascii() else tok
    if len(_CANON_CACHE) < 200_000:
        _CANON_CACHE[tok] = out
    return out


@lru_cache(maxsize=65536)
def canon_en(tok: str) -> str:
    """Canonical spelling of an ASCII word (text-speak, typos, truncations)."""
    if tok in _EN_CANON:
        return _EN_CANON[tok]
    if len(tok) < 4 or tok in _KEYWORD_SET or not tok.isalpha():
        return tok
    best = ""
    for word in _EN_KEYWORDS:
        if word[0] != tok[0] or abs(len(word) - len(tok)) > 3:
            continue
        if len(tok) >= 4 and word.startswith(tok) and len(tok) >= 0.6 * len(word):
            return word  # truncation: "remov", "clos", "unsubscrib"
        limit = 1 if len(tok) < 8 else 2
        if _within(tok, word, limit):
            if best:
                return tok  # ambiguous: leave it alone
            best = word
    return best or tok


def _within(a: str, b: str, limit: int) -> bool:
    """Damerau-Levenshtein distance(a, b) <= limit (small strings only)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= limit
