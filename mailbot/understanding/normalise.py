"""Text normalisation and tokenisation for the intent classifier (Arabic, Arabizi, English).

Pure and cheap (tens of microseconds for a typical message): a character-class regex drops
diacritics, tatweel and bidi marks; a few ``str.replace`` calls fold the Arabic spelling
variants people actually type (أ/إ/آ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي) and Arabic
punctuation; a rarely-needed ``str.translate`` maps Arabic-Indic digits and typographic
quotes. Text is split on punctuation and whitespace (``re.split`` + ``str.split``),
multi-word forms are joined at the token level (the table is ``phrases``: "do not" →
"don't", "opt out" → "optout", «لو سمحت» → "please"), and English typos/text-speak are mapped to canonical
words by a dictionary plus a cached edit-distance match against a small keyword vocabulary
("emials" → "emails", "remov" → "remove", "clos my acc" → "close my account").
``language`` picks the reply language from the tokens: Arabic script or Arabizi → "ar".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from mailbot.mail.addresses import ADDRESS_IN_TEXT
from mailbot.understanding import arabizi, corrections, lists, names
from mailbot.understanding.phrases import JOINS as _JOINS
from mailbot.understanding.wrapping import unwrap

_DROP = re.compile(
    "[\u064b-\u0655\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]"
)
_PASSIVE_DELETED = re.compile(r"(?<![\w\u064b-\u0655])حُذِ?فَ?(?![\w\u064b-\u0655])")
_COMMON = (
    ("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ة", "ه"), ("ى", "ي"), ("ؤ", "و"),
    ("ئ", "ي"), ("،", ","), ("؛", ";"), ("؟", "?"), ("’", "'"), ("‘", "'"), ("`", "'"),
    ("“", '"'), ("”", '"'),
)
_RARE = re.compile("[\u0660-\u0669\u06f0-\u06f9\u06a9\u06af\u06cc\u00ab\u00bb\u00b4\u2013]")
_RARE_TABLE = str.maketrans(
    {
        "ک": "ك", "ی": "ي", "«": '"', "»": '"', "´": "'", "–": "—",
        "گ": "ق",  # Iraqi and Gulf «وگفوا», «اگدر»: the g of ق, written with the Persian letter
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
# Sentence breaks become " . " and clause breaks " , " (str.replace is far cheaper than a
# regex split; a number such as 1,612.40 is split too, which no rule minds).
_BREAKS = tuple((mark, " . ") for mark in "\n.!?;") + tuple((mark, " , ") for mark in ',:()"—')
_EDGE = "'*-_/#~<>[]{}|\\+=&^%$…•·"

# Text-speak and common misspellings → canonical word.
_EN_CANON: dict[str, str] = {
    "emails": "emails", "email": "email",
    "u": "you", "ur": "your", "r": "are", "n": "and", "cn": "can", "cud": "could",
    "pls": "please", "plz": "please", "plse": "please", "pleas": "please", "plez": "please",
    "acc": "account", "acct": "account", "accnt": "account", "a/c": "account",
    "accounts": "account", "profiles": "profile",
    "im": "i'm", "id": "i'd", "ive": "i've", "ill": "i'll", "dont": "don't", "wont": "won't",
    "cant": "can't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "wouldnt": "won't",
    "dnt": "don't", "do'nt": "don't", "wouldn't": "won't", "shouldn't": "don't",
    "al": "all", "mi": "my", "da": "the", "thx": "thanks", "ty": "thanks",
    "fone": "phone", "msgs": "messages", "msg": "message", "txt": "sms", "txts": "sms",
    "texts": "sms", "sms's": "sms", "smses": "sms", "info": "info", "infos": "info",
    "unsub": "unsubscribe", "unsubs": "unsubscribe", "unsubbed": "unsubscribed",
    "promos": "promo", "promotions": "promo", "promotion": "promo", "newsletters": "newsletter",
    "mails": "emails", "mailings": "mailing", "wanna": "want", "wnat": "want", "wan": "want",
    "del": "delete", "rmv": "remove", "cancle": "cancel", "cancell": "cancel",
    "emial": "email", "emials": "emails", "emaisl": "emails", "emaill": "email",
    "watsapp": "whatsapp", "whatsap": "whatsapp", "wa": "whatsapp",
}

# Vocabulary the fuzzy matcher may map an unknown word onto (canonical, inflected forms
# included so that an exact inflection is never "corrected" to its stem).
_EN_KEYWORDS: tuple[str, ...] = (
    "account", "delete", "deleted", "deleting", "deletion", "remove", "removed", "removing",
    "removal", "close", "closed", "closing", "closure", "erase", "erased", "erasure",
    "terminate", "termination", "deactivate", "deactivation", "cancel", "cancelled",
    "cancellation", "unsubscribe", "unsubscribed", "subscription", "subscribed", "subscribe",
    "newsletter", "emails", "email", "promotional", "promo", "marketing", "messages",
    "information", "details", "personal", "please", "stop", "sending", "mailing",
    "profile", "offers", "advertising", "receive", "receiving", "anymore", "permanently",
)
_KEYWORD_SET = frozenset(_EN_KEYWORDS)
# Real words one edit from a keyword are never typos of it: "I shop with you" is not "I stop",
# "the remote" is not "remove", "detected" is not "deleted". (Found by running the fuzzy
# matcher over every word of the real-mail and hand-written sets.)
_REAL_WORDS = frozenset(
    "shop step remote clone cloned cloning chose choosing crossing clocking spending standing "
    "sounding resolved resolving detected detecting detection delegate delegated delegation "
    "deception defeating terminal terminals ease officers proto revoking reserving market "
    "markets".split())


def fold(text: str) -> str:
    """Unicode-fold, case-fold and strip the Arabic spelling variation; no tokenising."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text.replace("`", "'")
    if "حُذ" in text:  # «حُذف حسابي» ("my account was deleted"): the damma marks the passive
        text = _PASSIVE_DELETED.sub("انحذف", text)
    text = _DROP.sub("", text)
    for old, new in _COMMON:
        if old in text:
            text = text.replace(old, new)
    if _RARE.search(text):
        text = text.translate(_RARE_TABLE)
    return text


def tokens(text: str) -> list[str]:
    """Fold ``text`` and split it into canonical words and break tokens ('.' and ',')."""
    return _split(fold(unwrap(_mended(text))), _placeholder_kinds(text))


def _mended(text: str) -> str:
    """The text as the sender meant it to read: "*word" corrections made, and each list
    joined to the sentence that introduces it."""
    return lists.joined(corrections.applied(text))


# A multi-word form reads at most 4 words and writes at most 4 tokens ("right to be
# forgotten" → "erasure of my data"), so only that many last tokens of a cut text can
# differ from the whole text's.
_JOIN_REACH = max(max(len(rest) + 1, len(repl)) for forms in _JOINS.values()
                  for rest, repl in forms.items())
_WHITESPACE = re.compile(r"\s")


def leading_tokens(text: str, count: int) -> list[str]:
    """Exactly ``tokens(text)[:count]``, reading only as much of a long text as that needs.

    Unwrapping is per line, folding per character and words are cut at whitespace, so the
    tokens of a text cut at whitespace are those of the whole except where a multi-word form
    or a mailing's quoted name straddles the cut (see _JOIN_REACH, names.NAME_REACH). Work is in
    proportion to the opening read, not to the text (a 16 KB mail costs what its first
    few hundred words cost).
    """
    text = _mended(text)  # "*account" mends the line before it, a list joins its sentence
    placeholders = _placeholder_kinds(text)  # of the whole text, so a cut splits alike
    chars = 16 * count
    while chars < len(text):
        cut = _WHITESPACE.search(text, chars)
        if cut is None:
            break
        toks = _split(fold(unwrap(text[:cut.start()])), placeholders)
        if len(toks) >= count + max(_JOIN_REACH, names.NAME_REACH):
            return toks[:count]
        chars *= 2
    return tokens(text)[:count]


# A bare domain names an address or a site ("close the webpost.example one", "gmail.com"):
# one token, not a sentence break in the middle of a word.
_TLD = r"(?:com|net|org|example|ae|sa|kw|qa|bh|om|eg|jo|lb|co|io|me|info|uk)\b"
_DOMAIN = re.compile(r"[a-z0-9-]{2,}\.(?:[a-z0-9-]+\.)*" + _TLD)
# The same test for a whole text, spelled to start with a literal "." so the regex engine
# skips to the dots instead of trying every position.
_DOMAIN_IN_TEXT = re.compile(r"\.(?<=[a-z0-9-]{2}\.)" + _TLD)
_LINK_OR_DOMAIN = re.compile("@|://|" + _DOMAIN_IN_TEXT.pattern)

Placeholders = tuple[bool, bool]  # the text holds an address or a link; a domain


def _placeholder_kinds(text: str) -> Placeholders:
    """Read off the text before folding (a lower() is far cheaper than a fold), so that an
    opening and its whole text agree without folding the whole."""
    low = text.lower()
    return "@" in low or "://" in low, _DOMAIN_IN_TEXT.search(low) is not None


def _split(text: str, placeholders: Placeholders) -> list[str]:
    links, domains = placeholders  # addresses, links and domains become one token each
    if '"' in text or "'" in text:
        text = names.read_as_names(text)
    if links or domains:
        text = _placeholders_in(text, _LINK_OR_DOMAIN if links else _DOMAIN_IN_TEXT)
    if "." in text and ("د." in text or "ر." in text):
        text = _CURRENCY.sub(_currency, text)
    if "." in text and _DECIMAL.search(text):
        text = _DECIMAL.sub("", text)  # "KWD 64.000", "v2.1": a number's dot ends no sentence
    slow = "." in text and _SLOW_RUN.search(text) is not None
    for mark, spaced in _BREAKS:
        if mark in text:
            text = text.replace(mark, spaced)
    cache = _CANON_CACHE
    toks = [t for tok in text.split() if (t := cache.get(tok) or _canon_token(tok))]
    toks = _join(toks) if not _JOINS.keys().isdisjoint(toks) else toks
    return _spoken_slowly(toks) if slow else toks



_EMPHATIC_RUN = 3  # one-word sentences in a row: "Stop. Emailing. Me."
# … a cheap test on the text first: a sentence end, then two words of two letters or more,
# each a sentence, on one line (the regex starts at a stop, so it skips to the stops)
_SLOW_RUN = re.compile(r"[.!](?:[ \t]+[^\s.!?,]{2,}[.!]){2}")


def _spoken_slowly(toks: list[str]) -> list[str]:
    """"Stop. Emailing. Me." is one sentence said with emphasis: the stops inside a run of
    at least three one-word sentences are dropped (the last one stays)."""
    out: list[str] = []
    run: list[str] = []  # the words of the current run of one-word sentences
    k = 0
    while k < len(toks):
        single = len(toks[k]) > 1 and toks[k] != "," and k + 1 < len(toks) and toks[k + 1] == "." and (
            k == 0 or toks[k - 1] == ".")
        if single:
            run.append(toks[k])
            k += 2
            continue
        out += run + ["."] if len(run) >= _EMPHATIC_RUN else [t for w in run for t in (w, ".")]
        run = []
        out.append(toks[k])
        k += 1
    out += run + ["."] if len(run) >= _EMPHATIC_RUN else [t for w in run for t in (w, ".")]
    return out


# «٢٫٥٠٠ د.ك», «٩٩ ر.س»: the Gulf currencies abbreviated with a dot are one word, not the end
# of a sentence (د.ك, د.ب dinar; د.إ dirham; ر.س, ر.ق, ر.ع riyal)
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_CURRENCY = re.compile(r"(?<!\w)([در])\.([كبإاسقع])(?!\w)")


def _currency(match: re.Match[str]) -> str:
    if match.group(1) == "ر":
        return "ريال"
    return "درهم" if match.group(2) in "إا" else "دينار"


def _placeholders_in(text: str, marks: re.Pattern[str]) -> str:
    """``text`` with each word holding an address, a link or a domain made one token. Only
    the few words around a mark ("@", "://", a domain's dot) are looked at, not every word,
    and the line breaks between words stay: they end sentences."""
    pieces, done = [], 0
    for match in marks.finditer(text):
        lo = match.start()
        while lo > done and not text[lo - 1].isspace():
            lo -= 1
        if lo < done:
            continue  # a second dot of a word already replaced
        gap = _WHITESPACE.search(text, match.end())
        hi = gap.start() if gap else len(text)
        word = _placeholder(text[lo:hi])
        if word != text[lo:hi]:
            pieces += [text[done:lo], word]
            done = hi
    return "".join(pieces) + text[done:] if pieces else text


ADDRESS_TOKEN = "<addr>"  # an email address or a domain, as one token
URL_TOKEN = "<url>"


def _placeholder(word: str) -> str:
    """An address, a domain or a link as one token; the punctuation around it stays, so the
    sentence still ends after "… under hanan@old.example." and "(fatima@corp.example)" is an
    aside."""
    if "://" in word:
        return URL_TOKEN + _trailing(word)
    lead = word[:len(word) - len(word.lstrip(_LEADING))]
    if "@" in word and ADDRESS_IN_TEXT.search(word):
        return lead + ADDRESS_TOKEN + _trailing(word[len(lead):])
    core = word[len(lead):len(word) - len(_trailing(word))]
    if "." in core and _DOMAIN.fullmatch(core.removeprefix("@")):  # "… ending in @corp.example"
        return lead + ADDRESS_TOKEN + _trailing(word)
    return word


_LEADING = "(\"'«["  # an aside or a quote opened before an address
_TRAILING = ".,;:!?)\"'»]"  # the sentence or the aside closed after it


def _trailing(word: str) -> str:
    return word[len(word.rstrip(_TRAILING)):]


def _join(toks: list[str]) -> list[str]:
    starts = [i for i, tok in enumerate(toks) if tok in _JOINS]
    out: list[str] = []
    done = 0
    for i in starts:
        if i < done:
            continue
        for rest, repl in _JOINS[toks[i]].items():
            if tuple(toks[i + 1:i + 1 + len(rest)]) == rest:
                out.extend(toks[done:i])
                out.extend(repl)
                done = i + 1 + len(rest)
                break
    out.extend(toks[done:])
    return out


_CANON_CACHE: dict[str, str] = {}


def clear_caches() -> None:
    _CANON_CACHE.clear()
    canon_en.cache_clear()
    _script.cache_clear()
    _ARABIZI_CACHE.clear()


def _canon_token(tok: str) -> str:
    if tok in (".", ",", ADDRESS_TOKEN, URL_TOKEN):
        word = tok  # cached too: "." and "," come in every text
    else:
        word = tok.strip(_EDGE)
        if word.isascii():
            word = (canon_en(word.replace("-", "")) if "-" in word and len(word) < 16
                    else canon_en(word))
    if len(_CANON_CACHE) < 200_000:
        _CANON_CACHE[tok] = word
    return word


@lru_cache(maxsize=65536)
def canon_en(tok: str) -> str:
    """Canonical spelling of an ASCII word (text-speak, typos, truncations)."""
    if tok in _EN_CANON:
        return _EN_CANON[tok]
    if len(tok) < 4 or tok in _KEYWORD_SET or tok in _REAL_WORDS or not tok.isalpha():
        return tok
    best, best_distance, tie = "", 9, False
    for word in _EN_KEYWORDS:
        if word[0] != tok[0] or abs(len(word) - len(tok)) > 3:
            continue
        if word.startswith(tok) and len(tok) >= 0.6 * len(word):
            return word  # truncation: "remov", "clos", "unsubscrib"
        limit = 1 if len(tok) < 8 else 2
        if len(set(tok).symmetric_difference(word)) > 2 * limit:
            continue  # cheap lower bound: each edit changes at most two letters of the sets
        distance = _distance(tok, word, limit)
        if distance > limit:
            continue
        if distance < best_distance:
            best, best_distance, tie = word, distance, False
        elif distance == best_distance:
            tie = True
    return best if best and not tie else tok


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance of two short strings, or ``limit + 1`` when above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


_ARABIZI_WORD = re.compile(
    r"[a-z]*[2357968][a-z]+[a-z0-9]*|[a-z]+[2357968]|hala|yalla|inshallah|habibi|baddi|bidi|shu"
    r"|shlon|3ad|mersy|law|ana|enta|inta|kteer|ktir|wallah|ya3ni|mn|ma3|w|el|il|ya|bas|mish|msh"
    r"|abi|abgha|bs|wayed|wayid|kil|kol|kul|yoom|youm|yom|mata|ayam|yewsal|wsal|tlabi|talabi"
)


def detect_language(text: str) -> str:
    """The reply language of ``text``: "ar", "en" or "other" (see :func:`language`)."""
    return language(tokens(text))


_ARABIC_CHAR = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_CHAR = re.compile(r"[A-Za-z\u00c0-\u024f]")


@lru_cache(maxsize=65536)
def _script(tok: str) -> str:
    if _ARABIC_CHAR.search(tok):
        return "ar"
    if _LATIN_CHAR.search(tok):
        return "latin"
    return "other" if any(ch.isalpha() for ch in tok) else ""


LANGUAGE_TOKENS = 300  # the opening of a message is enough to pick the reply language


_NOT_A_LETTER = re.compile(r"[\W\d_]+")


# A list name or a token in a List-Unsubscribe subject («إلغاء الاشتراك marjan-offers-ar
# 91be0c»): no words of any language
_IDENTIFIER = re.compile(r"(?=[a-f]*\d)(?=\d*[a-f])[0-9a-f]{6,}|\w+(?:-\w+){2,}")


def language(toks: list[str]) -> str:
    """The language to answer the tokens of a text in: "ar" (Arabic script or Arabizi),
    "en", or "other" for a script we do not answer in (Chinese, Japanese, Cyrillic …).
    Code-switched text gets its dominant language: the larger share of letters wins, and a
    tie goes to Arabic («الثاني please»): Arabic script leaves short vowels unwritten, so as
    many letters carry more words, and the writer switched keyboards to type them."""
    toks = toks[:LANGUAGE_TOKENS]
    latin_words = [t for t in toks if t.isascii() and (t[0].isalpha() or t[-1].isalpha())
                   and t[0] != "<" and (t.isalpha() or not _IDENTIFIER.fullmatch(t))]
    arabic = other = 0
    non_ascii = () if "".join(toks).isascii() else [t for t in toks if not t.isascii()]
    for tok in non_ascii:  # none or few tokens in most mail
        script = _script(tok)
        if script == "ar":
            arabic += len(tok)
        elif script == "latin":
            latin_words.append(tok)  # café, Grüße
        elif script == "other":
            other += len(tok)
    latin = len(_NOT_A_LETTER.sub("", "".join(latin_words)))  # "BK-50342": 2 letters
    if latin and latin >= 0.25 * arabic and _is_arabizi(latin_words):
        arabic, latin = arabic + latin, 0
    if other > arabic + latin:
        return "other"
    return "ar" if arabic >= latin and arabic else "en"


# Persian in Arabic script: its own letters (پ چ ژ گ, Farsi yeh ی, keheh ک) and function
# words no Arabic variety has. Gulf and Iraqi Arabic write چ and گ too, and a phone keyboard
# may slip in one ی, so letters alone never decide: Persian words must.
_PERSIAN_WORDS = frozenset(
    "است این برای را از که شما می نمی هستم هست هستند باشد میخواهم میخوام"
    " خواهم کنید کنم کردم اکانت چطور".split())
_PERSIAN_LETTERS = re.compile("[\u067e\u0686\u0698\u06af\u06cc\u06a9]")
_PERSIAN_TOKEN = re.compile("[\u0600-\u06ff\u200c]+")


def foreign_arabic_script(text: str) -> str | None:
    """The language we do not answer in that ``text`` (unfolded: folding turns ی, ک and ہ into
    Arabic letters) writes in Arabic script: "Persian", "Urdu" or None.

    Persian: two Persian function words, or one among three words with Persian letters.
    Urdu: two words holding a letter no Arabic variety writes (ٹ ڈ ڑ ں ہ ے …)."""
    head = text[:4000]
    if head.isascii():
        return None  # most mail: no Arabic script at all
    if _URDU_LETTERS.search(head) and len(_URDU_WORD.findall(head)) >= 2:
        return "Urdu"
    if not _PERSIAN_LETTERS.search(head):
        return None
    words = _PERSIAN_TOKEN.findall(head)
    marked = sum(1 for w in words if _PERSIAN_LETTERS.search(w))
    function = {w.split("\u200c")[0] for w in words} & _PERSIAN_WORDS
    return "Persian" if len(function) >= 2 or (len(function) == 1 and marked >= 3) else None


# Letters of Urdu that no Arabic variety writes: ٹ ڈ ڑ ں ہ ۂ ے ۓ
_URDU_LETTERS = re.compile("[\u0679\u0688\u0691\u06ba\u06c1\u06c2\u06d2\u06d3]")
_URDU_WORD = re.compile("[\u0600-\u06ff]*[\u0679\u0688\u0691\u06ba\u06c1\u06c2\u06d2\u06d3]"
                        "[\u0600-\u06ff]*")


def _is_arabizi(words: list[str]) -> bool:
    words = words[:60]
    cache = _ARABIZI_CACHE
    hits = sum([cache[word] if word in cache else _arabizi_word(word) for word in words])
    return hits >= 2 and hits / len(words) >= 0.15


_ARABIZI_CACHE: dict[str, bool] = {}  # the same few thousand words recur in every message


def _arabizi_word(word: str) -> bool:
    # the request lexicon's own Arabizi ("wagfo", "tel8i"), not its two- and three-letter
    # words ("men", "la"), which English has too
    hit = _ARABIZI_WORD.fullmatch(word) is not None or (
        len(word) >= 4 and word in arabizi.WORDS)
    if len(_ARABIZI_CACHE) < 200_000:
        _ARABIZI_CACHE[word] = hit
    return hit
