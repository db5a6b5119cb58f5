"""Quoted names in a sender's text: a mailing's name and a control's label.

A name in quotation marks is not what the sender says: 'the weekly "New this week" email'
speaks of a mailing, and 'the "Delete account" button' of a button. Both are rewritten
before the text is split, so the rules read the noun first and the name as a name.
"""

from __future__ import annotations

import re

__all__ = ["BUTTONS", "LINKS", "NAME_REACH", "read_as_names"]

# 'the weekly "New this week" email': a mailing's quoted name goes after the word for the
# mail, so "weekly email" joins (a mail that comes every week is a mailing) and the name
# stays an aside. At most five words, so a cut text differs only near its end.
_NAMED_MAIL = re.compile(r'"((?:[^"\s]+ ){0,4}[^"\s]+)" (e-?mails?|mail|newsletters?)\b')
NAME_REACH = 9  # tokens a moved name spans: "email , w1 … w5 ," and a word either side

# 'the "Delete account" button', «زر "حذف الحساب"»: a control's quoted label is its name, read
# as "a button called Delete account" (``hits`` reads what follows "called" as a name, and
# what the sender does with the button decides). Single quotes only around whole words, so
# an apostrophe opens no label.
# Each pattern opens with a quote mark or a control's word, so the regex engine skips to
# candidates; a single quote right after a letter (an apostrophe) is no label (``_label``).
_LABEL = r"""(?:"((?:[^"\s]+ ){0,4}[^"\s]+)"|'((?:[^'\s]+ ){0,4}[^'\s]+)'(?!\w))"""
# The one home of the words for the site's and app's controls: buttons and options, links, the
# rest of the screen. ``hits`` and ``letters`` read the buttons and the links from here.
BUTTONS = frozenset("button buttons option options زر الزر زرار الزرار خيار الخيار ايقونه الايقونه "
                    "خانه الخانه".split())
LINKS = frozenset("link links رابط الرابط".split())
_SCREEN = frozenset("flow tab toggle switch setting menu screen".split())
# longest first, so "buttons" is tried before "button"
_CONTROL_WORDS = tuple(sorted(BUTTONS | LINKS | _SCREEN, key=lambda w: (-len(w), w)))
_CONTROLS = "|".join(_CONTROL_WORDS)
_LABEL_THEN_CONTROL = re.compile(_LABEL + f" ({_CONTROLS})" + r"\b")
_CONTROL_THEN_LABEL = re.compile(r"\b(" + _CONTROLS + ") " + _LABEL)

# '"Delete account" sits six taps deep', '"Delete account" is under Profile': a quoted label
# that is the subject of its sentence is a name too
_LABEL_AS_SUBJECT = re.compile(_LABEL + r" (is|isn't|sits|takes|opens|leads|returns|gives|shows|"
                               r"appears|lives|was|wasn't|has|hides|only)\b")


def read_as_names(text: str) -> str:
    """``text`` (folded) with each quoted mailing name and control label read as a name."""
    if '"' in text:
        text = _NAMED_MAIL.sub(r'\2 "\1"', text)
    elif "'" not in text:
        return text
    text = _LABEL_AS_SUBJECT.sub(_option_called, text)
    if any(word in text for word in _CONTROL_WORDS):
        text = _LABEL_THEN_CONTROL.sub(_called, text)
        text = _CONTROL_THEN_LABEL.sub(_called, text)
    return text


def _label(match: re.Match[str], first: int) -> str | None:
    """The label of a match whose label groups start at ``first``; None for an apostrophe."""
    if match.group(first) is not None:
        return match.group(first)
    quote = match.start(first + 1) - 1
    if quote > 0 and match.string[quote - 1].isalnum():
        return None  # "don't 'x'": the quote follows a letter
    return match.group(first + 1)


def _option_called(match: re.Match[str]) -> str:
    """'"Delete account" is under Profile' → "option called Delete account, is under Profile"."""
    label = _label(match, 1)
    return match.group(0) if label is None else f"option called {label}, {match.group(3)}"


def _called(match: re.Match[str]) -> str:
    """'"Delete account" button' → "button called Delete account,"."""
    if match.re is _LABEL_THEN_CONTROL:
        label, control = _label(match, 1), match.group(3)
    else:
        control, label = match.group(1), _label(match, 2)
    if label is None:
        return match.group(0)
    return f"{control} {'called' if control.isascii() else 'اسمه'} {label},"
