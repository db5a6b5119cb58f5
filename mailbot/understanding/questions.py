"""The store's question that a reply answers, and what it offers.

The question comes from the caller (the text of the store's own message that In-Reply-To
points at) or, failing that, from the top of the quoted text of the reply: a sentence that
asks ("?"), asks for a reply or a confirmation ("Please confirm … by replying", an Outlook
block's "Subject: Confirm account closure", «للتأكيد»).

What the question offers is read with the request shapes (``shapes``), so "remove you from
our mailing list" offers an unsubscribe, not a deletion. Only the question's *nouns* are
lent to the reply (``thread``) — never its verbs — so quoted text never supplies a request
by itself.

A confirmation mail often states the request in one sentence and asks for the reply in the
next ("We received a request to delete your account. To confirm, please reply to this
email.", «وصلنا طلب لحذف حسابك. للتأكيد يرجى الرد»): a call to confirm that names nothing
takes what the sentence before it asks for (not a report that it was done). A question that
asks whether to *keep* something ("Would you like to keep receiving our offers?", «هل ترغب
بالاستمرار في تلقي عروضنا؟», "Do you want to keep your account?") is marked, so the answer
is turned round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailbot.understanding.lexicon import word_class
from mailbot.understanding.normalise import tokens
from mailbot.understanding.shapes import DEL_RULES, STAY_RULES, UNS_RULES, applicable
from mailbot.understanding.wrapping import unwrap

QUOTE_MARK = re.compile(r"^[ \t]*>+[ \t]?", re.MULTILINE)
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n")
# A sentence of the store's that waits for an answer: a question ("?"), or a call to reply
# or confirm. The call must name what it offers in a request shape ("Please confirm you want
# your account deleted"): "This email confirms your order" offers nothing.
# ("order confirmations" name mail, not a call)
# «نودّ التأكد من أن الطلب صادر منك» ("we want to make sure the request came from you")
# «لإتمام الطلب يرجى الرد … بكلمة: نعم», "to complete your request, reply YES": completing is
# confirming
_CONFIRMING = (r"confirm(?!ations)|ت[اأ]كيد|(?:ال|لل)ت[اأ]كد(?!ين)|\b[اأ]كد"  # not «متأكدين»
               r"|to complete|ل[اإ]تمام")
_CALLS = re.compile(r"reply|\bرد|بالرد|الرد|" + _CONFIRMING, re.IGNORECASE)
_CONFIRM = re.compile(_CONFIRMING, re.IGNORECASE)
# "We didn't receive your confirmation …", «لم يصلنا تأكيدك»: a report that it expired, no call
_NOT_RECEIVED = re.compile(r"\b(didn't|did not|haven't|have not|never) (receive|get|hear)"
                           r"|لم (يصلنا|يصل|نتلق|نستلم)", re.IGNORECASE)
_REPLY_MEDIUM = re.compile(r"\b(?:reply|respond)(?:ing)?(?: \w+)? to (?:this|the|our) "
                           r"(?:message|e-?mail|mail)\b"  # "reply (YES) to this message"
                           r"|الرد على (?:هذه|هذا) (?:الرسالة|الرساله|البريد|الإيميل|الايميل)",
                           re.IGNORECASE)
_NOUN_CLASSES = frozenset("AMLB")


@dataclass(frozen=True)
class Question:
    """What the store asked: its request nouns in order ("account", "newsletter")."""
    nouns: tuple[str, ...]
    offers: tuple[str, ...]  # "delete_account" / "unsubscribe", in the order offered
    keeps: bool = False  # asks whether to keep it: "Would you like to keep receiving …?"
    names_address: bool = False  # "Which email should we remove?": an address answers it
    by_reply: bool = False  # "To confirm, simply reply to this email": a reply is the answer
    anew: bool = False  # "… please send a new request": no reply answers it, it only names


def question_in(quoted: str, asked: str | None = None) -> Question | None:
    """The store's question about an account or marketing, from ``asked`` (the store's
    message this replies to) or else from the top of ``quoted``; None when there is none."""
    # a quote is hard-wrapped by the mail client: "… delete your account and the\n> personal
    # data … Please reply YES to this email to\n> confirm." is two sentences, not five lines
    source = unwrap(asked if asked else QUOTE_MARK.sub("", quoted[:1500]))
    before: list[str] = []  # the last sentences with words: what a bare "To confirm, reply"
    for sentence in SENTENCE_END.split(source):  # confirms
        asks = "?" in sentence or "؟" in sentence
        if not asks and (not _CALLS.search(sentence) or _NOT_RECEIVED.search(sentence)):
            before = [sentence, *before[:_CONFIRMS_BACK - 1]] if sentence.strip() else before
            continue
        # "reply to this message to confirm": the message is how to answer, not what is offered
        classes = [(t, word_class(t)) for t in tokens(_REPLY_MEDIUM.sub("reply", sentence))]
        codes = "".join(c for _, c in classes)
        if _JOINS.search(sentence) and not any(c in _ENDS for c in codes):
            continue  # "Would you like to join our newsletter?" offers no unsubscribe
        # a question, or a call to confirm that names what it confirms ("reply YES to
        # confirm the deletion"), offers what its words name
        offers, by_shape = offers_of(codes, by_words=asks or _CONFIRM.search(sentence) is not None)
        if not offers and not asks and _CONFIRM.search(sentence):
            # "We have received your request to delete your account. Before we proceed,
            # please note … will be removed. Please reply to confirm": the nearest sentence
            # that offers something, not one that tells what was done ("e")
            for earlier in before:
                told = [(t, word_class(t)) for t in tokens(earlier)]
                told_codes = "".join(c for _, c in told)
                offers, by_shape = offers_of(told_codes + codes, by_words=False) if (
                    "e" not in told_codes) else ((), False)
                if offers:
                    classes, codes = told + classes, told_codes + codes
                    break
        if offers:
            nouns = tuple(t for t, c in classes if c in _NOUN_CLASSES)
            return Question(nouns, offers, keeps=_keeps(codes, by_shape),
                            names_address="E" in codes,
                            by_reply=not asks and _CONFIRM.search(sentence) is not None,
                            anew=_NEW_REQUEST.search(sentence) is not None)
        before = [sentence, *before[:_CONFIRMS_BACK - 1]] if sentence.strip() else before
    return None


_CONFIRMS_BACK = 3  # sentences a bare call to confirm looks back for what it confirms
# A question that offers to start a mailing: "join", "sign up", «تنضم», «تشترك»
_JOINS = re.compile(r"\b(join|sign(ing)? up|opt(ing)? in|subscribe|subscribing)\b|انضم|تنضم"
                    r"|الانضمام|تشترك|\bاشترك\b", re.IGNORECASE)
_ENDS = frozenset("USCDXaf")  # … unless it also offers to end something
# "If you still want your account deleted, please send a new request": a reply is no answer
_NEW_REQUEST = re.compile(r"\bnew request|submit a request|طلب(ا|ًا)? جديد", re.IGNORECASE)


def may_ask(text: str) -> bool:
    """A cheap look before :func:`question_in`: a question mark, or a call to reply."""
    return "?" in text or "؟" in text or _CALLS.search(text) is not None


def asks_about_account(quoted: str, asked: str | None = None) -> bool:
    """Does the quote hold our question offering a deletion ("newsletter only, or close your
    account as well?"): a store's question, however many "messages" it names, no mailing?"""
    question = question_in(quoted, asked)
    return question is not None and "delete_account" in question.offers


def _keeps(codes: str, by_shape: bool) -> bool:
    """Does the question ask whether to keep something ("keep receiving our offers",
    «تظل مشترك», "keep your account") rather than whether to end it?"""
    return "H" in codes and (not by_shape or any(rx.search(codes) for _, _, rx, _ in STAY_RULES))


# What a word in the store's question offers to do, when no request shape says it.
_OFFER = {**dict.fromkeys("DXAa", "delete_account"), **dict.fromkeys("USMLBf", "unsubscribe")}


def offers_of(codes: str, by_words: bool) -> tuple[tuple[str, ...], bool]:
    """What a question offers, in order, and whether a request shape said it: by its
    request shapes ("remove you from our mailing list" is an unsubscribe), else
    (``by_words``) by its words."""
    offer = _OFFER
    if "E" in codes and "D" in codes and not any(c in "AIRX" for c in codes):
        offer = {**_OFFER, "D": "unsubscribe"}  # "Which email should we remove?": off the list
    words = tuple(dict.fromkeys(offer[c] for c in codes if c in offer))
    if not words:
        return (), False  # no request word, so no request shape either: most questions
    present = set(codes)
    found = []
    for intent, rules in (("delete_account", DEL_RULES), ("unsubscribe", UNS_RULES)):
        starts = [m.start() for _, _, rx, _ in applicable(rules, present)
                  for m in [rx.search(codes)] if m]
        if starts:
            found.append((min(starts), intent))
    if found and by_words and "unsubscribe" not in {intent for _, intent in found}:
        # "newsletter only, or close your account as well?": "only" offers the marketing
        only = MARKETING_ONLY.search(codes)
        if only:
            found.append((only.start(), "unsubscribe"))
    if found or not by_words:
        return tuple(intent for _, intent in sorted(found)), bool(found)
    return words, False


MARKETING_ONLY = re.compile(r"[ML]j|jd?[ML]")


def codes_of(text: str) -> str:
    """The letter string of ``text`` (see ``lexicon``)."""
    return "".join(word_class(t) for t in tokens(text))
