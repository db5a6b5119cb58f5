"""What a reply says besides its answer: a late answer's apology, a sign-off, a call to the reader.

"sry for the late reply, was traveling. Yes please delete it.\n\nThanks for everything,
Priya" answers with "Yes please delete it"; «ايوه يا جماعة امسحوه» with «ايوه امسحوه». These
are left out before an answer is read against our question (``thread``).
"""

from __future__ import annotations

from mailbot.understanding import others
from mailbot.understanding.lexicon import word_class

SIGN_OFF = 3  # words after the answer: a name, "thanks", «شكرا»
THANKS = frozenset("thanks thank you regards cheers شكرا مشكور مشكورين".split())
# "yes" and its kin: an answer's agreement, or the opening of a command ("Yes, close the
# account", «ايوه امسحوا الحساب»)
AFFIRM = frozenset(
    "yes yeah yep yup sure ok okay please do go ahead confirm confirmed confirming approve approved "
    "correct "
    "right طبعا نعم ايوه ايوا اي اكيد تمام اوكي اوك موافق طيب ماشي صح اها تاكيد اكد اوكد ااكد "
    "اعتمد اعتمدوا اعتمدو اكدلكم اكدلك اكدت اكدوا اكدو "
    "aywa ee akeed tamam ok".split()
)
# «ايه» is "yes" in the Gulf and the Levant but "what" in Egypt: agreement only beside the
# offered verb («ايه احذفوه»), another yes («ايه اكيد») or a please («ايه الله يعافيك»),
# never alone.
AFFIRM_WITH_VERB = frozenset("ايه".split())


def without_sign_off(own_tokens: list[str]) -> list[str]:
    """``own_tokens`` without a closing "Thanks for everything,\nPriya" (a thanks opening the
    last sentences, five words at most)."""
    for k in range(len(own_tokens) - 1, 0, -1):
        if own_tokens[k] in THANKS and own_tokens[k - 1] == ".":
            closing = [t for t in own_tokens[k:] if t not in ".,"]
            return own_tokens[:k] if len(closing) <= _SIGN_OFF_WORDS else own_tokens
    return own_tokens


_SIGN_OFF_WORDS = 5


def vocative(own_tokens: list[str], k: int) -> bool:
    """Is token ``k`` part of a call to the reader («يا جماعة», «يا شباب»): no part of the answer?"""
    word = own_tokens[k]
    if word == "يا":
        return k + 1 < len(own_tokens) and own_tokens[k + 1] in others.ADDRESSEES
    return word in others.ADDRESSEES and k > 0 and own_tokens[k - 1] == "يا"


# "sry for the late reply, was traveling", «اسف على التاخير»: an apology for answering late,
# said before or after the answer, is no part of it.
SORRY = frozenset("sorry sry soz apologies apologise apologize apology excuse اسف اسفه اسفين "
                  "معليش معلش المعذره عذرا متاسف متاسفه".split())
_LATE = frozenset("late delay delayed slow reply response replying responding التاخير تاخير "
                  "تاخرت متاخر متاخره الرد بالرد".split())
_APOLOGY_CLASSES = frozenset("xdpj&,")


def without_apology(own_tokens: list[str]) -> list[str]:
    """``own_tokens`` without the sentences that only apologise for a late answer."""
    if SORRY.isdisjoint(own_tokens):
        return own_tokens
    sentences: list[list[str]] = [[]]
    for tok in own_tokens:
        if tok == ".":
            sentences.append([])
        else:
            sentences[-1].append(tok)
    kept = [s for s in sentences if not _apology(s)]
    return [tok for k, s in enumerate(kept) for tok in ([*s, "."] if k < len(kept) - 1 else s)]


def _apology(sentence: list[str]) -> bool:
    return (bool(sentence) and sentence[0] in SORRY and not _LATE.isdisjoint(sentence)
            and all(word_class(t) in _APOLOGY_CLASSES for t in sentence))


# "Hi,", "Hello Bustan team,", «السلام عليكم ورحمة الله», «صباح الخير يا جماعة»: a greeting
# opens the reply and answers nothing
_GREETINGS = frozenset("hi hello hey hiya dear greetings good morning afternoon evening salam "
                       "salaam marhaba hala مرحبا مرحبتين اهلا هلا هلو السلام سلام صباح "
                       "مساء".split())
_GREETING_WORDS = 6


def without_greeting(own_tokens: list[str]) -> list[str]:
    """``own_tokens`` without an opening greeting: a first clause of a few words that starts
    with a greeting and holds no word of a request (every word of class ``x``)."""
    if not own_tokens or own_tokens[0] not in _GREETINGS:
        return own_tokens
    cut = next((k for k, t in enumerate(own_tokens) if t in ".,"), None)
    if cut is None or cut > _GREETING_WORDS or any(word_class(t) != "x"
                                                    for t in own_tokens[:cut]):
        return own_tokens
    rest = own_tokens[cut + 1:]
    return rest[next((k for k, t in enumerate(rest) if t not in ".,"), len(rest)):]
