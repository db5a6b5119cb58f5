"""What kind of mail a reply quotes, and so what its bare verb or its "these" is about.

"stop these" above a quoted newsletter stops the newsletter; "Please actually stop them."
under our unsubscribe confirmation stops the mailing it named; "cancel my subscription"
above our renewal notice cancels the paid plan; "wasnt me. close it" under a new-sign-in
alert closes the account; and a bare "remove" above an order confirmation is about the
order, not the marketing. The quote never supplies a request: it only lends the noun a
pronoun or a bare verb in the sender's own words stands for (:func:`named_by`).
"""

from __future__ import annotations

import re

from mailbot.understanding import others, plans
from mailbot.understanding.lexicon import word_class
from mailbot.understanding.questions import Question, asks_about_account, codes_of, question_in

# "Unsubscribe | Manage preferences", "You're getting this because you joined …"
_FOOTER_SIGNS = ("because you", "you're receiving", "you are receiving")
# Put before a short reply above a quoted newsletter: what "stop these" refers to
MAILING_NAMED = ["newsletter", "."]


def quotes_marketing(quoted: str) -> bool:
    """The quoted message looks like a newsletter: marketing words and no order talk, or
    a promo with an unsubscribe footer whose marketing words outnumber its order words
    ("earn points on every order" in a forwarded sale)."""
    # the opening, and the end where a long promo keeps its footer ("Unsubscribe", «الغاء الاشتراك»)
    codes = codes_of(quoted if len(quoted) <= 1000 else quoted[:600] + "\n" + quoted[-400:])
    marketing, footer, orders = codes.count("M"), codes.count("U") + codes.count("CB"), \
        codes.count("K")
    if footer and "b" in codes:
        footer += 1  # "you are receiving this because you subscribed … Unsubscribe"
    tail = quoted[-400:].lower()
    if footer and "preferences" in tail:
        return True  # "Unsubscribe | Manage preferences": a mailing's own footer
    if footer and any(sign in tail for sign in _FOOTER_SIGNS):
        footer += 1  # "You're getting this because you joined the … newsletter"
    # … which makes a mailing whatever "order now" its promo says, when it names the mailing
    # (an order notice's "because you subscribed. Unsubscribe" names none)
    # "You're receiving Weekly Reads because you subscribed … Unsubscribe: …": a mailing's
    # footer in full under an opening that is no order notice ("Subject: Your order") is a
    # mailing whatever it sells ("Free delivery on orders over 25 JOD")
    return marketing + footer >= 2 and (not orders or (footer > 0 and marketing > orders)
                                         or (footer > 1 and marketing > 0)
                                         or (footer > 2 and "K" not in codes_of(quoted[:300])))


def reports_unsubscribed(quoted: str) -> bool:
    """Does the quote open by telling that the marketing stopped ("You've been unsubscribed
    from The Ride newsletter", «أُلغي اشتراكك في الرسائل التسويقية»)? Then the mail a reply
    says still comes is that mailing."""
    head = quoted[:400]
    if _STOPPED_HINT.search(head) is None:
        return False  # most quotes: no word of the kind, so no need to read them
    codes = codes_of(head)
    return "M" in codes and ("u" in codes or "CB" in codes or "sV" in codes
                             or _WE_STOPPED.search(head) is not None)


# «أُلغي اشتراكك», "we've stopped sending you marketing", «أوقفنا إرسال الرسائل التسويقية»
_STOPPED_HINT = re.compile(r"unsubscrib|opted out|stopped sending|لغ|اشتراك|وقفنا", re.IGNORECASE)
_WE_STOPPED = re.compile(r"[اأ]وقفنا")


_BARE_VERBS = frozenset("SDCZ")


def bare_verb_above_notice(own_tokens: list[str], quoted: str) -> bool:
    """Is the reply a bare "remove" / «احذف» / "stop" (or "stop calling me": the courier's
    calls) above a quoted order or reminder mail (an order or a reminder named, and no
    mailing)?"""
    words = [t for t in own_tokens if t not in ".,"]
    calls = not others.CALLS.isdisjoint(words)  # "stop calling me", not "remove me"
    if not 0 < len(words) <= 3 or not all(
            word_class(t) in _BARE_VERBS or word_class(t) == "p" or t in others.CALLS
            or (calls and word_class(t) == "m") for t in words) or not any(
            word_class(t) in _BARE_VERBS for t in words):
        return False
    return "K" in codes_of(quoted[:600]) and not _MAILING_FOOTER.search(quoted[-400:]) and \
        not quotes_marketing(quoted)


# A mailing's footer: "Unsubscribe: https://…/u/8c1e", "To stop receiving these emails",
# «لإيقاف استلام النشرة»; an order confirmation or a reminder has none
_MAILING_FOOTER = re.compile(r"unsub|opt[- ]?out|stop receiving|preferences|لإيقاف|لايقاف"
                             r"|إلغاء الاشتراك|الغاء الاشتراك", re.IGNORECASE)


# "Your account was just signed in from a new device", «تسجيل دخول جديد إلى حسابك»: an
# account-security alert, whose "it" is the account (not a notice that mentions signing in)
_SECURITY_ALERT = re.compile(r"new (sign[- ]?in|log[- ]?in|device)|(signed|logged) in from"
                             r"|تسجيل دخول جديد|من جهاز جديد", re.IGNORECASE)
ACCOUNT_NAMED = ["account", "."]
_LENT_REPLY = 60  # tokens: a longer reply names what it means itself
_POINTS_BACK = frozenset("OPQ")  # "it", «احذفوه», «وقفوها»: words that need a noun lent


def security_alert(quoted: str) -> bool:
    """Is the quoted mail an alert that someone signed in to the account?"""
    head = quoted[:600]
    return _SECURITY_ALERT.search(head) is not None and "A" in codes_of(head)


def named_by(quoted: str, own_tokens: list[str], question: Question | None, leans: bool,
             asked: str | None) -> list[str]:
    """The words to put before a reply so that its "it" / "these" / bare verb finds what the
    quoted mail is about: the nouns of our question, the newsletter, the renewing plan or
    the account of a security alert; none for other quotes."""
    if question and question.nouns:
        return [*question.nouns, "."]  # what "delete it"/«احذفوه» refers to
    if not quoted:
        return []
    if not question and len(own_tokens) < _LENT_REPLY and any(
            word_class(t) in _POINTS_BACK for t in own_tokens):  # "I still want it deleted"
        lent = question_in(quoted, asked)
        if lent and lent.nouns:
            return [*lent.nouns, "."]
    if len(own_tokens) < _LENT_REPLY and (quotes_marketing(quoted) or reports_unsubscribed(
            quoted)) and (leans or not asks_about_account(quoted, asked)):
        return MAILING_NAMED  # what "stop these" in a reply refers to
    if plans.renewal_notice(quoted):
        return plans.RENEWAL_NAMED  # "cancel my subscription" above our renewal notice
    if len(own_tokens) < _LENT_REPLY and security_alert(quoted):
        return ACCOUNT_NAMED  # "wasnt me. close it"
    return []
