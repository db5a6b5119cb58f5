"""How far a word's reach goes in the letter string: negation, threats and conditions.

A request shape is a request only when nothing in its clause or sentence takes it back:
"don't delete my account" (a negator a few words before the verb), "… or I'll close my
account" (a threat), "if you don't stop I'll delete it" (a condition). Pure functions of the
letter string (see ``lexicon``) and a position in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailbot.understanding.clauses import end_of, start_of
from mailbot.understanding.lexicon import word_class
from mailbot.understanding.shapes import CONDITION_AFTER, IF_NOT

_DEL_VERBS = frozenset("DCa")


def negated(codes: str, start: int) -> bool:
    """A negator within four words before ``start`` in the same clause ("not just" excluded),
    a coordinated verb and its object not counted ("don't want you to close and delete my
    account", "I am not asking you to delete anything or close my account").
    "and (I) want" opens a new clause: «ما عاد احتاجه وابي تشيلون بياناتي» ("I don't need it
    any more and want you to remove my data") asks for the removal."""
    k, reach = start - 1, 4
    while k >= 0 and reach > 0:
        c = codes[k]
        if c == "," and _aside_after_negator(codes, k):
            return True  # "our client does not, by this letter, request closure of …"
        if c in ".,j" or (c == "W" and "&" in codes[max(0, k - 2):k]
                           and codes[k - 1] != "N"):  # "w ma baddi …" is "and I don't want"
            return False
        if c == "W" and codes[max(0, k - 2):k] in ("xx", "xI"):
            return False  # «ما عندها وقت تبي تسكر الحساب»: the "not" had a verb of its own;
            # «ما فيه شي ابي احذف حسابي»: "there is nothing (there). I want to delete …"
        if c == "W" and codes[max(0, k - 2):k] == "NW":
            return False  # «وانا ما ابيه\nابيكم تمسحون الحساب»: two wants, the first one refused
        if c == "N" and codes[k + 1:k + 2] == "q":
            return False  # «قلت لكم وما سويتو شي امسحوه»: "you did nothing" – delete it
        if c == "N" and k and codes[k - 1] == "i" and (start - k > 2 or codes[start] == "v"):
            return False  # «اذا ما عندكم تعطيل مؤقت سكروه», "If not, please do it now": the
            # "not" is the condition's
        if c == "N":
            # «ما عاد اثق بأحد، احذفوه»: "no longer" with a verb of its own before ours
            own_verb = codes[k + 1:k + 2] == "Z" and codes[k + 2:start].count("x") >= 2
            return not (k + 1 < len(codes) and codes[k + 1] == "j") and not own_verb
        if c == "&" and (not _DEL_VERBS.isdisjoint(codes[max(0, k - 3):k])
                         or _WANTED_VERB.search(codes, max(0, k - 4), k)):
            reach += 3  # "close and", "delete anything or", "want to change or": the negation
            # reaches over the first verb and its object
        k, reach = k - 1, reach - 1
    return False


# «لا أطلب», "I'm not asking/requesting": the verb of asking after a negator ("if not, please
# delete it" asks)
_ASKING = frozenset("اطلب نطلب يطلب تطلب ask asking request requesting".split())
# "a request to", «طلبا ب»: the noun of asking, right before the verb it asks for
_REQUEST_NOUNS = frozenset("request requesting طلب طلبا بطلب".split())


def request_denied(codes: str, toks: list[str], index: list[int], start: int) -> bool:
    """Is the verb at ``start`` the object of a denied request, the negator further back than
    ``negated`` looks («ولا يتضمن هذا الخطاب طلبا باغلاق الحساب», "this letter does not include
    a request to close the account", «ولا أطلب في هذه المرحلة إغلاق الحساب»)?"""
    asked = codes.rfind("Np", max(start_of(codes, start), start - 8), start)
    if asked >= 0 and codes[start] in _DEL_VERBS and toks[index[asked + 1]] in _ASKING and not any(
            c in codes[asked + 2:start] for c in ".,jW&"):
        return True  # «ولا أطلب في هذه المرحلة إغلاق الحساب»: "nor do I ask, at this stage, …"
    if not start or toks[index[start - 1]] not in _REQUEST_NOUNS:
        return False
    lo = max(0, start - 7)
    between = codes[lo:start - 1]
    return "N" in between and not any(c in between[between.rindex("N"):] for c in ".,W")


# "(don't) want to change or …": a wanted verb of another kind, coordinated with ours
_WANTED_VERB = re.compile(r"[NWp]x{1,3}$")


# "No wait, keep my account", «لا خلاص وقفوا الرسائل» ("no, enough: stop the messages"): a "no"
# opening the sentence and followed by "wait"/«خلاص» answers what came before; it negates
# nothing after it.
_NO = frozenset("no nope nah لا".split())
_NEVER_MIND = frozenset("wait actually sorry , خلاص خلاصه بس".split())


def interjected(codes: str, toks: list[str], index: list[int], start: int) -> bool:
    """Is the negator nearest before ``start`` an interjected "no, wait" opening the sentence?"""
    opening = start_of(codes, start)
    k = codes.rfind("N", opening, start)
    if k > opening and _doubled_no(codes, toks, index, opening, k):
        return True  # «لا لا keep the WhatsApp please»: "no, no" answers what came before
    if k < 0 or "N" in codes[k + 1:start] or k != opening:
        return False
    if k + 1 == start:  # «لا احذفوا الحساب كله»: "no, delete the whole account" (a
        # prohibition takes the jussive, «لا تحذفوا»; the imperative after «لا» answers)
        return toks[index[k]] == "لا" and _plural_imperative(toks[index[start]])
    return toks[index[k]] in _NO and toks[index[k + 1]] in _NEVER_MIND


def _doubled_no(codes: str, toks: list[str], index: list[int], opening: int, k: int) -> bool:
    """Do the sentence's first words say "no" twice ("no no", «لا لا», "no, no"), ending at ``k``?"""
    if codes[opening:k + 1].replace(",", "") != "NN" or not all(
            toks[index[j]] in _NO for j in range(opening, k + 1) if codes[j] == "N"):
        return False
    # … and then stop: a comma, or a switch of script («لا لا keep …»); «لا لا تحذفون» is
    # "no, don't delete", the second «لا» the verb's own
    after = toks[index[k] + 1] if index[k] + 1 < len(toks) else ""
    return after == "," or after.isascii() != toks[index[k]].isascii()


def commanded(codes: str, toks: list[str], index: list[int], start: int) -> bool:
    """«خلاص ما ابي اتعامل معكم احذفوا حسابي» ("I don't want to deal with you any more, delete
    my account"): an Arabic plural imperative («احذفوا», «امسحو») cannot stand under "ما ابي"
    or «لا»; a negator before it, not right before it, negated another verb."""
    return _plural_imperative(toks[index[start]]) and start > 0 and codes[start - 1] != "N"


# "I don't know how to unsubscribe", "I couldn't delete my account (, please do it)", «ماعرفتش
# امسح الحساب», «ما قدرت الغي الاشتراك»: the negator is the sender's not knowing or not being
# able to; the request is asked of us. ("You can't delete my account" refuses: first person
# only.)
HOW_WORDS = frozenset("how way kaif kaf kif keef ezay izay kifash kifach كيف طريقه الطريقه شلون ازاي "
                      "كيفاش".split())
_UNABLE = frozenset("couldn't can't cannot unable ماعرفتش معرفتش ماقدرتش مقدرتش ماعرفت ماقدرت "
                    "مااعرف مااقدر مالقيت ملقيتش".split())
# «ما قدرت», «مش عارفة», «ما لقيت خيار الغاء الحساب» ("I didn't find the option to close it")
_UNABLE_AFTER_NO = frozenset("اعرف عرفت اقدر قدرت عارف عارفه لقيت لاقي لاقيه وجدت "
                              "la2et la2eit la2ayt l2it la2it la2eet".split())  # "ma la2et zir …"
_NO_BEFORE_UNABLE = frozenset("ما وما مش ومش مو ومو ma mish msh mo".split())
_I = frozenset("i we i'm i've was am were انا".split())
_I_OR_NOBODY = _I | {"", ".", ","}  # "couldn't delete it, pls do it": the "I" left out
# Verbs only a request uses (delete, cancel, unsubscribe, deactivate, take off), not "stop",
# "end" or "block", which prose does too ("I cannot end the blocks of text")
_ASKABLE = frozenset("DCUaPt")


def unable(codes: str, toks: list[str], index: list[int], at: int) -> bool:
    """Is the request verb at ``at`` asked after with "how" or after the sender's "I couldn't",
    three words back at most?"""
    if codes[at] not in _ASKABLE:
        return False
    verb = index[at]
    first = max(0, verb - 3)
    if not HOW_WORDS.isdisjoint(toks[first:verb]):
        return True
    for k in range(first, verb):
        before = toks[k - 1] if k else ""
        if toks[k] in _UNABLE and (not toks[k].isascii() or before in _I_OR_NOBODY):
            return True  # "I couldn't", "I was unable", "couldn't …" opening, «ماعرفتش»
        if toks[k] in _UNABLE_AFTER_NO and before in _NO_BEFORE_UNABLE:
            return True  # «ما قدرت», «مش عارفة», «وما لقيت»
    return False


# The negators of a prohibition: "don't unsubscribe me", «لا تلغون اشتراكي», «أرجو عدم إلغاء
# اشتراكي». A past negator ("I didn't unsubscribe", «لم ألغِ») tells what happened instead.
_PROHIBITING = frozenset("don't not لا عدم la".split())


def prohibited(codes: str, toks: list[str], index: list[int], start: int) -> bool:
    """Is the request at ``start`` forbidden by a prohibition right before its verb, or in it
    (the Egyptian «متلغوش اشتراكي», "don't you cancel my subscription")?"""
    if start == 0 or codes[start - 1] != "N":
        return False
    negator = toks[index[start - 1]]
    return negator in _PROHIBITING or (index[start - 1] == index[start]
                                       and negator.startswith(("مت", "مات")))


def _plural_imperative(tok: str) -> bool:
    return not tok.isascii() and len(tok) > 4 and tok.startswith("ا") and tok.endswith(("وا", "و"))


def _aside_after_negator(codes: str, close: int) -> bool:
    """Does the comma at ``close`` end a short aside opened just after a negator that is not
    the first word of its sentence ("does not, by this letter, request", «لا تطلب، بموجب هذا
    الخطاب، اغلاق»)? A sentence-opening "No, thanks, …" is an interjection, not a negator."""
    open_ = codes.rfind(",", max(0, close - 6), close)
    if open_ < 2 or "." in codes[open_:close]:
        return False
    k = codes.rfind("N", max(0, open_ - 2), open_)  # "does not," or «لا تطلب،»
    return k > 0 and codes[k - 1] not in ".,i"  # "If not, no worries, close it anyway": "if
    # not" stands for "otherwise" and negates nothing after it


_OR_WE_WILL = re.compile(r"&x?y$")
# a sentence opened by "if … not …," and then, with no "please", the verb: the condition's
# consequence ("if you don't mind, please delete it" asks)
_IF_NOT_PLEASE_DO = re.compile(r"iNp?$")
_IF_NOT_THEN = re.compile(r"i[^.]*N[^.,]*,[^.p]*$")


def threatened(codes: str, start: int) -> bool:
    """A threat or condition in the sentence ("…or I'll", "if you don't …", "… if I don't
    log in"), or "I'll"/"did you" right before the verb: not a request to act on."""
    sentence_start = start_of(codes, start)
    before = codes[max(sentence_start, start - 14):start]
    if "T" in before or codes[sentence_start:sentence_start + 1] == "T" or (
            IF_NOT.search(before) and not (codes[start] == "v" and _IF_NOT_PLEASE_DO.search(before))):
        return True  # … but "If not, please do it now" asks, on the condition it isn't done
    condition = CONDITION_AFTER.match(codes, start, end_of(codes, start))
    if condition and codes[condition.end():condition.end() + 1] not in ("D", "C"):
        return True  # … not «سكروا الحساب اليوم، واذا ما تسكر بشتكي»: "if it isn't closed" repeats
        # the demand, and the threat is the complaint
    if _OR_WE_WILL.search(codes, max(sentence_start, start - 3), start):
        return True  # "refund it this week, or we will close his account"
    if start and codes[start - 1] == "v":
        return True  # "Does closing my account cancel my refund?": asks about, not for
    if codes[sentence_start:start] in ("yd", "yO"):
        return True  # "Will my account be closed?": asks what is going to happen
    if start and codes[start - 1] == "y" and "v" in codes[sentence_start:start - 1]:
        return True  # "Does the new policy mean you'll close my account?"
    if _IF_NOT_THEN.match(codes, sentence_start, start):
        return True  # "If the refund … is not in my account by Thursday, I am deleting …"
    if start > 1 and codes[start - 2] == "v" and codes[start - 1] in "dO":
        return True  # "if I delete the app, does that delete my account too?"
    return not {"G", "q"}.isdisjoint(codes[max(sentence_start, start - 2):start + 1])


# «اذا ما ينفع», "if that's not possible", "if you can't": the first wish cannot be met
_POSSIBLE = frozenset("possible work works ينفع يصير يمكن ممكن تقدرون تقدروا".split())


def fallback(codes: str, toks: list[str], index: list[int], verb: int) -> bool:
    """Is the deletion at ``verb`` the fallback the sender asks for when the first wish cannot
    be met («اذا تقدرون تدمجونهم … واذا ما ينفع الدمج احذفوا القديم», "if you can't merge them,
    delete the old one"), not a threat ("if you don't refund me, …")?"""
    m = IF_NOT.search(codes, start_of(codes, verb), verb)
    if m is None or "G" in codes[m.start():verb]:
        return False  # "if you can't sort it out I'll just delete my account": a threat
    return toks[index[m.end() - 1]] in _CANNOT or not _POSSIBLE.isdisjoint(
        toks[index[m.start()]:index[verb]])


_CANNOT = frozenset("can't cannot".split())


# "if": «اذا», «لو», «ان», read in the letters as "i"
def conditional_future(codes: str, toks: list[str], index: list[int], verb: int) -> bool:
    """Is the deletion at ``verb`` the Gulf first-person future «بسكر», «بحذف» ("I'll close",
    "I'll delete") after an "if" in its sentence? «اذا وصلتني رسالة وحدة بعد هالايميل بسكر
    الحساب» ("if one more message reaches me, I'll close the account") threatens; the
    «ب» alone («أطالب بحذف حسابي», "I demand the deletion of my account") does not."""
    tok = toks[index[verb]]
    return (codes[verb] in _DEL_VERBS and len(tok) > 3 and tok.startswith("ب")
            and word_class(tok[1:]) in _DEL_VERBS
            and _IF_NOT_PLEASE.search(codes, start_of(codes, verb), verb) is not None)


_IF_NOT_PLEASE = re.compile(r"i(?!p)")  # «اذا سمحت قم بحذف حسابي»: "if you please" asks


# "If it happens again I'll cancel the box and delete my account": the sender's own future
# reaches over a coordinated verb ("and"), so the deletion is as much a threat as the first
# verb. "I'm" is not here: "I'm cancelling the plan and closing my account" announces it.
_FUTURE = frozenset("i'll gonna سوف راح رح".split())


def promised(codes: str, toks: list[str], index: list[int], verb: int) -> bool:
    """Is the verb at ``verb`` the second of "I'll <verb> … and <verb>" in one clause?"""
    if not verb or codes[verb - 1] != "&" or codes[verb] not in _DEL_VERBS:
        return False
    k = codes.rfind("G", start_of(codes, verb, ".,"), verb)
    return k >= 0 and "p" not in codes[k:verb] and toks[index[k]] in _FUTURE


# «يا ترجعون فلوسي اليوم يا امسح حسابي», "ya ttrj3on flosi ya ams7 7sabi": "either you refund
# me or I delete my account", the Gulf and Levantine either-or; one «يا» is a vocative («يا
# جماعة امسحوا حسابي»)
_EITHER = frozenset("يا ya ia".split())


def either_or(codes: str, toks: list[str], index: list[int], verb: int) -> bool:
    """Is the verb at ``verb`` the second branch of «يا … يا <verb>» in its sentence?"""
    at = index[verb]
    if at < 2 or toks[at - 1] not in _EITHER:
        return False
    first = index[start_of(codes, verb)]
    return any(toks[k] in _EITHER for k in range(first, at - 2))


# "I don't want the account deleted before the refund is sorted", «لا تحذفون الحساب قبل ما يرجع
# المبلغ»: the negation orders the deletion after something; it does not take it back.
_UNTIL = frozenset("before until till قبل لين لحد حتي الين".split())


def postponed(codes: str, toks: list[str], index: list[int], end: int) -> bool:
    """Does the clause after a negated deletion (ending at ``end``) say "before"/"until"?"""
    stop = end_of(codes, end, ".,")
    if stop <= end:
        return False
    return not _UNTIL.isdisjoint(toks[index[end]:index[stop - 1] + 1])


def conditional(codes: str, start: int) -> bool:
    """An "if"/«لو»/«اذا» anywhere in the sentence around ``start``."""
    return "i" in codes[start_of(codes, start):end_of(codes, start)]


# "If I were to delete my account, would I lose my orders?", "if we ever close it …", «لو
# بغيت احذف حسابي بعدين …»: the sender's own hypothetical asks what would follow, not for the
# deletion. "If you could delete my account" asks it of us; "if possible, please …" is polite.
_YOU = frozenset("you u ya your انتم انتو انتوا".split())
_WE = frozenset("i i'm i'd i'll we we're we'd".split())


def in_a_condition(codes: str, verb: int) -> bool:
    """Is the negator of the verb at ``verb`` the "not" of an "if" ("… and if you don't close
    it I'll complain"): part of a condition, not a refusal?"""
    m = IF_NOT.search(codes, max(start_of(codes, verb), verb - 5), verb)
    return m is not None and m.end() == verb


# «لا أقصد», «لا اعني» before the verb: "no, I mean …" or "I don't mean …" («لا قصدي», only
# "no, I mean", is folded to «قصدي» by ``phrases``)
_I_MEAN = frozenset("اقصد اعني بقصد".split())


def corrected(toks: list[str], at: int) -> bool:
    """Is the negated verb at token ``at`` right after «لا أقصد» ("no I mean" / "I don't mean")?"""
    return at >= 2 and toks[at - 1] in _I_MEAN and toks[at - 2] == "لا"


# "Do I need to delete my account for the refund to go through?", "do we have to close it
# first?": asks whether the deletion is required; «هل بتحذفون حسابي؟», «هل راح تقفلون
# الحساب؟», "hal ra7 tms7oon 7sabi?" ("will you delete my account?"): asks what the store
# will do. Neither asks for it («هل ممكن تحذفون حسابي؟», without the future, does).
_NEED = frozenset("need have must".split())
_WHETHER = frozenset("هل وهل hal".split())
_WILL = frozenset("راح رح ra7 r7".split())


def asks_whether(codes: str, toks: list[str], index: list[int], verb: int) -> bool:
    """Does the sentence ask whether the deletion at ``verb`` is needed or will happen?"""
    lo = start_of(codes, verb)
    words = toks[index[lo]:index[verb]]
    if len(words) == 4 and codes[lo] == "v":
        return words[1] in _WE and words[2] in _NEED and words[3] == "to"
    if not words or words[0] not in _WHETHER or len(words) > 2:
        return False
    return len(words) == 2 and words[1] in _WILL or len(words) == 1 and toks[index[verb]].startswith("بت")


def supposed(codes: str, toks: list[str], index: list[int], verb: int,
             wanting: bool = True) -> bool:
    """An "if"/«لو» a few words before the deletion verb at ``verb``, in its clause, with the
    sender (not "you", not a "please") as the subject in between. ``wanting=False``: "if I
    want to unsubscribe, how do I …?" asks how, so a "want" in between is no supposition
    ("if I unsubscribe, will I still get my order emails?" is one)."""
    k = codes.rfind("i", start_of(codes, verb, ".,"), verb)
    if k < 0 or verb - k > 6 or "p" in codes[k:verb] or (not wanting and "W" in codes[k:verb]):
        return False
    between = toks[index[k] + 1:index[verb]]
    if _asked_of_us(between) and _asks_what_follows(codes, toks, index, verb):
        return True  # "If you delete my account, will I lose my points?"
    if "W" in codes[k:verb] and _asks_how(codes, toks, index, verb):
        return False  # "If I want to close my account, what should I do?" asks how
    if not toks[index[k]].isascii() and _addressee_wants(between, toks[index[verb]]):
        return True  # «اذا تبي تقفل الحساب كلمنا»: the reader's wish, as the store words it
    if not _YOU.isdisjoint(between):
        return False
    if toks[index[k]].isascii():
        return not _WE.isdisjoint(between)
    if between and _passive_arabic(toks[index[verb]]):
        return True  # «اذا مسحت التطبيق ينمسح حسابي؟»: what would follow, not a request
    return _first_person_arabic(toks[index[verb]], between)


def _passive_arabic(verb: str) -> bool:
    """«ينمسح», «ينحذف», «يتقفل», «تنحذف»: the account gets deleted; nobody is asked to act."""
    return len(verb) > 4 and verb.startswith(("ين", "يت", "تن", "تت"))


def _asked_of_us(between: list[str]) -> bool:
    """"if you close …" (no "could"/"please": those are folded to a "please" already),
    «اذا قمتم بحذف …»: the store as the subject of the condition."""
    return len(between) == 1 and (between[0] in _YOU or between[0].endswith(_YOU_ENDINGS))


# "…, will I lose my points?", "… do we keep the invoices?", «… هل تروح النقاط؟»: a question
# about what would follow the deletion, in the same sentence after it.
_WHAT_FOLLOWS = frozenset("will would do does can could is are هل وش ايش شو ماذا".split())
_ME = frozenset("i my we our me".split())


def _asks_what_follows(codes: str, toks: list[str], index: list[int], verb: int) -> bool:
    after = toks[index[verb] + 1:index[end_of(codes, verb) - 1] + 1]
    for n, tok in enumerate(after):
        if tok in _WHAT_FOLLOWS and (not tok.isascii() or not _ME.isdisjoint(after[n + 1:n + 3])):
            return True
    return False


# "…, how do I do it?", "…, what should I do?", «… وش اسوي؟», «… ايش الطريقة؟»: the rest of
# the sentence asks the way, and names nothing else (not "how do I get my refund").
_HOW_TO = HOW_WORDS | frozenset("steps procedure process اسوي نسوي اعمل الخطوات الطريقه".split())


def _asks_how(codes: str, toks: list[str], index: list[int], verb: int) -> bool:
    end = end_of(codes, verb)
    rest = toks[index[verb] + 1:index[end - 1] + 1]
    if "K" in codes[verb:end] or "Y" in codes[verb:end]:
        return False
    return not _HOW_TO.isdisjoint(rest) or ("what" in rest and "do" in rest)


# «تبي», «تبغى», «تريد», «عايز», «بدك»: "you want", one reader, before a verb of the second
# person singular («تقفل», not «تقفلون»): a store's "if you want to close it, call us".
_YOU_WANT = frozenset("تبي تبين تبغي تبغا تريد تريدين تحب تحبين عايز عايزه عاوز عاوزه بدك "
                      "حاب حابب".split())


def _addressee_wants(between: list[str], verb: str) -> bool:
    return (len(between) == 1 and between[0] in _YOU_WANT and verb.startswith("ت")
            and not verb.endswith(("ون", "وا", "ين")))


# "if closing the account cancels her orders", «هل حذف الحساب يمسح الفواتير؟»: the deletion as
# a noun, the subject of a verb that follows its object, is asked about, not asked for.
_VERBAL_NOUNS_AR = frozenset("حذف مسح اغلاق الغاء شطب ازاله اقفال قفل غلق".split())


def subject_of(codes: str, toks: list[str], index: list[int], verb: int, end: int) -> bool:
    """Is the deletion at ``verb`` (its object ending at ``end``) a verbal noun ("closing",
    «حذف») with a verb of its own right after the object ("… cancels", «… يلغي»)?"""
    word = toks[index[verb]]
    if not (word.endswith("ing") or word in _VERBAL_NOUNS_AR):
        return False
    while end < len(codes) and toks[index[end]] in _ADVERBS:
        end += 1
    if end >= len(codes):
        return False
    nxt = toks[index[end]]
    return (codes[end] in "CD" and not nxt.startswith("و")) or nxt in _WHAT_IT_DOES_AR


_ADVERBS = frozenset("also even really automatically actually".split())
_WHAT_IT_DOES_AR = frozenset("يروح تروح بيروح بتروح يضيع تضيع يؤثر يوثر يأثر بيأثر".split())


def _first_person_arabic(verb: str, between: list[str]) -> bool:
    """«لو بغيت احذف», «اذا قررت اسكر»: the verb in the first person (أ-), no "you" before
    it («اذا تقدرون احذفوا», «اذا فيكن تمحوه», «اذا قمتم بحذف» ask it of us). A verbal noun
    after a first-person past («إذا قمت بحذف حسابي», «في حال قررت حذف حسابي») is the
    sender's own hypothetical too."""
    if any(tok.startswith("ت") or tok.endswith(_YOU_ENDINGS) for tok in between):
        return False
    if verb.startswith("ا"):
        return not verb.endswith(("و", "وا", "وه", "وها"))
    return bool(between) and _past_first_person(between[-1]) and not verb.startswith(("ت", "ي"))


# «قمتم», «قررتوا», «تقدرون», «فيكم»: "you" (plural) in the conditional clause.
_YOU_ENDINGS = ("كم", "كن", "تم", "تو", "توا", "تي", "تن")


def _past_first_person(tok: str) -> bool:
    """«قمت», «قررت», «اردت», «حبيت»: a past verb of the first person singular (-ت)."""
    return len(tok) > 2 and tok.endswith("ت") and not tok.endswith(("تت", "ات"))


def practice(toks: Sequence[str], verb: int) -> bool:
    """"Do you delete accounts after a year?" asks what the store does, not for a deletion
    ("How do you delete an account?" asks how, which counts as asking for it)."""
    return verb >= 2 and list(toks[verb - 2:verb]) == ["do", "you"] and (
        verb < 3 or toks[verb - 3] != "how")


# "after this parcel arrives please close my account", «بعد ما توصل هالشحنة سكروا حسابي»: the
# deletion waits for something else, so a person applies it when the time comes
# (Gulf «بعد» alone is as often "also" or "yet": «عندي بعد حساب», «ابي بعد تحذفون»)
_LATER_AR = frozenset("بعدما وبعدما لما ولما".split())
_LATER_EN = frozenset("after once".split())
_AWAITED = frozenset("that that's it it's done".split())
LATER = _LATER_AR | _LATER_EN  # the one home of "after": ``thread`` reads it too


def deferred(codes: str, toks: list[str], index: list[int], verb: int) -> bool:
    """An "after"/«بعد ما» in the clause of the deletion verb at ``verb`` (a letter index),
    before it; an English "after" only with what is awaited ("after it arrives", "once that's
    done", "after the refund"), not "after this experience"."""
    lo = start_of(codes, verb)
    words = toks[index[lo]:index[verb]] if verb > lo else []
    return not _LATER_AR.isdisjoint(words) or any(
        tok in _LATER_EN and any(t in _AWAITED or word_class(t) in ("K", "g")
                                 for t in words[k + 1:k + 5])
        for k, tok in enumerate(words))

