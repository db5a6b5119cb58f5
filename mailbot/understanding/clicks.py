"""Buttons and links clicked: the name of a button, told, is not a request.

'I clicked "unsubscribe" by accident', «ضغطت "الغاء الاشتراك" بالغلط», "my sister tapped
Delete account last week": the words of a request name the button someone pressed. Pure
look-ups over the tokens of one message (``reported`` tells what the click means).
"""

from __future__ import annotations

from collections.abc import Sequence

# "used" too: "I used the unsubscribe link and it worked" tells of a click.
_CLICK = frozenset("clicked click pressed press tapped tap hit used ضغطت ضغط كبست دست اضغط".split())
# What may stand between "clicked" and the button's name: "on the … link", «على رابط».
LINK = frozenset("link button رابط الرابط زر الزر".split())
# "clicked by mistake on unsubscribe", «ضغطت بالغلط على الغاء الاشتراك»
_ON_THE_LINK = LINK | frozenset("on the a an علي ع by mistake accidentally بالغلط بالخطا غلط".split())


def clicked(toks: Sequence[str], at: int) -> bool:
    """Is the token at ``at`` the name of a button the sender clicked ('I clicked
    "unsubscribe" by accident', «ضغطت "الغاء الاشتراك" بالغلط», "my daughter tapped the
    unsubscribe link", «وضغطت على رابط الغاء الاشتراك»), not a request?"""
    if at + 1 < len(toks) and toks[at].isascii() and toks[at + 1] in LINK:
        before = toks[max(0, at - 4):at]  # "tapped on the unsubscribe link"
    else:
        before = [t for t in toks[max(0, at - 4):at] if t != ","]
    for k in range(len(before) - 1, -1, -1):
        tok = before[k]
        if tok in _CLICK or (tok[:1] in ("و", "ف") and tok[1:] in _CLICK):
            return True
        if tok not in _ON_THE_LINK:
            return False
    return False


def clicked_by_someone_else(toks: Sequence[str], at: int) -> bool:
    """Did someone other than the sender click the button at ``at`` ("my sister tapped Delete
    account last week")? The sender's own click ("I tapped Delete account … please actually
    delete it") is the request, told."""
    if not clicked(toks, at):
        return False
    lead = toks[max(0, at - 5):at]
    k = next((k for k in range(len(lead) - 1, -1, -1) if lead[k] in _CLICK), 0)
    return k > 0 and lead[k - 1] not in _I_CLICKED


_I_CLICKED = frozenset("i i've we just already انا وانا".split())


def clicked_by_mistake(toks: Sequence[str], at: int) -> bool:
    """Was the button at ``at`` clicked by mistake ("I accidentally clicked unsubscribe",
    «ضغطت بالغلط على الغاء الاشتراك»)? Then the sender tells of it; they do not ask."""
    return clicked(toks, at) and not _MISTAKE.isdisjoint(toks[max(0, at - 6):at + 6])


_MISTAKE = frozenset("mistake accident accidentally accidently mistakenly wrongly بالغلط بالخطا "
                     "غلط غلطت غلطنا بالغلطه خطا".split())  # «غلطت وكبست»: "I slipped and pressed"
