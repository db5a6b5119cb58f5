"""Hits sorted by what they mean once their context is read.

``hits.find`` finds every request shape in a message's letter string; here each hit goes
into one bucket (a request, a veto, a "stay subscribed", or a soft hit: a threat, a
condition, hearsay, a paid plan) after negation (``scope``), reported speech
(``reported``), whose voice it is (``voice``) and the accounts it names (``accounts``) are
applied. ``classify`` then decides from the buckets alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mailbot.understanding import accounts, clicks, plans, reported, scope, voice
from mailbot.understanding.clauses import end_of as _end_of
from mailbot.understanding.clauses import start_of as _start_of
from mailbot.understanding.hits import Hit, find
from mailbot.understanding.lexicon import STILL

__all__ = ["Buckets", "clause", "names_marketing", "sort", "word_count"]


def sort(codes: str, toks: list[str], index: list[int]) -> Buckets:
    """Every hit of the message in its bucket, with its evidence label."""
    b = _bucket_each(find(codes, toks, index), codes, toks, index)
    _join_paid_plan(b, codes, toks, index)
    _join_reported_done(b, codes)
    return b


def word_count(toks: list[str]) -> int:
    return len(toks) - toks.count(".") - toks.count(",")


@dataclass
class Buckets:
    dels: list[Hit] = field(default_factory=list)  # deletion requests
    uns: list[Hit] = field(default_factory=list)  # unsubscribe requests
    vetoes: list[Hit] = field(default_factory=list)  # negated deletion, "keep my account"
    stays: list[Hit] = field(default_factory=list)  # "stay subscribed", negated unsubscribe
    soft: list[Hit] = field(default_factory=list)  # threats, conditionals, paid memberships
    labels: dict[int, str] = field(default_factory=dict)  # id(hit) → evidence label


# «أريد إلغاء الاشتراك لا أقصد حذف الحساب»: "no, I mean" or "I don't mean" – dictation writes
# no comma to tell them apart
CORRECTION = "a correction, either way"


def _bucket_each(hits: list[Hit], codes: str, toks: list[str], index: list[int]) -> Buckets:
    """Put every hit in its bucket once negation, threats and context are applied."""
    b = Buckets()
    first_del = min((h.start for h in hits if h.kind == "del"), default=len(codes))
    short = voice.is_short(word_count(toks))
    deletions = [(h.anchor, h.end) for h in hits if h.kind == "del"]
    for h in hits:
        # a negator that answers ("No, delete it"), or says the sender could not do it ("I
        # couldn't delete my account": not "I can't remove it", a card), refuses nothing
        lifted = scope.interjected(codes, toks, index, h.anchor) or _unable(h, codes, toks, index)
        # "don't send me any more offers": "any more" repeats the negation, not reverses it
        negated = not _own_negator(h, codes) and (
            scope.negated(codes, h.anchor) or scope.request_denied(codes, toks, index, h.anchor)) and not (
            lifted) and not (h.rule == "no-more" and codes[h.start] == "Z") and not (
            h.kind == "del" and scope.commanded(codes, toks, index, h.anchor))
        if h.kind == "del" and codes[h.anchor] == "a" and negated:
            continue  # "not just deactivate it" is not a "keep my account"
        threat = h.kind == "del" and (scope.threatened(codes, h.anchor) and not scope.fallback(
            codes, toks, index, h.anchor)
                                      or scope.promised(codes, toks, index, h.anchor)
                                      or scope.conditional_future(codes, toks, index, h.anchor)
                                      or scope.either_or(codes, toks, index, h.anchor)
                                      or reported.hearsay(toks, index[h.anchor])
                                      or reported.announced(codes, toks, index, h.start, h.end)
                                      or scope.supposed(codes, toks, index, h.anchor)
                                      or scope.asks_whether(codes, toks, index, h.anchor)
                                      or scope.subject_of(codes, toks, index, h.anchor, h.end))
        if h.kind in ("del", "uns") and not negated and reported.retracted(toks,
                                                                            index[h.anchor]):
            bucket, label = ((b.vetoes, "deletion retracted") if h.kind == "del"
                             else (b.stays, "unsubscribe retracted"))
        elif h.kind == "del" and not negated and not threat:
            if not _own(h, codes, toks, index, short):
                continue  # "remove the netfs data", "after I delete my account"
            bucket, label = b.dels, "delete"
            if reported.retold(toks, index[h.anchor]) or scope.deferred(codes, toks, index, h.anchor):
                b.soft.append(h)  # "I asked you to delete it last year"; "after my parcel arrives …"
        elif h.kind in ("del", "uns") and negated and scope.in_a_condition(codes, h.anchor):
            continue  # "close it today, and if you don't close it I'll complain", "If you don't
            # stop the emails I'll report you": the condition, neither a request nor a refusal
        elif h.kind == "del" and negated and scope.corrected(toks, index[h.anchor]):
            bucket, label = b.soft, CORRECTION  # «… لا أقصد حذف الحساب»: which way, a person reads
        elif h.kind == "del" and negated and scope.postponed(codes, toks, index, h.end):
            bucket, label = b.soft, "deletion after something else"  # "not before the refund"
        elif h.kind == "del":
            bucket, label = ((b.vetoes, "deletion negated") if negated
                             else (b.soft, "threat, condition or hearsay"))
        elif h.kind == "uns" and negated and h.rule in ("pronoun", "only-orders") and not (
                scope.prohibited(codes, toks, index, h.anchor)):  # "la tlghuh!": keep it
            continue  # "that switch isn't stopping them": a complaint, not "keep them"
        elif h.kind == "uns" and not negated and not _own(h, codes, toks, index, short):
            continue  # a bare "end" or "block" in a discussion
        elif h.kind == "uns" and not negated and scope.threatened(codes, h.anchor) and \
                not {"i", "T"}.isdisjoint(codes[_start_of(codes, h.anchor):h.anchor]):
            bucket, label = b.soft, "threat or condition"  # «اذا ما رجعتوا المبلغ، رح الغي …»
        elif h.kind == "uns" and not negated and h.rule != "polite-if" and scope.supposed(
                codes, toks, index, h.anchor, wanting=False):
            bucket, label = b.soft, "hypothetical"  # "if I unsubscribe, will I still get …?"
        elif h.kind == "uns" and not negated and reported.reported_working(codes, toks, index,
                                                                         h.start):
            bucket, label = b.soft, "unsubscribe already working"  # "… it worked, no more"
        elif h.kind == "uns" and not negated and reported.retold(toks, index[h.anchor]) in (
                "recovery", "done", "aside"):  # "I only asked you to stop the SMS … restore it"
            bucket, label = b.soft, "an earlier request, told"
        elif h.kind == "uns" and not negated and reported.announced(codes, toks, index,
                                                                    h.start, h.end):
            bucket, label = b.soft, "announced by the store"  # «قلتوا انكم بتوقفون العروض»
        elif h.kind == "uns" and not negated and (
                clicks.clicked_by_mistake(toks, index[h.start])
                or (h.rule == "unsubscribe" and clicks.clicked(toks, index[h.start])
                    and not reported.still_comes({h.rule for h in hits}, codes))):
            # «ضغطت بالغلط على الغاء الاشتراك», "I only clicked unsubscribe at the bottom": told
            bucket, label = b.soft, "clicked"
        elif h.kind == "uns":
            bucket, label = (b.stays, "negated unsubscribe") if negated else (b.uns, "unsubscribe")
        elif h.kind == "keep" and not negated and not accounts.the_other(toks, index, h.start,
                                                                        h.end) \
                and not accounts.keeps_another(toks, index, (h.start, h.end), deletions):
            bucket, label = b.vetoes, "keep account"  # not "keep this one" beside "delete the
            # hotmail one"
        elif h.kind == "negdel_anaphor" and h.start > first_del and not accounts.several_accounts(
                toks):  # "two accounts … this one, keep it … delete that one": no conflict
            bucket, label = b.vetoes, "don't delete"
        elif h.kind == "stay" and not negated and not _still_comes(h, codes, toks, index):
            bucket, label = b.stays, "stay subscribed"
        elif h.kind == "paid":
            bucket, label = b.soft, "paid membership"
        else:
            continue
        bucket.append(h)
        b.labels[id(h)] = label
    return b


def _own_negator(h: Hit, codes: str) -> bool:
    """A request whose shape opens with its own negator ("I don't want the account",
    «وما بدي يضل حساب»): a negator before that one belongs to an earlier clause («ما
    اشتريت شي», "I haven't bought anything"), not to this request."""
    return h.kind in ("del", "uns") and h.anchor == h.start and (codes[h.start] == "N" or (
        codes[h.start] == "Z" and h.start > 0 and codes[h.start - 1] == "N"))  # «ما عاد بدي»


def _unable(h: Hit, codes: str, toks: list[str], index: list[int]) -> bool:
    """Does the sender say they could not do it ("I couldn't delete my account")? With a
    pronoun only when "myself" follows («مش عارفة امسحه بنفسي», "I can't delete it myself"):
    "I can't remove it" alone may keep a card."""
    after = toks[index[h.anchor] + 1:index[h.anchor] + 3]
    if h.rule == "pronoun" and _MYSELF.isdisjoint(after):
        return False
    return scope.unable(codes, toks, index, h.anchor)


def _own(h: Hit, codes: str, toks: list[str], index: list[int], short: bool) -> bool:
    return voice.senders_own(h.kind, h.rule, (h.start, h.end, h.anchor), codes, toks, index,
                             short)



_PLAN_RULES = frozenset(("unsubscribe", "cancel-subscription"))
_MYSELF = frozenset("myself بنفسي لحالي بروحي".split())


def _still_comes(h: Hit, codes: str, toks: list[str], index: list[int]) -> bool:
    """"(his address) still gets the offers newsletter": told as it is, not a wish to stay."""
    at = index[h.start]
    return toks[at] in STILL and (codes[h.start + 1:h.start + 2] == "g" or toks[at + 1:at + 2] in (
        ["gets"], ["get"], ["receives"]))


def clause(codes: str, h: Hit) -> tuple[int, int]:
    return _start_of(codes, h.start, ".,"), _end_of(codes, h.end, ".,")


def names_marketing(codes: str, h: Hit) -> bool:
    """Does the clause of an unsubscribe name marketing or a list ("from the newsletter")?"""
    lo, hi = clause(codes, h)
    return "M" in codes[lo:hi] or "L" in codes[lo:hi]


def _join_paid_plan(b: Buckets, codes: str, toks: list[str], index: list[int]) -> None:
    """Once the mail reads a paid plan as the object of an unsubscribe ("cancel my Plus
    subscription, don't renew it") or speaks of a billed subscription ("the plan renews every
    month", «اشتريت كرت اشتراك»), an unsubscribe that names no marketing (the subject's
    «الغاء اشتراك», a bare "cancel my subscription") is about that plan too: billing."""
    if not b.uns or not (any(h.kind == "paid" for h in b.soft)
                         or plans.billed(codes, toks, index)):
        return
    for h in [h for h in b.uns if h.rule in _PLAN_RULES]:
        if not names_marketing(codes, h):
            b.uns.remove(h)
            b.soft.append(h)
            b.labels[id(h)] = "paid membership"


_DONE_LABELS = ("unsubscribe already working", "clicked by mistake")


def _join_reported_done(b: Buckets, codes: str) -> None:
    """A bare «الغاء الاشتراك» or "unsubscribe" before a report that the link worked (the
    subject «الغاء الاشتراك» over «رابط الغاء الاشتراك اشتغل») names that report's topic."""
    done = [h.start for h in b.soft if b.labels.get(id(h)) in _DONE_LABELS]
    if not done:
        return
    for h in [h for h in b.uns if h.end <= min(done) and h.rule in _PLAN_RULES]:
        if not names_marketing(codes, h):
            b.uns.remove(h)
            b.soft.append(h)
            b.labels[id(h)] = "the topic of a report"
