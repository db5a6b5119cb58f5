"""Whose account a deletion names: a relative's or client's the sender acts for, or the
sender's own though someone else opened it.

The labelling rules count a relative's account closed by the sender ("my father … he would
like the account closed", «زوجتي … تبي تسكر الحساب», a late mother's account) and an account
a friend opened with the sender's own details as requests; a friend's or colleague's own
account is theirs (``voice.for_a_friend``).
"""

from __future__ import annotations

from collections.abc import Sequence

from mailbot.mail.addresses import ADDRESS_IN_TEXT
from mailbot.understanding import accounts, others
from mailbot.understanding.lexicon import word_class

__all__ = ["another_account", "another_address", "for_relative", "names_relative",
           "opened_with_my_details", "relatives_account"]


# The sender writes for a relative or a client: «زوجتي عندها حساب عندكم … تبي تسكر الحساب»,
# "my father … he would like the account closed". Their request, made through the sender,
# counts as a request (the labelling rules); "my friend deleted her account" tells a story.
_RELATIVE_OWNER = frozenset("my our his her مال".split())


def for_relative(toks: Sequence[str], sentence: Sequence[str], classes: str) -> bool:
    """Does a deletion of "the account" (``classes``, one account, not plural) ask for a
    relative or client the sender named before it ("my wife", «زوجتي»), in their wish ("she
    wants", «تبي»)?"""
    if "A" not in classes or others.THEIR_WISH.isdisjoint(sentence):
        return False
    return names_relative(toks)


# "her account", «الحساب بتاعها», «حسابه»: the account of someone the sender names
_THEIRS = frozenset("her his their بتاعها بتاعه حقها حقه تبعها تبعه مالها ماله حسابها حسابه "
                    "حسابهم ديالو ديالها تاعو تاعها متاعو متاعها "  # Maghrebi «الحساب ديالو»
                    "taba3ha taba3o taba3ou ta3ha ta3o dyalha dyalo dyalou 7agha 7aga".split())


def relatives_account(toks: Sequence[str], window: Sequence[str]) -> bool:
    """"I made an account for my mom … can you close her account?": the deletion in
    ``window`` names a third person's account, and the mail names a relative of the sender."""
    return any(_theirs(tok) for tok in window) and names_relative(toks)


def _theirs(tok: str) -> bool:
    """"her", «بتاعها», or an account, data or address noun with "her/his/their" on it
    («بياناتها», «ايميلها»)."""
    return tok in _THEIRS or (not tok.isascii() and len(tok) >= 5 and tok.endswith(("ها", "ه", "هم"))
                              and word_class(tok) in ("A", "I", "E"))


def names_relative(toks: Sequence[str]) -> bool:
    """Does the mail name a relative or client of the sender's ("my wife", "my late father",
    "my mum's email", «زوجتي», "our client")?"""
    return any(tok in others.MY_RELATIVES or tok.startswith("و") and tok[1:] in others.MY_RELATIVES
               or tok.removesuffix("'s") in others.RELATIVE_NOUNS
               and not _RELATIVE_OWNER.isdisjoint(toks[max(0, k - 2):k])
               for k, tok in enumerate(toks))


# "A friend set up an account for me using my email address", «رفيقتي فتحتلي حساب … على
# إيميلي»: an account someone opened with the sender's own details is the sender's
_OPENED = frozenset("set opened created made registered فتح فتحت فتحتلي فتحلي سوت سوتلي سوالي "
                    "عملت عملتلي عملي سجلت سجلتلي".split())
_MY_DETAILS = frozenset("ايميلي بايميلي رقمي برقمي جوالي بجوالي باسمي emaili".split())
_DETAIL_NOUNS = frozenset("email address number phone mobile".split())


def opened_with_my_details(toks: Sequence[str]) -> bool:
    """Does a sentence tell that an account was opened with the sender's email or number?"""
    sentence: list[str] = []
    for tok in [*toks, "."]:
        if tok != ".":
            sentence.append(tok)
            continue
        if not _OPENED.isdisjoint(sentence) and (not _MY_DETAILS.isdisjoint(sentence) or any(
                a == "my" and b in _DETAIL_NOUNS
                for a, b in zip(sentence, sentence[1:], strict=False))):
            return True
        sentence = []
    return False


# "our former employee", «حساب الموظف»: a colleague or employee is a third person too (not
# "your staff member was rude")
_STAFF = others.COLLEAGUES | frozenset("staff موظف الموظف موظفه الموظفه".split())
_OURS = frozenset("our former ex previous السابق السابقه".split())
_LEFT = frozenset("left ترك".split())  # not «تركت», which is also "I left"
_COMPANY = frozenset("company firm organisation organization الشركه الشغل العمل".split())


def _names_staff(toks: Sequence[str]) -> bool:
    if any(tok in _LEFT and not _COMPANY.isdisjoint(toks[k + 1:k + 5]) and toks[k - 1:k] != ["i"]
           for k, tok in enumerate(toks)):
        return True  # "Fatima left our company last month", «ترك الشركة»
    return any(tok in _STAFF and (not _OURS.isdisjoint(toks[max(0, k - 2):k + 2])
                                  or k and word_class(toks[k - 1]) == "A")
               for k, tok in enumerate(toks))


def another_account(toks: Sequence[str]) -> str | None:
    """Why a deletion may name another account than the sender's own, or None.

    mailbot confirms and erases the account of the address the mail came from; "close the
    old hotmail one, keep this one", "my late father's account" or "close his user account"
    name another, so a person checks whose before anything is asked or erased."""
    if accounts.several_accounts(toks) and not accounts.keeps_the_other(toks):
        return "one of several accounts: a person checks which"
    if opened_with_my_details(toks):
        return None  # the sender's own, though a friend opened it
    if _names_staff(toks) or names_relative(toks) and (
            any(_theirs(tok) for tok in toks) or not others.THEIR_WISH.isdisjoint(toks)):
        return "someone else's account (a relative, client or colleague): a person checks whose"
    return None


def account_at_another_address(toks: Sequence[str], text: str, sender: str | None,
                               ours: Sequence[str] = ()) -> str | None:
    """Why a deletion may name the account of another address than the one the mail came
    from ("the account on my work email hamad@work.example, delete it", sent from gmail), or
    None. mailbot erases the sender's account, so a person checks which."""
    if not other_addresses(toks, text, sender, ours):
        return None
    if any(tok == "<addr>" and any(word_class(t) == "A" for t in toks[max(0, k - 6):k])
           for k, tok in enumerate(toks)):
        return "an account at another address than the sender's: a person checks which"
    return None


def other_addresses(toks: Sequence[str], text: str, sender: str | None,
                    ours: Sequence[str] = ()) -> set[str]:
    """The addresses the text names besides the sender's and the store's own (``ours``: the
    addresses the mail was sent to, whose domains and subdomains are the store's)."""
    if "<addr>" not in toks:
        return set()
    domains = {a.rsplit("@", 1)[-1].lower() for a in ours}
    named = {a.lower().rstrip(".,،;:!?") for a in ADDRESS_IN_TEXT.findall(text)}
    return {a for a in named - {(sender or "").lower()}
            if not any(a.endswith("@" + d) or a.endswith("." + d) for d in domains)}


def address_named_for_the_list(toks: Sequence[str], text: str, sender: str | None,
                               ours: Sequence[str] = ()) -> str | None:
    """Why an unsubscribe may be for another address than the sender's ("My old work address
    s.y@company.example still gets your deals emails … Please remove that address"), or None:
    mailbot withdraws the consent of the address the mail came from."""
    if other_addresses(toks, text, sender, ours):
        return "another address than the sender's: a person checks which to take off"
    return None


def another_address(toks: Sequence[str]) -> str | None:
    """Why an unsubscribe may be for another person's address than the sender's, or None:
    "take her off, this is my mum's email", "remove my wife from the list". mailbot withdraws
    the consent of the address the mail came from, so a person takes the right one off."""
    if (names_relative(toks) or _names_acquaintance(toks)) and any(
            _theirs(tok) or tok in _THIRD_OBJECT or (
            tok.endswith("'s") and tok[:-2] in others.RELATIVE_NOUNS  # "my wife's email", not "my
            and any(word_class(t) in ("E", "A") for t in toks[k + 1:k + 3]))  # mother's orders"
            for k, tok in enumerate(toks)):
        return "someone else's address (a relative, client or neighbour): a person checks whose"
    return None


_THIRD_OBJECT = frozenset("her him".split())


def _names_acquaintance(toks: Sequence[str]) -> bool:
    """"my friend", «صديقتي», «لصديقتي» ("to my friend"), «وجارتي»."""
    return any(t in others.ACQUAINTANCES or t[:1] in ("ل", "و") and t[1:] in others.ACQUAINTANCES
               for t in toks)
