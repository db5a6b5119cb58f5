"""Word classes for the intent rules: every folded token becomes one letter, and the
request shapes (``shapes``) are regexes over those letters.

The classifier does not match sentences; it matches *shapes* over a string of word-class
letters ("close my account" → ``DdA``, «احذفوا عنواني من هذه النشرة» → ``DEFdM``). This
module owns the alphabet and the English words; Arabic script (MSA, Gulf, Egyptian,
Levantine) and its small morphology that strips clitics, person prefixes and object
pronouns so that one stem covers a whole verb paradigm (احذف، تحذفون، احذفوه، يتحذف …)
live in ``arabic``, Arabic in Latin letters in ``arabizi``.

Letters:
  D delete/remove/close/erase/terminate verb     e its past participle (deleted, closed)
  X deletion noun (deletion, closure, erasure)   a deactivate/disable/freeze
  C cancel                                       P Arabic delete/cancel verb + "it/him/her"
  S stop                                         Q Arabic stop verb + "them/it"
  s stopped (past, as in "grateful if you stopped …")
  U unsubscribe/opt out                          u unsubscribed (past)
  t take/get (… off)   o off/out   F from/of-place   f turn/switch
  A account   I data/details   R records/system   M marketing noun   L list
  B subscription   b subscribe/add/sign up   K look-alike object (order, card, review …)
  E contact point (address, email, number)   Y paid membership (gold, renewal, fee)
  N negator   Z "no more"/"anymore"   W want/wish/need   V send   g receive/arrive
  T threat/conditional   G first-person future   H keep/stay/still/back   h touch
  y someone else's future/report (you'll, says)   z passive auxiliary (be, get)
  O pronoun "it/them"   m me/us   d determiner or harmless modifier   p please/request
  j just/only/but   c consent   r withdraw   v do/does   q did   i if/unless
  & and   x anything else
  . sentence break   , clause break
"""

from __future__ import annotations

import re
from functools import lru_cache

from mailbot.understanding import arabizi
from mailbot.understanding.arabic import arabic_class

# ----------------------------------------------------------------------------- English

_EN_GROUPS: dict[str, str] = {
    "D": "delete deleting remove removing erase erasing close closing terminate terminating "
    "wipe wiping purge purging shut destroy scrap drop forget clear delet expunge expunging",
    "e": "deleted removed erased closed terminated wiped purged destroyed dropped cleared expunged "
    "cancelled canceled shutdown gone",
    "X": "deletion removal erasure closure termination deactivation destruction",
    "a": "deactivate deactivating disable disabling suspend freeze",
    "C": "cancel cancelling canceling cancellation",
    "S": "stop stopping halt cease cessation end quit block enough refrain desist suppress",
    "U": "unsubscribe unsubscribing optout unsubscription",
    "u": "unsubscribed",
    "s": "stopped ceased",
    "t": "take taken taking get got opt",
    "o": "off out",
    "F": "from",
    "f": "turn turned switch switched toggle",
    "A": "account profile",
    "I": "data details info information everything",
    "R": "records record database databases system systems crm servers",
    "M": "newsletter emails promo promotional marketing offers deals ads adverts advertising "
    "advertisements advertisement sms spam mailing mailshots catalogue catalog campaigns "
    "emailing spamming texting messaging calling text "
    "whatsapp calls flyers leaflets junk messages sales commercial bulletin texting "
    "socialmedia instagram",
    "L": "list lists",
    "B": "subscription subscriptions",
    "b": "subscribe subscribed resubscribe enrol",
    "K": "order orders card cards giftcard review reviews item items product products reminder flow "
    "page settings section tab screen menu button option balance dashboard "
    "reminders photo photos picture password name surname cart basket wishlist waitlist history app "
    "application recentlyviewed invoice invoices comment comments booking parcel delivery "
    "refund payment purchase registry favourites locked blocked suspended hacked frozen "
    # "contacts": lenses, not "contact us"; "the driver calls": the courier's, not marketing
    "reservation voucher coupon points contacts lenses driver drivers courier couriers giftnote "
    "shipping",
    "E": "address addresses email phone number mobile <addr>",
    "Y": "gold silver platinum premium membership autorenew renew renews renewal renewed fee "
    "charged charge plan trial billing paid prime vip autorenewal autorenewing warranty "
    "warranties insurance kwd kd sar aed omr bhd qar dinar dinars riyal riyals dirham dirhams",
    "N": "not never don't doesn't didn't won't isn't aren't wasn't no without neither nor "
    "cannot can't couldn't",
    "Z": "nomore anymore",
    "W": "want wants wish like need prefer having interested",
    "V": "send sending contact contacting",
    "g": "receive receiving getting coming arriving arrive arrives come comes",
    "T": "otherwise closeto considering tempted threaten",
    "G": "i'll we'll gonna i'm",
    "z": "be get been getting",
    "y": "you'll we'll they'll it'll will says said",
    "H": "keep keeping stay staying remain continue still back reopen reopened reactivate "
    "reactivated restore restored unlock recover",
    "h": "touch",
    "O": "it them one ones either",
    "m": "me us him",
    "d": "my the your our a an all any every whole entire these those his her their customer "
    "personal saved stored online old waha store shop of completely permanently fully too "
    "myself "
    "also entirely totally",
    "p": "please kindly request requesting asked ask asking requested appreciate grateful "
    "require demand",
    "j": "just only but instead rather simply",
    "c": "consent permission",
    "r": "withdraw withdrawing withdrawal withdraws revoke revoking revocation retract object objecting "
    "objection",
    "v": "do does",
    "i": "if unless",
    "q": "did",
    "&": "and or",
}


def _flatten(groups: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, words in groups.items():
        for word in words.split():
            out.setdefault(word, code)
    return out


_EN_WORDS = _flatten(_EN_GROUPS)


def clear_caches() -> None:
    word_class.cache_clear()


# "still", "until now" (class H beside "keep"): what stays, told; not a wish to keep it
STILL = frozenset("still للحين وللحين لسه لسا ولسه ولسا لهسا لهلق لهلا مازال مازالت ومازال ومازالت "
                  "لازال لازالت بعدني وبعدني lsa lissa lesa lessa mazal".split())


@lru_cache(maxsize=65536)
def word_class(tok: str) -> str:
    """The class letter(s) of one folded token: usually one letter, "ND" for «متحذفوش»."""
    if tok in (".", ","):
        return tok
    if tok.isascii():
        cls = _EN_WORDS.get(tok) or arabizi.WORDS.get(tok)
        if not cls and len(tok) > 4 and tok.endswith("s"):
            cls = _EN_WORDS.get(tok[:-1])  # plurals: catalogues, reminders
        return cls or _list_name(tok) or arabizi.stem_class(tok)
    if tok in _ARTICLES:
        return "d"  # «الـ newsletter»: the article kept apart from an English noun by a tatweel
    english = _english_after_article(tok)
    if english:
        return _CODE_SWITCHED.get(english) or word_class(english)
    return arabic_class(tok)


# A mailing list by its name, as the List-Id and the footer give it: "sidra-offers" (split
# as "sidraoffers"), "murjan-offers-bh", "sidra_weekly"
_LIST_NAME = re.compile(r"[a-z]{4,}[-_]?(?:offers|deals|weekly|newsletter|promos?)(?:[-_][a-z]{2})?")


def _list_name(tok: str) -> str:
    return "L" if _LIST_NAME.fullmatch(tok) else ""


# English words that name marketing only with the Arabic article on them: «وقفوا الbroadcast»
# is the WhatsApp broadcast list; "broadcast" alone is as often a network's
_CODE_SWITCHED = {"broadcast": "M", "broadcasts": "M"}


def arabizi_class(tok: str) -> str:
    """The class letter of an Arabizi word ("t6arshoon" → "V"); "" for English and Arabic."""
    if not tok.isascii() or tok in _EN_WORDS or tok in (".", ","):
        return ""
    return word_class(tok)[-1:]  # cached; for such a word, its Arabizi class


# Code-switched Gulf mail puts the Arabic article on an English noun: «اسكر الaccount حقي»,
# «الغي الsubscription حق الnewsletter», «وتمسحون الdata كلها».
_ARTICLES = ("وال", "بال", "فال", "لل", "ال")


# … and the Arabic person prefix on an English verb: «ابي اdelete الaccount», «تcancel»,
# «نunsubscribe»
_PERSON_PREFIXES = ("ا", "ت", "ن", "ي")


def _english_after_article(tok: str) -> str:
    for article in _ARTICLES + _PERSON_PREFIXES:
        if tok.startswith(article):
            rest = tok[len(article):]
            return rest if len(rest) > 1 and rest.isascii() and rest.isalpha() else ""
    return ""
