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
card, review, reminder, paid membership) and for "keep my account"/"stay subscribed" vetoes. A pronoun
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
from dataclasses import dataclass, field

from mailbot.mail import automation
from mailbot.mail.parsing import ParsedMessage
from mailbot.understanding import (
    accounts,
    courtesy,
    follow_up,
    inline,
    letters,
    lexicon,
    normalise,
    options,
    others,
    plans,
    quoted_mail,
    reported,
    scope,
    second_opinion,
    subjects,
    thread,
    voice,
)
from mailbot.understanding import channels as _channels
from mailbot.understanding.channels import named_channels
from mailbot.understanding.clauses import REACH as _REACH
from mailbot.understanding.clauses import end_of as _end_of
from mailbot.understanding.clauses import start_of as _start_of
from mailbot.understanding.hits import Hit, find
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
    question = thread.question_in(msg.quoted, asked) if leans else None
    agreed = (thread.agreement(question, own_toks) if question else None) or (
        options.numbered_choice(asked or msg.quoted, own_toks) if leans else None)
    if agreed:  # "yes", "yes delete", «تمام امسحوه»: every word agrees with our question
        return Classification(*agreed[:2], language, agreed[2])
    if msg.quoted and quoted_mail.bare_verb_above_notice(own_toks, msg.quoted):
        # "remove" above our order confirmation, «احذف» above an occasion reminder: the
        # thing quoted, not the marketing
        return Classification("other", 0.6, language, ("a bare verb above our notice",))
    toks = quoted_mail.named_by(msg.quoted, own_toks, question, leans, asked) + toks
    codes, index = letters.codes(toks)
    intent, confidence, evidence, channels = _decide(toks, codes, index)
    if intent != "other" and subjects.edited(subject, own):
        confidence = min(confidence, subjects.EDITED_CONFIDENCE)  # it may still be ours
    if question and (intent == "unsubscribe" or (intent == "other" and not evidence)):
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
    if intent == "unsubscribe" and others.kept_elsewhere(own):
        # "stop sending it here and keep sending it to the old address": moved, or half of it
        confidence = min(confidence, 0.7)
        evidence = (*evidence, "keeps the mail going to another address")
    elsewhere = others.addressed_elsewhere(own, msg.to, store_names) if intent != "other" \
        else None
    if elsewhere:  # "Hello Bayt Mart team, … close my Bayt Mart account", sent to us
        return Classification("other", 0.6, language, (elsewhere, *evidence))
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


@dataclass
class _Buckets:
    dels: list[Hit] = field(default_factory=list)  # deletion requests
    uns: list[Hit] = field(default_factory=list)  # unsubscribe requests
    vetoes: list[Hit] = field(default_factory=list)  # negated deletion, "keep my account"
    stays: list[Hit] = field(default_factory=list)  # "stay subscribed", negated unsubscribe
    soft: list[Hit] = field(default_factory=list)  # threats, conditionals, paid memberships
    labels: dict[int, str] = field(default_factory=dict)  # id(hit) → evidence label


def _sort(hits: list[Hit], codes: str, toks: list[str], index: list[int]) -> _Buckets:
    """Put every hit in its bucket once negation, threats and context are applied."""
    b = _Buckets()
    first_del = min((h.start for h in hits if h.kind == "del"), default=len(codes))
    short = voice.is_short(_words(toks))
    deletions = [(h.anchor, h.end) for h in hits if h.kind == "del"]
    for h in hits:
        # a negator that answers ("No, delete it"), or says the sender could not do it ("I
        # couldn't delete my account": not "I can't remove it", a card), refuses nothing
        lifted = scope.interjected(codes, toks, index, h.anchor) or (
            h.rule != "pronoun" and scope.unable(codes, toks, index, h.anchor))
        # "don't send me any more offers": "any more" repeats the negation, not reverses it
        negated = not _own_negator(h, codes) and scope.negated(codes, h.anchor) and not (
            lifted) and not (h.rule == "no-more" and codes[h.start] == "Z") and not (
            h.kind == "del" and scope.commanded(codes, toks, index, h.anchor))
        if h.kind == "del" and codes[h.anchor] == "a" and negated:
            continue  # "not just deactivate it" is not a "keep my account"
        threat = h.kind == "del" and (scope.threatened(codes, h.anchor)
                                      or scope.promised(codes, toks, index, h.anchor)
                                      or scope.either_or(codes, toks, index, h.anchor)
                                      or reported.hearsay(toks, index[h.anchor])
                                      or reported.announced(codes, toks, index, h.start, h.end)
                                      or scope.supposed(codes, toks, index, h.anchor)
                                      or scope.subject_of(codes, toks, index, h.anchor, h.end))
        if h.kind in ("del", "uns") and not negated and reported.retracted(toks,
                                                                            index[h.anchor]):
            bucket, label = ((b.vetoes, "deletion retracted") if h.kind == "del"
                             else (b.stays, "unsubscribe retracted"))
        elif h.kind == "del" and not negated and not threat:
            if not _own(h, codes, toks, index, short):
                continue  # "remove the netfs data", "after I delete my account"
            bucket, label = b.dels, "delete"
            if reported.retold(toks, index[h.anchor]):  # "I asked you to delete it last year"
                b.soft.append(h)
        elif h.kind == "del" and negated and scope.postponed(codes, toks, index, h.end):
            bucket, label = b.soft, "deletion after something else"  # "not before the refund"
        elif h.kind == "del":
            bucket, label = ((b.vetoes, "deletion negated") if negated
                             else (b.soft, "threat, condition or hearsay"))
        elif h.kind == "uns" and negated and h.rule in ("pronoun", "only-orders") and not (
                scope.prohibited(codes, toks, index, h.anchor)):  # "la tlghuh!": keep it
            continue  # "that switch isn't stopping them": a complaint, not "keep them"
        elif h.kind == "uns" and not negated and not _own(h, codes, toks, index, short):
            continue  # a bare "end" or "block" in a discussion
        elif h.kind == "uns" and not negated and scope.threatened(codes, h.anchor) and \
                "i" in codes[_start_of(codes, h.anchor):h.anchor]:
            bucket, label = b.soft, "threat or condition"  # «اذا ما رجعتوا المبلغ، رح الغي …»
        elif h.kind == "uns" and not negated and h.rule != "polite-if" and scope.supposed(
                codes, toks, index, h.anchor, wanting=False):
            bucket, label = b.soft, "hypothetical"  # "if I unsubscribe, will I still get …?"
        elif h.kind == "uns" and not negated and reported.reported_working(codes, toks, index,
                                                                         h.start):
            bucket, label = b.soft, "unsubscribe already working"  # "… it worked, no more"
        elif h.kind == "uns" and not negated and reported.retold(toks, index[h.anchor]) in (
                "recovery", "done", "aside"):  # "I only asked you to stop the SMS … restore it"
            bucket, label = b.soft, "an earlier request, told"
        elif h.kind == "uns" and not negated and reported.announced(codes, toks, index,
                                                                    h.start, h.end):
            bucket, label = b.soft, "announced by the store"  # «قلتوا انكم بتوقفون العروض»
        elif h.kind == "uns" and not negated and (
                reported.clicked_by_mistake(toks, index[h.start])
                or (h.rule == "unsubscribe" and reported.clicked(toks, index[h.start])
                    and not reported.still_comes({h.rule for h in hits}, codes))):
            # «ضغطت بالغلط على الغاء الاشتراك», "I only clicked unsubscribe at the bottom": told
            bucket, label = b.soft, "clicked"
        elif h.kind == "uns":
            bucket, label = (b.stays, "negated unsubscribe") if negated else (b.uns, "unsubscribe")
        elif h.kind == "keep" and not negated and not accounts.the_other(toks, index, h.start,
                                                                        h.end) \
                and not accounts.keeps_another(toks, index, (h.start, h.end), deletions):
            bucket, label = b.vetoes, "keep account"  # not "keep this one" beside "delete the
            # hotmail one"
        elif h.kind == "negdel_anaphor" and h.start > first_del and not accounts.several_accounts(
                toks):  # "two accounts … this one, keep it … delete that one": no conflict
            bucket, label = b.vetoes, "don't delete"
        elif h.kind == "stay" and not negated:
            bucket, label = b.stays, "stay subscribed"
        elif h.kind == "paid":
            bucket, label = b.soft, "paid membership"
        else:
            continue
        bucket.append(h)
        b.labels[id(h)] = label
    return b


def _own_negator(h: Hit, codes: str) -> bool:
    """A request whose shape opens with its own negator ("I don't want the account",
    «وما بدي يضل حساب»): a negator before that one belongs to an earlier clause («ما
    اشتريت شي», "I haven't bought anything"), not to this request."""
    return h.kind in ("del", "uns") and h.anchor == h.start and (codes[h.start] == "N" or (
        codes[h.start] == "Z" and h.start > 0 and codes[h.start - 1] == "N"))  # «ما عاد بدي»


def _own(h: Hit, codes: str, toks: list[str], index: list[int], short: bool) -> bool:
    return voice.senders_own(h.kind, h.rule, (h.start, h.end, h.anchor), codes, toks, index,
                             short)


def _decide(toks: list[str], codes: str, index: list[int]) -> _Decision:
    b = _sort(find(codes, toks, index), codes, toks, index)
    _join_paid_plan(b, codes, toks, index)
    _join_reported_done(b, codes)
    long = voice.is_long(_words(toks))

    def cite(hits: list[Hit], n: int) -> tuple[str, ...]:
        # once each: a subject that repeats the text ("متلغوش اشتراكي" twice) says it once
        return tuple(dict.fromkeys(f"{b.labels[id(h)]}: {_phrase(toks, index, h)}"
                                   for h in hits))[:n]

    if b.dels and not b.vetoes:
        conf = _strength(b.dels) - (0.15 if b.soft else 0.0)
        return "delete_account", conf, cite(b.dels, 3) + cite(b.uns, 1), ()
    opt_outs = [h for h in b.stays if h.kind == "uns" and h.rule in _OPT_OUT]
    if b.uns and opt_outs and (all(
            h.rule in voice.WEAK_UNSUBSCRIBE or reported.clicked(toks, index[h.start])
            for h in b.uns) or any(scope.prohibited(codes, toks, index, h.anchor)
                                   for h in opt_outs)):
        # "please do NOT unsubscribe me", «لا تلغون اشتراكي»; the word otherwise only
        # mentioned ("I clicked 'unsubscribe' by accident"): the opposite of a request
        return "other", 0.6, cite(b.stays, 3), ()
    if b.uns and any(h.kind == "stay" for h in b.stays) and all(
            reported.clicked(toks, index[h.start]) for h in b.uns):
        # «أخوي … ضغط إلغاء الاشتراك … أبي أرجع للنشرة»: the button someone pressed, undone
        return "other", 0.6, cite(b.stays, 3), ()
    if b.uns:
        conf = _strength(b.uns)
        if others.third_party(toks):
            if others.ours_fine(toks, codes, index) and not any(
                    others.names_yours(toks, codes, index, *_clause(codes, h)) for h in b.uns):
                # "how do I get Volt to stop texting me? I bought a case from them once. You
                # only email me when I order, which is perfect": not our mail to stop
                return "other", 0.6, cite(b.uns, 3), ()
            if not any(_names_marketing(codes, h)
                       and not others.from_someone(toks, index[h.end - 1] + 1) for h in b.uns):
                # "the courier texts me offers; how do I unsubscribe from them?"; "how do I
                # stop the emails from Tabby? … their promos"
                return "other", 0.6, cite(b.uns, 3), ()
            conf = min(conf, 0.6)  # "how do I unsubscribe from the others' newsletters?"
        if b.stays:
            conf = min(conf, 0.55)
        if any(h.kind == "paid" for h in b.soft) and not all(
                _names_marketing(codes, h) for h in b.uns):
            conf = min(conf, 0.7)  # the same mail "unsubscribes" from a paid plan: billing
        if any(scope.conditional(codes, h.start) or codes[h.anchor - 1:h.anchor] == "i"
               for h in b.uns if h.rule != "polite-if"):  # … "let me know if it stops"
            conf = min(conf, 0.6)  # "can I unsubscribe later if I sign up now?"
        if long:
            conf = min(conf, 0.75)  # a request inside a long discussion: a person decides
        if b.vetoes or b.dels:
            conf = min(conf, 0.9)
        channels = named_channels(toks, codes, index, [(h.start, h.end) for h in b.uns])
        paid = [h for h in b.soft if h.kind == "paid"]  # shown: the plan needs a person
        return "unsubscribe", conf, cite(b.uns, 3) + cite(b.vetoes, 1) + cite(paid, 1), channels
    neutralised = b.vetoes + b.stays + b.soft + b.dels
    conf = 0.9 if not neutralised else (0.6 if b.dels else 0.8)
    return "other", conf, cite(neutralised, 3), ()


_OPT_OUT = frozenset(("unsubscribe", "cancel-subscription", "remove-from-list", "pronoun"))
_PLAN_RULES = frozenset(("unsubscribe", "cancel-subscription"))


def _clause(codes: str, h: Hit) -> tuple[int, int]:
    return _start_of(codes, h.start, ".,"), _end_of(codes, h.end, ".,")


def _names_marketing(codes: str, h: Hit) -> bool:
    """Does the clause of an unsubscribe name marketing or a list ("from the newsletter")?"""
    lo, hi = _clause(codes, h)
    return "M" in codes[lo:hi] or "L" in codes[lo:hi]


def _join_paid_plan(b: _Buckets, codes: str, toks: list[str], index: list[int]) -> None:
    """Once the mail reads a paid plan as the object of an unsubscribe ("cancel my Plus
    subscription, don't renew it") or speaks of a billed subscription ("the plan renews every
    month", «اشتريت كرت اشتراك»), an unsubscribe that names no marketing (the subject's
    «الغاء اشتراك», a bare "cancel my subscription") is about that plan too: billing."""
    if not b.uns or not (any(h.kind == "paid" for h in b.soft)
                         or plans.billed(codes, toks, index)):
        return
    for h in [h for h in b.uns if h.rule in _PLAN_RULES]:
        if not _names_marketing(codes, h):
            b.uns.remove(h)
            b.soft.append(h)
            b.labels[id(h)] = "paid membership"


_DONE_LABELS = ("unsubscribe already working", "clicked by mistake")


def _join_reported_done(b: _Buckets, codes: str) -> None:
    """A bare «الغاء الاشتراك» or "unsubscribe" before a report that the link worked (the
    subject «الغاء الاشتراك» over «رابط الغاء الاشتراك اشتغل») names that report's topic."""
    done = [h.start for h in b.soft if b.labels.get(id(h)) in _DONE_LABELS]
    if not done:
        return
    for h in [h for h in b.uns if h.end <= min(done) and h.rule in _PLAN_RULES]:
        if not _names_marketing(codes, h):
            b.uns.remove(h)
            b.soft.append(h)
            b.labels[id(h)] = "the topic of a report"


def _phrase(toks: list[str], index: list[int], h: Hit) -> str:
    lo, hi = index[h.start], index[min(h.end, len(index)) - 1]
    words = [t for t in toks[lo:hi + 1] if t not in (".", ",")]
    return _short(" ".join(words[:8]), 50)


def _words(toks: list[str]) -> int:
    return len(toks) - toks.count(".") - toks.count(",")


def _strength(hits: list[Hit]) -> float:
    best = max(h.weight for h in hits)
    extra = 0.02 * (len({h.rule for h in hits}) - 1)
    return min(0.97, best + extra)
