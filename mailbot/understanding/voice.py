"""Whose request is it? The sender's own, in the first person, about their account here.

The word-class rules in :mod:`mailbot.understanding.classify` find request *shapes*
("verb … account", "stop … emails"). On real mail most shapes that matched were not
requests to us: "remove the netfs data", "clear data", "delete everything" (technical
prose), "the day I will delete my account" (a story), "won't try to send" (a patch
review), a bare "end" or "block" in a discussion, «الإغلاق السريع للحسابات» (an accounting
course). These checks ask of each match what a person reading the mail would ask:

* :func:`owned` — a deletion's object is the sender's own: "my account", "me", "all my
  data", «حسابي», «بياناتي», Arabizi "7sabi", "el 7esab mal8i", or "your records/system"
  (ours, holding their data), or the whole message is a short command ("close account").
* :func:`voiced` — a weak unsubscribe shape (a bare "unsubscribe", "stop", "don't send",
  "end") is a request only when the sentence speaks for the sender (first person or
  an imperative at its start) and the message is short, or names what to stop (marketing,
  a list, a subscription).

Pure and cheap: set look-ups over the tokens of one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailbot.understanding import arabic, arabizi, held, others, relations
from mailbot.understanding.clauses import end_of, start_of
from mailbot.understanding.courtesy import AFFIRM
from mailbot.understanding.lexicon import arabizi_class, word_class
from mailbot.understanding.reported import done, nothing_comes, retold, told_act, whoever
from mailbot.understanding.scope import HOW_WORDS, practice

# Tokens that make a sentence the sender's own (folded, as normalise.tokens gives them).
SINGULAR = frozenset(
    "i me my mine myself i'm i'd i'll i've im ive ana انا عني لي ليا باسمي بنفسي بروحي".split()
) | arabic.FORGET_ME | arabic.MINE | arabizi.MINE
FIRST_PERSON = SINGULAR | frozenset("we us our ours احنا نحن".split()) | arabic.FORGET_US
_DEMONSTRATIVE = frozenset("this that ده دا هذا هذه هاد هيدا داك ذا".split())
_YOUR = frozenset("your yours ur عندكم لديكم عندكن منكم".split())
_PLURAL_ACCOUNTS = frozenset("accounts profiles حسابات حساباتي حساباتنا".split())
_ONE_OF = frozenset("احد one".split())
# A deletion verb right after one of these is the writer's own action or a time clause.
_ASKING = frozenset("can could may how should shall do".split())
_WOULD = frozenset("would i'd we'd id".split())
_WHEN = frozenset("after before when once until whenever".split())
_NARRATOR = frozenset("i we they he she".split()) | _WHEN
_SPEAKER = frozenset("i we".split())  # "I don't want the account": the sender's own wish
_POSSESSIVE_SUFFIXES = ("ي", "يا")
_LONG = 120  # tokens of the sender's own text: discussions, stories, long complaints
_SHORT = 14  # tokens: "close account pls", "stop", "unsubscribe linux-xfs"


# Shapes that start with the sender's own wish or request ("I want …", "we request that …"):
# an "I"/"we" before them asks, it does not narrate.
_ASKED_BY_SUBJECT = frozenset(("want-done", "pronoun", "request-that"))


# "we request that Dafatir closes her customer account": the verb a request asks for
_MANDATING = frozenset("request requests requested ask asks asked instruct instructs instructed "
                       "require requires required demand demands".split())


def _mandated(sentence: Sequence[str], verb: str) -> bool:
    """Is ``verb`` (third person) what a request in its sentence asks for, after "that"?"""
    at = sentence.index(verb) if verb in sentence else 0
    said = next((k for k in range(at - 1, -1, -1) if sentence[k] in _MANDATING), None)
    return said is not None and "that" in sentence[said:at]


def owned(window: Sequence[str], classes: str, sentence: Sequence[str], before: str,
          short: bool, rule: str, lead: Sequence[str], relative: bool = False) -> bool:
    """Does the deletion in ``window`` (tokens and their class letters) touch the sender's own
    account or data? ``sentence`` is the sentence around it, ``before`` the class letters of
    the few words before the window; ``rule`` the shape that matched (for "delete it" the
    window holds the noun "it" stands for); ``lead`` the two words before the verb;
    ``relative``: the sentence asks for a relative the sender named ("my wife … she wants")."""
    verb = window[0] if window else ""
    subject = lead[-1] if lead else ""
    pairs = list(zip(window, classes, strict=False))
    nouns = [(tok, cls) for tok, cls in pairs if cls in "AIR"]
    if verb.isascii() and verb.endswith("s") and classes[:1] == "D" and not _mandated(
            sentence, verb):
        return False  # "that clears everything up": a statement, not a request
    if nouns and all(_plural(tok) for tok, _ in nouns):
        return False  # «دورة الإغلاق السريع للحسابات» (accounting), "user accounts"
    if rule not in _ASKED_BY_SUBJECT and len(lead) > 1 and lead[0] in _WHEN and lead[1] in (
            "i", "we"):
        return False  # "how long do you keep my data after I close my account?"
    if short:
        return True
    asks = len(lead) > 1 and lead[0] in _ASKING  # "how can I delete my account?"
    if rule not in _ASKED_BY_SUBJECT and not asks and not (
            rule == "no-account" and subject in _SPEAKER) and (
            subject in _NARRATOR or (before and before[-1] == "G")):
        return False  # "after I delete my account", "I'm closing my account": a story
    if rule == "want-done" and verb == "like" and subject not in _WOULD:
        return False  # "things like profile changes or disk removal"
    if any(_mine(tok, cls) for tok, cls in (nouns if rule == "pronoun" else pairs)):
        return True
    if "our" in window[:3] and any(cls == "A" for _, cls in nouns) and (
            asks or not {"W", "p"}.isdisjoint(before + classes)):
        return True  # "how do we close our business account?": a company's or a couple's own
    if not nouns:
        return False
    if not _ONE_OF.isdisjoint(window):
        return rule == "pronoun" and _one_of_mine(window, nouns[0][0])
    noun, cls = next(((tok, c) for tok, c in nouns if c == "A"), nouns[-1])
    if cls == "A" and not noun.isascii() and noun.endswith(("ك", "كم")):
        return False  # «سيتم حذف حسابك» ("your account will be deleted"): a notice, retold
    if rule == "pronoun" and cls != "A":
        return False  # "… all kinds of info. Let me know if it is too little."
    if cls == "A" and not _plural(noun):
        # "the account" is theirs when they speak: I/want/please/this, or "from you".
        return (not SINGULAR.isdisjoint(sentence) or not _DEMONSTRATIVE.isdisjoint(sentence)
                or not _YOUR.isdisjoint(sentence) or _this_one(noun, sentence)
                or tuple(lead) in _ASK_YOU  # "Actually can you delete the whole account?"
                or _commands_us(sentence, verb)  # "OK. Please go ahead and close the account."
                or _asks_how(sentence, verb)  # «شو الطريقة لإلغاء الحساب؟», "how to delete the account?"
                or held.linked_to_address(window, classes)  # «حذف الحساب المرتبط برقم هاتفي»
                or not _CAN_I.isdisjoint(lead) or not _ALL_RIGHT.isdisjoint(lead)  # can I, is it OK
                or (not {"W", "p"}.isdisjoint(before + classes)
                    and not ("wants" in sentence and "p" not in before + classes))
                or relative)  # "she wants …" speaks for someone: only for a relative
    # data/everything/records: only with "me" named ("everything you hold on me") or
    # "your records" in a sentence the sender speaks.
    return "m" in classes or (not _YOUR.isdisjoint(window) and cls == "R"
                              and not SINGULAR.isdisjoint(sentence)) or (
        cls == "I" and (held.names_my_details(sentence)  # "everything …: my name, mobile …"
                        or held.linked_to_address(window, classes)))


_CAN_I = frozenset("اقدر بقدر نقدر بنقدر اقدرش بقدرش".split())  # "can I", Arabic: asks for own
# … and «عادي تحذفون الحساب؟», "3adi t7thfon el 7sab?" ("is it all right to delete it?")
_ALL_RIGHT = frozenset("عادي 3adi 3ady".split())
_GO_AHEAD = (("go", "ahead"), ("go", "ahead", "&"), ("proceed",), ("go", "on"))


def _asks_how(sentence: Sequence[str], verb: str) -> bool:
    """Does the sentence ask how (or the way) before the verb?"""
    return verb in sentence and not HOW_WORDS.isdisjoint(sentence[:sentence.index(verb)])


def _commands_us(sentence: Sequence[str], verb: str) -> bool:
    """Does the sentence open with the verb, or "(please) go ahead and" before it ("Actually,
    on reflection just close the whole account."): a command to us?"""
    if verb not in sentence:
        return False
    lead = sentence[:sentence.index(verb)]
    # "Please stop the SMS و امسحوا الحساب": a command opens the clause after "and" too
    lead = lead[max((k + 1 for k, t in enumerate(lead) if t in _AND), default=0):]
    # "Yes, close the account", «ايوه امسحوا الحساب»: a yes opens the command it agrees to
    opening = tuple(t for t in lead if t not in _IMPERATIVE_LEAD and t not in _ON_REFLECTION
                    and t not in AFFIRM and t not in ".,")
    return opening in _GO_AHEAD or (not opening and (verb.isascii() or (
        verb.startswith("ا") and verb.endswith(("وا", "و")))))  # «امسحوا»: you (all), do it


_ON_REFLECTION = frozenset("actually on reflection second thought thoughts anyway".split())
_AND = frozenset("and then و ثم".split())


def _this_one(noun: str, sentence: Sequence[str]) -> bool:
    """«هالحساب», or «الحساب يلي عليه هالإيميل» ("the account on this email"): the
    Levantine and Gulf «هال» ("this") on the noun or on what names it."""
    return noun.startswith("هال") or any(tok.startswith("هال") for tok in sentence)


def _one_of_mine(window: Sequence[str], noun: str) -> bool:
    """"I have two accounts … can you wipe the one under this email?": the pronoun "one"
    picks one of the accounts the sender says are theirs ("I have", "my", «عندي»)."""
    at = window.index(noun)
    opening = window[:at]
    if "." in opening:
        opening = opening[len(opening) - opening[::-1].index("."):]
    # "I seem to have two accounts", «عندي حسابين»: the sender says the accounts are theirs
    if not SINGULAR.isdisjoint(opening) or not _I_HAVE.isdisjoint(opening):
        return True
    # "it's the one with this email address": the address the sender writes from; "two
    # accounts: a@… (my main one) and b@…": one of them called "my"
    return any(tok in _ONE_OF and (_this_address(window[k + 1:k + 5]) or "my" in window[k - 2:k])
               for k, tok in enumerate(window))


_THIS = frozenset("this my هذا هذه هذي".split())


def _this_address(words: Sequence[str]) -> bool:
    """"with this email (address)", «بهذا الايميل», «على هالايميل»: the sender's own address."""
    return any(tok in _THIS and k + 1 < len(words) and word_class(words[k + 1]) == "E"
               or tok.startswith(("هال", "بهال")) and word_class(tok) == "E"
               for k, tok in enumerate(words))


# «عندي حسابين», "3indi 2 accounts": "I have" in one word (only where "the one" picks one of them;
# "3ndi so2al" (I have a question) alone makes no sentence the sender's request)
_I_HAVE = frozenset("3indi 3ndi 3endi 3andi 3ndy 3indy عندي".split())


def _plural(tok: str) -> bool:
    return tok in _PLURAL_ACCOUNTS or "حسابات" in tok


def _mine(tok: str, cls: str) -> bool:
    if tok in SINGULAR:
        return True
    if cls in ("A", "I", "R") and not tok.isascii():
        return len(tok) >= 4 and tok.endswith(_POSSESSIVE_SUFFIXES) and tok not in _PLURAL_ACCOUNTS
    return (cls == "A" and tok.endswith(("i", "ee")) and tok[:1] in "7h"  # Arabizi 7sabi
            or cls == "I" and tok.endswith(("ati", "atee", "aty")))  # ma3lomati, bayanati


# Unsubscribe rules that say nothing of *what* to stop; alone they need a speaking sender.
WEAK_UNSUBSCRIBE = frozenset({"unsubscribe", "bare-stop", "dont-send", "turn-off", "take-off",
                              "still-coming", "pronoun"})
_MARKETING_CLASSES = frozenset("MLBUb")
_MAILING_CLASSES = frozenset("MLBUu")
_ANAPHORIC = frozenset({"turn-off", "pronoun"})
_IMPERATIVE_LEAD = frozenset("please pls plz kindly hi hello hey dear hallo thanks ok okay "
                             "just so and but then now actually really finally".split())


# Arabizi verbs carry their person like Arabic ones: "3ayez" (I want), "shilni" (remove me),
# "wa88foohom" (stop them)
_ARABIZI_PERSON = frozenset("WDCSPQ")


def voiced(sentence: Sequence[str], classes: str, start: int, short: bool, rule: str) -> bool:
    """Does the sentence holding a weak unsubscribe shape (at ``start``, an index into
    ``sentence``) speak for the sender, about marketing?"""
    # "turn them off", "stop these": the rule already found the marketing noun they mean.
    names_marketing = rule in _ANAPHORIC or not _MARKETING_CLASSES.isdisjoint(classes)
    first_person = not SINGULAR.isdisjoint(sentence)  # "we" is a team talking shop
    arabic = any(not tok.isascii() or arabizi_class(tok) in _ARABIZI_PERSON for tok in sentence)
    lead = all(tok in _IMPERATIVE_LEAD or tok in ",." for tok in sentence[:start]) or _sees_to_it(
        sentence[:start]) or (
        start > 0 and word_class(sentence[start - 1]) == "p") or (  # "… - please unsubscribe"
        tuple(sentence[max(0, start - 2):start]) in _ASK_YOU) or (  # "can you stop those?"
        not HOW_WORDS.isdisjoint(sentence[max(0, start - 3):start]))  # "kif bsawi unsubscribe?"
    if short:
        return first_person or lead or names_marketing or arabic
    return names_marketing and (first_person or lead or arabic)


# "Please make sure it actually stops", "ensure these stop": asks us to see to it
_SEE_TO_IT = frozenset("make sure ensure".split())


def _sees_to_it(lead: Sequence[str]) -> bool:
    return not _SEE_TO_IT.isdisjoint(lead) and all(
        tok in _SEE_TO_IT or tok in _IMPERATIVE_LEAD or tok in ",." or tok == "that" for tok in lead)


def is_short(token_count: int) -> bool:
    return token_count <= _SHORT


def is_long(token_count: int) -> bool:
    """Long enough that a request in it should reach a person, not be applied unseen."""
    return token_count > _LONG


def spoken(sentence: Sequence[str], classes: str, start: int) -> bool:
    """In a longer message every unsubscribe shape needs the sender's voice: "I", "me",
    "my", "please", "could you …", an imperative at the sentence start, or Arabic and
    Arabizi (whose verbs carry the person: «شيلوني», t6al3ooni). A one-word aside before
    them ("Unrelated: can you stop …", "Also, stop …") changes nothing."""
    if (not SINGULAR.isdisjoint(sentence) or not {"p", "m", "W"}.isdisjoint(classes)
            or any(not tok.isascii() or any(c.isdigit() for c in tok) for tok in sentence)
            or relations.names_relative(sentence)):  # "Our client hereby withdraws her consent"
        return True
    if len(sentence) > 2 and sentence[1] == "," and start >= 2:
        sentence, start = sentence[2:], start - 2
    # … and "One more thing - can you stop the promo emails?": the ask right before the verb
    # … or "just"/"please" opening the clause after a comma ("…, don't close it, just stop …")
    lead = sentence[next((k + 1 for k in range(start - 1, -1, -1) if sentence[k] == ","), 0):start]
    return tuple(sentence[:2]) in _ASK_YOU or tuple(sentence[max(0, start - 2):start]) in (
        _ASK_YOU) or all(tok in _IMPERATIVE_LEAD or tok in ",." for tok in sentence[:start]) or (
        bool(lead) and all(tok in _IMPERATIVE_LEAD for tok in lead))


_WHY = frozenset("why ليش ليه لماذا لمه".split())


# Cold mail sent *to* the store ends "not interested? reply STOP / unsubscribe": the
# opt-out is offered to the reader, not asked of us.
_REPLY_WITH = frozenset("reply respond replying type text رد ردوا ردي بكلمه اكتب".split())
_YOU = frozenset("you u ya".split())


def _offers_opt_out(sentence: Sequence[str], at: int) -> bool:
    """'Just reply "unsubscribe"' told to the reader; "I reply STOP every time" is the
    sender's own attempt, still a request."""
    near = sentence[max(0, at - 3):at]
    for k, tok in enumerate(near):
        if tok in _REPLY_WITH:
            before = sentence[:max(0, at - 3) + k]
            return SINGULAR.isdisjoint(before) and _FIRST_PERSON_REPLY.isdisjoint(before)
    return False


# "I reply STOP every time", «ارد عليكم بكلمة ايقاف»: the sender's own opt-out tried before
# (then "you keep texting me offers" is an unsubscribe that did not work).
_REPLIED = frozenset("reply replied replying respond responded texted typed answered sent "
                     "ارد رديت نرد ردينا برد كتبت ارسلت".split())
_FIRST_PERSON_REPLY = frozenset("ارد رديت نرد ردينا برد كتبت ارسلت".split())
OPT_OUT_WORDS = frozenset("stop unsubscribe optout remove ايقاف الغاء وقف stopp".split())


def replied_opt_out(toks: Sequence[str], at: int) -> bool:
    """Is the opt-out word at ``at`` one the sender says they replied with before ("I've
    replied STOP three times", «ارد عليكم بكلمة ايقاف»), not one offered to the reader?"""
    for k in range(at - 1, max(at - 4, -1), -1):
        if toks[k] in _REPLIED:
            return toks[k] in _FIRST_PERSON_REPLY or not FIRST_PERSON.isdisjoint(
                toks[max(0, k - 3):k])
    return False


# "you keep texting me offers" describes what the store does; "can you keep sending me the
# newsletter?" asks for it.
_YOU_THEY = frozenset("you u they ya".split())
_ASKING_YOU = frozenset("can could would will please pls kindly".split())


def describes_you(toks: Sequence[str], at: int) -> bool:
    """Is the word at ``at`` ("keep") said of the store, as a complaint ("you keep texting
    me"), not asked of it?"""
    return at > 0 and toks[at - 1] in _YOU_THEY and not asks_you(toks, at)


def asks_you(toks: Sequence[str], at: int) -> bool:
    """Is the word at ``at`` asked of the store ("can you keep sending me …")?"""
    return at > 1 and toks[at - 1] in _YOU_THEY and toks[at - 2] in _ASKING_YOU


# "can you delete …", and "could you just close …" (the two words before the verb)
_ASK_YOU = frozenset([*((verb, "you") for verb in "can could would will pls please".split()),
                      *(("you", softener) for softener in ("just", "kindly", "please"))])


_TAKE_OFF_WHAT = re.compile(r"[dx]{0,2}[OMLB]")


def senders_own(kind: str, rule: str, span: tuple[int, int, int], codes: str,
                toks: Sequence[str], index: Sequence[int], short: bool) -> bool:
    """Is a rule match (``kind`` "del"/"uns", ``span`` = start, end, anchor in ``codes``) the
    sender's own request: a deletion of their own account, an unsubscribe they speak?"""
    start, end, anchor = span
    # "newsletter. Stop sending me these": a stop verb speaks in its own sentence
    said = anchor if kind == "uns" and rule == "pronoun" else min(start, anchor)
    lo, hi = start_of(codes, said), end_of(codes, end)  # bounded: see clauses
    sentence = toks[index[lo]:index[hi - 1] + 1] if hi > lo else []
    if done(toks, index[min(start, anchor)]) or done(toks, index[anchor]):
        return False  # «تم الغاء اشتراكك» quoted from a notice: it happened, nobody asks
    if whoever(toks, index[min(start, anchor)]):
        return False  # «اللي يبي يوقف رسائل العروض: …», «اللي يلغي الاشتراك يخسر النادي؟»
    if kind == "del":
        if practice(toks, index[anchor]):
            return False  # "Do you delete accounts after a year?": what the store does
        if retold(toks, index[anchor]) in ("recovery", "done", "theirs", "aside") or held.on_device(
                codes, toks, index, start, end, sentence) or told_act(toks, index[start]):
            return False
        w_lo, w_hi = min(start, anchor), held.about_me_end(codes, toks, index, end, hi)
        if rule == "pronoun":  # «عايزة أشيله هو وأي معلومات»: the noun may be before the verb
            w_lo = min(lo, start)
        window = toks[index[w_lo]:index[w_hi - 1] + 1] if w_hi > w_lo else []
        before = codes[max(lo, w_lo - 3):w_lo]
        verb = index[anchor]
        lead = toks[max(index[lo], verb - 2):verb]
        if not _WHY.isdisjoint(lead) and "N" not in map(word_class, lead):
            return False  # «ليش بتحذفون حسابي؟», "why would you close my account?": asks why
        relative = (relations.for_relative(toks, sentence, codes[w_lo:w_hi])
                    or relations.relatives_account(toks, window))
        if not relative and for_a_friend(toks, window) and not held.names_my_details(sentence) \
                and not relations.opened_with_my_details(toks):
            return False  # "my colleague … wants his account closed. Can you close it?"
        if not relative and not _THEIR_ACCOUNTS.isdisjoint(window[:4]):
            return False  # "customers asking to delete their accounts": a reporter's question
        return owned(window, codes[w_lo:w_hi], sentence, before, short, rule, lead, relative)
    if kind != "uns":
        return True
    if rule in others.LIST_RULES and (
            others.business_list(codes, toks, index, start, end)
            or others.removes_someone_else(codes, toks, index, start, end) and not (
                relations.relatives_account(toks, toks[index[start]:index[end - 1] + 1]))):
        return False  # "remove me from the PR gifting list", "remove Ahmed from your list";
        # not «زوجتي … شيلوا ايميلها من النشرة» (a relative's address, the family's to take off)
    if rule == "take-off" and codes[start] == "t" and {"m", "E", "z"}.isdisjoint(
            codes[max(0, start - 1):end]) and not _TAKE_OFF_WHAT.match(codes, end) and not (
            "her" in toks[index[start]:index[end - 1] + 1] and relations.names_relative(toks)):
        return False  # "get deals off": take me, my address, or it (the list) off; "take her
        # off, this is my mum's email" takes the relative off
    if codes[start] == "t" and "E" not in codes[start:end] and any(
            c.isdigit() for t in toks[index[start]:index[end - 1] + 1] for c in t):
        return False  # "get 85% off all sales", not "take my number 0561 000 847 off"
    at = index[anchor] - index[lo]
    if rule == "no-more" and codes[start] == "N" and not _WHY.isdisjoint(sentence[max(0, at - 3):at]):
        return False  # "why am I not getting your emails any more?" misses them
    if rule == "no-more" and codes[start] == "Z" and _since_a_time(toks, index[end - 1] + 1):
        return False  # "Thanks, that worked, no more emails since Monday": it has stopped
    if rule == "no-more" and _spared(toks, index[start], sentence):
        return False  # "cancel my paid plan. Not the newsletter, keep sending it"
    if rule == "no-more" and codes[start] == "N" and nothing_comes(codes, lo, start):
        return False  # «وما عاد يوصلني شي، لا عروض ولا …»: what no longer comes, not a request
    if _offers_opt_out(sentence, at):
        return False  # 'reply "unsubscribe" and …', «رد بكلمه الغاء»: how the sender lets us opt out
    if rule == "dont-send" and index[end - 1] + 1 < len(toks) and toks[index[end - 1] + 1] in _YOU:
        return False  # "I won't contact you again": the sender's promise to the reader
    if codes[start] == "N" and toks[index[end - 1] + 1:index[end - 1] + 2] == ["back"]:
        return False  # "I don't want the newsletter back": it is off already, nothing to do
    if rule == "address-off-named":
        return not _MAILING_CLASSES.isdisjoint(codes)  # "Still receiving Dana Notes after
        # unsubscribing … Please remove both addresses from both editions"
    if rule in WEAK_UNSUBSCRIBE:
        classes = codes[lo:hi]
        if rule == "bare-stop" and lo > 1:  # "three more promo emails since then. Stop."
            classes = codes[codes.rfind(".", 0, lo - 1) + 1:hi]
        return voiced(sentence, classes, at, short, rule)
    return short or spoken(sentence, codes[lo:hi], at)


# "since Monday", "since then", "since the 3rd": a time it has stopped since ("since I moved"
# gives a reason and still asks)
_SINCE_WHEN = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday then "
                        "last that the this early mid january february march april may june july "
                        "august september october november december".split())


def _since_a_time(toks: Sequence[str], at: int) -> bool:
    """Does "since" at ``at`` open a time ("no more emails since Monday"), not a reason?"""
    return toks[at:at + 1] == ["since"] and at + 1 < len(toks) and (
        toks[at + 1] in _SINCE_WHEN or toks[at + 1].isdigit())


def _spared(toks: Sequence[str], at: int, sentence: Sequence[str]) -> bool:
    """"Not the newsletter, that one is fine": "not the …" sets a thing apart from the
    request, unless the sentence says "anymore" or "please" ("Please, not the SMS anymore")."""
    return toks[at] == "not" and toks[at + 1:at + 2] in (["the"], ["this"], ["that"]) and \
        _NO_LONGER.isdisjoint(sentence)


_NO_LONGER = frozenset("anymore more please pls plz".split())


# "their account(s)", «حسابهم»: several people's, never the one sender's own (a relative's
# only where the sender names one, as in "my parents want their account closed")
_THEIR_ACCOUNTS = frozenset("their حسابهم حساباتهم".split())


# A friend, a colleague, an employee or a neighbour has an account of their own: the sender
# (their employer too) cannot close it for them (only a relative or a client they act for,
# above). "My friend told me about you, please close my account" still names the sender's own.
_NOT_FAMILY = others.COLLEAGUES | others.ACQUAINTANCES


def for_a_friend(toks: Sequence[str], window: Sequence[str]) -> bool:
    """Does the mail name a friend or colleague, and the deletion in ``window`` no account of
    the sender's own ("my account", «حسابي»)?"""
    if _NOT_FAMILY.isdisjoint(toks):
        return False
    # "close account for my colleague": that "my" is the colleague's, not the account's
    own = [tok for tok, after in zip(window, [*window[1:], ""], strict=True)
           if after not in _NOT_FAMILY]
    return SINGULAR.isdisjoint(own) and not any(_mine(tok, word_class(tok)) for tok in own)
