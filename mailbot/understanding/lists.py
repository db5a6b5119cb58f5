"""A list's items continue the sentence that introduces it.

"Our client has instructed us to request, on her behalf, that you:\n(a) close her customer
account;\n(b) erase all personal data relating to her." is one request: the items are the
objects of the sentence before the colon, and who they are for ("her", our client) is said
there. Each item would otherwise be a sentence of its own (a line break and a semicolon end
sentences), cut off from its introduction. The items are joined to it as clauses.
"""

from __future__ import annotations

import re

__all__ = ["joined"]

# "1. ", "2) ", "(a) ", "a. ", "- ", "* ", "• " at the start of a line
_ITEM = re.compile(r"[ \t]*(?:[-*•·]|\(?(?:[0-9]{1,2}|[a-z])[.)])[ \t]+", re.IGNORECASE)
_ITEM_END = re.compile(r"[ \t]*(?:;|,)?[ \t]*(?:and|or|و)?[ \t]*$", re.IGNORECASE)


# a line ending in ":" with an item on the next line (a blank line between allowed): one
# scan that skips to the colons, so a long text without a list costs next to nothing
_INTRODUCED = re.compile(r":[ \t]*\n(?:[ \t]*\n)?" + _ITEM.pattern, re.IGNORECASE)


def joined(text: str) -> str:
    """``text`` with each list that follows a line ending in ":" joined to that line."""
    if ":" not in text or _INTRODUCED.search(text) is None:
        return text
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        items, j = _items_after(lines, k) if line.rstrip().endswith(":") else ([], k + 1)
        if len(items) >= 2:
            out.append(_introduced(line.rstrip()[:-1], ", ".join(items)))
        else:
            out.extend(lines[k:j] if items else [line])
        k = j if items else k + 1
    return "\n".join(out)


def _items_after(lines: list[str], intro: int) -> tuple[list[str], int]:
    """The items of the list after the line ``intro`` (a blank line may come first) and the
    index of the line after the list."""
    k = intro + 1
    if k < len(lines) and not lines[k].strip():
        k += 1
    items: list[str] = []
    while k < len(lines) and (match := _ITEM.match(lines[k])):
        items.append(_ITEM_END.sub("", lines[k][match.end():]))
        k += 1
    return items, k


# "we ask you to: terminate …", "that Dafatir: closes …": the items complete the verb
_COMPLETED_BY_ITEMS = frozenset("to that you us".split())


def _introduced(intro: str, items: str) -> str:
    """The introduction and its items as one sentence: a clause break between them, except
    where the introduction stops mid-sentence («أرجو منكم ما يلي:» keeps its break)."""
    last = intro.rsplit(None, 1)[-1].lower() if intro.split() else ""
    return f"{intro} {items}" if last in _COMPLETED_BY_ITEMS else f"{intro}, {items}"
