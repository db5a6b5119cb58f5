"""Answers typed between the store's quoted questions, each read with its own question.

    > 1. Would you like a copy of your order history before we delete the account?
    No need, thanks.
    > 2. Reply YES to confirm you want your account deleted.
    YES

Read as one text under the whole quote, "No need, thanks. YES" answers nothing clearly.
Read answer by answer it is plain: "YES" confirms the deletion. The parser pairs each run
of the sender's lines with the quoted lines above it (:class:`mailbot.mail.quotes.InlineAnswer`).
Each answer right under a question of ours (the last quoted sentence above it, read by
:func:`questions.question_in`: one that offers a deletion or an unsubscribe) is classified as
a short reply under that question alone; an answer below a quoted patch, newsletter or
discussion asks nothing by this reading. The requests combine as they would in one
message: a deletion includes the unsubscribe. An answer that refuses a deletion ("No",
"don't delete it") beside one that asks for it leaves the choice to a person, also where
the refused question only named the deletion in passing ("a copy of your data before we
delete the account?" – "No need"): the parser cannot tell those apart. Under our own call to
confirm by replying, an answer that opens with a yes ("Yes it was me, from the app.") goes
to a person as that request, whatever line of the quote it sits under.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding import questions, thread
from mailbot.understanding.normalise import tokens
from mailbot.understanding.wrapping import unwrap
from mailbot.vocabulary import REFUSALS


class Reading(Protocol):
    """What the classifier makes of one answer (``classify.Classification``)."""
    @property
    def intent(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def evidence(self) -> tuple[str, ...]: ...
    @property
    def channels(self) -> tuple[str, ...]: ...

# Pairing answers with questions is a reading of the layout, not the sender's words: it is
# applied, but never as surely as a request written out.
INLINE_CONFIDENCE = 0.85
_UNSURE = 0.6  # one answer asks for the deletion another refuses
_YES_TO_CALL = 0.7  # a yes inline under our call to confirm: a person checks what it answers


def answers_read(msg: ParsedMessage, classify: Callable[[ParsedMessage], Reading],
                 refused: bool = False) -> tuple[str, float, tuple[str, ...], tuple[str, ...]] | None:
    """The request the inline answers make together (intent, confidence, evidence,
    channels), or None when no answer asks for anything. ``classify`` reads one message.
    ``refused``: the reply read whole refuses a deletion ("No, keep the account" under
    "Close your account?", "Yes, this one." under "Stop the marketing only?"), so only an
    unsubscribe may be read from its answers."""
    passages = [(pair, _question_above(pair.question)) for pair in msg.inline_answers
                if questions.may_ask(pair.question[-400:])]  # most passages ask nothing
    asked = [(pair, above, question) for pair, above in passages
             if (question := questions.question_in(above))]
    read = [classify(replace(msg, text=pair.answer, quoted=above, inline_answers=()))
            for pair, above, _ in asked]
    requests = [r for r in read if r.intent in ("delete_account", "unsubscribe")]
    if not requests:
        return _yes_to_our_call(msg, read)
    deletion = any(r.intent == "delete_account" for r in requests)
    if deletion and refused:
        return None  # the sender's own words refuse it: never overruled
    intent = "delete_account" if deletion else "unsubscribe"
    confidence = min(INLINE_CONFIDENCE, *(r.confidence for r in requests if r.intent == intent))
    if deletion and (any(e.startswith(REFUSALS) for r in read for e in r.evidence) or any(
            "delete_account" in question.offers and thread.refuses(tokens(pair.answer))
            for pair, _, question in asked)):
        # "No" to one question about the deletion, "YES" to another: a person decides
        confidence = min(confidence, _UNSURE)
    evidence = tuple("inline answer: " + e for r in requests for e in r.evidence[:1])
    channels = tuple(dict.fromkeys(c for r in requests for c in r.channels))
    return intent, round(confidence, 3), evidence, channels


def _question_above(quoted: str) -> str:
    """The last sentence of the quoted lines right above an answer: the question a
    point-by-point reply answers is the one just above it, not one further up ("…what are
    you calling a device? … I'd be worried we'd cover a majority of them." asks nothing)."""
    lines = quoted.split("\n")
    blank = [k for k, line in enumerate(lines) if not questions.QUOTE_MARK.sub("", line).strip()]
    start = next((k + 1 for k in reversed(blank) if k < len(lines) - 1), 0)
    paragraph = unwrap(questions.QUOTE_MARK.sub("", "\n".join(lines[start:])))
    sentences = [s for s in questions.SENTENCE_END.split(paragraph) if s.strip()]
    return sentences[-1] if sentences else ""


def _yes_to_our_call(msg: ParsedMessage, read: list[Reading]
                     ) -> tuple[str, float, tuple[str, ...], tuple[str, ...]] | None:
    """Under our call to confirm by replying ("To confirm, simply reply to this email"), an
    inline answer that opens with a yes ("Yes it was me, from the app on Saturday.", «نعم،
    الطلب صادر مني، وأؤكده.») confirms what the call asks, for a person to check (0.70):
    the yes may answer a line of the quote that is no question."""
    if not any(thread.may_open_with_yes(pair.answer) and thread.opens_with_yes(
            tokens(pair.answer)) for pair in msg.inline_answers):
        return None  # most inline replies (list discussions): no yes, and no need to look
    question = questions.question_in(msg.quoted)
    if question is None or not question.by_reply or len(question.offers) != 1 or any(
            e.startswith(REFUSALS) for r in read for e in r.evidence):
        return None
    return question.offers[0], _YES_TO_CALL, ("inline answer: yes to our call to confirm",), ()
