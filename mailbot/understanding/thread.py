"""A short reply read with the store's question it answers.

"Yes please", «تمام احذفوه» or "Just the emails" mean nothing alone; under "Do you want us
to delete your account, or only stop the marketing emails?" they are requests. The
question comes from the caller (the text of the store's own message that In-Reply-To
points at) or, failing that, from the quoted text of the reply.

Only the question's *nouns* are lent to the reply — never its verbs — so quoted text
never supplies a request by itself: "stop these"/«احذفوه» find what "these"/"it" is
among them, and a bare "yes" takes the first thing the question offered (below the
auto-apply line when it offered two, so a person confirms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailbot.understanding.lexicon import word_class
from mailbot.understanding.normalise import tokens

_QUOTE_MARK = re.compile(r"^[ \t]*>+[ \t]?", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n")
AFFIRM = frozenset(
    "yes yeah yep yup sure ok okay please do go ahead confirm confirmed correct right "
    "نعم ايوه ايوا اي اكيد تمام اوكي موافق طيب ماشي صح اها "
    "aywa ee akeed tamam ok".split()
)
_SHORT_REPLY = 12  # tokens: a reply this short leans on the question
_NOUN_CLASSES = frozenset("AMLB")


@dataclass(frozen=True)
class Question:
    """What the store asked: its request nouns in order ("account", "newsletter")."""
    nouns: tuple[str, ...]
    offers: tuple[str, ...]  # "delete_account" / "unsubscribe", in the order offered


def question_in(quoted: str, asked: str | None = None) -> Question | None:
    """The store's question about an account or marketing, from ``asked`` (the store's
    message this replies to) or else from the top of ``quoted``; None when there is none."""
    source = asked if asked else _QUOTE_MARK.sub("", quoted[:1500])
    for sentence in _SENTENCE_END.split(source):
        if "?" not in sentence and "؟" not in sentence and "reply" not in sentence.lower():
            continue
        classes = [(t, word_class(t)) for t in tokens(sentence)]
        offers = tuple(dict.fromkeys(_OFFER[c] for _, c in classes if c in _OFFER))
        if offers:
            nouns = tuple(t for t, c in classes if c in _NOUN_CLASSES)
            return Question(nouns, offers)
    return None


# What a word in the store's question offers to do.
_OFFER = {**dict.fromkeys("DXAa", "delete_account"), **dict.fromkeys("USMLBf", "unsubscribe")}


def quotes_marketing(quoted: str) -> bool:
    """The quoted message looks like a newsletter: marketing words and no order talk, or
    a promo with an unsubscribe footer whose marketing words outnumber its order words
    ("earn points on every order" in a forwarded sale)."""
    classes = [word_class(t) for t in tokens(quoted[:600])]
    codes = "".join(classes)  # the footer: "Unsubscribe", «الغاء الاشتراك»
    marketing, footer, orders = codes.count("M"), codes.count("U") + codes.count("CB"), \
        codes.count("K")
    if footer and "b" in codes:
        footer += 1  # "you are receiving this because you subscribed … Unsubscribe"
    return marketing + footer >= 2 and (not orders or (footer > 0 and marketing > orders))


def leans_on_question(own_tokens: list[str]) -> bool:
    return sum(1 for t in own_tokens if t not in ".,") <= _SHORT_REPLY


def affirms(own_tokens: list[str]) -> bool:
    """A bare "yes" / «تمام»: every word is agreement or politeness, after the first
    sentence perhaps a sign-off ("Yes please.\n\nHannah", "ok. thanks, Omar")."""
    own_tokens = [t for t in own_tokens if t in ".," or any(ch.isalnum() for ch in t)]  # 🙏
    words = [t for t in own_tokens if t not in ".,"]
    if "." in own_tokens:
        first = own_tokens.index(".")
        rest = [t for t in own_tokens[first:] if t not in ".,"]
        if len(rest) <= _SIGN_OFF and all(t in _THANKS or word_class(t) == "x" for t in rest):
            words = [t for t in own_tokens[:first] if t != ","]
    return bool(words) and all(t in AFFIRM or word_class(t) in "pd" for t in words) \
        and any(t in AFFIRM for t in words)


_SIGN_OFF = 3  # words after the answer: a name, "thanks", «شكرا»
_THANKS = frozenset("thanks thank you regards cheers شكرا مشكور مشكورين".split())


def answer(question: Question, own_tokens: list[str], intent: str,
           confidence: float) -> tuple[str, float, tuple[str, ...]]:
    """A reply with no request of its own, read with the store's question: "yes" takes
    what was offered (the first of two below auto-apply: a person confirms); "just the
    emails" picks the marketing option."""
    classes = {word_class(t) for t in own_tokens}
    if affirms(own_tokens):
        chosen = question.offers[0]
        return chosen, 0.85 if len(question.offers) == 1 else 0.7, ("yes to our question",)
    if len(question.offers) > 1 and "j" in classes and not classes.isdisjoint("ML"):
        return "unsubscribe", 0.8, ("chose the marketing option of our question",)
    return intent, confidence, ()
