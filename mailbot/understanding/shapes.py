"""Request shapes: regexes over the word-class letter string of ``lexicon``.

"close my account" is ``DdA`` and «ابي الغي اشتراكي في النشرة» is ``WCBxM``; a shape says
which letters, in which order and with which gaps make a request ("a delete verb, up to
five determiners, an account"). ``classify`` runs every rule, then checks each match for
negation, threats, look-alike objects and whose request it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# Regexes over the letter string: how a request is shaped. Gap classes: d determiner,
# x other word, m me/us, p please. Each rule: (name, strength, regex).
_DEL_SHAPES = (
    # … "close my Sidra Pages account": a shop's name may hold a look-alike word
    ("verb-object", 0.92, r"[DCa][dmp]{0,5}(?:(?:x|K(?=A)|E{1,2}&(?=[dx]{0,3}I))[dmp]{0,3}){0,2}?[AIR]"),
    # "remove me from your records"; "remove my name, phone and everything from your system":
    # a list of details that ends in everything or all data
    ("from-records", 0.9,
     r"[DCaP][dxm]{0,3}F[dx]{0,2}R|[DCaP][dmKEx,&]{0,8}?[,&]d{0,2}I[dx]{0,2}F[dx]{0,2}R"),
    ("want-done", 0.92, r"W[dmp]{0,5}(?:x[dmp]{0,3}){0,2}?[AI](?:&d{0,3}[AI])?[dxzI&mF]{0,7}?[eDXa]"),
    # "closure of her Mawqid Home online account": a shop name between, as after a verb
    ("noun", 0.9, r"X[dx]{0,3}[AI]|X[dm]{0,5}(?:x[dm]{0,3}){0,2}?[AI]|A[dx]?X"),
    ("passive", 0.88, r"A[dx]?z[dx]?[eD]"),
    # «أبي أوقف حسابي», "I want to stop my account": the account stopped is deactivated (not
    # "stop my account emails")
    ("stop-account", 0.85, r"W[dmpx]{0,2}S[dm]{0,2}A(?![dxF]{0,3}[MLK])"),
    # "we request that our account (ID …) be closed and the data be deleted", "I ask that
    # my data be erased": a subjunctive "be" after a request verb
    ("request-that", 0.9, r"p[dxp]{0,3}[AI][^.NKYT]{0,12}?z[dx]?[eDa]"),
    ("no-account", 0.8, r"[NZ]x?W[dxHm]{0,3}A(?![dx&,]{0,3}[DCeaX])"),
    # "remove me completely — account, saved cards, addresses": what "me" means, as a list;
    # below auto-apply, since "remove me" alone is as often the mailing list
    ("me-as-a-list", 0.75, r"[DC]md{0,2},d{0,2}A,"),
)
# "I don't want to be", "I'd like to no longer be": on a list, or on "it" (``PRONOUN_VERB``)
_NOT_WANTING_TO_BE = r"(?:[NZ][xZ]{0,2}W|Wx?[NZ][xZ]{0,2})[dx]{0,2}z"
_ORDER_MAIL = r"(?:K[dx]?M|M[dx]{0,2}K)"  # "order emails", "emails about my orders"
_UNS_SHAPES = (
    ("unsubscribe", 0.93, r"U"),
    # … and «الغاء العروض» ("cancel the offers"), "cancel my newsletter": the mailing itself
    # … «بدي وقّف الاشتراك بالنشرة»: stopping the subscription to a mailing cancels it
    ("cancel-subscription", 0.92,
     r"C[dxmM]{0,3}B|S[dxm]{0,3}B[dx]{0,2}M|W[dx]{0,3}B[dx]{0,2}e|C[dmj]{0,2}M(?![dxM]{0,2}K)"),
    # "cease, with immediate effect, all direct marketing": a short aside after the verb
    ("stop-marketing", 0.92, r"[Sf](?:,[dx]{1,4},)?[dxmVgFpI]{0,5}?[ML]|[ML][dxV]{0,3}S"
     r"|W[dx]{0,2}[ML]{1,3}[dx]{0,2}jS"),  # «كنت عايز الرسايل الدعائية بس تقف»: only stop
    ("turn-off", 0.88, r"f[dxMO]{0,4}?o"),
    # … and "Off the list." as a clause of its own
    ("take-off", 0.9, r"t[mEdx,]{0,7}?o(?![dx]{0,2}A)|Wo[dx]{0,2}[ML]|(?<![^.,])od?[ML](?=[.,]|$)"),
    ("remove-from-list", 0.92,
     r"[DPSta][mEdxOI,]{0,8}?[Fo][dx]{0,3}?[ML]"  # "remove it (my details) from your list"
     # "asked me to have his address (…) removed from all of your mailings"
     r"|[Wp][dxmzE,]{0,8}e[mEdx,]{0,3}?[Fo][dx]{0,3}?[ML]"),
    # "Please remove ravi.k@… from Sanad Weekly", "remove both addresses from both editions":
    # an address taken off something named, which ``voice`` reads as a mailing only where
    # the mail speaks of one; below auto-apply
    ("address-off-named", 0.75, r"[DPt][mEdx,]{0,4}?E[dx]{0,2}F[dx]{1,3}(?=[.,]|$)"),
    ("dont-want", 0.9, r"[NZ][xZ]{0,2}W(?:[dxmVgZF]|Y(?=M)){0,5}?M|Wx?[NZ][xZ]{0,2}[gVt][dxmI]{0,3}M"),
    # "I don't want to be on your mailing list", "I'd like to no longer be on the list"
    ("not-on-list", 0.88, _NOT_WANTING_TO_BE + r"[xZ]{0,2}d?M?L"),
    ("dont-send-marketing", 0.9, r"[NZ][Zx]{0,2}W?x?V[dxm]{0,3}M"),
    ("dont-send", 0.82, r"[NZ][Zx]{0,2}W?x?V|SVm?[dx]{0,2}(?=[.,]|$)|N[EM]m"),
    # … and «بس العروض لأ» ("but the offers: no") as a clause of its own
    ("no-more", 0.9, r"Z[dx]{0,2}M|(?<![^.,p])N[d]?M|[NZ]x?[tgz][dxmE]{0,4}?M+[dxE]{0,2}Z"
     r"|(?<![^.,])j?d?M{1,2}N(?=[.,]|$)"),
    ("consent", 0.9, r"r[dxF]{0,3}c|Cd?c"),  # «الغوا موافقتي»: cancel my consent
    # "I object to the processing of my data for direct marketing" (GDPR art. 21(2)):
    # stop the marketing, not an erasure.
    ("object-to-marketing", 0.9, r"r[dxFI]{0,9}?M"),
    ("unsubscribed-still", 0.85,
     r"(?:u|e[dx]?B)[^.]{0,18}?H[dxM]{0,2}[gt]|u[^.]{0,12}?[ML][dx]{0,2}H|u[^.]{0,12}?H[VM]"
     r"|F[dx]?L[^.]{0,10}?H[dxM]{0,2}[gt]"),  # «طلعت من القايمة من شهر وللحين توصلني»
    # … "please actually remove me this time"
    ("please-remove-me", 0.85, r"p[dx]?Dm(?:d?x)?(?=[.,]|$)"),
    # "still get"; "still getting these" above a quoted newsletter (``classify`` names it)
    # … and «قلت لكم وقفوا، للحين توصلني» ("still reaching me") above a quoted mailing, whose
    # noun ``quoted_mail`` put first
    ("still-coming", 0.7, r"[ML][dx]{0,3}H[x]?[gV]|H[gVMt][dxm]{0,3}[ML]|H[gt]O(?=[.,]|$)"
                          r"|^[ML]\.[^.]{0,8}?Hg(?=[.,]|$)"),
    ("polite-if", 0.85, r"p[dxO]{0,2}i[dx]{0,2}s[dxVm]{0,3}[ML]"),
    ("never-signed-up", 0.72, r"N[x]?b[dxF]{0,3}[ML]"),
    # … and «الغاء», "no more" alone (only above a quoted newsletter: ``lookalikes``)
    ("bare-stop", 0.72, r"(?<![^.,])p?j?(?:S|D|C|Z|[DSt]m[o]?|Um?)p{0,2}(?=[.,]|$)"),  # «بس خلاص»
    # "I only want the order emails", "only send me order updates", «الطلبات بس تجيني، الباقي
    # لا»: consent kept for order mail alone; below auto-apply, a person confirms
    ("only-orders", 0.75, r"(?:W[dx]{0,2}j|jW)[dxmVg]{0,3}?" + _ORDER_MAIL + r"(?![dxz]{0,3}S)"
     r"|(?<![^.,p])jVm?[dx]{0,2}K[xM]?(?=[.,]|$)"
     r"|(?:" + _ORDER_MAIL + r"|K)[dx]{0,2}j[dx]?g[dxm]{0,2},xN(?=[.,]|$)"),
)
_KEEP_SHAPES = (
    # "keep this one", "keep the old one": ``classify`` keeps only the pronoun "one" here
    # … not «ابي تظل توصلني النشرة» ("I want it to keep reaching me": the newsletter)
    ("keep-account", r"H[dxm]{0,2}A|W[Od]?H(?![dxmg]{0,3}[bLM])|H[dm]{1,2}x?O"),
    ("dont-touch", r"A[dx,]{0,2}Nh|Nh[dx]{0,2}A"),
)
_STAY_SHAPES = (
    ("stay-subscribed", r"H[dxmFW]{0,3}[bLM]|W[dxH]{0,2}b|bm|W[dx]{0,2}[ML][dx]{0,2}H"
     # … not «أبا أظل أطلب منكم» ("I want to go on ordering": the account, see keep-account)
     r"|[pW][dx]{0,2}H[gV][dxm]{0,3}[ML]|W[Od]?H(?![dxm]{0,3}A|p)|f[Odx]{0,2}H"
     r"|HOg(?=[.,]|$)"),  # "Please keep them coming": the offers, wanted
)
NEG_ANAPHOR = re.compile(r"Nv[Od](?=[.,]|$)")
# "…, no, keep it.", «لا خلاص خلوه»: a clause of its own after a deletion takes it back
KEEP_ANAPHOR = re.compile(r"(?<![^.,ZpG])HO?(?=[.,]|$)")  # … "I'll keep it."
# "… actually don't delete anything": refuses whatever was asked before
NEG_DELETE_ANYTHING = re.compile(r"NDx")
IF_NOT = re.compile(r"i[^.]{0,3}N")
COMPOUND = re.compile(r"x?K")
INTRANSITIVE = re.compile(r"KH?$")
CONDITION_AFTER = re.compile(r"[^.]*?i[^.]{0,3}N")


# A rule: (name, strength, regex, letters it needs). ``classify`` runs a rule only when the
# message's letters meet each of the needed sets: most rules need two or three letter classes
# (a verb and an object), and most mail lacks one of them.
Rule = tuple[str, float, re.Pattern[str], tuple[frozenset[str], ...]]


def _compile(rules: tuple[tuple[str, float, str], ...]) -> tuple[Rule, ...]:
    return tuple((name, weight, re.compile(rx), needed_letters(rx)) for name, weight, rx in rules)


def applicable(rules: tuple[Rule, ...], present: set[str]) -> Iterator[Rule]:
    """The rules that may match a message whose letters are ``present``."""
    for rule in rules:
        for letters_needed in rule[3]:
            if present.isdisjoint(letters_needed):
                break  # a letter class the rule needs is not in the message
        else:
            yield rule


def needed_letters(rx: str) -> tuple[frozenset[str], ...]:
    """Sets of letters such that every match of ``rx`` holds a letter of each set.

    Read off the regex's own parse tree, so a rule written later cannot outgrow its filter:
    a letter or a class of letters that must occur is needed; of alternatives, the union of
    what each needs; look-arounds and optional parts need nothing. When the tree cannot be
    read (the parser is CPython's, not a public API), nothing is needed: slower, never wrong.
    """
    try:
        from re import _constants, _parser  # noqa: PLC0415

        needs = _needed(_parser.parse(rx), _constants)
    except (ImportError, AttributeError):  # pragma: no cover - another Python
        return ()
    # a set holding another needed set adds nothing; nor does the same set twice
    return tuple(dict.fromkeys(n for n in needs if not any(o < n for o in needs)))


def _needed(items: Any, op: Any) -> list[frozenset[str]]:
    needs: list[frozenset[str]] = []
    for code, arg in items:
        if code is op.LITERAL:
            needs.append(frozenset(chr(arg)))
        elif code is op.IN and all(kind is op.LITERAL for kind, _ in arg):
            needs.append(frozenset(chr(ch) for _, ch in arg))
        elif code in (op.MAX_REPEAT, op.MIN_REPEAT) and arg[0] >= 1:
            needs.extend(_needed(arg[2], op))
        elif code is op.SUBPATTERN:
            needs.extend(_needed(arg[-1], op))
        elif code is op.BRANCH:
            branches = [_needed(branch, op) for branch in arg[1]]
            if all(branches):  # each alternative's narrowest set, joined; and what all need
                needs.append(frozenset().union(*(min(b, key=len) for b in branches)))
                needs.extend(n for n in branches[0] if all(n in b for b in branches[1:]))
    return needs


DEL_RULES = _compile(_DEL_SHAPES)
UNS_RULES = _compile(_UNS_SHAPES)
KEEP_RULES = _compile(tuple((name, 1.0, rx) for name, rx in _KEEP_SHAPES))
STAY_RULES = _compile(tuple((name, 1.0, rx) for name, rx in _STAY_SHAPES))
PRONOUN_VERB = re.compile(r"P|Q|[DCaS]d{0,2}[xE]?O|S[gV]m?O|[DSt]m?FO|WOe|Ox?S"  # "stop sending me these"
                          r"|W[Od]x?S(?=[dxp]{0,3}(?:[.,]|$))|NWO(?!e)|" + _NOT_WANTING_TO_BE + r"xO")
