"""A phone user's correction of a word they sent: "*account" on the line after the slip.

«ابي احذف حياتي من عندكم\n*حسابي» ("I want to delete my life from your system / *account"):
keyboard prediction put in a word the sender did not mean, and the next line starting with
an asterisk gives the word they did. The word of the line before most like the correction
is replaced by it, so the rules read the sentence that was meant.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

__all__ = ["applied"]

_CORRECTION = re.compile(r"^[ \t]*\*(\w+)", re.MULTILINE)
_ALIKE = 0.5  # "حياتي" and "حسابي" 0.6 (letters in place), "acount" and "account" 0.92


def applied(text: str) -> str:
    """``text`` with each "*word" line's word put in place of the slip it corrects."""
    if "*" not in text or _CORRECTION.search(text) is None:
        return text
    lines = text.split("\n")
    for k in range(1, len(lines)):
        match = _CORRECTION.match(lines[k])
        previous = k - 1
        while previous >= 0 and not lines[previous].strip():
            previous -= 1
        if match and previous >= 0:
            lines[previous] = _replaced(lines[previous], match.group(1))
    return "\n".join(lines)


def _replaced(line: str, meant: str) -> str:
    words = re.findall(r"\w+", line)
    # a slip is about as long as the word meant ("ابي" is no slip for "حسابي")
    ratios = [(_alike(word, meant), word) for word in words
              if word != meant and abs(len(word) - len(meant)) <= 1]
    best = max(ratios, default=(0.0, ""))
    if best[0] < _ALIKE:
        return line
    return re.sub(rf"(?<!\w){re.escape(best[1])}(?!\w)", meant, line, count=1)


def _alike(word: str, meant: str) -> float:
    """How alike two words are: the share of letters in place for words of one length (a
    key hit next to the right one), else the share of letters in common and in order."""
    if len(word) == len(meant):
        return sum(a == b for a, b in zip(word, meant, strict=True)) / len(word)
    return SequenceMatcher(None, word, meant).ratio()
