"""One of several accounts: which one a deletion picks and which one a "keep" keeps.

"I have two accounts, please delete the hotmail one and keep this gmail account", «عندي
حسابين، احذفوا القديم وخلوا هذا»: a "keep" beside a deletion is no conflict when the sender
has several accounts with us and the two name different ones. Pure set look-ups over the
tokens of one message.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailbot.understanding import others
from mailbot.understanding.lexicon import word_class

# "keep the other (account)", «خلوا الحساب الثاني»: one of two accounts stays, this one goes
THE_OTHER = frozenset("other second الثاني الثانيه الاخر الثاني الثانى".split())


def the_other(toks: Sequence[str], index: Sequence[int], start: int, end: int) -> bool:
    """Does the "keep" at ``start``..``end`` keep *the other* account, not this one?"""
    words = toks[index[start]:index[min(end, len(index)) - 1] + 2]
    return not THE_OTHER.isdisjoint(words)


# "I have two accounts", "a duplicate account", «عندي حسابين»: more than one account here
ACCOUNT_COUNTS = frozenset("two 2 three 3 four 4 both duplicate duplicated multiple several "
                           "another second extra separate older previous اثنين ثاني ثانيه ثلاث "
                           "ثلاثه".split())  # "an older account" beside this one
DUAL_ACCOUNTS = frozenset("حسابين حسابات حساباتي بحسابين 7sabain 7sabayn 7esabain".split())
# What picks the account that stays ("keep this gmail account", «خلوا حسابي هذا») …
_THIS_ONE = frozenset("this current new main primary هذا هذه هذي الحالي الجديد الاساسي".split())
# … and what picks the one to go ("the hotmail one", "the account under <addr>", «القديم»)
_PICKERS = frozenset("one old older previous first other that <addr> القديم الاول الثاني "
                     "الاخر ذاك هذاك".split())  # "delete that account": the one named before
_FILLER = frozenset("the a an my account and please , . it is this one ال under on with at "
                    "علي على في".split())  # "the account under …", «الحساب اللي على …»


def several_accounts(toks: Sequence[str]) -> bool:
    """Does the sender speak of more than one account with us ("two accounts", «حسابين»)?"""
    return any(tok in DUAL_ACCOUNTS
               or word_class(tok) == "A" and not ACCOUNT_COUNTS.isdisjoint(toks[max(0, k - 2):k])
               or word_class(tok) == "A" and _counted_with_name(toks, k)
               or word_class(tok) == "A" and not tok.isascii() and toks[k + 1:k + 2] and (
                   toks[k + 1] in ACCOUNT_COUNTS)  # «سويت حساب ثاني بالغلط»: a second one
               or tok == "one" and _picked_one(toks, k)
               for k, tok in enumerate(toks))


def _picked_one(toks: Sequence[str], k: int) -> bool:
    """"Delete the old hotmail one": the "one" at ``k``, picked by a kind of address right
    after a deletion verb, is one of the sender's accounts."""
    lead = toks[max(0, k - 5):k]
    return not _KINDS.isdisjoint(lead[-2:]) and any(word_class(t) == "D" for t in lead)


def _counted_with_name(toks: Sequence[str], k: int) -> bool:
    """"two Sadaf Home accounts": a count, then a name of two words the lexicon does not
    know (the store's), then the account noun at ``k``."""
    lead = toks[max(0, k - 3):k]
    return len(lead) == 3 and lead[0] in ACCOUNT_COUNTS and all(
        t.isalpha() and word_class(t) == "x" for t in lead[1:])


def keeps_the_other(toks: Sequence[str]) -> bool:
    """"Delete the one under this email, keep the other one", «وخلوا الحساب الثاني»: the
    account that goes is the sender's own."""
    return any(word_class(tok) == "H" and not THE_OTHER.isdisjoint(toks[k + 1:k + 4])
               for k, tok in enumerate(toks)) and any(
        tok in _THIS_ADDRESS or tok in _THIS and toks[k + 1:k + 2] and word_class(toks[k + 1]) in "EAO"
        for k, tok in enumerate(toks))  # … and the one that goes is "this email", «هالايميل»


_THIS = frozenset("this هذا هذه هذي".split())
_THIS_ADDRESS = frozenset("هالايميل هالحساب هالبريد هالعنوان".split())


def keeps_another(toks: Sequence[str], index: Sequence[int], keep: tuple[int, int],
                  deletions: Sequence[tuple[int, int]]) -> bool:
    """Does "keep this gmail account" (``keep``, a span of class letters) keep another account
    than the one a deletion picks ("delete the hotmail one", "the account under <addr>")?
    ``deletions`` are (verb, end) spans. Only when the sender has several accounts with us;
    "delete my account … actually keep my account" stays a conflict."""
    if not several_accounts(toks):
        return False
    kept = _named_before(toks, index[keep[0]]) + _phrase(
        toks, index[keep[0]], index[min(keep[1], len(index)) - 1] + 4)
    for verb, end in deletions:
        last = index[min(end, len(index)) - 1] + 4
        if index[verb] < index[keep[0]]:
            last = min(last, index[keep[0]])  # "delete the old account and keep this one"
        picked = _phrase(toks, index[verb], last)
        if not picked or _qualifiers(picked) & _qualifiers(kept):
            continue
        if not _THIS_ONE.isdisjoint(kept) and _THIS_ONE.isdisjoint(picked) \
                and not _PICKERS.isdisjoint(picked):
            return True
        if not _THIS_ONE.isdisjoint(picked) and _THIS_ONE.isdisjoint(kept) and _qualifiers(kept):
            return True  # "delete this one (the gmail) and keep the outlook one"
        if _qualifiers(kept) and _THIS_ONE.isdisjoint(picked) and not _PICKERS.isdisjoint(picked[1:]):
            return True  # "delete the old one (<addr>) … keep the proton one"
        if _KINDS.intersection(picked) and _KINDS.intersection(kept) and \
                _KINDS.isdisjoint(set(picked) & set(kept)):
            return True  # "delete this personal one … keep the work account"
        if _qualifiers(picked) and _qualifiers(kept):
            return True  # "the account under my email … keep the family one": each named by
            # something of its own
    return False


# What tells two accounts of one person apart when both are named: the kinds of address
# (``others``), and the Arabic ones
_KINDS = others.ADDRESS_KINDS | frozenset(
    "private main الشخصي الشغل العمل الشركه القديم الجديد الهوتميل هوتميل الجيميل جيميل "
    "الياهو ياهو".split())  # «احذفوا اللي على الهوتميل وخلوا حسابي على الجيميل»


# "keep that one", "don't touch that": the account kept was named before, in the sentence
_THAT = frozenset("that it them ذاك هذاك".split())
_NOT_KEPT = frozenset("and but & و".split())


def _named_before(toks: Sequence[str], lo: int) -> list[str]:
    """The words before a "keep" at token ``lo`` that say which account it keeps: "this"
    right before it ("on this account, so don't touch that"), or, for "keep that one", the
    sentence before it ("One is this email (…), keep that one"), never past a deletion verb
    or an "and" ("delete the old account and keep this one")."""
    if lo < len(toks) and toks[lo].startswith("و") and len(toks[lo]) > 3:
        return []  # «… القديم وخلوا حسابي هذا»: the "and" is on the keep itself
    span = lo + 4 if not _THAT.isdisjoint(toks[lo:lo + 4]) else lo
    words: list[str] = []
    for tok in reversed(toks[max(0, lo - (8 if span > lo else 2)):lo]):
        if tok == "." or tok in _NOT_KEPT or word_class(tok) == "D":
            break
        words.insert(0, tok)
    return words


def _phrase(toks: Sequence[str], lo: int, hi: int) -> list[str]:
    """The words from ``lo`` to ``hi`` (token indices), up to the end of the clause."""
    words = []
    for tok in toks[lo:hi]:
        if tok in (".", ",") and words:
            break
        words.append(tok)
    return words


def _qualifiers(words: Sequence[str]) -> set[str]:
    """What tells one account from another in a phrase: "hotmail", "old", <addr>."""
    return {tok for tok in words[1:] if tok not in _FILLER and word_class(tok) not in "AdHDpO&"}
