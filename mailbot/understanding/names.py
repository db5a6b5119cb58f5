"""Quoted names in a sender's text: a mailing's name and a control's label.

A name in quotation marks is not what the sender says: 'the weekly "New this week" email'
speaks of a mailing, and 'the "Delete account" button' of a button. Both are rewritten
before the text is split, so the rules read the noun first and the name as a name.
"""

from __future__ import annotations

import re

__all__ = ["NAME_REACH", "read_as_names"]

# 'the weekly "New this week" email': a mailing's quoted name goes after the word for the
# mail, so "weekly email" joins (a mail that comes every week is a mailing) and the name
# stays an aside. At most five words, so a cut text differs only near its end.
_NAMED_MAIL = re.compile(r'"((?:[^"\s]+ ){0,4}[^"\s]+)" (e-?mails?|mail|newsletters?)\b')
NAME_REACH = 9  # tokens a moved name spans: "email , w1 … w5 ," and a word either side

# 'the "Delete account" button', «زر "حذف الحساب"»: a control's quoted label is its name, read
# as "a button called Delete account" (``hits`` reads what follows "called" as a name, and
# what the sender does with the button decides). Single quotes only around whole words, so
# an apostrophe opens no label.
_LABEL = r"""(?:"((?:[^"\s]+ ){0,4}[^"\s]+)"|(?<!\w)'((?:[^'\s]+ ){0,4}[^'\s]+)'(?!\w))"""
_CONTROL = (r"buttons?|links?|options?|flow|tab|toggle|switch|setting|menu|screen"
            r"|زر|الزر|زرار|الزرار|رابط|الرابط|خيار|الخيار|ايقونه|الايقونه|خانه|الخانه")
_LABELLED_CONTROL = re.compile(_LABEL + f" ({_CONTROL})" + r"\b|(?<!\w)(" + _CONTROL + ") "
                               + _LABEL)


# '"Delete account" sits six taps deep', '"Delete account" is under Profile': a quoted label
# that is the subject of its sentence is a name too
_LABEL_AS_SUBJECT = re.compile(_LABEL + r" (is|isn't|sits|takes|opens|leads|returns|gives|shows|"
                               r"appears|lives|was|wasn't|has|hides|only)\b")


def read_as_names(text: str) -> str:
    """``text`` (folded) with each quoted mailing name and control label read as a name."""
    if '"' in text:
        text = _NAMED_MAIL.sub(r'\2 "\1"', text)
    text = _LABEL_AS_SUBJECT.sub(_option_called, text)
    return _LABELLED_CONTROL.sub(_called, text)


def _option_called(match: re.Match[str]) -> str:
    """'"Delete account" is under Profile' → "option called Delete account, is under Profile"."""
    return f"option called {match.group(1) or match.group(2)}, {match.group(3)}"


def _called(match: re.Match[str]) -> str:
    """'"Delete account" button' → "button called Delete account,"."""
    label_first, label_second, control_after, control_before, *label_after = match.groups()
    label = label_first or label_second or label_after[0] or label_after[1]
    control = control_after or control_before
    return f"{control} {'called' if control.isascii() else 'اسمه'} {label},"
