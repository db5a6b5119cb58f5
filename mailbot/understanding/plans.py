"""Paid plans: a subscription that costs money is billing, not marketing.

"Unsubscribe me from the Plus membership", «الغي اشتراك بلس ولا تجددونه» use the words of an
unsubscribe for a plan that renews and charges; the letter ``Y`` (``lexicon``: membership,
renewal, fee, warranty, «جدد») marks it. A person answers those. A subscription named as the
newsletter ("cancel my newsletter subscription, and do not renew my Plus membership") stays
an unsubscribe, with the plan cited beside it so the person sees the billing part.
A plan's own name ("Volta Care", "Care+", "Plus", "Protect", «كير», «بلس») beside
"subscription"/«اشتراك» marks it too ("cancel my Volta Care subscription … I'm keeping the
account"): a warranty or service plan, not a newsletter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from mailbot.understanding.clauses import end_of, start_of

# "unsubscribe from the Plus membership", «الغي اشتراك … ولا تجددونه»: the paid plan is the object
PAID_OBJECT = re.compile(r"[^.,MLB]{0,6}Y")
# "cancel my premium membership renewal", "stop the charge from next month"; "do not renew my
# Plus membership", «لا تجددون العضوية» (a renewal refused: "I never paid" is no request)
_REQUEST = re.compile(r"[CS][dxm]{0,3}Y|N[x]?Y")
_RENEW = ("renew", "جدد")
# "cancel my newsletter subscription", «الغي اشتراكي في النشرة»: the subscription is the newsletter
_MARKETING_AFTER = re.compile(r"[dxF]{0,3}[ML]")  # … «في القائمة البريدية»: the mailing list


# Names stores give their paid service plans; each is a plan only beside a subscription word
# ("Volta Care subscription", «اشتراك فولتا كير», «اشتراك نادي البيبي»), never alone
# ("customer care", "plus VAT").
# «الاشتراك الشهري» (masculine: the subscription itself, not «النشرة الشهرية») is a monthly
# plan that charges: the same test marks it.
# A box ("the monthly sample box", «صندوق العينات», «البوكس الشهري») is a product that comes
# and charges, whatever the sender calls it; only a mailbox («صندوق البريد») is no box.
_BOXES = frozenset("box boxes بوكس البوكس صندوق الصندوق".split())
_MAIL = frozenset("mail email e-mail البريد الوارد بريدي الرسايل الايميل الوارده".split())
# "the monthly lens subscription" is a plan; "my monthly newsletter subscription" is not
_CADENCE = frozenset("monthly yearly annual".split())
_NEWSLETTER = frozenset("newsletter newsletters email emails mail offers promo promotions deals "
                        "sms".split())
PLAN_NAMES = frozenset("care plus protect protection pro max club pass بلس كير بروتكت برو نادي النادي "
                       "الشهري شهري السنوي سنوي month الشهر".split()) | _BOXES | _CADENCE
# "candle of the month", «شمعة الشهر», «عطر الشهر»: a product of the month is a plan that
# charges; «من الشهر الجاي» ("from next month") and "this month" are only dates
_MONTH = frozenset("month الشهر".split())
_DATE_WORDS = frozenset("من في هذا هذه هالشهر كل بدايه نهايه اخر اول لاخر الي حتي خلال بعد بعدما قبل "
                        "this next last every per a each".split())
_SUBSCRIPTION_WORDS = frozenset(
    "subscription subscriptions plan membership اشتراك اشتراكي اشتراكه الاشتراك".split())


def named_plan(toks: Sequence[str], i: int) -> bool:
    """Is ``toks[i]`` (one of PLAN_NAMES) a paid plan's name: a box that holds no mail, a
    subscription word at most two words after it ("Care+ monthly subscription") or an Arabic
    one at most three before it («اشتراكي في فولتا كير», «اشتراك Pro»)?"""
    if toks[i] in _BOXES:
        return _MAIL.isdisjoint(toks[max(0, i - 1):i + 2])
    if toks[i] in _MONTH and not _of_the_month(toks, i):
        return False
    if toks[i] in ("club", "النادي", "نادي") and not _CHARGED.isdisjoint(toks):
        return True  # "unsubscribe me from the Sharp Club … last charge should be December"
    if toks[i] in _CADENCE and not _NEWSLETTER.isdisjoint(toks[i + 1:i + 3]):
        return False
    if not _SUBSCRIPTION_WORDS.isdisjoint(toks[i + 1:i + 3]):
        return True
    return any(not tok.isascii() and tok in _SUBSCRIPTION_WORDS for tok in toks[max(0, i - 3):i])


def _of_the_month(toks: Sequence[str], i: int) -> bool:
    """Is the "month" at ``i`` the name of a product of the month, not a date?"""
    if toks[i] == "month":
        return i >= 3 and toks[i - 2:i] == ["of", "the"] and toks[i - 3] not in _DATE_WORDS
    return i >= 1 and toks[i - 1] not in _DATE_WORDS and toks[i - 1] not in _SUBSCRIPTION_WORDS


def paid_object(codes: str, rule: str, start: int, end: int) -> bool:
    """Is the subscription an unsubscribe shape (``rule``, at ``start:end``) ends a paid plan?"""
    if rule not in ("cancel-subscription", "unsubscribe"):
        return False
    if "M" in codes[start:end] or _MARKETING_AFTER.match(codes, end):
        return False  # "cancel my newsletter subscription and don't renew my plan"
    if PAID_OBJECT.match(codes, end):
        return True
    return rule == "cancel-subscription" and "Y" in codes[
        start_of(codes, start):end_of(codes, end)]  # a plan anywhere in the sentence


# "Please cancel the duplicate subscription on her account and refund it": money back for a
# subscription is for one that was paid
_REFUND = frozenset("refund refunded reimburse ترجعون ترجعوا استرجاع استرداد".split())


def refunded(codes: str, toks: Sequence[str], index: Sequence[int], start: int, end: int) -> bool:
    """Does the sentence of a "cancel the subscription" (``start:end``) ask for a refund, with
    no marketing named in it?"""
    lo, hi = start_of(codes, start), end_of(codes, end)
    return "M" not in codes[lo:hi] and "L" not in codes[lo:hi] and not _REFUND.isdisjoint(
        toks[index[lo]:index[hi - 1] + 1])


# "I bought a 3-month Game Pass subscription card", «الاشتراك اللي اشتريته»: a subscription
# that was bought is a product, and cancelling it is a return or a refund.
_BOUGHT = frozenset("bought purchased اشتريت اشتريته اشتريتها اشترينا اشتريناه شريت شريته "
                    "شريتها".split())
_BOUGHT_REACH = 5  # words between the purchase and the subscription word
_RENEWING = ("renew", "جدد", "تجديد")  # renews, renewal, autorenew; «يتجدد», «تجديد»
# "I'm being charged SAR 89 every month", «كل شهر ينخصم مني»: money taken for it, again and
# again (a charge alone is an order complaint: "you charged my card twice")
_CHARGED = frozenset("charged charging charge billed deducted debited ينخصم انخصم ينسحب انسحب يسحبون "
                     "سحبتوا بيتخصم بتتخصم اتخصم بيتسحب بتتسحب اتسحب pay paying ادفع ندفع adfa3 "
                     "nedfa3".split())  # "ma abi ab8a adfa3 kil shahar": I pay every month
_MONTHLY = frozenset("month monthly months شهر شهريا بالشهر الشهر شهري الشهري shahar shahr "
                     "shahri".split())


def billed(codes: str, toks: Sequence[str], index: Sequence[int]) -> bool:
    """Does the mail speak of a subscription that is billed: one that renews ("the plan
    renews every month", «يتجدد»), one that charges ("I'm being charged every month") or one
    that was bought («اشتريت … كرت اشتراك»)?"""
    joined = " ".join(toks)
    if any(r in joined for r in _RENEWING) or not (
            _CHARGED.isdisjoint(toks) or _MONTHLY.isdisjoint(toks)):
        return True
    if _BOUGHT.isdisjoint(toks):
        return False
    for k, letter in enumerate(codes):
        if letter == "B":
            lo, hi = index[k] - _BOUGHT_REACH, index[k] + _BOUGHT_REACH
            near = codes[max(0, k - _BOUGHT_REACH):k + _BOUGHT_REACH]
            if "M" not in near and not _BOUGHT.isdisjoint(toks[max(0, lo):hi]):
                return True
    return False


def requests(codes: str, toks: Sequence[str], index: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Where the text asks about a paid plan in the plan's own words."""
    for m in _REQUEST.finditer(codes):
        if codes[m.start()] in "CS" or any(r in toks[index[m.end() - 1]] for r in _RENEW):
            yield m.start(), m.end()


# The store's renewal notice quoted under a reply ("Your Reading Box renews on 15 August …
# AED 119.00 will be charged"): a bare "cancel my subscription" above it is that plan.
_RENEWAL_NOTICE = ("renews on", "renews automatically", "will renew", "will be charged",
                   "we'll charge", "we will charge", "auto-renew", "سيتم تجديد", "يتجدد",
                   "سيتجدد", "سيتم خصم")
RENEWAL_NAMED = ["renews", "."]  # put before the reply, as ``quoted_mail.MAILING_NAMED`` is


def renewal_notice(quoted: str) -> bool:
    """Is the quoted mail a notice that a paid plan renews and charges?"""
    head = quoted[:800].lower()
    return any(sign in head for sign in _RENEWAL_NOTICE)
