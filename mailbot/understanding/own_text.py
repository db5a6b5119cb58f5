"""The part of the sender's text a request may come from: prose, not code, logs or boilerplate.

:mod:`mailbot.mail.quotes` already split off quotes and the signature. Real mail still
carries text the sender did not write as a request to us, and on real mail that text
caused most wrong actions (measured with ``bench/realmail_bench.py``):

* **patches and code** — diff hunks, ``+``/``-`` lines, C and shell ("remove unread tag
  from each message", ``subvolume delete``, ``loff_t offset, end;``);
* **logs** — kernel and build output ("make: … Stop.", ``[  12.345]`` timestamps);
* **boilerplate** — confidentiality disclaimers ("…notify the sender and remove this
  communication entirely from your system") and marketing footers ("Follow this link to
  stop receiving messages", "If you no longer wish to receive…", «لإلغاء الاشتراك اضغط
  هنا»).

:func:`request_text` drops those lines (a paragraph for boilerplate) and keeps the rest in
order. Pure and linear in the text: one pass over the lines with precompiled regexes.
"""

from __future__ import annotations

import re

# A line of a patch, a program or a terminal session. Every alternative starts with a
# literal character, so the regex engine skips ahead to candidate characters in C instead
# of trying each alternative at every position (~4x faster on 16 KB of prose). "Line
# start" is a "\n" (the text is scanned with one prepended), and a word boundary before a
# literal is a lookbehind after it.
_CODE_LINE = re.compile(
    r"\n(?:[+\-](?! \w)|@@|diff --git|index [0-9a-f]|---|\+\+\+|#include|#define|\$ |# |>>>"
    r"|[ \t]*//|[ \t]*/\*|[ \t]+\*[ \t])"
    r"|;[ \t]*$|\{[ \t]*$|\}[ \t]*$|\(\)|->|==|!=|&&|\|\||::|0(?<!\w0)x[0-9a-f]+|\((?<=\w\()[\w*&]+,"
    r"|_\w+\s?[=(]|\[[ \t]*\d+\.\d+\]|:(?<=\b\d\d:)\d\d:\d\d\b|m(?<!\wm)ake(?:\[\d+\])?:"
    r"|\n[ \t]*at \w+\.|\n/[\w.-]+/[\w.-]| /[\w.-]+/[\w.-]|\t/[\w.-]+/[\w.-]"
    r"|\n[ \t]*(?:error|warning|fatal|note|kernel|call trace|traceback)\b.{0,40}:",
    re.MULTILINE,
)
# Characters and words without which no line is code or a log (a cheap first test: a few
# substring searches cost far less than the line regex).
_CODE_HINTS = (";", "{", "}", "=", "<", ">", "|", "&", "[", "_", "$", "*", "()", "\n+", "\n-",
               "0x", "make", "error", "warning", "@@", "diff", "#")
# Words without which no text is boilerplate (substring tests are far cheaper than the regex).
_BOILERPLATE_HINTS = (
    "confidential", "intended", "privileged", "received this", "notify", "unauthori", "click",
    "tap ", "follow", "link", "if you", "you are", "you were", "you can", "you may", "you have",
    "you received", "to unsubscribe", "to opt", "to stop", "to be removed", "to update", "here",
    "manage", "rights reserved", "privacy", "unsubscribe:",
    "this e", "this message", "سري", "المرسل", "الاشتراك", "هنا", "الرابط",
)
# One regex per list finds any of its words in one C-level scan (not one "in" per word).
_CODE_HINT = re.compile("|".join(map(re.escape, _CODE_HINTS)))
_BOILERPLATE_HINT = re.compile("|".join(map(re.escape, _BOILERPLATE_HINTS)))
# Boilerplate: the paragraph holding one of these is not the sender talking to us. Only
# whether it matches matters, so every alternative is spelled to start with a literal
# character (the engine then skips to candidates in C): "(?:click|tap) here" is written
# out per verb, a word boundary before a literal is a lookbehind after it, and "^" (start
# of the text) is "t" with no character before it.
_BOILERPLATE = re.compile(
    r"intended (?:only )?(?:for the )?(?:recipient|addressee)|confidential|privileged"
    r"|if you (?:have )?received this|received this (?:e-?mail|message|communication) in error"
    r"|notify the sender|not the intended|unauthori[sz]ed (?:use|review|disclosure)"
    r"|click (?:here|this link|the link|below)|tap (?:here|this link|the link|below)"
    r"|follow (?:here|this link|the link|below)|use (?:here|this link|the link|below)"
    r"|l(?<!\wl)ink below"
    r"|if you (?:no longer |do not |don'?t )?(?:would(?: not)? like|wish|prefer|want)"
    r"|you (?:are receiving|received|have received|were sent|are subscribed|can unsubscribe"
    r"|may unsubscribe|can opt|can stop|can update|can manage)"
    r"|t(?<![\s\S]t)o (?:unsubscribe|opt[- ]?out|stop receiving|be removed|update your)"
    r"|\. to (?:unsubscribe|opt[- ]?out|stop receiving|be removed|update your)"
    r"|! to (?:unsubscribe|opt[- ]?out|stop receiving|be removed|update your)"
    r"|unsubscribe\b.{0,40}\bhere\b|opt[- ]?out\b.{0,40}\bhere\b|remove\b.{0,40}\bhere\b"
    r"|unsubscribe:\s*(?:https?://|$)"  # a footer's "Unsubscribe:" over its link
    r"|manage (?:your )?(?:preferences|subscription)|all rights reserved|privacy policy"
    r"|this (?:e-?mail|message) (?:was sent|is sent|has been sent|was generated|contains)"
    r"|سري[ةه]|المرسل اليه|لالغاء الاشتراك|لإلغاء الاشتراك|اضغط هنا|انقر هنا"
    # «اضغط على الرابط التالي» tells the reader; «لغيت الاشتراك من الرابط», «ضغطت على
    # الرابط» are the sender's story
    r"|(?:اضغط|انقر|الضغط|النقر) على الرابط|عبر الرابط|هذا الرابط|الرابط (?:التالي|ادناه|أدناه)",
)


def request_text(text: str) -> str:
    """``text`` without code, log and boilerplate lines (see the module docstring), with the
    sender's own "*word" corrections applied."""
    if "*" in text:
        text = corrected(text)
    low = text.lower()  # the patterns are lower-case; one lower() beats IGNORECASE scans
    code = _code_lines(low) if _CODE_HINT.search(low) else set()
    # only a hint here: each paragraph is tested below, so a full scan of the whole text
    # first would read a long mail twice
    boiler = _BOILERPLATE_HINT.search(low) is not None
    if not code and not boiler:
        return text  # most customer mail: nothing to drop
    kept: list[str] = []
    line_no, dropped = 0, False
    for paragraph in text.split("\n\n"):
        lines = paragraph.split("\n")
        numbered = [(line_no + k, line) for k, line in enumerate(lines)]
        line_no += len(lines) + 1  # the blank line between paragraphs
        kept_lines = [line for n, line in numbered if n not in code]
        if boiler and kept_lines:
            joined = "\n".join(kept_lines)
            if _boilerplate(joined.lower()):
                kept_lines, dropped = _without_boilerplate(joined).split("\n"), True
        kept_lines = [line for line in kept_lines if line]
        if kept_lines:
            kept.append("\n".join(kept_lines))
    return "\n\n".join(kept) if code or dropped else text


# "can you delete my accountant please" and, on a line of its own, "*account 🤦": the
# sender's correction of an autocorrected word, as chat users write it
_STAR_LINE = re.compile(r"^[ \t]*\*([^\W\d_]{3,})\*?[ \t]*[^\w\s]{0,8}[ \t]*$", re.MULTILINE)


def corrected(text: str) -> str:
    """``text`` with each "*word" line replacing the word before it that it corrects (the
    closest earlier word that starts with it or shares its first four letters), and dropped."""
    for star in reversed(list(_STAR_LINE.finditer(text))):
        word = star.group(1)
        head = text[:star.start()]
        target = _corrected_word(head, word)
        if target is not None:
            head = head[:target.start()] + word + head[target.end():]
            text = head + text[star.end():]
    return text


_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of letters (also read by _prose_line)


def _corrected_word(head: str, word: str) -> re.Match[str] | None:
    low = word.lower()
    for candidate in reversed(list(_WORD.finditer(head))[-40:]):
        seen = candidate.group().lower()
        if seen != low and (seen.startswith(low) or seen[:4] == low[:4]):
            return candidate
    return None


def _boilerplate(low: str) -> bool:
    return _BOILERPLATE_HINT.search(low) is not None and _BOILERPLATE.search(low) is not None


def _code_lines(low: str) -> set[int]:
    """Numbers of the lines holding code or a log: one regex pass over the whole text."""
    text = "\n" + low  # so the first line starts with "\n" like every other
    lines: set[int] = set()
    line, pos = -1, 0
    for match in _CODE_LINE.finditer(text):
        start = match.start()
        if text[start] == "\n":  # a line-start pattern: the match is on the next line
            start += 1
        line += text.count("\n", pos, start)
        pos = start
        if text[start] != ";" or not _prose_line(text, start):
            lines.add(line)
    return lines


# a call's parenthesis follows a word ("free(buf);"); prose opens an aside after a space
# ("1. close the account (registered mobile 0500000000);")
_CODE_CHARS = re.compile(r"[={}\[\]<>*&|\\_]|\w\(|\(\)")


def _prose_line(text: str, semicolon: int) -> bool:
    """Does the line ending in the ";" at ``semicolon`` read as prose, like a list item ("1. close
    my customer account;"), not a statement ("return err;")?"""
    line = text[text.rfind("\n", 0, semicolon) + 1:semicolon]
    return len(_WORD.findall(line)) >= 4 and not _CODE_CHARS.search(line)


_SENTENCE = re.compile(r"(?<=[.!?؟])\s+|\n")


def _without_boilerplate(paragraph: str) -> str:
    """A boilerplate paragraph loses its boilerplate sentences, keeps the others
    ("Please remove me. You are receiving this because…" keeps the first)."""
    return "\n".join(s for s in _SENTENCE.split(paragraph)
                      if s and (not _BOILERPLATE.search(s.lower()) or _cites_policy(s.lower())))


# "In line with your privacy policy, I request the erasure of …", "I withdraw my consent, as
# provided for in your privacy policy": the sender citing the policy, not a footer's link to it.
_POLICY = re.compile(r"privacy policy")
_OWN_VOICE = re.compile(r"\b(?:i|my|me)\b")


def _cites_policy(sentence: str) -> bool:
    """Is "privacy policy" the sentence's only boilerplate, in the sender's own voice?"""
    return (_OWN_VOICE.search(sentence) is not None
            and all(m.group() == "privacy policy" for m in _BOILERPLATE.finditer(sentence))
            and _POLICY.search(sentence) is not None)
