"""Split a message body into the sender's own words, quoted material and signature.

The classifier must judge what the *sender* asks for, not the newsletter they reply
to or the disclaimer their employer appends ("…delete every copy"). We scan the
body's lines from the top:

* a **hard marker** — an attribution line ("On … wrote:", «في … كتب:», Arabic iOS
  and Gmail forms), an Outlook "-----Original Message-----" line or header block
  (From:/Sent:/To:/Subject:, «من:/تم الإرسال:/إلى:/الموضوع:»), or a forwarded-message
  banner — starts the quoted part: it and everything below are quoted;
* lines starting with ``>`` are quoted wherever they are, so inline replies
  between quoted lines stay part of the sender's text; an attribution line directly over
  ``>`` lines quotes only those, so a reply typed between or below them (an inline or
  bottom-posted reply) is the sender's text too.

Then the signature is cut from what remains: the ``-- `` delimiter, "Sent from my
iPhone"-style lines (English and Arabic) and trailing confidentiality disclaimers.

Lines are matched on a *key*: bidi controls, tatweel and Arabic diacritics removed,
lower-cased (Arabic-Indic digits count as digits where a date is expected). Gmail
wraps Arabic attribution lines in U+202B…U+202C and sprinkles U+200F around names
and dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Bidi controls, tatweel and Arabic diacritics: invisible or decorative, removed from keys.
# (A regex, not str.translate: translate walks a dict per character and is ~10x slower.)
_INVISIBLE = re.compile("[\u200e\u200f\u061c\u0640\ufeff\u202a-\u202e\u2066-\u2069\u064b-\u0652]")


# Cheap first test: every hard marker's key starts like one of these.
_MARKER_START = re.compile(r"^(on\s|في\s|بتاريخ\s|-{2,}|begin forwarded|بداية|\*?(from|من)\s*:)")


# "On Tue, 3 Jun 2025 at 16:30, Waha Store <news@shop.example> wrote:"
_EN_ATTRIBUTION = re.compile(r"^on\b.{4,300}\bwrote\s*:$")
# Gmail «في الأحد، 13 أكتوبر 2024 في 10:05 ص تمت كتابة ما يلي بواسطة X <x>:»,
# older Gmail «في … كتب X:», iOS «في ٢٠/١٠/٢٠٢٤، الساعة ٤:١٢ م، كتب X <x>:».
_AR_ATTRIBUTION = re.compile(r"^(في|بتاريخ)\s.{4,300}(كتب|كتبت|كتابة ما يلي)\b.{0,200}:$")
_ATTRIBUTION_START = re.compile(r"^(on|في|بتاريخ)\s")
_HAS_DATE_OR_ADDRESS = re.compile(r"[0-9@\u0660-\u0669\u06f0-\u06f9]")

_SEPARATOR = re.compile(
    r"^-{2,}\s*(original message|forwarded message|message d'origine|الرسالة الأصلية"
    r"|الرسالة الاصلية|رسالة معاد توجيهها|رسالة تمت إعادة توجيهها)\s*-{2,}$"
)
_FORWARD_BANNER = re.compile(r"^(begin forwarded message|بداية الرسالة المعاد توجيهها)\s*:?$")
_RULE_LINE = re.compile(r"^[_\-=]{8,}$")

# Outlook header blocks, English and Arabic; Gmail's plain rendering bolds them (*From:*).
_HEADER_FROM = re.compile(r"^\*?(from|من)\s*:")
_HEADER_OTHER = re.compile(
    r"^\*?(sent|date|to|cc|subject|تم الإرسال|تم الارسال|أرسلت|ارسلت|أرسل|المرسلة|التاريخ"
    r"|إلى|الى|نسخة|الموضوع)\s*:"
)

_MOBILE_SIGNATURE = re.compile(
    r"^(sent from my\b|sent from (outlook|yahoo|mail|gmail|proton)\b|get outlook for\b"
    r"|sent (with|via) (proton|spark|blackberry|bluemail|the samsung|android)\b"
    r"|أرسلت من\s|ارسلت من\s|أرسل من\s|مرسل من\s|مرسلة من\s|تم الإرسال من\s|تم الارسال من\s)"
)
_MOBILE_SIGNATURE_MAX = 60  # "Sent from my iPhone" lines are short; a sentence is not one
_DISCLAIMER = re.compile(
    r"^(disclaimer\b|confidentiality\b|confidential\b|important notice\b|legal notice\b"
    r"|this (e-?mail|message|communication)\b.{0,80}\b(confidential|privileged|intended)"
    r"|the information (contained )?in this\b|إخلاء (ال)?مسؤولية|اخلاء (ال)?مسؤولية|تنبيه\s*:"
    r"|إشعار (ال)?سرية|هذه الرسالة\b.{0,60}(سرية|مخصصة))"
)


@dataclass(frozen=True)
class InlineAnswer:
    """One run of the sender's lines typed below quoted lines, and those quoted lines: what
    an inline reply answers ("> 2. Reply YES to confirm …" / "YES")."""
    question: str
    answer: str


@dataclass(frozen=True)
class SplitBody:
    text: str
    quoted: str
    signature: str
    answers: tuple[InlineAnswer, ...] = ()
    """Set only for an inline reply that answers two or more quoted passages."""


def _is_attribution(keys: list[str], index: int) -> int:
    """Number of lines (1 or 2) of an attribution starting at ``index``, else 0."""
    key = keys[index]
    if not _ATTRIBUTION_START.match(key):
        return 0
    candidates = [key]
    if index + 1 < len(keys):
        candidates.append(key + " " + keys[index + 1])  # wrapped by the client
    for length, candidate in enumerate(candidates, start=1):
        if not _HAS_DATE_OR_ADDRESS.search(candidate):
            continue
        if _EN_ATTRIBUTION.match(candidate) or _AR_ATTRIBUTION.match(candidate):
            return length
    return 0


def is_attribution(line: str, following: str = "") -> bool:
    """Does a reply's attribution ("On … wrote:", Gmail's «في … تمت كتابة ما يلي بواسطة X
    <x>:» with its bidi marks) start at ``line`` (wrapped onto ``following`` or not)?"""
    return _is_attribution(_keys(f"{line}\n{following}"), 0) > 0


def _is_header_block(keys: list[str], index: int) -> bool:
    """An Outlook-style "From: / Sent: / To: / Subject:" block starts at ``index``."""
    if not _HEADER_FROM.match(keys[index]):
        return False
    following = keys[index + 1 : index + 6]
    return sum(1 for key in following if _HEADER_OTHER.match(key)) >= 2


def _is_hard_marker(keys: list[str], index: int) -> bool:
    key = keys[index]
    if not _MARKER_START.match(key):
        return False
    return bool(
        _SEPARATOR.match(key)
        or _FORWARD_BANNER.match(key)
        or _is_header_block(keys, index)
        or _is_attribution(keys, index)
    )


def _cut_start(keys: list[str], index: int) -> int:
    """Move a cut up over a rule line ("____…") and blanks that belong to the quote."""
    start = index
    probe = index - 1
    while probe >= 0 and not keys[probe]:
        probe -= 1
    if probe >= 0 and _RULE_LINE.match(keys[probe]):
        start = probe
    return start


def _split_quotes(keys: list[str], joined: str) -> tuple[list[int], int | None]:
    """Indices of the sender's own lines, and where the hard-quoted tail starts; ``joined``
    is the keys as one text, a "\n" before each."""
    if "\n>" in joined:
        own = [index for index, key in enumerate(keys) if not key.startswith(">")]
    else:
        own = list(range(len(keys)))
    markers = [i for i in _candidates(_MARKER_LINE, joined) if _is_hard_marker(keys, i)]
    if not markers:
        return own, None
    start = _cut_start(keys, markers[0])
    head = [i for i in own if i < start]
    replies = _inline_replies(keys, markers)
    if replies is None:
        return head, start
    lines, tail = replies
    return head + lines, tail


def _inline_replies(keys: list[str], markers: list[int]) -> tuple[list[int], int | None] | None:
    """An attribution over ">" lines with the sender's own lines between or below them
    (an inline or bottom-posted reply): those lines, and where a later hard marker starts
    a quoted tail. None for any other quote (a top-posted reply, a forward, an Outlook
    block), which quotes everything below it."""
    first = markers[0]
    length = _is_attribution(keys, first)
    below = next((i for i in range(first + length, len(keys)) if keys[i]), None)
    if not length or below is None or not keys[below].startswith(">"):
        return None
    tail = next((i for i in markers[1:] if not keys[i].startswith(">")), None)
    end = len(keys) if tail is None else _cut_start(keys, tail)
    lines = [i for i in range(below, end) if keys[i] and not keys[i].startswith(">")]
    return (lines, tail) if lines else None


def _at_line_starts(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``^(…)`` as ``\n(?=…)``: the engine then jumps from line break to line break (a
    literal first character) instead of trying the pattern at every position, and a match
    takes only the break, so a pattern that reaches past its line hides no later line."""
    assert pattern.pattern.startswith("^(") and pattern.pattern.endswith(")")
    return re.compile("\n(?=" + pattern.pattern[1:] + ")")


# The line patterns over all keys at once: one C-level scan instead of a match per line.
# They may also hit a line whose marker word ends it ("\s" takes the line break); the
# exact per-line check follows, so only the hits' order and completeness matter.
_MARKER_LINE = _at_line_starts(_MARKER_START)
_MOBILE_LINE = _at_line_starts(_MOBILE_SIGNATURE)
_DISCLAIMER_LINE = _at_line_starts(_DISCLAIMER)


def _candidates(pattern: re.Pattern[str], joined: str) -> list[int]:
    """Ascending indices of the lines of ``joined`` (a "\n" before each) where ``pattern``
    may match."""
    found: list[int] = []
    line, pos = 0, 0
    for match in pattern.finditer(joined):
        line += joined.count("\n", pos, match.start())
        pos = match.start()
        found.append(line)
    return found


def _signature_start(keys: list[str]) -> int | None:
    """The first line that is "--", a short "Sent from my …" line, or a disclaimer after
    a blank line."""
    joined = "\n" + "\n".join(keys)
    starts = [keys.index("--")] if "--" in keys else []  # "-- " once blanks are stripped
    starts += [index for index in _candidates(_MOBILE_LINE, joined)
               if len(keys[index]) <= _MOBILE_SIGNATURE_MAX
               and _MOBILE_SIGNATURE.match(keys[index])][:1]
    starts += [index for index in _candidates(_DISCLAIMER_LINE, joined)
               if _DISCLAIMER.match(keys[index]) and (index == 0 or not keys[index - 1])][:1]
    return min(starts, default=None)


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def _keys(body: str) -> list[str]:
    """Every line's key (see the module docstring), in one pass over the whole body."""
    if not body.isascii():
        body = _INVISIBLE.sub("", body)
    return [line.strip() for line in body.lower().split("\n")]


def _may_split(keys: list[str], joined: str) -> bool:
    """Whether any line may be quoted or start a quote or signature: the scans of
    :func:`_split_quotes` and :func:`_signature_start`, without their per-line work."""
    return ("\n>" in joined or "--" in keys or _MARKER_LINE.search(joined) is not None
            or _MOBILE_LINE.search(joined) is not None
            or _DISCLAIMER_LINE.search(joined) is not None)


def split_body(body: str, sender: str = "") -> SplitBody:
    """Split ``body`` into own text, quoted material and signature; ``sender`` is the From
    display name, which finds a reply typed below an unmarked quote (``_bottom_reply``)."""
    split = _split_body(body)
    if split.text or not split.quoted or not sender.strip():
        return split
    return _bottom_reply(split.quoted, sender) or split


# A line that only separates: "---", "____", "***"
_SEPARATOR_LINE = re.compile(r"^\s*[-_=*]{3,}\s*$")


def _bottom_reply(quoted: str, sender: str) -> SplitBody | None:
    """A reply typed below a quote that has no ``>`` marks (an Outlook block), after a
    separator line and signed with the sender's own name ("---\n\nThanks Hamdan. … please
    delete my account …\n\nPriya"): the sender's text, and the rest the quote."""
    lines = quoted.split("\n")
    cut = next((k for k in range(len(lines) - 1, -1, -1) if _SEPARATOR_LINE.match(lines[k])), None)
    if cut is None:
        return None
    block = [line for line in lines[cut + 1:] if line.strip()]
    names = {sender.strip().lower(), sender.strip().split()[0].lower()}
    if len(block) < 2 or block[-1].strip().lower() not in names:
        return None
    return SplitBody(text="\n".join(block[:-1]).strip(), quoted=_join(lines[:cut]),
                     signature=block[-1].strip())


def _split_body(body: str) -> SplitBody:
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in body.split("\n")]
    keys = _keys(body)
    joined = "\n" + "\n".join(keys)
    if not _may_split(keys, joined):  # most mail: nothing quoted, no signature
        return SplitBody(text=_join(lines).strip(), quoted="", signature="")
    own, tail = _split_quotes(keys, joined)
    if len(own) == (len(lines) if tail is None else tail):  # no ">" lines: slices will do
        quoted, own_keys, own_lines = lines[len(own):], keys[:len(own)], lines[:len(own)]
    else:
        own_set = set(own)
        quoted = [line for index, line in enumerate(lines[:tail]) if index not in own_set]
        if tail is not None:
            quoted.extend(lines[tail:])
        own_keys, own_lines = [keys[index] for index in own], [lines[index] for index in own]
    start = _signature_start(own_keys)
    signature: list[str] = []
    if start is not None:
        own_lines, signature = own_lines[:start], own_lines[start:]
    return SplitBody(
        text=_join(own_lines).strip(), quoted=_join(quoted), signature=_join(signature),
        answers=_answers(lines, keys, own, tail) if len(own_lines) > 1 and "\n>" in joined
        else (),
    )


def _answers(lines: list[str], keys: list[str], own: list[int],
             tail: int | None) -> tuple[InlineAnswer, ...]:
    """Each run of the sender's lines below quoted ">" lines, paired with those lines, when
    there are two runs or more (an inline reply answering point by point); the sender's
    lines above the first quote answer nothing and are left out."""
    own_set = set(own)
    pairs: list[InlineAnswer] = []
    question: list[str] = []
    answer: list[str] = []
    for index in range(len(keys) if tail is None else tail):
        if keys[index].startswith(">"):
            if answer:
                pairs.append(_answer(question, answer))
                question, answer = [], []
            question.append(lines[index])
        elif question and keys[index] and index in own_set:
            answer.append(lines[index])
    if answer:
        pairs.append(_answer(question, answer))
    return tuple(pairs) if len(pairs) > 1 else ()


def _answer(question: list[str], answer: list[str]) -> InlineAnswer:
    """The pair, without a signature closing the answer ("YES\n-- \nLeila")."""
    start = _signature_start([line.strip().lower() for line in answer])
    return InlineAnswer(question=_join(question), answer=_join(answer[:start]).strip())
