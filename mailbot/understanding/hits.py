"""Where the request shapes match a message, and which matches survive their context.

Every rule of ``shapes`` runs over the message's letter string (``letters``) when the letters
it needs are there; each match becomes a ``Hit`` unless a look-alike or its context explains
it away ("my account page", "cancel the subscription box order", "keep it up"). Pronouns
("stop these", «وقفوه») become hits where ``anaphora`` finds what they stand for. Weighing
the hits (negation, threats, whose request) is ``classify``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailbot.understanding import anaphora, arabic, clicks, lookalikes, plans, scope, voice
from mailbot.understanding.lexicon import STILL, word_class
from mailbot.understanding.names import BUTTONS
from mailbot.understanding.shapes import (
    COMPOUND,
    DEL_RULES,
    KEEP_ANAPHOR,
    KEEP_RULES,
    NEG_ANAPHOR,
    NEG_DELETE_ANYTHING,
    PRONOUN_VERB,
    STAY_RULES,
    UNS_RULES,
    applicable,
)


@dataclass(frozen=True)
class Hit:
    kind: str  # del | uns | stay | keep | negdel_anaphor | paid
    rule: str
    start: int  # code index
    end: int
    weight: float
    verb: int = -1  # where negation/threat is checked; start when -1

    @property
    def anchor(self) -> int:
        return self.start if self.verb < 0 else self.verb


_ANYTHING = frozenset("anything nothing".split())
_KEEP_IT = ("وه", "وها", "يه", "يها")  # «خلوه», «خليه»: "keep it" in one word
RULE_SETS = (("del", DEL_RULES), ("uns", UNS_RULES), ("keep", KEEP_RULES), ("stay", STAY_RULES))


def find(codes: str, toks: list[str], index: list[int]) -> list[Hit]:
    present = set(codes)
    hits: list[Hit] = []
    for kind, rules in RULE_SETS:
        for name, weight, rx, _ in applicable(rules, present):
            for m in rx.finditer(codes):
                hit = _rule_hit(kind, Hit(kind, name, m.start(), m.end(), weight), codes, toks,
                                index)
                if hit:
                    hits.append(hit)
    if "v" in present and "O" in present:
        hits.extend(_done_again(codes, toks, index, hits))
    if "v" in present:
        hits.extend(Hit("negdel_anaphor", "dont-do-that", m.start(), m.end(), 1.0)
                    for m in NEG_ANAPHOR.finditer(codes))
    if "N" in present and "D" in present:
        hits.extend(Hit("negdel_anaphor", "dont-delete-anything", m.start(), m.end(), 1.0)
                    for m in NEG_DELETE_ANYTHING.finditer(codes)
                    if toks[index[m.end() - 1]] in _ANYTHING)
    if "H" in present:
        hits.extend(Hit("negdel_anaphor", "keep-it", m.start(), m.end(), 1.0)
                    for m in KEEP_ANAPHOR.finditer(codes)
                    if m.end() - m.start() == 2 or toks[index[m.start()]].endswith(_KEEP_IT))
    if "Y" in present:  # the plan's own words: evidence for the person, never marketing
        hits.extend(Hit("paid", "paid-plan", lo, hi, 0.9)
                    for lo, hi in plans.requests(codes, toks, index))
    if not present.isdisjoint("PQOW"):
        for m in PRONOUN_VERB.finditer(codes):
            if codes[m.start()] == "O" and m.start() and codes[m.start() - 1] in "qv":
                continue  # "did it stop?", "does it stop after …": asks about the mail
            found = anaphora.resolve(codes, toks, index, m.start(), m.end())
            if found and not (found[0] == "del" and _never_had(toks, index, found[1])):
                # … not "I don't have an account with you and I don't want one": none to delete
                kind, start, end, weight = found
                hits.append(Hit(kind, "pronoun", start, end, weight, m.start()))
    return hits


# "Has it been deleted or not? If not please do it now.": "do it" at a clause's start asks
# again for the deletion told before it
_DO_IT = re.compile(r"(?<![^.,Np])p?vO(?=x?(?:[.,]|$))")


_DO_IT_WHEN = frozenset("now asap today immediately please".split())  # not "do it later"


def _done_again(codes: str, toks: list[str], index: list[int], found: list[Hit]) -> list[Hit]:
    """A "do it (now)" that repeats the last deletion named before it, as a hit of its own."""
    out = []
    for m in _DO_IT.finditer(codes):
        after = toks[index[m.end() - 1] + 1:index[m.end() - 1] + 2]
        if after and after[0] not in _DO_IT_WHEN and after[0] not in (".", ","):
            continue
        before = [h for h in found if h.kind == "del" and h.end <= m.start()]
        if before:
            last = max(before, key=lambda h: h.end)
            do = m.start() + 1 if codes[m.start()] == "p" else m.start()  # past the "please"
            out.append(Hit("del", "do-it", last.start, m.end(), 0.85, do))
    return out


# "I don't want (to have / to keep / to use) the account": the account itself is unwanted; not
# "I don't want to lose my account", "a new account", «مش عايز اعمل حساب جديد» (make one)
_HAVING = frozenset("to have keep hold own use maintain be any an a the this that my".split())
_MAKING = frozenset("اعمل اعمله افتح اسوي انشئ اسجل اخسر يضيع تضيع جديد ثاني تاني".split())
_NEW = frozenset("new another second extra جديد ثاني تاني اخر".split())


# What names a button or an option: "an option called Delete account", «حاجة اسمها حذف الحساب»
_NAMED = frozenset("called named labelled labeled titled اسمها اسمه اسمو بعنوان".split())
# «زر الحذف», «خيار حذف الحساب»: a button or an option named (a link named «رابط إلغاء
# الاشتراك» is still asked for)
_CONTROLS_AR = frozenset(word for word in BUTTONS if not word.isascii())


# «ما ابي اسبب مشكلة لصاحبة الحساب»: the account's owner, not the account, is what is named
_OWNER_OF = frozenset("صاحب صاحبه لصاحب لصاحبه وصاحب وصاحبه".split())


def _unwanted_account(toks: list[str], index: list[int], start: int, end: int) -> bool:
    span = toks[index[start]:index[end - 1] + 1]
    if len(span) > 1 and span[-2] in _OWNER_OF:
        return False
    wanted = next((k for k, t in enumerate(span) if word_class(t) == "W"), 0)
    between, after = span[wanted + 1:-1], toks[index[end - 1] + 1:index[end - 1] + 2]
    if after and word_class(after[0]) == "H":
        return False  # «وما عاد الو داعي\nالحساب خلوه»: "… not needed. The account, keep it"
    if after and after[0].isascii() and after[0].endswith("ed") and len(after[0]) > 4:
        return False  # "I don't want my account touched": something done to it, refused
    return _NEW.isdisjoint(between + after) and all(
        t in _HAVING if t.isascii() and word_class(t) == "x" else t not in _MAKING
        for t in between)


# "I don't have an account", "never had an account", «ما عندي حساب»: there is none
_HAVE = frozenset("have had own owned عندي عندنا".split())
_NOT = frozenset("don't dont didn't never not no ما مو مش ماعندي".split())


def _never_had(toks: list[str], index: list[int], start: int) -> bool:
    """Is the account a pronoun stands for (at ``start``) one the sender says they don't have?"""
    before = toks[max(0, index[start] - 4):index[start]]
    return not _HAVE.isdisjoint(before) and not _NOT.isdisjoint(before) or "ماعندي" in before


def _rule_hit(kind: str, hit: Hit, codes: str, toks: list[str], index: list[int]) -> Hit | None:
    """A shape's match as a hit, or None when its look-alike or context explains it away."""
    start, end = hit.start, hit.end
    if kind in ("del", "uns") and index[start] and toks[index[start] - 1] in _NAMED or (
            kind == "del" and index[start] and toks[index[start] - 1] in _CONTROLS_AR) or (
            kind == "del" and hit.verb < 0 and clicks.clicked_by_someone_else(toks, index[start])):
        return None  # «مش لاقي حاجة اسمها حذف الحساب», "a button called Delete account", «زر
        # الحذف», "my sister tapped Delete account": a name (an unsubscribe link named «رابط
        # إلغاء الاشتراك» is still asked for; the sender's own tap is the request, told)
    if kind == "uns":  # a look-alike drops it; a paid plan makes it billing
        kind_now = lookalikes.unsubscribe(codes, toks, index, hit.rule, start, end)
        return Hit(kind_now, hit.rule, start, end, hit.weight) if kind_now else None
    if kind == "del" and (lookalikes.compound(codes, toks, index, end)
                          or lookalikes.from_container(codes, toks, index, end)
                          or lookalikes.from_marketing(codes, end)
                          or lookalikes.many_requests(codes, toks, index, end)
                          or lookalikes.names_a_mail(codes, toks, index, end)
                          or lookalikes.protective_lock(toks, index, start)
                          or lookalikes.locked_itself(toks, index, start)
                          or lookalikes.intransitive(codes, toks, index, start)):
        return None  # "my account page"; "everything from my cart" or "from your mailing list"
        # (the unsubscribe shape reads that one); "account deletion requests" (a topic); "the
        # app keeps closing …"
    if kind == "del" and hit.rule == "no-account" and (arabic.wants_it(
            toks[index[codes.find("W", start, end)]]) or not anaphora.LOCATIVE.isdisjoint(
            toks[index[start]:index[end - 1]]) or not _unwanted_account(toks, index, start, end)):
        return None  # «وما اريدها» ("and I don't want them"), then «الحساب خلي يبقى»; "I
        # don't want anything on my account"; "I don't want to lose my account"
    if kind == "keep" and codes[end - 1] == "O" and toks[index[end - 1]] != "one":
        return None  # "keep it up"; only "keep this one" keeps an account
    if kind == "keep" and toks[index[start]] in STILL:
        return None  # «وللحين الحساب موجود»: the account still there, a complaint
    if kind == "stay" and toks[index[start]] in STILL and "g" in codes[end:end + 4]:
        return None  # «ولسه العروض بتيجي»: the offers still come, a complaint
    if kind == "stay" and (COMPOUND.match(codes, end) or scope.conditional(codes, start)
                           or voice.describes_you(toks, index[start])):
        return None  # «خلوا رسايل الطلبات» (order messages); "if I ever want …"; "you keep
        # texting me offers" (a complaint)
    return hit
