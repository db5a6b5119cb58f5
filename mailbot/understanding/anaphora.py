"""What "it", "them" and «ـه» stand for: the antecedent of a pronoun verb.

"delete it", «احذفوه», "stop them", «وقفوها» name no object; the object is a noun after the
verb ("delete it, my account") or before it ("I have an old account … please close it").
Deletion verbs look for an account, data or records; stop verbs for marketing or a list.
The search reads the letter string (``lexicon``) and stops at a look-alike object (an order,
a card, a paid plan) or an address that is a thing of its own.
"""

from __future__ import annotations

import re

from mailbot.understanding.accounts import ACCOUNT_COUNTS, DUAL_ACCOUNTS
from mailbot.understanding.lexicon import word_class

Antecedent = tuple[str, int, int, float]  # kind ("del"/"uns"), start, end, weight


def resolve(codes: str, toks: list[str], index: list[int], start: int,
            end: int) -> Antecedent | None:
    """A verb whose object is a pronoun: find what "it" is (after it, then before it; before
    it first when a noun after it comes "with" it: «تحذفونه مع كل البيانات»). A refused
    deletion ("… and cancel the order. Don't delete it, it has my points", «لا تمسحونه»)
    looks past the order to the account: when in doubt, the refusal keeps the account."""
    refused = start > 0 and codes[start - 1] == "N"
    refuses = refused or codes[start] == "N"  # "don't delete it", or a match opening on "not"
    # "remove me from these", "I'd like to no longer be on it": said of lists, never of an
    # account
    stop_verb = (codes[start] in "QS" or codes[end - 1] == "S" or "F" in codes[start:end]
                 or "z" in codes[start:end])
    if not stop_verb and toks[index[end - 1]] == "one":
        counted = _counted_account(codes, toks, index, start)
        if counted >= 0:  # "I have two accounts … please delete the hotmail one"
            return ("del", counted, end, 0.85)
        if toks[index[end - 1] + 1:index[end - 1] + 3] == ["of", "them"]:
            return None  # «طلبته مرتين … الغوا واحد منهم»: one of the orders, not of accounts
    ahead = None if stop_verb else re.match(r"[dxm&]{0,4}([AIR])", codes[end:])
    if ahead and not LOCATIVE.isdisjoint(toks[index[end - 1] + 1:index[end + ahead.start(1)]]):
        ahead = None  # "I don't want it on my account", «ما ابيه في حسابي»: where "it" is
    after = end + ahead.end() if ahead else end
    if refuses and (
            ahead and codes[after:after + 1] == "e" or _OF_THEM_DONE.match(codes, end)):
        return None  # "I don't want either account deleted", "… either of them closed":
        # refuses the deletion
    if _names_an_order(toks, index, end):
        return None  # "Please cancel mine, MNR-25-421330": the order the number names
    companion = ahead is not None and _with(toks, index, end)
    if ahead and not companion:
        return ("del", start, end + ahead.end(), 0.85)
    marketing = -1
    sent = not {"g", "V"}.isdisjoint(codes[start:end])  # "stop sending/receiving these"
    feminine_it = _feminine_object(toks[index[start]]) or _feminine_object(toks[index[end - 1]])
    for k in range(start - 1, max(start - _WINDOW, -1), -1):
        c = codes[k]
        if c == "e" and codes[k - 1] == "z" and refuses and not stop_verb:
            return None  # "Will my account be closed? I don't want that": the closing
        if c == "I" and toks[index[k]] in _NOTHING and "N" in codes[max(0, k - 3):k]:
            continue  # «قلت لكم وما سويتو شي، امسحوه»: "you did nothing" – «شي» is no object
        if c == "A" and feminine_it and not _feminine_noun(toks[index[k]]):
            continue  # «بطاقة الدفع المحفوظة في حسابي … حاولت حذفها»: «ـها» is the card, not «حساب»
        if c == "K" and toks[index[k]] in _PLACES and (sent or stop_verb or "F" in codes[max(0, k - 3):k] or (
                index[k] and toks[index[k] - 1] in LOCATIVE)):
            continue  # "the link … goes to a 404 page. I'd like to stop receiving these";
            # «حاولت احذف الحساب من التطبيق … ابيكم تحذفونه», «الاشعارات حقت التخفيضات في
            # التطبيق … ابي اوقفها»: where the thing is, not "it"
        if c in "AIR" and not stop_verb and (_THING_FROM.search(codes, max(0, k - 12), k) or (
                index[k] and toks[index[k] - 1] in LOCATIVE and "E" in codes[max(0, k - 6):k]) or (
                _after_locative(toks, index[k]) and "K" in codes[max(0, k - 10):k]) or (
                toks[index[k]].startswith(_IN_THE_ACCOUNT) and "E" in codes[max(0, k - 10):k])):
            break  # "remove my saved card from my account. I don't want it stored": the card;
            # «اشيل العنوان القديم اللي في الحساب … شلون امسحه؟»: the address in it; "a card
            # saved on my account … Please remove it": the card; «العنوان القديم … موجود بحسابي
            # … امسحوه»: the address, in the account
        if c in "AIR" and not stop_verb:
            return ("del", k, end, 0.85)
        if c == "L" and index[k] and toks[index[k] - 1] == "my":
            break  # "I added the TV to my list … remove it": the sender's own list, a thing
        if c == "B" and k and codes[k - 1] == "Y":
            break  # "my Nakhla Pass subscription. I don't want it to renew": the paid plan
        if c in "MLB":
            if stop_verb:
                return ("uns", k, end, 0.82)
            marketing = k if marketing < 0 else marketing
        if c == "E" and not stop_verb and (_names_account(codes, toks, index, k)
                                           or _restates_where(codes, toks, index, k) or (
                index[k] and toks[index[k] - 1] in LOCATIVE) or _DENIED.search(codes, max(0, k - 2), k)):
            continue  # "an old account under the email …", «بيانات على ايميلي»: the address
            # names where the account or the data is; «… مو بالايميل» ("not the email")
        if c in "KY" and refused and not stop_verb and not (c == "Y" and _cancels(toks[index[start]])):
            continue  # … but «خلوا الاشتراك … لا تلغونه» ("don't cancel it"): the paid plan
        if c in "AIR" and stop_verb and k and codes[k - 1] == "F":
            continue  # «… طلبت من حسابي … وقفوها»: the account a thing came from, not "it"
        if c in "AIR" and stop_verb and "N" in codes[max(0, k - 3):k]:
            continue  # "sms offers … w ma 3indi 7ta account. wagfooha": no account to stop
        if c in "KY" or (c in "AIR" and stop_verb) or (c == "E" and not stop_verb):
            break
    else:  # nothing in reach stood for it: the mailing our quoted mail names still may
        if stop_verb and start > _WINDOW and _LENT_MAILING.match(codes):  # (quoted_mail)
            return ("uns", 0, end, 0.82)
    if ahead:
        return ("del", start, end + ahead.end(), 0.85)
    return ("uns", marketing, end, 0.82) if marketing >= 0 else None


# «بحسابي», «بالحساب», «فالحساب», «عالحساب»: "in/on (my) account", the preposition written on
_IN_THE_ACCOUNT = ("بحساب", "بالحساب", "فالحساب", "فحساب", "عالحساب")


def _after_locative(toks: list[str], at: int) -> bool:
    """Is the noun at token ``at`` where a thing is: "on my account", "on my Sakan account"
    (the store's name between), «في الحساب»?"""
    before = toks[max(0, at - 3):at]
    return bool(before) and (before[-1] in LOCATIVE or (
        len(before) >= 2 and before[-2] in LOCATIVE and before[-1] in _POSSESSIVE) or (
        len(before) == 3 and before[0] in LOCATIVE and before[1] in _POSSESSIVE
        and word_class(before[2]) == "x"))


_POSSESSIVE = frozenset("my your the our his her".split())
_WINDOW = 30  # letters a pronoun looks back for what it stands for
_NOTHING = frozenset("شي شيء شى".split())
_LENT_MAILING = re.compile(r"[MLB]\.")  # "newsletter ." put before a reply to a mailing


def _feminine_object(tok: str) -> bool:
    """An Arabic verb with «ـها» on it («حذفها», «امسحوها»): "it" of a feminine or plural
    noun (a card, the data), never of the masculine «حساب»."""
    return not tok.isascii() and tok.endswith("ها") and len(tok) > 4


def _feminine_noun(tok: str) -> bool:
    """«عضوية», «حسابات»: an account word «ـها» may stand for."""
    return tok.endswith(("ه", "ة", "ات")) or tok.isascii()


_OF_THEM_DONE = re.compile(r"[dO]{1,3}e")  # "(either) of them closed"


def _names_an_order(toks: list[str], index: list[int], end: int) -> bool:
    """Is the pronoun verb ending at ``end`` followed by an order number ("cancel mine,
    MNR-25-421330")? Then "mine" is that order."""
    after = [t for t in toks[index[end - 1] + 1:index[end - 1] + 3] if t != ","]
    return bool(after) and sum(c.isdigit() for c in after[0]) >= 4 and any(
        c.isalpha() for c in after[0])  # (an Arabizi word has a digit or two: "3afakoum")


# "my card … from my account": the account is where a thing is taken from, not the object
_THING_FROM = re.compile(r"[KE][^.]{0,10}F[dx]{0,2}$")  # … or "my address from my profile"

# Things of the site, never sent to anyone: not what "these" in "stop sending these" are
_PLACES = frozenset("page pages settings section tab screen menu button option dashboard "
                    "cart basket wishlist app application website site التطبيق تطبيق "
                    "السله".split())



def _counted_account(codes: str, toks: list[str], index: list[int], start: int) -> int:
    """The nearest account before ``start`` that was counted ("two accounts", "a duplicate
    account"): what "the hotmail one", "the old one" picks from, past an address, a password
    or an order named on the way; -1 when there is none."""
    for k in range(start - 1, max(start - 80, -1), -1):
        # … "two Raha Ride accounts": the shop's name may stand between the count and the noun
        if codes[k] == "A" and not ACCOUNT_COUNTS.isdisjoint(toks[max(0, index[k] - 4):index[k]]):
            return k
        if toks[index[k]] in DUAL_ACCOUNTS:
            return k  # «عندي حسابين … احذفوا واحد منهم»: two accounts in one word
    return -1


_ACCOUNT_BEFORE = re.compile(r"A[dxFE]{0,3}&?$")  # "… with my phone and email"
# "an account on/under/with the email …", «حساب على ايميل …», «حسابي المسجل بهذا البريد»
_ACCOUNT_ON = frozenset("on under with using at via for registered linked على علي عليه المسجل "
                        "مسجل بهذا بهذه بنفس المربوط مربوط 3la 3ala".split())


def _names_account(codes: str, toks: list[str], index: list[int], k: int) -> bool:
    """Is the address or number at ``k`` the one an account just before it is under ("an old
    account under the email …"), not a thing of its own ("a second number on my account, my
    husband's number")?"""
    m = _ACCOUNT_BEFORE.search(codes, max(0, k - 5), k) or _one_before(codes, toks, index, k)
    if not m:
        return False
    between = toks[index[m.start()] + 1:index[k] + 1]
    return any(t in _ACCOUNT_ON or (t.startswith("ب") and word_class(t) == "E") for t in between)


def _restates_where(codes: str, toks: list[str], index: list[int], k: int) -> bool:
    """Is the address at ``k`` the one a phrase just before it already names as where an
    account is («الحساب اللي على ايميل الشغل <addr>», "el account ely 3la el hotmail,
    <addr>"), with no "and" between («… وعندي ايميل قديم» is an address of its own)?"""
    lo = max(0, k - 4)
    for j in range(k - 1, lo - 1, -1):
        tok = toks[index[j]]
        if codes[j] == "&" or (tok.startswith("و") and len(tok) > 2 and codes[j] == "x"):
            return False
        if tok in _ACCOUNT_ON:
            return "A" in codes[max(0, j - 4):j]
    return False


# "it's the one with this email address (…)": "one" stands for the account the store asked
# about, and the address says which
_ONE_BEFORE = re.compile(r"O[dxFE,]{0,5}$")


def _one_before(codes: str, toks: list[str], index: list[int], k: int) -> re.Match[str] | None:
    m = _ONE_BEFORE.search(codes, max(0, k - 6), k)
    return m if m and toks[index[m.start()]] == "one" else None


_WITH = frozenset("with along together including and مع ومع وياه وياها و".split())
# "it on my account", "anything in my account": the account is where something is
LOCATIVE = frozenset("on in onto into under inside at في على علي".split())
_DENIED = re.compile(r"Nd?$")  # "not this email", «مو بالايميل»: the address it is not


def _cancels(tok: str) -> bool:
    """Is the pronoun verb ``tok`` a cancel with "it" on it («تلغونه», «الغوها»)?"""
    stem = tok[:-2] if tok.endswith("ها") else tok[:-1]
    return not tok.isascii() and word_class(stem) == "C"


def _with(toks: list[str], index: list[int], end: int) -> bool:
    """Does the word after the pronoun verb ending at ``end`` add a second object ("it with
    all the data", «تحذفونه مع كل البيانات»)?"""
    after = index[end - 1] + 1
    return after < len(toks) and toks[after] in _WITH
