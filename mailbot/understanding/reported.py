"""Requests told, not made: an unsubscribe reported working, a deletion asked for before.

"I unsubscribed last week and it worked", «طلبت حذف حسابي ووصلني تأكيد»: the words of a
request in a report of one already handled. Split from ``voice`` (whose request it is).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailbot.understanding import arabic, others
from mailbot.understanding.clauses import REACH, start_of
from mailbot.understanding.clicks import LINK, clicked, clicked_by_mistake
from mailbot.understanding.lexicon import word_class

# "I unsubscribed last week and it worked, no more emails", «الغيت الاشتراك ونجح، ما عاد يجيني
# شي»: the unsubscribe already works; what follows describes it, it does not ask.
_WORKED = frozenset("worked works working success successful successfully نجح ونجح زبط وزبط "
                    "اشتغل واشتغل ضبط وضبط".split())


def reported_working(codes: str, toks: Sequence[str], index: Sequence[int], at: int) -> bool:
    """Does the sentence of the unsubscribe at ``at`` tell a past unsubscribe that worked,
    with no negation near "worked"? The past one is told before it ("unsubscribed",
    «الغيت») or is the unsubscribe itself, as a link used ("I used the unsubscribe link and
    it worked") or a subject's "unsubscribe worked"."""
    lo = start_of(codes, at)
    past = codes.find("u", lo, at)
    if past < 0:
        past = next((k for k in range(lo, at) if toks[index[k]] in _UNSUBSCRIBED_AR), -1)
    if past < 0 and _named_working(toks, index[at]):
        return True  # "the unsubscribe link works", «رابط الغاء الاشتراك عمل»
    if past < 0 and clicked(toks, index[at]):
        past, at = at, _sentence_end(codes, at)
    if past < 0:
        return False
    for k in range(past + 1, at):
        if toks[index[k]] in _WORKED:
            return "N" not in codes[max(past, k - 3):k] and not any(
                toks[index[j]].endswith("n't") for j in range(max(past, k - 3), k))
    return False


def _sentence_end(codes: str, at: int) -> int:
    end = codes.find(".", at)
    return len(codes) if end < 0 else end


def _named_working(toks: Sequence[str], at: int) -> bool:
    """"unsubscribe worked", "the unsubscribe link works", «رابط إلغاء الاشتراك عمل»: the
    word names a working link (MSA «عمل», "it worked", only where a link is named)."""
    after = toks[at + 1:at + 4]
    if after[:1] and after[0] in _SUBSCRIPTION_AR:  # «الغاء الاشتراك»
        after = after[1:]
    linked = bool(at) and toks[at - 1] in LINK
    if after[:1] and after[0] in LINK:
        after, linked = after[1:], True
    return bool(after) and (after[0] in _WORKED or (linked and after[0] in _LINK_WORKED))


_SUBSCRIPTION_AR = frozenset("الاشتراك اشتراك اشتراكي".split())
_LINK_WORKED = frozenset("عمل يعمل".split())


_UNSUBSCRIBED_AR = frozenset("الغيت لغيت كنسلت وقفت شلت".split())


def put_back(toks: Sequence[str], index: Sequence[int], stays: Sequence[tuple[int, int]],
             unsubscribed_by: int) -> bool:
    """«من شهر طلبت تشيلوني من النشرة … رجعوني عالقائمة», "My wife emailed you asking to
    unsubscribe our address. Please put it back": a return to the list (``stays``, spans of
    letters) after every unsubscribe the mail tells of (ending by ``unsubscribed_by``) is the
    later wish, not a request to leave."""
    for start, end in stays:
        words = toks[index[start]:index[end - 1] + 1]
        if start >= unsubscribed_by and any(tok == "back" or not tok.isascii() and "رجع" in tok
                                            for tok in words) and any(
                word_class(tok) in ("L", "M", "B") for tok in words):
            return True  # … back on the list, not "I turned push back on myself"
    return False


def told_act(toks: Sequence[str], at: int) -> bool:
    """Is the deletion verb at ``at`` told as done, not asked: a button pressed by mistake
    or wanted undone ("I think I pressed Delete account instead … can you restore it?",
    «ضغطت حذف الحساب بالغلط»), or a relative's own act («أخي مسح حسابه الأسبوع الماضي»)?"""
    if at > 0 and toks[at - 1] in _DID_IT and arabic.bare_verb(toks[at]):
        return True
    return clicked_by_mistake(toks, at) or (clicked(toks, at) and not _RECOVER.isdisjoint(toks))


# Who did it, named right before a bare past verb: "my brother", "he", "she"
_DID_IT = others.RELATIVES | frozenset("هو هي هم".split())


# "I asked you to delete my account last year", «طلبت منكم تحذفون حسابي»: a request told as
# a story (maybe a reminder: a person decides); with regret or a wish to get the account
# back ("can I restore it?", «ارجعه») it is a recovery, the opposite of a deletion.
_ASKED_BEFORE = frozenset("asked requested طلبت طلبنا طلبته".split())
_WANTED = frozenset(("wanted",))
_TO_YOU = frozenset("you u to that for my the منكم منك ان انكم on yesterday monday tuesday "
                    "wednesday thursday friday saturday sunday last week already".split())
# "My husband asked you on Monday to delete his account": his own request, told by another
_THEY = frozenset("he she they husband wife son daughter father mother brother sister "
                  "زوجي زوجتي ابوي امي اخوي اختي".split())
_RECOVER = frozenset("recover recovery restore reactivate reopen undo retrieve regret regretted "
                     "ارجاع ارجعه ارجعها ترجعونه ترجعوه ترجعوه استرجاع استرجع استرجعه استعاده "
                     "استعيد ندمت".split())


def retold(toks: Sequence[str], verb: int) -> str | None:
    """"story" when a past request is told before the verb at ``verb``, "recovery" when the
    text also wants the account back, "done" when it says the request was carried out
    («ووصلني ايميل انه انحذف», "and you deleted it, thanks"), "theirs" when someone else
    asked us ("my husband asked you to delete his account"), else None."""
    # "I only wanted to stop the newsletter and you deleted my account. Can you restore it?":
    # a wish told beside a recovery is the earlier request too
    told = _ASKED_BEFORE | _WANTED if not _RECOVER.isdisjoint(toks) else _ASKED_BEFORE
    if verb >= len(toks) or toks[verb] not in told:  # "I asked that …"
        lead = toks[max(0, verb - 6):verb]
        asked = [k for k, tok in enumerate(lead) if tok in told]
        # only "you", "to", "for my", "on Monday" … may stand between: "what I asked for - I
        # want it deleted" is a new request
        if not asked or not _TO_YOU.issuperset(lead[asked[-1] + 1:]):
            return None
        who = toks[max(0, verb - 6 + asked[-1] - 2):max(0, verb - 6 + asked[-1])]
        if not _THEY.isdisjoint(who) and "you" in lead[asked[-1] + 1:]:
            return "theirs"  # someone else asked us for their own: the sender tells of it
    if not _RECOVER.isdisjoint(toks):
        return "recovery"
    if _when_told(toks, verb):
        return "aside"  # "I got this after I asked you to delete my account": a time
    if _reported_done(toks, verb):
        return "done"
    return "aside" if _set_aside(toks, verb) else "story"


_WHEN_TOLD = frozenset("after since when once".split())


def _when_told(toks: Sequence[str], verb: int) -> bool:
    """Is the told request a time clause ("after I asked you to delete it", "since we asked")?"""
    asked = next((k for k in range(verb, max(-1, verb - 7), -1) if toks[k] in _ASKED_BEFORE), None)
    return asked is not None and asked > 1 and toks[asked - 1] in ("i", "we") and (
        toks[asked - 2] in _WHEN_TOLD)

_BUT = frozenset("but however لكن لكني لكنني ولكن ولكني ولكنني".split())  # not «بس», also "only"
_COMPLAINT_CLASSES = frozenset("NHgZDePs")  # "but I still get them", "but nothing happened"


def _set_aside(toks: Sequence[str], verb: int) -> bool:
    """Is the told request followed, in its sentence, by a "but" that turns to something
    else («طلبت إيقاف الرسائل التسويقية لأنها كثرت، لكنني أعتمد على رسائل الضمان …», "I asked
    to delete the account because …, but my daughter uses it") rather than complaining that
    it was not done ("but I still get them", "but nothing happened")?"""
    rest = toks[verb + 1:verb + 40]
    rest = rest[:rest.index(".")] if "." in rest else rest
    turn = next((k for k, tok in enumerate(rest) if tok in _BUT), None)
    return turn is not None and all(word_class(tok) not in _COMPLAINT_CLASSES and tok not in _UNDONE
                                    for tok in rest[turn + 1:])


_UNDONE = frozenset("nothing yet again ignored شي شيء للحين لسه".split())


# "the agent said he wants to close my account", «الموظف قال انه يبي يسكر حسابي»: someone
# else's wish about the sender's own account, retold; not the sender's request. ("You said I
# could email you to close it" is the sender's: only he, she or they after the "said"; "my
# wife said she wants to close her account" asks for her: only the sender's own account.)
_SAID = frozenset("said says told قال قالت قالوا قالولي قاللي يقول تقول يقولون".split())
_THIRD_PERSON = frozenset("he she they انه انها انهم هو هي هم".split())
_SENDERS = frozenset("my me mine حسابي بياناتي معلوماتي اشتراكي".split())


def hearsay(toks: Sequence[str], verb: int) -> bool:
    """Does "said he/she/they" come right before the verb at ``verb``, in one clause, about
    the sender's own account? Or is someone else trying it ("Who is trying to delete my
    account??", "someone tried to close my account")?"""
    lead = toks[max(0, verb - 5):verb]
    if _someone_tries(lead) or _suggested(lead) or _advised(toks, verb):
        return True
    said = [k for k, tok in enumerate(lead) if tok in _SAID]
    if not said or any(tok in (".", ",") for tok in lead[said[-1]:]):
        return False
    return not _THIRD_PERSON.isdisjoint(lead[said[-1] + 1:]) and not _SENDERS.isdisjoint(
        toks[verb:verb + 5])


# "My sister told me to just delete my account", "my wife says I should delete my account":
# someone else's advice about the sender's own account, retold
_ADVICE = (("told", "me", "to"), ("says", "i", "should"), ("said", "i", "should"),
           ("wants", "me", "to"), ("thinks", "i", "should"))


def _advised(toks: Sequence[str], verb: int) -> bool:
    lead = toks[max(0, verb - 5):verb]
    return any(tuple(lead[k:k + 3]) in _ADVICE and "." not in lead[k:] and "," not in lead[k:]
               for k in range(len(lead) - 2)) and not _SENDERS.isdisjoint(toks[verb:verb + 4])


# Someone else's advice, retold: "the agent suggested deleting the account", «فاقترح الموظف
# حذف الحساب وإنشاء غيره، ولا أريد ذلك» (the sender refuses it after)
_SUGGESTED = frozenset("suggested recommended advised proposed اقترح فاقترح واقترح اقترحوا "
                       "فاقترحوا نصحني نصحوني ونصحني فنصحني".split())
_SUGGESTERS = frozenset("he she they agent employee staff support team موظف الموظف الموظفه "
                        "الموظفة".split())


def _suggested(lead: Sequence[str]) -> bool:
    """Does a third person's "suggested"/«اقترح» come before the verb, in one clause?"""
    said = [k for k, tok in enumerate(lead) if tok in _SUGGESTED]
    if not said or any(tok in (".", ",") for tok in lead[said[-1]:]):
        return False
    k = said[-1]
    # English names the adviser before the verb ("the agent suggested"); Arabic after it
    return not lead[k].isascii() or (k > 0 and lead[k - 1] in _SUGGESTERS)


# An attempt told of someone else: "who is trying to", "someone tried to", "you are trying to"
_TRYING = frozenset("trying tried attempting attempted requested asked".split())  # "Who
# requested to delete my account?"
_TRIERS = frozenset("who someone somebody anyone he she they you".split())


# … and in Arabic and Arabizi, a third person's request right before the verbal noun: «ازاي
# حد يطلب حذف الاكونت بتاعي؟», "ezay 7ad yetlob 7azf el account?" (how can someone ask …?)
_THEY_REQUEST = frozenset("يطلب تطلب يطلبون يطلبوا yetlob yotlob ytlob yetlobo".split())


def _someone_tries(lead: Sequence[str]) -> bool:
    """Do the words before a verb say someone other than the sender tries it ("Who is
    trying to", "someone tried to")? "I'm trying to delete my account" is the sender's own."""
    if lead and lead[-1] in _THEY_REQUEST:
        return True
    if len(lead) < 2 or lead[-1] != "to" or lead[-2] not in _TRYING:
        return False
    subject = [tok for tok in lead[:-2] if tok not in ("is", "are", "was", "were", "has", "have",
                                                       "been", "just", "now", "why")]
    return bool(subject) and subject[-1] in _TRIERS


# "Please ignore my previous message asking you to delete my account", "cancel my request
# to close the account", «تجاهلوا رسالتي السابقة بخصوص حذف حسابي», «الغوا طلب حذف حسابي»: an
# earlier request taken back, the opposite of a new one.
_TAKE_BACK = frozenset("ignore disregard cancel withdraw retract scrap forget تجاهلوا تجاهل "
                       "تجاهلو تجاهلي الغوا الغي لغوا كنسلوا اسحب اسحبوا ابطلوا الغاء".split())
# … «أرجو إلغاء طلب حذف الحساب الذي أرسلته أمس»: the verbal noun takes it back too
_EARLIER = frozenset("request message email mail previous earlier prior last طلب طلبي رسالتي "
                     "رسالتي ايميلي السابق السابقه الاخير الاخيره طلبي_السابق".split())
_NEW_CLAUSE = frozenset(". , and then also but instead & بس لكن".split())


def retracted(toks: Sequence[str], verb: int) -> bool:
    """Is the request at ``verb`` named as an earlier one the sender takes back: a take-back
    word, then a word for the earlier request or message, then the verb, in one clause? Or
    is the next sentence a bare "please don't!" (see ``_countermanded``)?"""
    lead = toks[max(0, verb - 8):verb]
    for k in range(len(lead) - 1, -1, -1):
        tok = lead[k]
        if _stem(tok) in _TAKE_BACK:
            return any(_stem(t) in _EARLIER for t in lead[k + 1:])
        if tok in _NEW_CLAUSE or (tok[:1] == "و" and len(tok) > 4 and word_class(tok) == "x"):
            break  # no take-back word in the verb's clause (nor past «والاكتفاء بإيقاف …», "and
            # settle for stopping …"); the next sentence may still be one
    return _countermanded(toks, verb) or _thought_better(toks, verb)


# "My first instinct was to ask you to delete my account, but I've thought about it and I
# don't want to:" an elliptic refusal, after a "but", of the request its sentence named
_ELLIPTIC_REFUSALS = (("don't", "want", "to"), ("decided", "not", "to"), ("won't", "do", "that"))


def _thought_better(toks: Sequence[str], verb: int) -> bool:
    ceiling = min(len(toks), verb + REACH)
    end = next((k for k in range(verb, ceiling) if toks[k] == "."), ceiling)
    but = next((k for k in range(verb, end) if toks[k] == "but"), None)
    if but is None:
        return False
    return any(tuple(toks[k:k + 3]) == refusal and (k + 3 >= len(toks) or toks[k + 3] in ".,")
               for k in range(but + 1, end) for refusal in _ELLIPTIC_REFUSALS)


# "My husband emailed you asking to unsubscribe us. Please DON'T!", «… لا تسوونها»: a bare
# prohibition, the whole next sentence, forbids what the sentence before it named.
_BARE_DONT = frozenset(("don't", "dont", "do not", "don't do that", "don't do it",
                        "do not do that", "do not do this", "don't do this", "لا تسوونها",
                        "لا تسووها", "لا تسوون كذا", "لا تعملوها", "ما تعملوش كده"))
_FILLER = frozenset("please pls plz no oh ,".split())


def _countermanded(toks: Sequence[str], verb: int) -> bool:
    ceiling = min(len(toks), verb + REACH)  # bounded work in a text without full stops
    end = next((k for k in range(verb, ceiling) if toks[k] == "."), ceiling)
    after = end + 1
    while after < ceiling and toks[after] in _FILLER:
        after += 1
    stop = next((k for k in range(after, ceiling) if toks[k] == "."), ceiling)
    clause = next((k for k in range(after, stop) if toks[k] == ","), stop)
    return " ".join(toks[after:stop]) in _BARE_DONT or _no_wait(toks, end + 1, ceiling) or (
        " ".join(toks[after:clause]) in _BARE_DONT and not _REASON_AGAINST.isdisjoint(
            toks[clause:stop]))  # "Please DON'T, I still need it for my prescriptions"


# … what makes a bare "don't" followed by more a countermand: a reason to keep it
_REASON_AGAINST = frozenset("need still use using keep want لسه لسا للحين احتاجه محتاجه "
                            "استخدمه".split())


def _no_wait(toks: Sequence[str], start: int, ceiling: int) -> bool:
    """Does the next sentence open with "no, wait" («احذفوا الحساب... لا استنوا، خلوه»)?"""
    opening = [t for t in toks[start:min(ceiling, start + 6)] if t not in ".,"][:2]
    return len(opening) == 2 and opening[0] in _NO and opening[1] in _WAIT


_NO = frozenset("no nope لا".split())
_WAIT = frozenset("wait actually استنوا استنى استني لحظه لحظة اصبروا انتظروا".split())


def _stem(tok: str) -> str:
    """Without a leading «و»/«ف» ("and", "so") on an Arabic word."""
    return tok[1:] if tok[:1] in ("و", "ف") and len(tok) > 3 and not tok.isascii() else tok


# A new clause after the told request: "… and got an email that it was deleted", «ووصلني …»
_CLAUSE_OPENERS = frozenset(". , and but so then & بس لكن".split())


# "… and got a confirmation", «ووصلني تأكيد»: the told request was carried out.
_CONFIRMATION = frozenset("confirmation confirmations تاكيد التاكيد ايميل_تاكيد".split())
_GOT = frozenset("got received get وصلني ووصلني جاني وجاني جاتني وجاتني استلمت واستلمت "
                 "وصلتني ووصلتني".split())


def _reported_done(toks: Sequence[str], verb: int) -> bool:
    """Does a later clause report the told request done ("it was deleted", «انحذف», «وتم
    حذفه»), with nothing saying it is still there ("still active", «وللحين موجود») or
    not done ("it hasn't been deleted", «ما انحذف»)?"""
    rest = toks[verb + 1:]
    classes = [word_class(t) for t in rest]
    if "H" in classes[:_next_sentence_end(rest)]:
        return False  # … a later account the sender keeps ("This is my second account, I want
        # to keep it") is no "still there"
    opened = False
    for k, (tok, cls) in enumerate(zip(rest, classes, strict=True)):
        opened = opened or tok in _CLAUSE_OPENERS or (tok.startswith("و") and len(tok) > 2)
        done_here = cls == "e" or (cls in ("D", "P") and k and rest[k - 1] in ("تم", "وتم")) \
            or (tok in _CONFIRMATION and not _GOT.isdisjoint(rest[max(0, k - 2):k])) \
            or (tok == "did" and rest[k - 1:k] == ["you"])  # "… and you did"
        if opened and done_here:
            before = rest[max(0, k - 3):k]
            return not any(word_class(t) == "N" or t.endswith("n't") for t in before)
    return False


def _next_sentence_end(toks: Sequence[str]) -> int:
    """The end of the sentence after the one ``toks`` starts in."""
    stops = [k for k, tok in enumerate(toks) if tok == "."]
    following = [k for k in stops if k > stops[0] + 1] if stops else []
    return following[0] if following else len(toks)


# «عملت الغاء اشتراك بالغلط», "3amalt unsubscribe" ("I did unsubscribe"): a past "did" before
# the unsubscribe makes it the sender's report, like "unsubscribed".
DONE_WORDS = frozenset("unsubscribe unsub الغاء انسبسكرايب".split())
_DID = frozenset("3amalt 3malt 3mlt 3emelt 3milt sawet sawait sawweet swet swit عملت سويت "
                 "عامل عامله".split())  # Egyptian «كنت عاملة إلغاء اشتراك»: I had unsubscribed


def did_it(toks: Sequence[str], i: int) -> bool:
    """Is the unsubscribe word at ``i`` told as done by the sender ("I did unsubscribe")?"""
    return i > 0 and toks[i] in DONE_WORDS and toks[i - 1] in _DID


# «جاني ايميل منكم انكم بتحذفون حسابي», «قلتوا انكم بتوقفون العروض»: "that you will …" tells
# what the store said it would do (an inactivity notice), unless a wish asks it («ياليت
# انكم توقفونها», «ابي انكم تقفلون حسابي»).
_THAT_YOU = frozenset("انكم انكو انكن يقول تقول يقولون".split())  # … «ايميل منكم يقول
# بتشيلوني من القائمة»: "an email from you says you'll take me off the list"
_FUTURE = frozenset("راح رح ح حت سوف".split())
_WISH = frozenset("ياليت ليت نتمني".split())


def announced(codes: str, toks: Sequence[str], index: Sequence[int], start: int,
              end: int) -> bool:
    """Is the verb of the match at ``start:end`` (in ``codes``) the store's announced act,
    after «انكم»?"""
    at = next((k for k in range(start, end) if codes[k] in "SDCPQa"), start)
    k = index[at] - 1
    if k > 0 and toks[k] in _FUTURE:
        k -= 1
    if toks[index[at]].startswith("و") and k >= 0 and toks[k] not in _THAT_YOU:
        # «انكم بتنظفون القائمه وتوقفون الايميلات»: a second verb of the same announcement
        k = next((j for j in range(k, max(-1, k - 4), -1) if toks[j] in _THAT_YOU), k)
    if k < 0 or toks[k] not in _THAT_YOU:
        return False
    lead = toks[max(0, k - 3):k]
    if not _WISH.isdisjoint(lead) or not {"W", "p"}.isdisjoint(map(word_class, lead)):
        return False
    # "you said you'd stop them, yet they still come" («بس للحين توصلني»): the promise broken
    return "H" not in codes[at:at + REACH]


# «تم الغاء اشتراكك», «تم حذف حسابك»: the words of a notice ("has been cancelled") quoted
# or told, not a request.
_DONE = frozenset("تم تمت وتم وتمت".split())
# «تأكدت من حذف الحساب»: "I made sure the account was deleted": done, and seen to be
_MADE_SURE = frozenset("تاكدت اتاكدت تاكدنا".split())


def done(toks: Sequence[str], at: int) -> bool:
    """Is the verb at ``at`` told done by a notice's «تم» right before it, or by «تأكدت من»?"""
    # «وتقولون تم، ابي الحساب ينمسح»: a «تم» that ends its clause is not the notice's verb
    return at > 0 and (toks[at - 1] in _DONE or (
        toks[at - 1] in ("من", "ان") and at > 1 and toks[at - 2] in _MADE_SURE))


_WHO = frozenset("اللي الي".split())
_WHOEVER_EN = frozenset("whoever anyone anybody those".split())


def whoever(toks: Sequence[str], at: int) -> bool:
    """A third-person verb («يلغي», «يوقف») right after «اللي», or after «اللي يبي»: "whoever
    does it" or "whoever wants it", a rule or a tip («اللي يلغي الاشتراك يخسر النادي؟», «اللي
    يبي يوقف رسائل العروض: حسابي > الإشعارات»), not a request; not «اللي ابيه توقفون …»
    ("what I want is …"). In English "anyone who wants to unsubscribe can …"."""
    if at > 1 and _third_person(toks[at - 1]) and word_class(toks[at - 1]) == "W":
        at -= 1  # «اللي يبي يوقف»: whoever wants to stop
    if at > 0 and toks[at - 1] in _WHO and _third_person(toks[at]):
        return True
    k = at - 1 - (at > 0 and toks[at - 1] == "to")
    return k > 1 and word_class(toks[k]) == "W" and toks[k - 1] == "who" and (
        toks[k - 2] in _WHOEVER_EN) or k > 0 and toks[k] in ("wants", "wishes") and (
        toks[k - 1] == "whoever")


def tells_whoever(toks: Sequence[str]) -> bool:
    """Does the text tell whoever wants it how to stop or delete («اللي يبي يوقف …»)?"""
    return any(word_class(tok) in _REQUEST_VERBS and whoever(toks, k)
               for k, tok in enumerate(toks) if k and toks[k - 1] in _WHO_BEFORE)


_REQUEST_VERBS = frozenset("SDCUa")
_WHO_BEFORE = frozenset("اللي الي to يبي يبغي يريد بده عايز".split())


def _third_person(verb: str) -> bool:
    return verb.startswith("ي") and len(verb) > 3 or verb in ("يبي", "يبغي", "يريد", "بده", "عايز")


# A negated arrival in an earlier clause of the sentence: "nothing comes any more, …"
_NOTHING_COMES = re.compile(r"[NZ][^.,]{0,3}g[^.]*,")


def nothing_comes(codes: str, lo: int, at: int) -> bool:
    """Does the sentence before ``at`` (from ``lo``) say that nothing arrives any more («وما
    عاد يوصلني شي، لا عروض ولا …»)? Then a "no offers" after it tells what is missing."""
    return bool(_NOTHING_COMES.search(codes, lo, at))


_KEEP_COMING = re.compile(r"H[gV]")  # "they keep coming", «ولسه بتيجي»


def still_comes(rules: set[str], codes: str) -> bool:
    """Does the mail say it still comes ("I clicked unsubscribe and still get your emails",
    "… on 9 May and they keep coming"), so that a click told of was in vain and the mail
    asks again? ``rules``: the shapes that matched; ``codes``: its letter string."""
    return not rules.isdisjoint(("still-coming", "unsubscribed-still")) or (
        _KEEP_COMING.search(codes) is not None)

