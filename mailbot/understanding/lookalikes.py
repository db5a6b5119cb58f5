"""Unsubscribe shapes that a look-alike object or their context explains away.

"Cancel the subscription box order", "emails keep coming about the refund", "your email says
you'll stop …", "please keep sending me the newsletter", "turn off" with no marketing near,
"stop calling me about someone else's order" match an unsubscribe shape and ask for none; an
unsubscribe from a paid plan is billing (``plans``). "My account page" is a page, not the
account. Pure checks over the word-class letters (``lexicon``) and tokens of one message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailbot.understanding import anaphora, arabic, clicks, others, plans, quoted_mail, voice
from mailbot.understanding.clauses import end_of, start_of
from mailbot.understanding.lexicon import word_class
from mailbot.understanding.shapes import COMPOUND, INTRANSITIVE

_ABOUT_ORDER = re.compile(r"[xdF]{0,3}K")
_ONE_LINER = 12  # tokens, with the newsletter named before them
_SERVICE_AFTER = re.compile(r"x?K")  # "SMS reminders", the messages «حالة الطلب» (of the order)


def unsubscribe(codes: str, toks: Sequence[str], index: Sequence[int], rule: str, start: int,
                end: int) -> str | None:
    """What an unsubscribe match (``rule`` at ``start:end``) is: "uns", "paid" (billing) or
    None (explained away)."""
    if rule == "unsubscribe" and many_requests(codes, toks, index, end):
        return None  # "how do you handle unsubscribe requests?"
    if rule in ("bare-stop", "still-coming") and codes[start] in "CZH" and codes[end - 1] in "CZO" \
            and (list(toks[:2]) != quoted_mail.MAILING_NAMED or len(toks) > _ONE_LINER):
        return None  # «الغاء», "no more", "still getting these" alone: only a one-liner
        # above a newsletter, not a «"إلغاء"» quoted in a long answer
    if rule == "bare-stop" and (_names_a_page(toks, index, end) or (
            codes[start] == "U" and clicks.clicked(toks, index[start]))):
        return None  # 'an "unsubscribe" link at the bottom': the word in quotes names a link;
        # 'she clicked "unsubscribe" in her mail app': the button, clicked
    if rule == "unsubscribe" and _names_a_page(toks, index, end) and (
            others.pitches(toks) or others.asks_if_genuine(toks)):
        return None  # a seller: "your unsubscribe page loads slowly … open to a call?"; a
        # phishing mail's "unsubscribe" link ("is this from you? should I click that?")
    if rule == "still-coming" and codes[start] == "H" and _wants_it_kept(toks, index[start]):
        return None  # "I'm happy to keep getting your newsletter" wants it
    if rule == "unsubscribed-still" and any(
            codes[k] == "H" and _wants_it_kept(toks, index[k]) for k in range(start, end)):
        return None  # «لغيت الاشتراك بالغلط، خلوا العروض تجيني»: let them come, not still
    if rule == "unsubscribe" and _of_a_sale(codes, toks, index, end):
        return None  # "opt out of the sale or sharing of my personal information"
    if rule == "unsubscribe" and _the_act_told(toks, index[start]):
        return None  # "I'm worried the unsubscribe also closed my account": the act, told
    if rule == "still-coming" and _to_continue(toks, index[start]):
        return None  # "… and to continue receiving your offers at the new address": a wish
    if rule == "still-coming" and voice.asks_you(toks, index[start]):
        return None  # "can you keep sending me the newsletter?" wants it
    if others.about_an_order(toks, index, end) or (
            _only_calls(codes, toks, index, start, end)
            and (others.calls_about_an_order(list(toks), list(index))
                 or "K" in codes[start_of(codes, start, ".,"):start])):
        return None  # "stop calling me about someone else's order", and its subject line;
        # "tell the driver to stop calling me": the courier's calls
    if plans.paid_object(codes, rule, start, end) or (
            rule == "cancel-subscription" and plans.refunded(codes, toks, index, start, end)):
        return "paid"  # a billing question, not marketing
    if rule == "cancel-subscription" and COMPOUND.match(codes, end):
        return None  # "cancel the subscription box order"
    if rule.startswith("dont-send") and "K" in codes[end:end_of(codes, end, ".,")]:
        return None
    if not {"y", "q"}.isdisjoint(codes[max(0, start - 3):start]):
        return None  # "your email says you'll stop …", "why did I stop getting …"
    if rule == "still-coming" and not {"W", "p"}.isdisjoint(codes[max(0, start - 3):start]):
        return None  # "please keep sending me the newsletter" is the opposite
    if rule == "still-coming" and _ABOUT_ORDER.match(codes, end):
        return None  # "emails keep coming about the refund": order mail, not marketing
    if rule == "turn-off" and (not _marketing_nearby(codes, start, end) or _site_setting(
            toks, index, start, end)):
        return None  # "turn off the personalisation on the site": a setting, not our mail
    if any(codes[k] in "ML" and toks[index[k]].endswith("هم") and len(toks[index[k]]) > 4
           for k in range(start, end)):
        return None  # «يشيلوني من نشرتهم»: "their newsletter", another company's
    if rule == "unsubscribe" and _joke_object(toks, index[end - 1]):
        return None  # "can you unsubscribe me from Mondays? 😄", "… unsubscribe from life"
    if rule != "unsubscribe" and (_service_messages(codes, toks, index, end)
                                  or _service_named_before(codes, toks, index, start, end)):
        return None  # "stop the SMS reminders", «توقفون SMS حالة الطلب»: service messages
    if rule == "remove-from-list" and _own_list_of_it(codes, toks, index, start, end):
        return None  # "I added the TV to my list, please remove it from the list"
    if rule == "dont-want" and not _LOSE.isdisjoint(toks[index[start]:index[end - 1]]):
        return None  # "I don't want to miss your offers", «ما بدي ضيع عروضكن»: wants them
    return "uns"


def _service_messages(codes: str, toks: Sequence[str], index: Sequence[int], end: int) -> bool:
    """Does the marketing noun ending a match at ``end`` name service messages ("the SMS
    reminders", «رسايل الطلبات», «SMS حالة الطلب»), not offers somewhere ("the emails in the
    app", «العروض بالتطبيق»)?"""
    m = _SERVICE_AFTER.match(codes, end)
    if codes[end - 1:end] != "M" or not m:
        return False
    return not _placed(toks[index[end]]) and not _placed(toks[index[m.end() - 1]])


# "the messages", «الرسايل»: words for messages that say nothing of what is in them
_PLAIN_MAIL = frozenset("الرسايل الرسائل رسايل رسائل المسجات مسجات الايميلات ايميلات messages "
                        "texts sms emails".split())


def _service_named_before(codes: str, toks: Sequence[str], index: Sequence[int], start: int,
                          end: int) -> bool:
    """«رسايل حالة الطلب والتوصيل تروح لرقم زوجتي القديم … وقفوا الرسايل على هالرقم»: a match
    that names its messages only plainly, in mail that named them as order or delivery
    messages before and names no marketing of any kind."""
    span = toks[index[start]:index[end - 1] + 1]
    named = [toks[index[k]] for k in range(start, end) if codes[k] == "M"]
    if not (named or not _THOSE.isdisjoint(span)) or not _PLAIN_MAIL.issuperset(named):
        return False  # … "turn those off" names its messages by pointing back
    # (the newsletter a quote lent the reply, ``quoted_mail.MAILING_NAMED``, is not the sender's)
    own = 2 if list(toks[:2]) == quoted_mail.MAILING_NAMED else 0
    if any(codes[k] == "M" and toks[index[k]] not in _PLAIN_MAIL for k in range(own, len(codes))):
        return False  # "offers", «العروض», "the newsletter": marketing named somewhere
    return any(codes[k] == "M" and (_SERVICE_AFTER.match(codes, k + 1) or (
        k and codes[k - 1] == "K")) for k in range(start))  # "… order emails …, turn those off"


_THOSE = frozenset("those these them they it".split())


def _own_list_of_it(codes: str, toks: Sequence[str], index: Sequence[int], start: int,
                    end: int) -> bool:
    """"Remove it (that one) from the list": only the store's mailing list ("your list", "the
    mailing list") makes "it" an address on it; "the list" alone may be the sender's own."""
    if "O" not in codes[start:end] or "M" in codes[start:end]:
        return False
    return toks[index[end - 1] - 1] not in ("your", "ur", "yr")


# What nobody can be unsubscribed from: the object of a joke.
_JOKES = frozenset("life mondays monday mornings work adulting taxes traffic summer heat winter "
                   "reality humanity people family school exams bills gravity".split())
_ME_FROM = frozenset("me us from of the all".split())


def _joke_object(toks: Sequence[str], at: int) -> bool:
    """Is the first word after "unsubscribe (me) from" at ``at`` a joke's object?"""
    k = at + 1
    while k < len(toks) and toks[k] in _ME_FROM:
        k += 1
    return k > at + 1 and k < len(toks) and toks[k] in _JOKES


# What "turn off" may name that is no marketing mail: a setting of the site or the app.
_SETTINGS = frozenset("personalisation personalization personalised personalized recommendations "
                      "recommendation tracking cookies cookie profiling location autoplay "
                      "history suggestions".split())


def _site_setting(toks: Sequence[str], index: Sequence[int], start: int, end: int) -> bool:
    """Does the turn-off at ``start:end`` name a site setting right after "turn off"?"""
    lo = index[start]
    return not _SETTINGS.isdisjoint(toks[lo:index[end - 1] + 4])


_LOSE = frozenset("lose losing miss missing ضيع اضيع يضيع تضيع تضيعوا تفوتني يفوتني افوت "
                  "اخسر".split())


def _only_calls(codes: str, toks: Sequence[str], index: Sequence[int], start: int,
                end: int) -> bool:
    """Are the marketing nouns of a match all calls ("stop calling me")?"""
    nouns = [toks[index[k]] for k in range(start, end) if codes[k] == "M"]
    return bool(nouns) and others.CALLS.issuperset(nouns)


def _marketing_nearby(codes: str, start: int, end: int) -> bool:
    """A marketing noun in this sentence or the one before, and nothing paid in this one."""
    this = start_of(codes, start)
    lo, hi = start_of(codes, max(this - 1, 0)), end_of(codes, end)
    if "Y" in codes[this:hi]:
        return False
    named = _TURNED_OFF.match(codes, end)
    if named:  # "turn off the order status SMS": order mail is no marketing
        return "K" not in named.group()
    return any(c in "ML" for c in codes[lo:hi])


# What "turn off" names right after it: "the promo SMS", "the order status SMS"
_TURNED_OFF = re.compile(r"[dxmE]{0,3}?(?:K[dx]?)?[ML]")


# where or when, not what: "my account in the app", "my account after this order"
_PREPOSITIONS = anaphora.LOCATIVE | frozenset("via through with after before بعد بعدما قبل fel fil fi "
                                              "bel bil".split())


def _placed(tok: str) -> bool:
    """Does ``tok`` open a place or a time ("in", «بالتطبيق», «بعد»): no compound with the noun
    before it ("my account in the app", "my account after this order")?"""
    return tok in _PREPOSITIONS or tok.startswith(("بال", "في", "عال"))


def compound(codes: str, toks: Sequence[str], index: Sequence[int], end: int) -> bool:
    """"my account page" names a page; "my account in the app" («حسابي بالتطبيق») still
    names the account."""
    m = COMPOUND.match(codes, end)
    if not m:
        return False
    # … and «الحساب مالتي بالتطبيق» ("my account in the app") with "mine" between
    return not _placed(toks[index[m.start()]]) and not _placed(toks[index[m.end() - 1]])


# "Why am I getting an account deletion email?", «رسالة حذف الحساب»: the deletion names a mail
_MAIL_NOUNS = frozenset("email emails e-mail mail message messages notice notification letter".split())


def names_a_mail(codes: str, toks: Sequence[str], index: Sequence[int], end: int) -> bool:
    """Is the deletion noun ending at ``end`` the kind of a mail ("an account deletion
    email", "the deletion confirmation message")?"""
    after = index[end - 1] + 1
    if codes[end - 1] != "X" or after >= len(toks):
        return False
    if toks[after] in ("confirmation", "request") and after + 1 < len(toks):
        after += 1
    return toks[after] in _MAIL_NOUNS


# "How are you handling account deletion and unsubscribe requests?": other people's requests,
# a topic (a vendor's pitch, a survey), not the sender's own.
_REQUESTS = frozenset("requests enquiries inquiries طلبات".split())
_AND = frozenset("and or & و".split())


def many_requests(codes: str, toks: Sequence[str], index: Sequence[int], end: int) -> bool:
    """Does the request noun ending at ``end`` name a kind of request, in the plural
    ("deletion requests", "deletion and unsubscribe requests"), in a sentence without "I",
    "my" or "me" ("I sent two deletion requests" still asks)?"""
    after = toks[index[end - 1] + 1:index[end - 1] + 4]
    if not after or not (after[0] in _REQUESTS or (
            len(after) > 2 and after[0] in _AND and after[2] in _REQUESTS)):
        return False
    lo, hi = start_of(codes, end - 1), end_of(codes, end - 1)
    return voice.SINGULAR.isdisjoint(toks[index[lo]:index[hi - 1] + 1])


# What a bare "unsubscribe" may qualify: a part of the store's site or mail.
_PAGES = frozenset("page pages link links button buttons form flow process footer url option "
                   "rate rates experience".split())


def _names_a_page(toks: Sequence[str], index: Sequence[int], end: int) -> bool:
    """Is the "unsubscribe" ending at ``end`` a modifier ("your unsubscribe page", 'an
    "unsubscribe" link': the quote mark is a clause break)?"""
    after = index[end - 1] + 1
    if after < len(toks) and toks[after] == ",":
        after += 1
    return after < len(toks) and toks[after] in _PAGES


# «خلوا», «خلي», "keep", "let": the "H" that asks for the mail, not the "still" that
# complains it keeps coming («ولسه العروض بتيجي»)
_LET = frozenset("خلوا خلو خلي خليه خلوه خليها خلوها keep let".split()) | arabic.PUT_ME_BACK | (
    arabic.RETURN_TO)


_OPENERS = frozenset(". , please pls and but so".split())


# "the unsubscribe also closed …", "my unsubscribe didn't work": the noun as a sentence's subject
_THE_ACT = frozenset("the my this that your".split())
_TOLD_AFTER = frozenset("also didn't did doesn't does has had was is isn't wasn't went worked "
                        "failed never only just still".split())


def _the_act_told(toks: Sequence[str], at: int) -> bool:
    """Is the "unsubscribe" at ``at`` a noun that a verb after it tells of?"""
    after = toks[at + 1] if at + 1 < len(toks) else ""
    return at > 0 and toks[at - 1] in _THE_ACT and (after in _TOLD_AFTER or (
        after.endswith("ed") and len(after) > 4))


_SEEM = frozenset("seem seems seemed appear appears appeared".split())


def _to_continue(toks: Sequence[str], at: int) -> bool:
    """"(I'd like) to continue receiving", not "(they) seem to continue coming"."""
    return at > 1 and toks[at] == "continue" and toks[at - 1] == "to" and toks[at - 2] not in _SEEM


def _wants_it_kept(toks: Sequence[str], at: int) -> bool:
    """"(happy) to keep getting", "Keep sending me the newsletter though", «خلوا …»: not
    "I keep getting" or "you keep sending"."""
    tok = toks[at]
    if tok not in _LET:
        return False
    if not tok.isascii() or (at > 0 and toks[at - 1] == "to"):
        return True
    before = toks[at - 1] if at else "."
    opens = before in _OPENERS or not any(ch.isalnum() for ch in before)  # "🎉 Keep sending"
    return opens and at + 1 < len(toks) and word_class(toks[at + 1]) == "V"


# "Do not sell or share my personal information" (an opt-out of a sale of data, as US law
# words it): not marketing mail, and no erasure either; a person answers it.
_SALE = frozenset("sale selling sell sold sharing share shared بيع مشاركه".split())


def _of_a_sale(codes: str, toks: Sequence[str], index: Sequence[int], end: int) -> bool:
    """Does the opt-out ending at ``end`` name a sale or sharing of data, and no marketing,
    in its clause?"""
    after = toks[index[end - 1] + 1:index[end - 1] + 5]
    return not _SALE.isdisjoint(after) and not any(c in "ML" for c in codes[end:end_of(codes, end, ".")])


# Lists of products an account holds: "everything" taken out of one empties the list.
_CONTAINERS = frozenset("wishlist waitlist cart basket favourites registry history "
                        "recentlyviewed سله السله سلتي مفضله المفضله مفضلتي".split())
_FROM_CONTAINER = re.compile(r"F[dx]{0,2}K")


def from_container(codes: str, toks: Sequence[str], index: Sequence[int], end: int) -> bool:
    """"remove everything from my wish list": the deletion at ``…:end`` empties a list of
    products, not the account; "remove his profile from mine" («من حسابي») takes something
    out of the sender's account, which stays."""
    m = _FROM_CONTAINER.match(codes, end)
    if m and toks[index[m.end() - 1]] in _CONTAINERS:
        return True
    mine = _FROM_MINE.match(codes, end)  # … but "delete everything from my account" erases
    return bool(mine) and codes[end - 1] != "I" and (
        codes[mine.end() - 1] in "AY" or toks[index[mine.end() - 1]] == "mine")


# "Someone got into my account … please freeze it and help me get back in": a lock against a
# break-in, which the sender wants to keep using, not a closure
_FREEZE = frozenset("freeze freezing suspend lock جمد جمدوا تجميد اقفلوه".split())
_BREAK_IN = frozenset("hacked hack hacker compromised stolen fraudulent unauthorised unauthorized "
                      "اختراق مخترق مهكر انهكر انسرق سرقه".split())


def protective_lock(toks: Sequence[str], index: Sequence[int], start: int) -> bool:
    """Is the deletion verb at ``start`` a freeze asked for because of a break-in?"""
    if toks[index[start]] not in _FREEZE:
        return False
    joined = " ".join(toks)
    return not _BREAK_IN.isdisjoint(toks) or "got into" in joined or "get back in" in joined


# «حاولت ادخل اكثر من مرة وقفل الحساب» ("I tried to log in several times and the account
# locked"): the account locked itself after the attempts, told, not asked – a locked account
_LOCKED_ITSELF = frozenset("قفل وقفل انقفل وانقفل اتقفل واتقفل".split())
_LOGGING_IN = frozenset("ادخل الدخول دخول الباسوورد الباسورد باسوورد المرور password login".split())


def locked_itself(toks: Sequence[str], index: Sequence[int], start: int) -> bool:
    """Is the verb at ``start`` the account locking after login attempts («وقفل الحساب»)?"""
    return toks[index[start]] in _LOCKED_ITSELF and not _LOGGING_IN.isdisjoint(toks)


# "from mine", "from my account", «من حسابي»; "profile okhti mn el family members fi 7sabi"
# (whose profile, then "from the family members in my account")
_FROM_MINE = re.compile(r"x?F(?:[dx]{0,5}[AY]|d?[Ax])")  # … "from our family membership"


_FROM_MARKETING = re.compile(r"[xdm]{0,3}F[dx]{0,2}[ML]")


def from_marketing(codes: str, end: int) -> bool:
    """"remove all my details from your mailing list", "delete my data from your marketing
    database": the deletion at ``…:end`` is scoped to the marketing, an unsubscribe."""
    return _FROM_MARKETING.match(codes, end) is not None


# «أتقدم بطلب إغلاق حسابي» ("I submit a request to close my account"): «طلب» is an order and
# also a request; before a deletion noun it is the request.
_REQUEST = frozenset("طلب بطلب وطلب طلبي".split())


def intransitive(codes: str, toks: Sequence[str], index: Sequence[int], start: int) -> bool:
    """Does an order word stand right before the deletion verb at ``start``, making it the
    order's own doing ("the app keeps closing when …")? Not when the word is «طلب» asking."""
    m = INTRANSITIVE.search(codes, 0, start)
    verb = toks[index[start]] if start < len(index) else ""
    if verb.endswith("وا") and not verb.isascii():
        return False  # «هالشحنة سكروا حسابي»: "(after) this parcel, close my account" – an
        # imperative, said to us, never the order's own doing
    return bool(m) and toks[index[m.start()]] not in _REQUEST
