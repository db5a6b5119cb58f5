"""A follow-up chases the sender's own earlier request, quoted under it.

"Following up on my email below - over 30 days and no response. Please action the
deletion.", «للمتابعة على طلبي السابق»: the follow-up itself names nothing; the request is the
sender's earlier mail quoted under it. That mail is read as their request only when its
From line or attribution names the sender (``own_earlier``): most quoted mail is someone
else's (the store's answer, a newsletter).
"""

from __future__ import annotations

import re

from mailbot.mail.quotes import is_attribution, split_body
from mailbot.understanding.questions import QUOTE_MARK
from mailbot.understanding.thread import WITHDRAWN

_HEADER_LINE = re.compile(r"^\*?(?:from|من)\s*:", re.IGNORECASE)

# "Following up on my email below", "still no response", «متابعة لطلبي السابق»: the sender
# chases a request of their own ("appreciate the follow-up" thanks us for ours).
_FOLLOW_UP = re.compile(
    r"(?<!the )(?<!your )follow(?:ing)?[ -]?up|my (?:e-?mail|message|request) below"
    r"|my (?:previous|earlier|last|original) (?:e-?mail|message|request)|still waiting"
    r"|(?:no|any) (?:response|reply|answer)|(?:haven't|have not|not) heard back|any update"
    r"|متابع|تذكير|(?:طلبي|رسالتي|ايميلي|إيميلي) (?:السابق|الاول|اللي تحت)|بدون رد"
    r"|ما (?:وصلني|جاني|حد) (?:اي )?رد|لم (?:يصلني|أتلق|اتلق|أتلقى|اتلقى) (?:أي |اي )?رد"
    # «ارسلت لكم امس وما صار شي», "I wrote to you last week and nothing happened"
    r"|(?:ارسلت|أرسلت|راسلتكم|كتبت) لكم .{0,20}(?:وما صار|ولا صار|وما تغير|بدون فايده)"
    r"|(?:wrote|emailed|sent) (?:to )?you .{0,30}nothing (?:happened|changed)"
    # "still getting them", "sending this again", «هل تم حذف حسابي؟», «ها وش صار؟»
    r"|still (?:getting|receiving) them|(?:sending|forwarding) (?:this|it) again"
    r"|هل تم|(?:وش|ايش|شو|ايه اللي) صار|(?:ارسلها|أرسلها|ابعتها) (?:مره|مرة) (?:ثانيه|ثانية|تانيه|تانية)"
    # «في جديد؟», «فيه جديد؟», «أي جديد؟» ("any news?"), "any news?"
    r"|(?:^|\s)(?:في|فيه|فى|اي|أي|ايش ال|شو ال)\s?جديد|any news",
    re.IGNORECASE)
# "??", «؟؟», "?!": nothing but question marks, above one's own earlier request
_ONLY_ASKS = re.compile(r"\s*[?؟!]+\s*")


def follows_up(text: str) -> bool:
    """Does the sender's own text chase an earlier mail of theirs (and not take it back)?"""
    head = text[:2000]
    return (bool(_FOLLOW_UP.search(head)) or _ONLY_ASKS.fullmatch(head) is not None) and \
        not WITHDRAWN.search(head)


def _names(address: str | None, name: str) -> list[str]:
    return [n.lower() for n in (address or "", name.strip()) if len(n) > 3]


def quotes_sender(quoted: str, address: str | None, name: str) -> bool:
    """A cheap first test: does the top of the quoted part name the sender at all?"""
    top = quoted[:400].lower()
    return any(n in top for n in _names(address, name))


def own_earlier(quoted: str, address: str | None, name: str) -> str | None:
    """The sender's own earlier mail quoted under a follow-up: the text of the first quoted
    message whose From line or attribution names the sender (address or full name), also
    below the store's answer that quotes it; None when the thread holds none of theirs."""
    names = _names(address, name)
    if not quotes_sender(quoted, address, name):
        return None
    lines = QUOTE_MARK.sub("", quoted[:4000]).splitlines()
    heads = [k for k, line in enumerate(lines) if _HEADER_LINE.match(line.strip())
             or is_attribution(line, lines[k + 1] if k + 1 < len(lines) else "")]
    if not heads or heads[0] > 2:
        return None
    # the first quoted message, or, under the store's answer to it, the sender's own below
    head = next((k for k in heads if any(n in lines[k].lower() for n in names)), None)
    if head is None:
        return None
    body = lines[head + 1:]
    if _HEADER_LINE.match(lines[head].strip()):  # an Outlook block: the body follows a blank
        blank = next((k for k, line in enumerate(body) if not line.strip()), len(body))
        body = body[blank:]
    return split_body("\n".join(body)).text
