"""Hard-wrapped lines: which newlines a mail client put in, and which the sender typed.

A client that wraps plain text breaks a long line before the word that does not fit, so a
sentence arrives cut over several lines; read as written, every cut would end a sentence.
``unwrap`` joins the lines a client wrapped and keeps the ones the sender ended ("… طلبت
منكم\nوقفوا الرسايل": a new sentence on its own line). Pure; linear in the text.
"""

from __future__ import annotations

__all__ = ["unwrap"]


# Clients that hard-wrap do so at 72 to about 100 characters. The first line of a paragraph
# gives no width to compare with, so it counts as wrapped only where its next word would not
# have fitted at the narrowest width and the line is no longer than the widest: a phone sends
# a typed line as it stands («… والله ما عاد أستخدمه\nياريت تمسحوا بياناتي»). A next line that
# opens with "and" continues the sentence either way («… من أسبوعين\nولسه الإيميلات بتوصل»).
_NARROWEST_WRAP, _WIDEST_WRAP = 72, 100
_AND = frozenset("and but or".split())


def _wrapped_first_line(line: str, next_word: str, reach: int) -> bool:
    if next_word.casefold() in _AND or next_word.startswith("و") and len(next_word) > 2:
        return True
    return _NARROWEST_WRAP < reach and len(line) <= _WIDEST_WRAP


def unwrap(text: str) -> str:
    """Join hard-wrapped lines: a newline after a long line without end punctuation is a
    space, unless the next line's first word would have fitted on it (a client wraps only
    a word that does not fit, so that newline was typed: «… طلبت منكم\nوقفوا الرسايل»)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out: list[list[str]] = [[lines[0]]]  # each output line as pieces: joining is linear
    width = widest = len(lines[0].rstrip())
    for line in lines[1:]:
        prev = out[-1][-1].rstrip()
        first = line.split(None, 1)[0] if line.strip() else ""
        reach = len(prev) + 1 + len(first)
        if width >= 55 and prev and prev[-1] not in ".!?:;؟" and first and reach > widest and (
                len(out[-1]) > 1 or _wrapped_first_line(prev, first, reach)):
            out[-1][-1] = prev
            out[-1].append(line.lstrip())
            width += 1 + len(line.strip())
            widest = max(widest, len(line.rstrip()))
        else:
            out.append([line])
            width = widest = len(line.rstrip())
    return "\n".join(" ".join(pieces) for pieces in out)
