"""A short reply read with the store's question it answers.

"Yes please", "yes delete", «تمام احذفوه» or "Just the emails" mean nothing alone; under
"Do you want us to delete your account, or only stop the marketing emails?" they are
requests. The question and what it offers come from ``questions``; this module reads the
answer. Only the question's *nouns* are lent to the reply, never its verbs, so quoted text
never supplies a request by itself: "stop these"/«احذفوه» find what "these"/"it" is among
them. A reply made only of agreement ("yes", «تمام») takes the first thing offered (below
the auto-apply line when it offered two, so a person confirms); agreement with the offered
verb itself ("yes delete", «ايوه امسحوا», "stop please") takes what that verb offers.

Under a question that asks whether to *keep* something ("Would you like to keep receiving
our offers?") the answer turns round: "yes" asks for nothing, and "no"/«لا» to the
marketing is an unsubscribe (to the account, a person decides).
"""

from __future__ import annotations

import itertools
import re

from mailbot.understanding import courtesy, others, scope
from mailbot.understanding.courtesy import AFFIRM, AFFIRM_WITH_VERB
from mailbot.understanding.lexicon import STILL, word_class
from mailbot.understanding.normalise import ADDRESS_TOKEN
from mailbot.understanding.questions import MARKETING_ONLY, Question

_SHORT_REPLY = 12  # tokens: a reply this short leans on the question

# A reply that opens with "yes" answers the question even when it goes on to say which
# account ("Yes, it's the one with this email address (…). Please go ahead and delete it.")
_YES = frozenset("yes yeah yep yup نعم ايوه ايوا aywa".split())
_YES_REPLY = 25


def leans_on_question(own_tokens: list[str]) -> bool:
    words = [t for t in courtesy.without_sign_off(own_tokens) if t not in ".,"]
    if len(words) <= _SHORT_REPLY or (len(words) <= _YES_REPLY and words[0] in _YES):
        return True
    if opens_with_yes(own_tokens):
        return True  # "Confirmed.\n\nOne question though – will the autoship stop …?"
    # "Just the newsletter and the WhatsApp stuff. Keep the account, I need it for …": a
    # short answer first, then why
    first = own_tokens[:own_tokens.index(".")] if "." in own_tokens else own_tokens
    return len(words) <= _YES_REPLY and 0 < len(first) - first.count(",") <= _SHORT_ANSWER and (
        first[0] in _OPENERS or _names_a_choice(own_tokens)
        or MARKETING_ONLY.match("".join(word_class(t) for t in first)) is not None)
    # … "Newsletter only please. Keep the account, we still order …", "2\nI'm moving back …"


def may_open_with_yes(text: str) -> bool:
    """A cheap look at the first word before :func:`opens_with_yes` tokenises anything."""
    first = text.split(None, 1)[0].strip(".,!؟?،").lower() if text.strip() else ""
    return first in AFFIRM or first in courtesy.SORRY or first in AFFIRM_WITH_VERB


def opens_with_yes(own_tokens: list[str]) -> bool:
    """Is the first clause a bare agreement ("Confirmed.", "Yes, please go ahead and delete
    it." after an apology for answering late, «ايه اكيد احذفوه، ما عاد استخدمه»), however
    long the rest?"""
    if not own_tokens or (own_tokens[0] not in AFFIRM and own_tokens[0] not in courtesy.SORRY
                          and own_tokens[0] not in AFFIRM_WITH_VERB):
        return False  # most replies: no yes and no apology first
    own_tokens = courtesy.without_apology(own_tokens)
    cut = next((k for k, t in enumerate(own_tokens) if t in ".,"), len(own_tokens))
    words = answer_words(own_tokens[:cut])
    return cut > 0 and (affirms(own_tokens[:cut]) or (  # … or a yes with the offer's verb
        any(t in AFFIRM for t in words) and all(
            t in AFFIRM or t in AFFIRM_WITH_VERB or t in _IT_WAS_ME or word_class(t) in "pdO"
            or word_class(t) in VERB_OFFER for t in words)))



# "Yes it was me", "yes I did", «نعم انا اللي طلبت»: a yes that owns the request
_IT_WAS_ME = frozenset("it was me i did that's it's its is this asked requested انا اللي الي طلبت طلبته "
                        "طالب طالبه".split())


def _turns(clause: list[str]) -> bool:
    """Does the clause after a yes turn it: a "but", or a "not" before what was offered?"""
    classes = "".join(word_class(t) for t in clause)
    return "j" in classes or re.search(r"N[dx]?[DXaAMLIUS]", classes) is not None


def _names_a_choice(own_tokens: list[str]) -> bool:
    """Does the first clause name an option by its place ("The second one please - close
    it.", «الاختيار الأول لو سمحتي، …»)?"""
    cut = next((k for k, t in enumerate(own_tokens) if t in ".,"), len(own_tokens))
    return 0 < cut <= _CHOICE_CLAUSE and not ORDINALS.keys().isdisjoint(own_tokens[:cut])


_CHOICE_CLAUSE = 6  # words
_SHORT_ANSWER = 8  # words in a first sentence that answers a choice
# A choice named by its place: "2", "the second one", «التاني», "1st"
ORDINALS = {
    **dict.fromkeys("1 ١ one first 1st الاول الأول الاولى الأولى اول اولا".split(), 1),
    **dict.fromkeys("2 ٢ two second 2nd الثاني الثانيه التاني التانيه ثاني".split(), 2),
    **dict.fromkeys("3 ٣ three third 3rd الثالث الثالثه التالت".split(), 3),
}

_OPENERS = frozenset([*"just only both neither yes no all everything بس فقط الاثنين الكل كله".split(),
                      ADDRESS_TOKEN])


def answer_words(own_tokens: list[str]) -> list[str]:
    """The words of a reply's answer: the first sentence when the rest is a sign-off
    ("Yes please.\n\nHannah", "ok. thanks, Omar"), else all of them; emoji dropped."""
    own_tokens = [t for k, t in enumerate(own_tokens) if (t in ".," or any(
        ch.isalnum() for ch in t)) and not courtesy.vocative(own_tokens, k)]  # 🙏, «يا جماعة»
    own_tokens = courtesy.without_apology(own_tokens)
    if "." in own_tokens:
        first = own_tokens.index(".")
        rest = [t for t in own_tokens[first:] if t not in ".,"]
        if len(rest) <= courtesy.SIGN_OFF and all(t in courtesy.THANKS or word_class(t) == "x" for t in rest):
            return [t for t in own_tokens[:first] if t != ","]
    return [t for t in own_tokens if t not in ".,"]


_NOW = frozenset("now then anyway الحين الان".split())  # "Please go ahead now."


def affirms(own_tokens: list[str]) -> bool:
    """A bare "yes" / «تمام»: every word is agreement or politeness, or points back at what
    was offered ("yes please, all of them")."""
    words = answer_words(own_tokens)
    return bool(words) and all(t in AFFIRM or t in AFFIRM_WITH_VERB or t in _NOW
                               or word_class(t) in "pdO" for t in words) and (
        any(t in AFFIRM for t in words) or (
        # «ايه الله يعافيك»: the Gulf "yes" with a "please" or a blessing beside it
        not AFFIRM_WITH_VERB.isdisjoint(words) and any(word_class(t) == "p" for t in words)))


# "no", «لا», "no thanks", «لا ما ابي»: a refusal, which under "keep receiving?" stops the mail
REFUSE = frozenset("no nope nah never لا كلا ابدا ابد la la2 nah".split())


def refuses(own_tokens: list[str]) -> bool:
    """A bare "no" / «لا شكرا» / "no, not anymore": a refusal and nothing else."""
    words = answer_words(own_tokens)
    return bool(words) and words[0] in REFUSE and all(
        t in REFUSE or t in courtesy.THANKS or word_class(t) in "pdNZW&" for t in words[1:])


# The verbs that name what a question offered: "yes delete", «ايوه امسحوه», "stop please".
VERB_OFFER = {**dict.fromkeys("DXaP", "delete_account"), **dict.fromkeys("USQ", "unsubscribe")}


def _named_offer(question: Question, own_tokens: list[str]) -> str | None:
    """The offer a reply names with its verb, when every other word agrees or is polite
    ("yes delete", "ok, stop them please"); None for anything more."""
    words = answer_words(own_tokens)
    named = {VERB_OFFER.get(word_class(t)) for t in words  # "Yes I confirm the deletion"
             if t not in AFFIRM and t not in AFFIRM_WITH_VERB and t not in _IT_WAS_ME
             and word_class(t) not in "pdO&"}
    if len(named) != 1 or None in named:
        return None
    offer = named.pop()
    return offer if offer in question.offers else None


def agreement(question: Question, own_tokens: list[str]) -> tuple[str, float, tuple[str, ...]] | None:
    """A reply that only agrees, naming the offer by its verb or not: "yes delete" and
    «ايوه امسحوا» take what the verb offers; "yes" the first thing offered. Under a question
    whether to keep the marketing, "no" is the unsubscribe and "yes" nothing."""
    if question.anew:
        return None  # "ok" to "If you still want it, please send a new request"
    if question.keeps:
        if question.offers == ("unsubscribe",) and refuses(own_tokens):
            return "unsubscribe", 0.85, ("no to keep receiving: " +
                                         " ".join(answer_words(own_tokens)[:6]),)
        return None
    if not answer_words(own_tokens) and question.by_reply and len(question.offers) == 1:
        # an empty reply to "To confirm, simply reply to this email": it may be a slip, so a
        # person confirms
        return question.offers[0], 0.7, ("an empty reply to our call to confirm",)
    if "delete_account" in question.offers and refuses(own_tokens) and AFFIRM.isdisjoint(
            own_tokens):
        # "no" / «لا» to our question about the deletion: asks nothing, and refuses it
        return "other", 0.9, ("no to our question: " + " ".join(answer_words(own_tokens)[:6]),)
    offer = _named_offer(question, own_tokens)
    if offer:
        return offer, 0.85, ("yes to our question: " + " ".join(answer_words(own_tokens)[:6]),)
    if affirms(own_tokens):
        return question.offers[0], 0.85 if len(question.offers) == 1 else 0.7, \
            ("yes to our question",)
    if question.names_address and _gives_address(own_tokens):
        # "Which email should we remove?" – "r.m@example.net\nthat one gets them"
        return question.offers[0], 0.85 if len(question.offers) == 1 else 0.7, \
            ("the address or number our question asked for",)
    if question.offers == ("unsubscribe",) and _adds_a_channel(own_tokens):
        # "and the WhatsApp too please" under "marketing by WhatsApp continues … reply to
        # stop that too"
        return "unsubscribe", 0.85, ("named a channel for our question: " +
                                     " ".join(answer_words(own_tokens)[:6]),)
    if question.offers == ("unsubscribe",) and picks_all(own_tokens):
        return "unsubscribe", 0.85, ("all of what our question offered",)
    if "delete_account" in question.offers and picks_all(own_tokens):
        # "newsletter only, or the account too?" – «الاثنين»: the deletion includes the rest;
        # a vaguer "all of it" to an either-or question is confirmed by a person
        sure = not BOTH.isdisjoint(own_tokens)
        return "delete_account", 0.85 if sure else 0.7, ("all of what our question offered",)
    return None


BOTH = frozenset("both الاثنين الثنين".split())
_AFTER = scope.LATER | {"بعد"}  # "yes delete it, but after my order arrives", «بس بعد …»
_SETTLED = frozenset("خلاص خلص khalas 5alas".split())
_ALSO = frozenset("too also well as kaman kaman kamaan كمان برضو برضه ايضا وكمان".split())
_ARABIZI_PLEASE = frozenset("law lau lw sama7to sama7ti sama7t sm7to".split())


def _adds_a_channel(own_tokens: list[str]) -> bool:
    """A reply that only names a marketing channel, with "too" («والواتساب كمان لو سمحتوا»)."""
    words = answer_words(own_tokens)
    return any(word_class(t) == "M" for t in words) and not _ALSO.isdisjoint(words) and all(
        t in _ALSO or t in AFFIRM or t in _ARABIZI_PLEASE or word_class(t) in "pd&M"
        for t in words)


# "the hotmail one, j.f@hotmail.example": words that say which of the sender's addresses
_WHICH_ADDRESS = others.MAILBOX_PROVIDERS | frozenset(
    "work personal old new home office القديم الجديد الشغل".split())
_PHONE = re.compile(r"\+?\d{7,15}")  # "0558214903": the number asked for


def _gives_address(own_tokens: list[str]) -> bool:
    """A reply whose first line is an address or a phone number, alone or with a please
    ("a.f@example.net please. That's my old address …"), and takes nothing back after it."""
    cut = own_tokens.index(".") if "." in own_tokens else len(own_tokens)
    first, rest = own_tokens[:cut], own_tokens[cut + 1:]
    given = [t for t in first if t == ADDRESS_TOKEN or _PHONE.fullmatch(t)] or _spaced_phone(first)
    return bool(given) and all(
        t in given or t in AFFIRM or t in courtesy.THANKS or t in ALL or t in _OF_IT or t in _WHICH_ADDRESS
        or t in _IT_WAS_ME or word_class(t) in "pdO&," for t in first  # "Yes that's correct, …"
    ) and REFUSE.isdisjoint(rest) and "wrong" not in rest and not WITHDRAWN.search(" ".join(rest))


def _spaced_phone(words: list[str]) -> list[str]:
    """The digit groups of a number written with spaces ("0533 902 117"), or none."""
    for k, tok in enumerate(words):
        if tok.isdigit():
            run = list(itertools.takewhile(str.isdigit, words[k:]))
            return run if len(run) > 1 and _PHONE.fullmatch("".join(run)) else []
    return []


# "All of it.", "both please", «الكل»: under "emails only, or SMS and WhatsApp too?" every
# option stops marketing, so taking all of them is the unsubscribe
ALL = frozenset("all everything both كل كله كلها الكل كلهم الاثنين الثنين".split())
_OF_IT = frozenset("of it them too also".split())
_BUT = frozenset("but except only just بس الا غير لكن فقط".split())  # "both, but keep …"


def picks_all(own_tokens: list[str]) -> bool:
    first = own_tokens[:own_tokens.index(".")] if "." in own_tokens else own_tokens
    if "," in first and not ALL.isdisjoint(first[:first.index(",")]):
        rest = first[first.index(",") + 1:]  # «الاثنين، ما ابي لا نشرة ولا حساب»: both, and why
        if _BUT.isdisjoint(rest) and all(word_class(t) != "H" for t in rest):
            first = first[:first.index(",")]
    words = [t for t in first if t != "," and any(ch.isalnum() for ch in t)]
    return bool(words) and not ALL.isdisjoint(words) and all(
        t in ALL or t in _OF_IT or t in AFFIRM or word_class(t) in "pdOM" for t in words)


# "I'm moving back to Kochi": that "back" is a journey, not "keep" or "put me back"
def _says_no(rest: list[str], k: int) -> bool:
    """Is word ``k`` a "no" of its own ("Yes. Actually no, keep it.", «نعم. لا تحذفوه»), not a
    "no" that counts a noun ("no reason to keep an account open")?"""
    return rest[k] in REFUSE and (k == 0 or rest[k - 1] in ".," or rest[k - 1] in _SECOND_THOUGHT
                                  or rest[k + 1:k + 2] in ([","], ["."], []))


_SECOND_THOUGHT = frozenset("actually wait oh hmm sorry".split())


def _keeps_it(rest: list[str], k: int) -> bool:
    """Does word ``k`` of what follows a yes keep something ("Actually no, keep it",
    «خلوه»)? Not "still", not "moving back", not "got it back" (a repair returned), and not
    a keep someone negates ("no reason to keep an account open")."""
    t = rest[k]
    if word_class(t) != "H" or t in STILL:
        return False
    if t == "back":
        return not (k and (rest[k - 1] in _ON_THE_MOVE or rest[k - 1] in ("it", "them")))
    return not any(word_class(w) == "N" for w in rest[max(0, k - 3):k])


def _keeps_the_mailing(rest: list[str], k: int) -> bool:
    """«بس خلوني على النشرة», "but keep me on the newsletter": after a yes to the deletion the
    keep is the newsletter's, which the deletion still overrides (the labelling rules)."""
    return any(word_class(t) in ("L", "M", "B") for t in rest[k + 1:k + 5])


_ON_THE_MOVE = frozenset("moving going coming heading flying relocating travelling traveling "
                         "returning move go come".split())


# "… she was right, we don't use it. So yes, delete it.": after the story, the answer
_THEN = frozenset("so then ok okay فـ فا".split())
_CLOSING_WORDS = 6


def closing_sentence(own_tokens: list[str]) -> list[str] | None:
    """The last sentence when it opens with "yes" ("So yes, delete it."), after a longer
    reply; None otherwise (a cheap test before the question is looked for)."""
    sentences = [list(words) for dot, words in itertools.groupby(
        courtesy.without_sign_off(own_tokens), key=lambda t: t == ".") if not dot]
    if sentences and len(sentences[-1]) <= 2 and all(word_class(t) == "x" for t in sentences[-1]):
        sentences.pop()  # the name signed under it
    if len(sentences) < 2 or any(words[0] in REFUSE for words in sentences[:-1]):
        return None  # "No need, thanks. YES": two answers, a person reads them
    last = [t for t in sentences[-1] if t != ","]
    while last and last[0] in _THEN:
        last = last[1:]
    return last if last and last[0] in AFFIRM and len(last) <= _CLOSING_WORDS else None


def first_agreement(question: Question,
                    own_tokens: list[str]) -> tuple[str, float, tuple[str, ...]] | None:
    """An agreement that is the reply's first sentence, with more after it («نعم أؤكد الحذف.
    وشيلوا رقمي من قروب العروض»: yes to the deletion, and an unsubscribe besides), or its
    first clause, when what follows the comma neither negates nor turns it («ايوه امسحوه، انا
    اللي طلبت.»: "I'm the one who asked")."""
    own_tokens = courtesy.without_apology(own_tokens)  # "Sorry, only saw this now. Yes, go ahead …"
    # the first sentence ends at a full stop or an emoji («تمام اعتمدوا الحذف 👍 زوجي هو اللي طلب»)
    cut = next((k for k, t in enumerate(own_tokens) if t == "." or (
        t != "," and not any(ch.isalnum() for ch in t))), None)
    comma = own_tokens.index(",") if "," in own_tokens[:cut] else None
    but = next((k for k, t in enumerate(own_tokens[:cut]) if t in _BUT), None)
    # «ايوه امسحوه خلاص انا مش محتاجه»: «خلاص» ("that's it") closes the answer
    settled = next((k for k, t in enumerate(own_tokens[:cut]) if t in _SETTLED), None)
    for end in (cut, comma, but, settled):
        if end is None:
            continue
        rest = own_tokens[end + 1:]
        if end == comma and _turns(rest[:cut - comma - 1] if cut is not None else rest):
            continue  # "Yes, but …", "ok, not the account"; not «…، ما عاد استخدمه» (a reason)
        clause = rest[:next((k for k, t in enumerate(rest) if t in ".,"), len(rest))]
        if end == settled and _turns(clause):
            continue
        if end == but and (any(word_class(t) == "N" for t in clause) or _AFTER.isdisjoint(
                clause[:2])):
            continue  # only "yes delete it, but after my order arrives": a time, not a turn
        if (any(_says_no(rest, k) or _keeps_it(rest, k) and not (
                "delete_account" in question.offers and _keeps_the_mailing(rest, k))
                for k in range(len(rest)))
                or "wrong" in rest or WITHDRAWN.search(" ".join(rest))):
            return None  # "Yes. Actually no, keep it.", «نعم. لا تحذفوه», "… wrong email, ignore"
        if rest[:1] and rest[0] in _BUT and any(word_class(t) == "b" and word_class(rest[k - 1]) != "H"
                                                for k, t in enumerate(rest)):
            return None  # «تمام. بس سجلوا إيميل زوجتي بالنشرة بدالي»: OK, but sign her up
            # instead; not «بس … بدي ضل مشتركة بالنشرة» ("but I'd like to stay subscribed")
        agreed = agreement(question, own_tokens[:end])
        if agreed and agreed[0] != "other":  # a first sentence that says "no" agrees to nothing
            return agreed
    return None


def answer(question: Question, own_tokens: list[str], intent: str,
           confidence: float) -> tuple[str, float, tuple[str, ...]]:
    """A reply with no request of its own, read with the store's question: "just the
    emails" picks the marketing option."""
    classes = {word_class(t) for t in own_tokens}
    if len(question.offers) > 1 and "j" in classes and not classes.isdisjoint("ML"):
        return "unsubscribe", 0.8, ("chose the marketing option of our question",)
    words = answer_words(own_tokens)
    if "delete_account" in question.offers and len(question.offers) > 1 and words and all(
            t in AFFIRM or word_class(t) in "AIdp" for t in words) and "A" in classes:
        # "whole account. everything." / «الحساب كله» names the account option; a bare
        # "the account" is confirmed by a person
        whole = not _WHOLE.isdisjoint(words) or "I" in classes
        return "delete_account", 0.85 if whole else 0.7, ("chose the account option of our question",)
    return intent, confidence, ()


_WHOLE = frozenset("whole entire all كله كامل بالكامل كامله".split())


# "Please ignore my email below", «غيرت رايي»: the earlier request is taken back
WITHDRAWN = re.compile(r"ignore|disregard|changed my mind|never ?mind|cancel my request|scratch"
                        r"|تجاهل|غيرت رايي|غيرت رأيي|الغوا طلبي|ألغوا طلبي", re.IGNORECASE)
