"""The subject line: whose words it holds, and what it asks.

A fresh mail's subject is the sender's own ("Delete my account", «احذف»), read before the
text, and a one-word verb there joins the text's object into one sentence («احذف» above
«حسابي لو سمحتوا»). A reply's subject was written by whoever sent the original, so it is
not read: "Re: 20% off everything" asks nothing of us. Two exceptions. A reply that says
nothing but a name or a number asks in the subject its sender edited ("Re: Falaj Weekly -
الغاء الاشتراك بالنشره" above «هلال السيابي 9211 0457»); read below the auto-apply line, as
the words may still be ours. And a reply whose quote was trimmed away keeps our question only
in its subject ("RE: Please confirm: delete your account" above "yes go ahead and delete it"),
which ``thread`` reads as the question asked.
"""

from __future__ import annotations

import re

from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding import courtesy
from mailbot.understanding.lexicon import word_class
from mailbot.understanding.normalise import tokens

_FORWARDS = "fw|fwd|tr|اعاده توجيه|إعادة توجيه|تحويل"
REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|رد|" + _FORWARDS + r")\s*:\s*)+", re.IGNORECASE)
_FORWARD = re.compile(r"^\s*(?:" + _FORWARDS + r")\s*:", re.IGNORECASE)


def asked_in(msg: ParsedMessage, subject: str) -> str | None:
    """A reply whose quote was trimmed away keeps our question only in its subject ("RE:
    Please confirm: delete your account" above "yes go ahead and delete it")."""
    if msg.quoted or not REPLY_PREFIX.match(subject) or _FORWARD.match(subject):
        return None
    return REPLY_PREFIX.sub("", subject)


def with_text(subject: str, own: str, text_toks: list[str]) -> list[str]:
    """The tokens read for a request: the subject's, then those of the sender's own text
    ``own`` (``text_toks``)."""
    if REPLY_PREFIX.match(subject) and not edited(subject, own):
        subject = ""  # a reply's subject was written by whoever sent the original
    elif _opens_text(subject, own):
        subject = ""  # subject "no sms", text "no sms code coming when i login": typed twice
    toks = tokens(subject) + ["."] if subject.strip() else []
    if len(toks) == 2 and text_toks and word_class(toks[0]) in _VERBS and word_class(
            text_toks[0]) in _OBJECTS:
        toks = toks[:1]  # subject «احذف», text «حسابي لو سمحتوا»: one sentence
    elif _names_only(toks[:-1]) and _bare_verb(text_toks):
        return text_toks + toks[:-1]  # subject "my account", text "delete me pls": one
    return toks + text_toks


def _opens_text(subject: str, own: str) -> bool:
    """Is the subject the text's own first words, which the text goes on to finish?"""
    opening = subject.strip().rstrip(".!?؟").lower()
    text = own.lstrip()[:len(opening) + 2].lower()  # only as much as the subject could open
    return len(opening) > 2 and text.startswith(opening) and len(text) > len(opening) + 1 and \
        not text[len(opening)].isalnum()  # «انسبسكرايب» does not open «انسبسكرايبوني»


def _names_only(toks: list[str]) -> bool:
    """A subject that only names a thing: "my account", «النشرة»."""
    classes = [word_class(t) for t in toks]
    return 0 < len(toks) <= 3 and all(c in "dAIMLB" for c in classes) and any(
        c in _OBJECTS for c in classes)


def _bare_verb(text_toks: list[str]) -> bool:
    """A text of a verb and at most a "me" or a please: "delete me pls", «وقفوها»."""
    words = [t for t in text_toks if t not in ".,"]
    return 0 < len(words) <= 3 and word_class(words[0]) in _VERBS and all(
        word_class(t) in "mpd" for t in words[1:])


_VERBS, _OBJECTS = frozenset("DCS"), frozenset("AIML")
_SIGNATURE_WORDS = 4
EDITED_CONFIDENCE = 0.7  # a request read from a reply's subject: a person confirms it
_ASKS = re.compile("[?؟]")  # "Re: Do you want us to delete your account?": our question
# A name or a number: "Hilal Al Siyabi", «هلال السيابي», "9211 0457", "+968 9211 0457"
_NAME_OR_NUMBER = re.compile(r"(?:[A-Z][\w'.-]*|[\u0621-\u064a]+|\+?[\d()-]+)")
# … and not a yes, a no or a thanks («مشكورين» under "Re: your account was deleted")
_NOT_NAMES = courtesy.AFFIRM | courtesy.THANKS | frozenset("thank no لا".split())


def edited(subject: str, own: str) -> bool:
    """Is ``subject`` a reply's subject the sender edited to ask something: above their own
    text ``own`` of nothing but a name or a number, and not a forward or our question ("Re:
    Do you want us to …?")?"""
    if not REPLY_PREFIX.match(subject) or _FORWARD.match(subject) or _ASKS.search(subject):
        return False
    words = own.split()
    return 0 < len(words) <= _SIGNATURE_WORDS and all(
        _NAME_OR_NUMBER.fullmatch(w) and w.lower() not in _NOT_NAMES for w in words) and all(
        word_class(t) in ("x", "E", ".", ",") for t in tokens(own))  # no "Stop", «شيلوني»
