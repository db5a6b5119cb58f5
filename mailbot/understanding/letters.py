"""A message's tokens as the letter string the shapes read (see ``lexicon``).

Most tokens have one class whatever surrounds them (cached per process); a few are read in
context: "these" is a pronoun at the end of a clause and a determiner before a noun, «ما»
is "what" after «كل», "STOP" is a past opt-out in "I reply STOP every time", a plan's name
is a paid plan only where it names one, and "3amalt unsubscribe" tells a past unsubscribe.
"""

from __future__ import annotations

import unicodedata

from mailbot.understanding import accounts, arabic, plans, reported, voice
from mailbot.understanding.lexicon import word_class
from mailbot.understanding.names import BUTTONS, LINKS

_RELATIVE_MA_BEFORE = frozenset("كل بكل لكل عن اللي الي مثل زي بعد بعدما قبل حسب كيف شو ليش اول".split())


def codes(toks: list[str]) -> tuple[str, list[int]]:
    """The word-class string and, per letter, the index of its token."""
    classes = [_CACHE.get(tok) or _class(tok) for tok in toks]
    if not _CONTEXTUAL.isdisjoint(toks):
        for i, tok in enumerate(toks):
            if tok in _CONTEXTUAL:
                classes[i] = _contextual(toks, i)
    if "L" in classes and not _PRODUCT_LISTS.isdisjoint(toks) and "M" not in classes and (
            "B" not in classes):
        classes = ["K" if cls == "L" else cls for cls in classes]  # … a list of products
    joined = "".join(classes)
    if len(joined) == len(toks):
        return joined, list(range(len(toks)))
    index = [i for i, cls in enumerate(classes) for _ in cls]
    return joined, index


_CACHE: dict[str, str] = {}
# «عندي حسابين … احذفوا القديم»: after a deletion verb, "the old one" of two accounts;
# «امسحوا اللي على ايميل الشغل»: "the one on the work email"; «تحذفون حق الشغل»: "the work
# one" (Gulf «حق», Levantine «تبع», Egyptian «بتاع»: "the one of")
_WHICH_ONE_AR = frozenset("القديم الاول الاولاني الثاني التاني الاخر الجديد اللي حق حقت تبع تبعت "
                          "بتاع بتاعت".split())
_CANNOT = frozenset("can't cannot couldn't won't".split())
# "I'd rather you deleted the account", "I'd prefer you stopped sending …": asked, in the past
# tense after "rather/prefer you"
_RATHER_YOU = {"deleted": "D", "closed": "D", "removed": "D", "erased": "D", "stopped": "S"}
_RATHER = frozenset("rather prefer preferred".split())
# «اقفل واحد من الحسابات», "a2fel wa7ed mn el 7sabat": "one of the accounts", as in English
_ONE = frozenset("واحد وحده wa7ed wa7da".split())
_OF = frozenset("من mn men min".split())
# «سوى لي ملف عميل … امسحوا الملف هذا»: "the file" is the customer profile named before it
_THE_FILE = "الملف"
_PROFILE = "بروفايل"  # what ``phrases`` makes of «ملف عميل»
# "all your communications", "any further communication": the store's mail to the sender,
# not "voice communications" or "communication about my refund"
_COMMUNICATION = frozenset("communication communications".split())
_SENT_TO_ME = frozenset("your all any further marketing promotional".split())
# "my app account", "the online account": where the account lives, not an app to delete
_WHERE = frozenset("app application online website web".split())
# "SAR 149", "99 sar": the riyal beside a price; in Gulf Arabizi "sar" is "became" ("il ra8m
# sar li": the number became mine)
_SAR = "sar"
# «لطلب إغلاق حسابها», «طلب حذف بياناتي»: "a request for" before a verbal noun, not an order
_REQUEST_FOR = frozenset("طلب لطلب بطلب وطلب طلبا".split())
# A phone's auto-correct, read back where the sentence leaves no other reading: "delta my
# account", "delete my accountant", "Unsubscribed me from these emails please"
_AUTOCORRECTED = frozenset(("delta", "defeat", "accountant", "unsubscribed"))
_OWNER = frozenset("my the our this".split())


_CONTEXTUAL = _ONE | _OF | _RATHER_YOU.keys() | frozenset((
    "that", "this", "these", "those", "ما", "هذي", "هذه", "هذا", "هاي",
    "ده", "دي", "just", "ولا", "la", "mine", _THE_FILE, _SAR)) | _WHICH_ONE_AR | (
    _COMMUNICATION | _WHERE | arabic.RETURN_TO | _REQUEST_FOR | _AUTOCORRECTED) | (
    voice.OPT_OUT_WORDS | plans.PLAN_NAMES | reported.DONE_WORDS)
# "my recently viewed list … clear it", «قايمة "شوهدت مؤخراً" … امسح القايمة دي»: in a mail
# that names a list of products and no mailing, "the list" is that list, a thing on the site
_PRODUCT_LISTS = frozenset("recentlyviewed wishlist waitlist".split())
_TOO = frozenset("too also".split())
_CONTROLS = frozenset(word for word in BUTTONS | LINKS if word.isascii())
# «ولا تحذفوه انتوما؟» ("or do you delete it yourselves?"): «ولا» before an explicit "you" is "or";
# before "can" («ولا اقدر امسحه بنفسي؟», "or can I delete it myself?" or "and I can't delete
# it") it refuses nothing either
_YOU_AR = frozenset("انتم انتو انتوا انتوما انت انتي".split())
_CAN_AR = frozenset("اقدر نقدر بقدر اكدر اگدر يمكن ممكن اقدرا".split())


def _class(tok: str) -> str:
    cls = "," if _emoji(tok) else word_class(tok)
    if len(_CACHE) < 200_000:
        _CACHE[tok] = cls
    return cls


def _autocorrected(toks: list[str], i: int) -> str:
    tok, before, after = toks[i], toks[max(0, i - 2):i], toks[i + 1:i + 2]
    if tok in ("delta", "defeat") and after and after[0] in _OWNER:
        return "D"  # "please defeat my account": a phone's word for "delete"
    if tok == "accountant" and len(before) == 2 and before[1] in _OWNER and word_class(
            before[0]) == "D":
        return "A"
    if tok == "unsubscribed" and after == ["me"] and (not before or before[-1] in ".," or (
            word_class(before[-1]) == "p")):
        return "U"  # sentence-initial or after "please", with "me": nobody says "I unsubscribed me"
    return word_class(tok)


def _contextual(toks: list[str], i: int) -> str:
    tok = toks[i]
    if tok in _AUTOCORRECTED:
        return _autocorrected(toks, i)
    if tok == "unsubscribe" and i and toks[i - 1] in ("a", "an", "no") and toks[i + 1:i + 2] and (
            toks[i + 1] in _CONTROLS):  # "offers an unsubscribe link", "there's no unsubscribe
        return "x"  # link": a control named or missed, neither asked for nor refused ("your
        # unsubscribe link doesn't work" still asks)
    if tok in plans.PLAN_NAMES:  # "cancel my Volta Care subscription": a paid plan
        return "Y" if plans.named_plan(toks, i) else word_class(tok)
    if reported.did_it(toks, i):  # «عملت الغاء اشتراك بالغلط»: done, not asked
        return "u"
    if tok in reported.DONE_WORDS and tok not in voice.OPT_OUT_WORDS:
        return word_class(tok)  # «ابا انسبسكرايب»: asked
    if tok in voice.OPT_OUT_WORDS:  # "I reply STOP every time …": unsubscribed, in vain
        return "u" if voice.replied_opt_out(toks, i) else word_class(tok)
    if tok == "ما":
        return "x" if i and toks[i - 1] in _RELATIVE_MA_BEFORE else "N"
    if tok in _COMMUNICATION:
        return "M" if i and toks[i - 1] in _SENT_TO_ME else word_class(tok)
    if tok in _WHICH_ONE_AR:
        return "A" if i and word_class(toks[i - 1]) == "D" and not accounts.DUAL_ACCOUNTS.isdisjoint(
            toks) else word_class(tok)
    if tok in _RATHER_YOU:
        return _RATHER_YOU[tok] if toks[i - 2:i][:1] and toks[i - 1:i] == ["you"] and (
            toks[i - 2] in _RATHER) else word_class(tok)
    if tok in _ONE:
        return "O" if _one_of_accounts(toks, i) else word_class(tok)
    if tok in _OF:
        return "d" if i and toks[i - 1] in _ONE and _one_of_accounts(toks, i - 1) else word_class(tok)
    if tok == "mine":  # "… one account (hers). So please delete mine": the thing named
        return "O" if i and word_class(toks[i - 1]) in ("D", "C", "a") else word_class(tok)
    if tok == _THE_FILE:  # … or «تمسحون الملف مالي كله»: "my file", erased
        return "A" if _PROFILE in toks[:i] or (i and word_class(toks[i - 1]) == "D" and toks[
            i + 1:i + 2] and toks[i + 1] in arabic.MINE) else word_class(tok)
    if tok in _WHERE:
        return "d" if i + 1 < len(toks) and word_class(toks[i + 1]) == "A" else word_class(tok)
    if tok == "la":  # Maghreb French "mn la newsletter": the article, not Levantine "no"
        return "d" if i and word_class(toks[i - 1]) == "F" else word_class(tok)
    if tok == "ولا":
        return "x" if not _YOU_AR.isdisjoint(toks[i + 1:i + 3]) or (i + 1 < len(toks) and
            toks[i + 1] in _CAN_AR) else "N"
    if tok in _REQUEST_FOR:
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        return "p" if word_class(nxt) in ("D", "C", "X", "a") else word_class(tok)
    if tok in arabic.RETURN_TO:
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        return "H" if nxt.startswith("ل") and word_class(nxt) in ("M", "L", "B") else \
            word_class(tok)
    if tok == _SAR:
        return word_class(tok) if any(t.replace(",", "").replace(".", "").isdigit()
                                      for t in toks[max(0, i - 1):i + 2]) else "x"
    if tok == "just":  # "they can't just close my account": a protest, not "not just …, also"
        return "x" if i and toks[i - 1] in _CANNOT else "j"
    nxt = toks[i + 1] if i + 1 < len(toks) else "."
    if nxt in _TOO or toks[i + 1:i + 3] == ["as", "well"]:
        nxt = "."  # "please stop that as well", "stop those too"
    last = nxt in (".", ",") or word_class(nxt) == "p" or (  # "stop these please", "… these
        nxt == "to" and "E" in map(word_class, toks[i + 2:i + 5]))  # to my work email"
    if not tok.isascii():  # «شيلوني من هذي لو سمحتوا»: "from these" ends the clause
        return "O" if last and i and toks[i - 1] in ("من", "عن") else "d"
    return "O" if last else "d"


def _one_of_accounts(toks: list[str], i: int) -> bool:
    """Is «واحد» at ``i`` "one" of the accounts that follow ("wa7ed mn el 7sabat")?"""
    return toks[i + 1:i + 2] != [] and toks[i + 1] in _OF and any(
        word_class(t) == "A" for t in toks[i + 2:i + 4])


def _emoji(tok: str) -> bool:
    """A token of pictographs alone (😩, 🙏🏻): it ends a clause, as a comma would."""
    if tok.isascii():
        return False
    kinds = [unicodedata.category(ch) for ch in tok]  # skin tones are Sk, joiners Cf/Mn
    return "So" in kinds and all(kind in ("So", "Sk", "Mn", "Cf") for kind in kinds)


def clear_cache() -> None:
    _CACHE.clear()
