"""The store's numbered options, and a reply that picks one.

"Do you want to stop the newsletter only, or delete your account? 1 - newsletter only (your
account stays) 2 - delete the account": a reply "2", "the second one", «التاني طبعاً», "1
thanks" picks by its number; "both", «الاثنين», or an option that says "both" takes all of
them. What an option offers is read by its request shape, less what it keeps ("(your account
stays)"). The choice may come first with the reason after it ("2\nI'm moving back to Amman",
«الاختيار الأول لو سمحتي، الحساب يفضل زي ما هو»), unless what follows takes it back.
"""

from __future__ import annotations

import re
import unicodedata

from mailbot.understanding.courtesy import AFFIRM, THANKS
from mailbot.understanding.lexicon import word_class
from mailbot.understanding.normalise import tokens
from mailbot.understanding.questions import QUOTE_MARK, codes_of, offers_of, question_in
from mailbot.understanding.thread import (
    ALL,
    BOTH,
    ORDINALS,
    REFUSE,
    VERB_OFFER,
    WITHDRAWN,
    answer_words,
    picks_all,
)

# The store's numbered choices ("1) Delete your account …", «٢ - الإبقاء على الحساب مع إيقاف …»)
# and a reply that picks one by its number ("2", "the second one", «الثاني please», "1
# thanks", «٢ .. وبسرعة») or all of them ("both", «الاثنين»; an option that says "Both").
_OPTION_LINE = re.compile(r"^\s*\(?([1-9١-٩])\s*[).:\-]\s*(\S.*)$", re.MULTILINE)
# … or in prose: "Reply 1 for newsletter and offers only, or 2 to delete the account", «رد
# بالرقم 1 لإلغاء النشرة فقط، أو بالرقم 2 لحذف الحساب نهائياً»
_OPTION_INLINE = re.compile(r"(?:\breply|\bsend|\bor|\bpress|بالرقم|برقم|بـ|او|أو)\s+\(?([1-9١-٩])\)?\s+"
                            r"([^,.،\n؟?]+)", re.IGNORECASE)
_CHOICE_FILLER = frozenset("option number no the one choice with رقم الخيار خيار الاختيار اختيار asap "
                           "quickly soon بسرعه وبسرعه".split())


def numbered_choice(quoted: str, own_tokens: list[str]) -> tuple[str, float, tuple[str, ...]] | None:
    """What a reply picks from the store's numbered options by its number alone, or by
    taking all of them (the deletion, which includes the unsubscribe, when one offers it)."""
    text = QUOTE_MARK.sub("", quoted[:3000])
    options = {unicodedata.digit(digit): line for digit, line in
               _OPTION_LINE.findall(text) or _OPTION_INLINE.findall(text)} or _bulleted(text)
    words, rest = _choice(own_tokens)
    if not options or not words:
        return None
    if picks_all(words):
        # "both", «الاثنين»; a vaguer "all of it" to an either-or goes to a person
        return _all_of(options, "every option of our question", sure=not BOTH.isdisjoint(words))
    picked = {ORDINALS[t] for t in words if t in ORDINALS}
    if len(picked) != 1 or not all(
            t in ORDINALS or t in AFFIRM or t in ALL or word_class(t) in "pdO"
            or word_class(t) in _VERB_CLASSES for t in words):
        return None
    number = picked.pop()
    line = options.get(number)
    if line is None:
        return None
    if picks_all(tokens(line)):  # "(3) Both"
        return _all_of({k: v for k, v in options.items() if k != number},
                       f"option {number} of our question: all of them")
    offers = _option_offers(line)
    named = {_VERB_CLASSES[word_class(t)] for t in words if word_class(t) in _VERB_CLASSES}
    if not offers and "@" in line:  # "1) fahad@… 2) fq1990@…" under "which of the two
        # accounts should we close?" (not "1) Villa 12 …" under "which one should we delete?")
        asked = question_in(quoted)
        if asked and len(asked.offers) == 1 and named <= {asked.offers[0]}:
            return asked.offers[0], 0.85, (f"option {number}: the one our question asked about",)
    if len(offers) == 1 and named <= {offers[0]} and not (
            offers[0] == "delete_account" and "H" in codes_of(" ".join(rest))):
        return offers[0], 0.85, (f"option {number} of our question",)
    return None  # the line offers nothing, or both, or "2 … but keep my account": a person


# "the second one please - close it": a verb beside the number must name what that option offers
_VERB_CLASSES = {**VERB_OFFER, "C": "unsubscribe"}  # … and "cancel" beside "the first one"


def _choice(own_tokens: list[str]) -> tuple[list[str], list[str]]:
    """The words that make the choice, and what follows them: the whole answer when it is
    only a choice, else its first clause when that is one and the rest does not take it back
    («٢ لو سمحتين\nما عاد استخدم الموقع», "The first option please, the account stays")."""
    words = [t for t in answer_words(own_tokens) if t not in _CHOICE_FILLER and t not in THANKS]
    cut = next((k for k, t in enumerate(own_tokens) if t in ".,"), len(own_tokens))
    first = [t for t in own_tokens[:cut] if t not in _CHOICE_FILLER and t not in THANKS
             and any(ch.isalnum() for ch in t)]  # no emoji
    rest = own_tokens[cut + 1:]
    if first == words or not first or not (any(t in ORDINALS for t in first) or picks_all(first)):
        return words, []
    if not REFUSE.isdisjoint(rest) or "wrong" in rest or WITHDRAWN.search(" ".join(rest)):
        return words, []  # "2. Actually no, keep it"
    return first, rest


# Options as a list of bullets under the question ("- Newsletter only: …", "- Close the account
# as well: …"): "the second one" picks by place
_BULLET_LINE = re.compile(r"^\s*[-•*]\s+(\S.{2,200})$", re.MULTILINE)


def _bulleted(text: str) -> dict[int, str]:
    bullets = _BULLET_LINE.findall(text)
    return dict(enumerate(bullets, 1)) if 2 <= len(bullets) <= 3 else {}


# "(your account stays)", «يبقى الحساب»: what an option keeps, which it does not offer
_KEPT = re.compile(r"A[dx&,]{0,4}H|H[dx]{0,2}A")  # "(your account and saved prescriptions stay)"


def _option_offers(line: str) -> tuple[str, ...]:
    """What one of our numbered options offers: by its request shape, else by its words
    less what it keeps ("1 - no more New on the Shelf newsletters (your account stays)")."""
    codes = codes_of(line)
    offers, by_shape = offers_of(codes, by_words=False)
    return offers if by_shape else offers_of(_KEPT.sub("", codes), by_words=True)[0]


def _all_of(options: dict[int, str], evidence: str,
            sure: bool = True) -> tuple[str, float, tuple[str, ...]] | None:
    """Every option taken: the deletion when one offers it, else the unsubscribe."""
    offered = {offer for line in options.values() for offer in _option_offers(line)}
    if "delete_account" in offered:
        return "delete_account", 0.85 if sure else 0.7, (evidence,)
    return ("unsubscribe", 0.85, (evidence,)) if "unsubscribe" in offered else None


