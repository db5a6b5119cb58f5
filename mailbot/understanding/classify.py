"""``ParsedMessage`` → ``Classification``: what the customer is asking for, in their words.

Method
------
Rules over word classes, not a trained model. ``normalise.fold`` folds the Arabic spelling
variants (أ/إ/آ/ا, ة/ه, ى/ي, tatweel, diacritics, Arabic-Indic digits) and English
text-speak/typos; ``lexicon.word_class`` turns every token into one letter (``D`` delete
verb, ``A`` account, ``M`` marketing noun, ``N`` negator …) with a small Arabic morphology
(clitics, person prefixes, object pronouns, the Egyptian ما…ش negation), so «ما ابي
هالنشره», "don't want these emails" and "ma baddi el i3lanat" all become ``NWM``. The
rules are regexes over that letter string (``shapes``): *shapes* of requests ("verb, a
few determiners, account"), found by ``hits``, each checked for negation in its clause and for threats
("…or I'll delete my account"; ``scope``), for look-alike objects (``lookalikes``: order,
card, review, reminder, paid membership) and for "keep my account"/"stay subscribed" vetoes;
``buckets`` sorts the hits so that the decision here reads only requests, vetoes and soft hits. A pronoun
("stop these", «وقفوه») is resolved to the account or marketing noun it stands for
(``anaphora``); in a short reply the quoted text may supply that noun when it is a
newsletter, but quoted text supplies a request only when it is the sender's own mail under
a follow-up (``follow_up.own_earlier``). Deletion outranks unsubscribe; headers decide
automated mail first, except a client-generated RFC 2369 mailto, which is an unsubscribe.

Requests must be the sender's own (issue 13, measured on 1,817 real messages): quotes and
signatures are cut by the parser, ``own_text`` drops patches, logs, disclaimers and
marketing footers, ``voice`` keeps a deletion only for the sender's own account or data
and an unsubscribe shape only where the sender speaks; over 120 words a person decides.
A short reply is read with the store's question (``thread``): the text of our message it
answers, its quote, or — when the quote was trimmed — its subject (``subjects``, which also
says when a reply's subject is the sender's own words).

Look-alikes that reach a person instead of being applied: "unsubscribe" from a paid,
auto-renewing plan is billing; an unsubscribe while the text speaks of other senders ("how
do I unsubscribe from the others?") stays below 0.8; 'reply "unsubscribe"' and "I won't
contact you" in cold mail sent to the store offer an opt-out, they do not ask for one;
"please do NOT unsubscribe me" next to a mere mention of the word is ``other``. Another
shop's mail, a business list, someone else's record and order talk are not ours to stop,
and a mail that greets or names another company by a name neither our addresses nor
``store_names`` hold goes to a person (``others``); a paid plan is billing, cited beside a
newsletter it sits next to (``plans``).
Persian and Urdu (Arabic script, their own letters and words) are ``other`` in language
"other": we answer only Arabic and English.

Rules decide; a trained model only doubts: ``second_opinion`` caps a request at 0.7, below
the auto-apply line, when it reads the message as ordinary mail (why a veto and not a
fallback, with the numbers, is in its docstring).

The measurements behind these choices (first passes on every hand-written set, the
real-mail set, speed) are in docs/classifier.md and BENCHMARKS.md.

Confidence is a rule strength, not a probability: explicit requests ("close my account",
«ألغوا اشتراكي») score 0.9–0.97; inferred ones (pronoun anaphora, "I no longer want an
account", a still-coming complaint) 0.7–0.85; conflicts (unsubscribe + "stay subscribed",
deletion + a threat elsewhere) stay below the daemon's 0.8 auto-apply line so a human
sees them. Deletion is conservative: any negation, "keep my account" or "don't do that"
vetoes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailbot.mail import automation
from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding import (
    buckets,
    clicks,
    courtesy,
    follow_up,
    inline,
    letters,
    lexicon,
    normalise,
    options,
    others,
    questions,
    quoted_mail,
    relations,
    reported,
    scope,
    second_opinion,
    subjects,
    thread,
    voice,
)
from mailbot.understanding import channels as _channels
from mailbot.understanding.buckets import clause, names_marketing, word_count
from mailbot.understanding.channels import named_channels
from mailbot.understanding.clauses import REACH as _REACH
from mailbot.understanding.hits import Hit
from mailbot.understanding.lexicon import word_class
from mailbot.understanding.normalise import detect_language, tokens
from mailbot.understanding.own_text import request_text
from mailbot.vocabulary import INTENTS, MARKETING_CHANNELS, REFUSALS

__all__ = ["CHANNELS", "INTENTS", "Classification", "classify",
           "clear_caches", "detect_language"]

CHANNELS = MARKETING_CHANNELS


@dataclass(frozen=True)
class Classification:
    intent: str
    confidence: float
    language: str
    evidence: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()


_MAILTO_SUBJECT = re.compile(r"^\s*(?:unsubscribe|remove|opt[- ]?out)\b", re.IGNORECASE)
# Bounded work per message: only the opening of the sender's text is read (a request is
# stated there, and 16 KB is ten times the longest complaint in the corpus), and context
# checks look at most clauses.REACH words either side of a match.
MAX_TEXT_CHARS = 16_000
# A request that may be for another account or address than the sender's (a relative's, one
# of several, the old address the mail should move to): mailbot would act on the sender's
# own, so a person checks whose first
SOMEONE_ELSES_CAP = 0.7


# ----------------------------------------------------------------------------- public API

def classify(msg: ParsedMessage, asked: str | None = None,
             store_names: tuple[str, ...] = ()) -> Classification:
    """Classify one parsed message. Pure and deterministic.

    ``asked``: the text of the store's own message this one replies to (found by the
    caller through In-Reply-To), so a short answer is read with the question.
    ``store_names``: the store's own names ("Waha Store"), besides its addresses, so a mail
    that greets another company is told from one that greets us.
    """
    text, subject = _bounded(msg)
    # The language needs only the opening tokens; the whole text is split once we know no
    # header rule decides the message (and then only if own_text keeps all of it).
    lead = normalise.leading_tokens(text, normalise.LANGUAGE_TOKENS)
    # a reply of digits alone ("0558214903") speaks the language of its subject
    has_text = any(not t.isdigit() and t not in ".," for t in lead) or (
        len(lead) == normalise.LANGUAGE_TOKENS and any(t not in ".," for t in tokens(text)))
    foreign = normalise.foreign_arabic_script(text)  # Arabic script, a language we don't answer
    language = "other" if foreign else normalise.language(lead if has_text else tokens(subject))
    if msg.list_unsubscribe_mailto or _looks_like_mailto(msg):
        return Classification("unsubscribe", 0.95, language,
                              ("List-Unsubscribe mailto: " + _short(subject),), ("email",))
    automated = _automation_signals(msg)
    if automated:
        return Classification("automated", 0.9 if automation.is_weak(automated) else 0.98,
                              language, tuple("header " + s for s in automated[:3]))
    if foreign:
        return Classification("other", 0.9, "other", (f"language: {foreign}",))
    own = request_text(text)
    own_toks = lead if own == text and len(lead) < normalise.LANGUAGE_TOKENS else tokens(own)
    asked = asked or subjects.asked_in(msg, subject)
    toks = read = subjects.with_text(subject, own, own_toks)
    own_toks = courtesy.without_greeting(own_toks)  # "Hi,\n\nYes please delete it."
    leans = bool(msg.quoted or asked) and thread.leans_on_question(own_toks)
    question = questions.question_in(msg.quoted, asked) if leans else None
    agreed = (thread.agreement(question, own_toks) if question else None) or (
        options.numbered_choice(asked or msg.quoted, own_toks) if leans else None)
    if not agreed and (msg.quoted or asked):
        agreed = _closing_answer(msg, own_toks, own, read, question, asked)
    if agreed:  # "yes", "yes delete", «تمام امسحوه»: every word agrees with our question
        return Classification(*agreed[:2], language, agreed[2])
    if msg.quoted and quoted_mail.bare_verb_above_notice(own_toks, msg.quoted):
        # "remove" above our order confirmation, «احذف» above an occasion reminder: the
        # thing quoted, not the marketing
        return Classification("other", 0.6, language, ("a bare verb above our notice",))
    toks = quoted_mail.named_by(msg.quoted, own_toks, question, leans, asked) + toks
    codes, index = letters.codes(toks)
    intent, confidence, evidence, channels = _decide(toks, codes, index)
    if intent != "other" and reported.tells_whoever(own_toks) and _decide(
            own_toks, *letters.codes(own_toks))[0] == "other":
        # subject «طريقة إيقاف رسائل العروض», text «اللي يبي يوقف رسائل العروض: …»: a tip
        # for whoever wants it, under its title
        return Classification("other", 0.6, language, ("a tip for whoever wants it",))
    if intent != "other" and subjects.edited(subject, own):
        confidence = min(confidence, subjects.EDITED_CONFIDENCE)  # it may still be ours
    if intent == "unsubscribe" and _subject_refuses_the_text(toks, own_toks, evidence):
        confidence = min(confidence, SOMEONE_ELSES_CAP)
    if question and (intent == "unsubscribe" or intent == "other" and all(
            e.startswith("stay subscribed") for e in evidence)):  # … "but keep me on the newsletter"
        # "YES. And take me off the WhatsApp offers", "YES. And don't send me a discount
        # code": the first sentence answers our question; the rest asks nothing against it
        first = thread.first_agreement(question, own_toks)
        if first and (first[0] == "delete_account" or intent == "other") and not any(
                e.startswith(REFUSALS) for e in evidence):  # … unless "Don't delete it then"
            intent, evidence = first[0], first[2] + evidence
            confidence = min(first[1], confidence) if evidence[1:] else first[1]
    if question and intent == "other" and all(e.startswith(REFUSALS) for e in evidence):
        # "marketing only, I don't want the account deleted" answers "marketing or deletion?"
        intent, confidence, chosen = thread.answer(question, own_toks, intent, confidence)
        evidence = chosen + evidence
    if intent == "other" and msg.inline_answers and all(e.startswith(REFUSALS) for e in evidence):
        intent, confidence, evidence, channels = inline.answers_read(  # point by point
            msg, lambda one: classify(one, None, store_names), refused=bool(evidence)) or (
            intent, confidence, evidence, channels)
    if msg.quoted and (intent == "other" and all(e.startswith("stay subscribed") for e in evidence)
                       or intent == "unsubscribe"):
        chased = _chased(msg, own)
        # "Following up on my email below …": the quoted request is theirs; "any update?? I
        # still get your emails" under their deletion request chases the deletion
        if chased and (intent == "other" or chased[0] == "delete_account" and not any(
                e.startswith(REFUSALS) for e in evidence)):  # … unless "don't delete it"
            return Classification(chased[0], chased[1], language, *chased[2:])
    whose = _someone_elses(intent, own, read, msg)
    if whose:  # mailbot acts on the sender's own account and address: a person checks whose
        confidence, evidence = min(confidence, SOMEONE_ELSES_CAP), (*evidence, whose)
    elsewhere = others.addressed_elsewhere(own, msg.to, store_names) if intent != "other" \
        else None
    if elsewhere:  # "Hello Bayt Mart team, … close my Bayt Mart account", sent to us
        return Classification("other", 0.6, language, (elsewhere, *evidence))
    if intent != "other" and others.asks_for_a_meeting(own_toks):
        # 'a wave of "delete my account" emails … 15 minutes for a quick call?': a seller
        return Classification("other", 0.6, language, ("a seller asks for a call", *evidence))
    if intent == "other" and not evidence and automation.autoreply_wording(text):
        return Classification("automated", 0.6, language, ("text: automated wording",))
    if intent != "other" and confidence > second_opinion.VETO_CAP:
        p_other = second_opinion.doubts(read)
        if p_other is not None:  # the model reads ordinary mail here: a person decides
            confidence = second_opinion.VETO_CAP
            evidence = (*evidence, f"model: ordinary mail, p={p_other:.2f}")
    return Classification(intent, round(confidence, 3), language, evidence, channels)


def request_tokens(msg: ParsedMessage) -> list[str]:
    """The tokens ``classify`` reads for a request: the subject and the sender's own text."""
    text, subject = _bounded(msg)
    own = request_text(text)
    return subjects.with_text(subject, own, tokens(own))


def _closing_answer(msg: ParsedMessage, own_toks: list[str], own: str, read: list[str],
                    question: questions.Question | None,
                    asked: str | None) -> tuple[str, float, tuple[str, ...]] | None:
    """"… we don't use it. So yes, delete it.": a last sentence that agrees with our question
    after the sender's story, capped like any request for someone else's account ("My mother
    passed away … Yes, please delete it")."""
    closing = thread.closing_sentence(own_toks)
    if not closing:
        return None
    question = question or questions.question_in(msg.quoted, asked)
    agreed = thread.agreement(question, closing) if question else None
    if not agreed or agreed[0] == "other":
        return None
    whose = _someone_elses(agreed[0], own, read, msg)
    return (agreed[0], min(agreed[1], SOMEONE_ELSES_CAP), (*agreed[2], whose)) if whose else agreed


def _subject_refuses_the_text(toks: list[str], own_toks: list[str],
                              evidence: tuple[str, ...]) -> bool:
    """Subject «الغاء الاشتراك لا حذف الحساب», text «… لا لا قصدي بدي احذف الحساب»: the subject
    refuses the deletion the text asks for; a person reads which."""
    return len(toks) > len(own_toks) and any(e.startswith("deletion negated") for e in evidence) \
        and _decide(own_toks, *letters.codes(own_toks))[0] == "delete_account"


def _someone_elses(intent: str, own: str, read: list[str], msg: ParsedMessage) -> str | None:
    """Why a request may be for someone else's account or address (``relations``), or None."""
    if intent == "delete_account":
        return relations.another_account(read) or relations.account_at_another_address(
            read, own, msg.from_address, msg.to)
    if intent != "unsubscribe":
        return None
    if others.kept_elsewhere(own):  # "stop sending it here and keep sending it to the old
        return "keeps the mail going to another address"  # address": moved, or half of it
    return relations.another_address(read) or relations.address_named_for_the_list(
        read, own, msg.from_address, msg.to)


def _bounded(msg: ParsedMessage) -> tuple[str, str]:
    """The text and the subject as far as they are read (bounded work per message)."""
    return msg.text[:MAX_TEXT_CHARS], msg.subject[:_REACH * 10]


def _chased(msg: ParsedMessage, own: str) -> _Decision | None:
    """The request of the sender's own earlier mail, quoted under a follow-up; applied no
    more confidently than 0.85 (it was asked, and is asked again, but not in these words)."""
    if not follow_up.quotes_sender(msg.quoted, msg.from_address, msg.from_name) or \
            not follow_up.follows_up(own):
        return None  # most quoted mail is someone else's, and most replies chase nothing
    earlier = follow_up.own_earlier(msg.quoted, msg.from_address, msg.from_name)
    if not earlier:
        return None
    toks = tokens(request_text(earlier[:MAX_TEXT_CHARS]))
    codes, index = letters.codes(toks)
    intent, confidence, evidence, channels = _decide(toks, codes, index)
    if intent == "other":
        return None
    return (intent, round(min(confidence, 0.85), 3),
            tuple("follow-up to their own " + e for e in evidence[:2]), channels)




def clear_caches() -> None:
    """Forget the per-process token caches (for cold-start benchmarks and tests)."""
    letters.clear_cache()
    normalise.clear_caches()
    lexicon.clear_caches()
    _channels.clear_caches()


# ----------------------------------------------------------------------------- internals

def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _looks_like_mailto(msg: ParsedMessage) -> bool:
    """Empty body, subject "unsubscribe|remove [list] [token]" (the parser's flag may be off)."""
    if msg.text.strip() or msg.automation or not _MAILTO_SUBJECT.match(msg.subject):
        return False
    rest = tokens(msg.subject)[1:]
    return len(rest) <= 3 and all(word_class(t) in ("x", "d") for t in rest)


def _automation_signals(msg: ParsedMessage) -> tuple[str, ...]:
    """The parser's signals; for a message built without the parser, the same rules."""
    if msg.automation or msg.headers:  # the parser ran automation_signals already
        return msg.automation
    return automation.automation_signals(msg.headers, from_address=msg.from_address,
                                         from_name=msg.from_name, return_path=msg.return_path,
                                         subject=msg.subject)


_Decision = tuple[str, float, tuple[str, ...], tuple[str, ...]]


def _decide(toks: list[str], codes: str, index: list[int]) -> _Decision:
    b = buckets.sort(codes, toks, index)
    long = voice.is_long(word_count(toks))

    def cite(hits: list[Hit], n: int) -> tuple[str, ...]:
        # once each: a subject that repeats the text ("متلغوش اشتراكي" twice) says it once
        return tuple(dict.fromkeys(f"{b.labels[id(h)]}: {_phrase(toks, index, h)}"
                                   for h in hits))[:n]

    if b.dels and not b.vetoes:
        conf = _strength(b.dels) - (0.15 if b.soft else 0.0)
        return "delete_account", conf, cite(b.dels, 3) + cite(b.uns, 1), ()
    opt_outs = [h for h in b.stays if h.kind == "uns" and h.rule in _OPT_OUT]
    if b.uns and opt_outs and (all(
            h.rule in voice.WEAK_UNSUBSCRIBE or clicks.clicked(toks, index[h.start])
            for h in b.uns) or any(scope.prohibited(codes, toks, index, h.anchor)
                                   for h in opt_outs)):
        # "please do NOT unsubscribe me", «لا تلغون اشتراكي»; the word otherwise only
        # mentioned ("I clicked 'unsubscribe' by accident"): the opposite of a request
        return "other", 0.6, cite(b.stays, 3), ()
    if b.uns and any(h.kind == "stay" for h in b.stays) and all(
            clicks.clicked(toks, index[h.start]) for h in b.uns):
        # «أخوي … ضغط إلغاء الاشتراك … أبي أرجع للنشرة»: the button someone pressed, undone
        return "other", 0.6, cite(b.stays, 3), ()
    if b.uns and reported.put_back(toks, index, [(h.start, h.end) for h in b.stays if h.kind == "stay"],
                                   max(h.end for h in b.uns)):
        return "other", 0.6, cite(b.stays, 3), ()  # unsubscribed before, "put me back" now
    if b.uns:
        conf = _strength(b.uns)
        if others.third_party(toks):
            if others.ours_fine(toks, codes, index) and not any(
                    others.names_yours(toks, codes, index, *clause(codes, h)) for h in b.uns):
                # "how do I get Volt to stop texting me? I bought a case from them once. You
                # only email me when I order, which is perfect": not our mail to stop
                return "other", 0.6, cite(b.uns, 3), ()
            if not any(names_marketing(codes, h)
                       and not others.from_someone(toks, index[h.end - 1] + 1) for h in b.uns):
                # "the courier texts me offers; how do I unsubscribe from them?"; "how do I
                # stop the emails from Tabby? … their promos"
                return "other", 0.6, cite(b.uns, 3), ()
            conf = min(conf, 0.6)  # "how do I unsubscribe from the others' newsletters?"
        if b.stays:
            conf = min(conf, 0.55)
        if any(h.kind == "paid" for h in b.soft) and not all(
                names_marketing(codes, h) for h in b.uns):
            conf = min(conf, 0.7)  # the same mail "unsubscribes" from a paid plan: billing
        if any(scope.conditional(codes, h.start) or codes[h.anchor - 1:h.anchor] == "i"
               for h in b.uns if h.rule != "polite-if"):  # … "let me know if it stops"
            conf = min(conf, 0.6)  # "can I unsubscribe later if I sign up now?"
        if long:
            conf = min(conf, 0.75)  # a request inside a long discussion: a person decides
        if b.vetoes or b.dels:
            conf = min(conf, 0.9)
        if any(b.labels[id(h)] == buckets.CORRECTION for h in b.soft):
            conf = min(conf, 0.7)  # «إلغاء الاشتراك لا أقصد حذف الحساب»: which one is meant
        channels = named_channels(toks, codes, index, [(h.start, h.end) for h in b.uns])
        paid = [h for h in b.soft if h.kind == "paid"]  # shown: the plan needs a person
        return "unsubscribe", conf, cite(b.uns, 3) + cite(b.vetoes, 1) + cite(paid, 1), channels
    neutralised = b.vetoes + b.stays + b.soft + b.dels
    conf = 0.9 if not neutralised else (0.6 if b.dels else 0.8)
    return "other", conf, cite(neutralised, 3), ()


_OPT_OUT = frozenset(("unsubscribe", "cancel-subscription", "remove-from-list", "pronoun"))
def _phrase(toks: list[str], index: list[int], h: Hit) -> str:
    lo, hi = index[h.start], index[min(h.end, len(index)) - 1]
    words = [t for t in toks[lo:hi + 1] if t not in (".", ",")]
    return _short(" ".join(words[:8]), 50)


def _strength(hits: list[Hit]) -> float:
    best = max(h.weight for h in hits)
    extra = 0.02 * (len({h.rule for h in hits}) - 1)
    return min(0.97, best + extra)
