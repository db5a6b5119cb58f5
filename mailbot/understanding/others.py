"""Mail, lists and records that are not the sender's own: another shop's mail, a store's
business lists, someone else's contact on a list, calls about an order.

An unsubscribe shape ("stop texting me", "remove … from your list", «الغي الاشتراك») asks us
to stop our marketing to the sender only when the mail, the list and the address are ours
and theirs. Held-out set 15 showed the ways they are not: "how do I get Volt to stop
texting me? I bought a case from them once — your emails are fine" (another shop), "remove me
from the PR gifting list" (a business list), "remove Ahmed Siddiq from your distribution
list", «إزالة رقم الفاكس القديم من قائمة المراسلات» (someone else's record), "stop calling me
about someone else's order" (order talk, not marketing). Pure checks over the tokens and the
word-class letters (``lexicon``) of one message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from mailbot.understanding import arabic, arabizi
from mailbot.understanding.lexicon import word_class

# Dealings with another shop: "I bought a phone case from them once", "I've never bought
# anything there", «ما اشتريت منهم الا مرة»: "them" is a sender of its own.
_BOUGHT = frozenset("bought buy ordered purchased shopped اشتريت اشتري شريت طلبت".split())
_FROM_THEM = frozenset("there منهم عندهم".split())


def bought_elsewhere(toks: Sequence[str]) -> bool:
    """Does the text tell of buying from another shop ("bought … from them", "there")?"""
    if _BOUGHT.isdisjoint(toks):
        return False
    for i, tok in enumerate(toks):
        if tok in _BOUGHT:
            after = toks[i + 1:i + 6]
            if not _FROM_THEM.isdisjoint(after) or any(
                    a == "from" and b == "them" for a, b in zip(after, after[1:], strict=False)):
                return True
    return False


# "Your emails are fine", "you only email me when I order, which is perfect", «انتو عادي
# رسايلكم ما تضايقني»: the sender clears our own mail, so the mail to stop is someone else's.
_YOURS = frozenset("you your yours u ur انتو انتم انتوا".split())
_FINE = frozenset("fine ok okay perfect great good lovely عادي تمام حلوه حلو زينه زين ماشي".split())
_BOTHER = frozenset("bother bothers annoy annoying mind تضايقني تزعجني يضايقني يزعجني تضايق "
                    "تزعج ازعاج مشكله".split())
_ASKS_SOMETHING = frozenset("SUCDfWVZtoaHu")


def ours_fine(toks: Sequence[str], codes: str, index: Sequence[int]) -> bool:
    """Does a sentence that asks nothing say our own mail is fine ("your emails are fine",
    «رسايلكم ما تضايقني»)?"""
    lo = 0
    while lo < len(codes):
        hi = codes.find(".", lo)
        hi = len(codes) if hi < 0 else hi
        cls = codes[lo:hi]
        if cls and _ASKS_SOMETHING.isdisjoint(cls) and ("M" in cls or "Em" in cls):
            words = toks[index[lo]:index[hi - 1] + 1]
            fine = not _FINE.isdisjoint(words) or ("N" in cls and not _BOTHER.isdisjoint(words))
            if fine and (not _YOURS.isdisjoint(words) or names_yours(toks, codes, index, lo, hi)):
                return True
        lo = hi + 1
    return False


_YOUR = frozenset("your yours ur".split())


def names_yours(toks: Sequence[str], codes: str, index: Sequence[int], lo: int, hi: int) -> bool:
    """Do the letters ``lo:hi`` name our own mail: "your newsletter", «رسايلكم», «نشرتكم»?"""
    return any(toks[index[k]] in _YOUR or (codes[k] == "M" and toks[index[k]].endswith("كم"))
               for k in range(lo, min(hi, len(codes))))


LIST_RULES = frozenset(("remove-from-list", "take-off", "unsubscribe"))
# Lists a store keeps for business, not for marketing to customers: the PR gifting list, the
# supplier list, «قائمة الموردين».
_BUSINESS = frozenset("pr press media gifting gifted influencer influencers collab collabs "
                      "collaboration partner partners partnership affiliate affiliates supplier "
                      "suppliers vendor vendors wholesale b2b seeding distributor distributors "
                      "الموردين الموزعين الشركاء الموثرين المشاهير الاعلاميين الصحفيين".split())


def business_list(codes: str, toks: Sequence[str], index: Sequence[int], start: int,
                  end: int) -> bool:
    """Is the list named at or right after a match a business list ("the PR gifting list")?"""
    stop = codes.find(".", end)
    hi = min(end + 5, len(codes) if stop < 0 else stop)
    if "L" not in codes[start:hi] or "M" in codes[start:hi]:
        return False  # "remove me from your partner offers list" is marketing all the same
    return not _BUSINESS.isdisjoint(toks[index[start]:index[hi - 1] + 1])


# What is taken off the list is the sender's own: "me", "it", "my number", «رقمي», "this
# address", "the email below"; a name or a described thing ("Ahmed Siddiq", «رقم الفاكس
# القديم», "the old fax number") is someone else's record.
_OWN_OBJECT = frozenset("my our mine myself ours this <addr> below following above attached "
                        "same اسمي واسمي esmi ismi esmy".split()) | arabic.MINE | arabizi.MINE
# («شيلوا اسمي من القائمة», "shil esmi men el mailing list": my name, taken off the list)


# The people a sender may write for: relatives and a lawyer's clients ("my wife", «والدي»).
# Colleagues and employees, in one home: a colleague's account is the colleague's own
# (``voice.for_a_friend``), and one that a company closes goes to a person (``relations``)
COLLEAGUES = frozenset("colleague colleagues coworker coworkers colleague's coworker's employee "
                       "employees employee's زميلي زميلتي موظفنا موظفتنا موظفينا zameeli".split())
# Friends, neighbours and a shop's own customers: people with accounts and addresses of their
# own, whom the sender cannot act for (a colleague's account is the colleague's too)
ACQUAINTANCES = frozenset(
    "friend friends neighbour neighbor flatmate roommate friend's neighbour's neighbor's boss "
    "boss's صاحبي صاحبتي صديقي صديقتي جاري جارتي جارتنا جارنا رفيقي رفيقتي زبوني زبونتي "
    "زبوناتي زبايني عميلي عميلتي عملايي customer's sa7bi sa7bti".split())  # … «وحدة من زبوناتي»
# Relatives, in one home. English nouns are the sender's only with an owner before them ("my
# wife"); Arabic and Arabizi words carry the "my" in the word itself («اخوي», «امي», "akhoy")
RELATIVE_NOUNS = frozenset(
    "wife husband mother mom mum father dad son daughter brother sister grandfather grandmother "
    "grandma grandpa parents parent client clients".split())
MY_RELATIVES = frozenset(
    "زوجتي زوجي امي والدتي ابوي والدي ولدي ابني بنتي اختي اخوي اخي جدي جدتي موكلي موكلتي "
    "موكلنا موكلتنا عمي خالي عمتي خالتي الوالده الوالد ماما لماما بابا لبابا مامتي "
    "لامي لوالدتي لابوي لوالدي مرتي مراتي جوزي ختي خويا "  # «الوالدة»: "my mother"; «لماما»: "for
    # mum"; «مرتي», «مراتي», «جوزي»: "my wife", "my husband" (Levantine, Egyptian); Moroccan «ختي»,
    # «خويا»: "my sister", "my brother"; Arabizi, as Egyptian "raqam mama" (mum's number):
    "akhoy akhooy a5oy a5ooy akhooya ukhti o5ti okhti omi ommi umi ummi yumma abooy aboy abuy "
    "ubooy zawjti zawjati zoji zawji binti bnti waladi wildi ibni mama mamti baba babaya".split())
RELATIVES = RELATIVE_NOUNS | MY_RELATIVES
# … and what they want, in the third person: "she/he wants", «تبي», «يبغى», «حابه», «بدها»,
# «ودها», "akhoy … yabi y9akir 7saba" (Arabic «تبي» is also "you want": read only where a
# relative was named)
THEIR_WISH = frozenset(
    "wants would like asked تبي يبي تبا يبا تبغي يبغي تبغا يبغا تريد يريد ترغب يرغب تحب يحب حابه حاب "
    "بدها بده بدو عايزه عايز عاوزه عاوز ودها وده طلبت طالبه طالب وتبي ويبي وتبغي ويبغي وتريد ويريد "
    "وترغب ويرغب وبدها وبده وبدو yabi yabgha yabghi yibi ybi yibgha tabi tabgha tabghi tibi baddo "
    "badda bado bada".split())


# Words that say which of the sender's own addresses, not whose: "take the work address off"
ADDRESS_KINDS = frozenset("work old personal office business second other previous new "
                          "company home uni university school gmail hotmail yahoo outlook".split())


def removes_someone_else(codes: str, toks: Sequence[str], index: Sequence[int], start: int,
                         end: int) -> bool:
    """Does a "remove X from the list" match take off someone or something not the sender's?"""
    if codes[start] not in "DSta":
        return False
    gap = next((k for k in range(start + 1, end) if codes[k] in "Fo"), start + 1)
    classes = "".join(c for k, c in enumerate(codes[start + 1:gap], start + 1)
                      if toks[index[k]] not in ADDRESS_KINDS)
    if "x" not in classes or "m" in classes or "O" in classes:
        return False
    if all(codes[k] == "E" or toks[index[k]].isdigit() for k in range(start + 1, gap)
           if codes[k] not in ",d"):
        return False  # "remove +965 6603 1182 from your WhatsApp list": a bare number, theirs
    return not any(_own_object(toks[index[k]], codes[k]) for k in range(start + 1, gap))


def _own_object(tok: str, cls: str) -> bool:
    """"my", "this", «رقمي», Arabizi "emaili": what the sender calls their own."""
    if tok in _OWN_OBJECT or tok in RELATIVES:
        return True  # «رقم والدي», "email abooy": a relative's, the family's to take off
    if not tok.isascii():
        return cls == "E" and tok.endswith(("ي", "نا"))
    return tok[-1:] in ("i", "y") and word_class(tok[:-1]) == "E"


# Calls and mail about an order are not marketing: "please stop calling me about someone
# else's order", «لا تتصلون علي بخصوص الشحنة».
_ABOUT = frozenset("about regarding concerning re عن بخصوص بشان حول".split())
_TRANSACTION = frozenset("order orders parcel package delivery shipment refund payment invoice "
                         "booking return tracking الطلب طلبي الطلبيه الشحنه شحنتي التوصيل "
                         "الاسترجاع الاسترداد الفاتوره الدفع".split())


def about_an_order(toks: list[str], index: list[int], end: int) -> bool:
    """Does the sentence go on "about <an order, a parcel, a refund …>" after a match?"""
    window = toks[index[end - 1] + 1:index[end - 1] + 13]
    if _ABOUT.isdisjoint(window):
        return False
    if "." in window:
        window = window[:window.index(".")]
    return any(tok in _ABOUT and not _TRANSACTION.isdisjoint(window[k + 1:k + 5])
               for k, tok in enumerate(window))


# Calls about an order anywhere in the mail make every "stop calling" in it the same calls:
# "Please stop calling me" (subject) over "… stop calling this number about that order".
CALLS = frozenset("calling calls call called ringing phoning الاتصالات اتصالات المكالمات "
                  "مكالمات".split())


def calls_about_an_order(toks: list[str], index: list[int]) -> bool:
    """Does some call word in the text go on "about <an order, a delivery …>"?"""
    if CALLS.isdisjoint(toks):
        return False
    return any(toks[i] in CALLS and about_an_order(toks, index, k + 1)
               for k, i in enumerate(index))


# Another sender that says it is us or ours: "MegaDealz say they're your official partner",
# "affiliated with you?", "someone is using your logo", «يدعون انهم شركاؤكم», «ينتحلون اسمكم».
_POSES = frozenset("affiliated affiliation impersonating impersonate impersonation pretending "
                   "phishing logo شركاوكم شركايكم ينتحلون منتحل انتحال شعاركم".split())
_OFFICIAL = frozenset("official authorised authorized رسمي الرسمي".split())
_PARTNER = frozenset("partner partners reseller شريك الشريك شريككم وكيل الوكيل وكيلكم".split())


def poses_as_us(toks: Sequence[str]) -> bool:
    """Does the text speak of a sender that claims to be us or our partner ("your official
    partner", «شركاؤكم», «الوكيل الرسمي»)?"""
    if not _POSES.isdisjoint(toks):
        return True
    if _OFFICIAL.isdisjoint(toks) or _PARTNER.isdisjoint(toks):
        return False  # the pair needs a word of each
    return any(a in _OFFICIAL and b in _PARTNER or a in _PARTNER and b in _OFFICIAL
               for a, b in zip(toks, toks[1:], strict=False))


# "Is this from you? … There's an 'unsubscribe' link at the bottom, should I click that?",
# «هل هذي الرسالة منكم؟»: the sender asks whether a mail is genuine
_GENUINE = (("is", "this", "from", "you"), ("is", "this", "real"), ("is", "this", "legit"),
            ("is", "this", "genuine"), ("is", "it", "real"), ("is", "it", "genuine"),
            ("should", "i", "click"), ("really", "from", "you"), ("هل", "هذي", "منكم"),
            ("هل", "هذا", "منكم"), ("هل", "هذه", "منكم"), ("هذي", "منكم"), ("هاي", "منكم"))


def asks_if_genuine(toks: Sequence[str]) -> bool:
    """Does the text ask whether a mail (forwarded, quoted) really comes from us?"""
    return any(tuple(toks[k:k + len(p)]) == p for p in _GENUINE
               for k in range(len(toks) - len(p) + 1) if toks[k] == p[0])


# A seller's cold pitch ("Would you be open to a 15-minute call?", "book a demo", "it hurts
# deliverability"): a person at another company writing about the store's mail, not a
# customer asking for anything about their own.
_PITCH_WORDS = frozenset("deliverability inbox-placement open-rates".split())
_PITCH_PHRASES = (("be", "open", "to"), ("book", "a", "demo"), ("schedule", "a", "call"),
                  ("hop", "on", "a"), ("jump", "on", "a"), ("book", "a", "call"))


def pitches(toks: Sequence[str]) -> bool:
    """Does the text read as a vendor's pitch to the store?"""
    if not _PITCH_WORDS.isdisjoint(toks) or asks_for_a_meeting(toks):
        return True
    return any(tuple(toks[k:k + len(p)]) == p for p in _PITCH_PHRASES
               for k in range(len(toks) - len(p) + 1) if toks[k] == p[0])


# "Would you have 15 minutes next Tuesday for a quick call?", "could you spare 20 minutes for a
# demo": a seller asks for the reader's time ("I spent 40 minutes on a call with your agent"
# tells of the sender's)
_MINUTES = frozenset("minutes mins min".split())
_GIVE_TIME = frozenset("have spare find grab".split())
_MEETINGS = frozenset("call demo chat meeting".split())


def asks_for_a_meeting(toks: Sequence[str]) -> bool:
    """Does the text ask the store for some minutes of its time for a call or a demo?"""
    if _MINUTES.isdisjoint(toks):
        return False  # most mail: one set look-up
    return any(tok in _MINUTES and k > 1 and toks[k - 1].isdigit() and toks[k - 2] in _GIVE_TIME
               and not _MEETINGS.isdisjoint(toks[k + 1:k + 10]) for k, tok in enumerate(toks))


# "Hello Bayt Mart team, I'd like to close my Bayt Mart account" sent to us by mistake: the
# greeting names another company, one whose name our address does not hold
# ("Hello Najma Electronics," names a company by its trade even without "team")
_TRADES = ("electronics|store|stores|shop|mart|market|hypermarket|supermarket|pharmacy|trading"
           "|fashion|boutique|outlet|company|co|group|mall|online")
_GREETING = re.compile(r"^\s*(?:hello|hi|dear|hey)\s+([a-z][a-z0-9 &'.-]{1,40}?)\s+"
                       r"(?:team|support|customer (?:service|care))\b"
                       r"|^\s*(?:hello|hi|dear|hey)\s+([a-z][a-z0-9&'.-]{1,20}\s+(?:" + _TRADES +
                       r"))\s*[,!:\n]", re.IGNORECASE | re.MULTILINE)


def addressed_elsewhere(text: str, to: Sequence[str],
                        store_names: Sequence[str] = ()) -> str | None:
    """Why a request is meant for another company, when neither our addresses (``to``) nor
    our names (``store_names``) hold the name it gives: the company it greets ("Hello Bayt
    Mart team,"), or the store whose mail it names («الغي اشتراكي في عروض زوايا هايبر ماركت»)."""
    ours = [d for d in map(_domain_name, to) if d and d not in _GENERIC and d not in _WEBMAIL
            and not re.fullmatch(_TRADES, d)] + [n for n in map(_squashed, store_names) if n]
    if not ours:
        return None  # support@shop.example or a Gmail address names no store to compare
    m = _GREETING.search(text[:300])
    if m:
        greeted = m.group(1) or m.group(2)
        words = [w for w in re.findall(r"[a-z0-9]+", greeted.lower())
                 if w not in _GENERIC and not re.fullmatch(_TRADES, w)]
        if not _ours("".join(w for w in words if w != "s"), ours):  # "Nora's"
            return f"greets another company: {greeted}"
    skeletons = [_skeleton(d) for d in ours]  # Arabic names are compared by their consonants
    m = _STORE_NAMED.search(text[:600])
    if m and not _ours(_skeleton(m.group(1)), skeletons):
        return f"names another store: {m.group(1)} {m.group(2)}"
    m = _AR_GREETING.search(text[:200]) or _AR_CALLED.search(text[:60])
    name = m.group(1) if m else ""
    if name and name not in ADDRESSEES and not _ours(_skeleton(name), skeletons):
        return f"greets another company: {m.group(0).strip()}"
    return None


# «لو سمحت يا نجوم …»: a store called by its name right after the opening courtesy; the
# reader is called by words such as these, which name nobody
_AR_CALLED = re.compile(r"^\s*(?:لو سمحت|لو سمحتي|لو سمحتوا|مرحبا|السلام عليكم|هلا|اهلا)[،,]?\s+"
                        r"يا\s+([\u0621-\u064a]{3,})(?=\s)")
ADDRESSEES = frozenset("جماعه جماعة اخوان اخوانا اخواني شباب الشباب اخي اخوي اختي استاذ استاذه "
                        "استاذة عزيزي عزيزتي حبايب حبيبي حبيبتي اهل خدمه خدمة فريق الاخوه الاخوة "
                        "عمي خالي اداره ادارة موظفين الله رب ربي ولدي بنتي فندم افندم طيبين غالي "
                        "غاليين حلوين كرام الكرام ناس هلي اهلي سيدي سيدتي".split())


_AR_TRADES_WORDS = "متجر|محل|محلات|شركة|شركه|مكتبة|مكتبه|صيدلية|صيدليه|معرض"
# «السادة مكتبة البيت،»: an Arabic greeting that names a store by its trade and its name (a
# store called by its name alone, «يا نجوم», is left alone: «يا ولدي», «يا فندم» call the reader)
_AR_GREETING = re.compile(
    r"^\s*(?:(?:السادة|الساده|الى|إلى|عزيزي|مرحبا)\s+)?(?:" + _AR_TRADES_WORDS + r")\s+(?:ال)?"
    r"([\u0621-\u064a]{3,})\s*[،,\n]", re.MULTILINE)


def _domain_name(address: str) -> str:
    """"nununest" of care@nununest.example."""
    return _squashed(address.rsplit("@", 1)[-1].split(".")[0])


def _squashed(name: str) -> str:
    """A name in lower case without spaces or marks: "Waha Store" → "wahastore"."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _ours(name: str, ours: Sequence[str]) -> bool:
    """Is ``name`` one of our domains' names, or too short to tell ("Nora's team" for
    nawras.example is a name misheard)?"""
    return len(name) < 3 or any(d and (name[:4] in d or d[:4] in name or SequenceMatcher(
        None, name, d).ratio() >= 0.6) for d in ours)


# «عروض زوايا هايبر ماركت», «حسابي في صيدلية الشفاء»: a store named by its trade after the mail
# or account a request is about
_AR_TRADES = "هايبر ?ماركت|سوبر ?ماركت|ماركت|مول|صيدليه|صيدلية|مكتبه|مكتبة|ستور"
_AR_MAIL = "عروض|نشره|نشرة|رسائل|رسايل|اشتراك|اشتراكي|حساب|حسابي"
_AR_NAME = r"(?!ال|(?:" + _AR_MAIL + r")\s)[\u0621-\u064a]{3,}"
_STORE_NAMED = re.compile(r"(?:" + _AR_MAIL + r")\s+(?:في\s+|من\s+|مال\s+|حق\s+)?(" + _AR_NAME +
                          r"(?:\s+" + _AR_NAME + r")?)\s+(" + _AR_TRADES + r")(?![\u0621-\u064a])")
# Arabic letters as the consonants a Latin spelling of the name would show
_LATIN = str.maketrans({"ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d",
                        "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d",
                        "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l",
                        "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ا": "", "ى": "",
                        "ة": "", "ع": "", "ء": "", "أ": "", "إ": "", "آ": "", "ئ": "",
                        "ؤ": "", " ": ""})


def _skeleton(name: str) -> str:
    """The consonants of a name, Arabic or Latin ("زوايا" and "zawaya" are both "zwy")."""
    if name.isascii():
        return re.sub(r"[aeiou]", "", name.lower().replace("q", "k").replace("c", "k")
                      .replace("sh", "s").replace("kh", "k").replace("th", "t"))
    return name.translate(_LATIN)


_GENERIC = frozenset("customer customers support service services care sales help the dear "
                     "online shop store".split())
# A store may answer from a mailbox provider's domain: it names the provider, not the store
MAILBOX_PROVIDERS = frozenset("gmail googlemail outlook hotmail live msn yahoo ymail icloud aol "
                              "zoho proton protonmail gmx yandex".split())
_WEBMAIL = MAILBOX_PROVIDERS | frozenset("me mac pm mail".split())


# "… and keep sending it to the old address": the mail is to go on elsewhere, so stopping it
# here is a move (or half of one) for a person to make
_KEPT_ELSEWHERE = re.compile(
    r"keep\s+(?:sending|it\s+going|them\s+going|it\s+coming)[^.]{0,30}?\b(?:to|at)\s+"
    r"(?:my\s+|the\s+|this\s+)?(?:old|other|personal|work|first|second)\b|keep\s+sending\s+"
    r"(?:it|them)\s+to\s+\S+@", re.IGNORECASE)


def kept_elsewhere(text: str) -> bool:
    """Does the sender ask for the mail to keep going to another address?"""
    return _KEPT_ELSEWHERE.search(text[:2000]) is not None


# Senders that are not us: "how do I unsubscribe from the others' newsletters?", "stop
# spam from other companies", «ايميلات من مواقع ثانيه».
# A courier or carrier that texts the customer is a sender of its own («المندوب»).
_THIRD_PARTY = frozenset("others elsewhere thirdparty غيركم غيرنا courier couriers carrier "
                         "carriers المندوب".split())
_OTHER = frozenset("other another ثانيه ثانيين تانيه تانيين اخري اخرين".split())
# ("all other lists" and "other newsletters" are usually ours: not senders)
_SENDERS = frozenset("companies company senders sender sites websites site website shops stores "
                     "brands apps people شركات مواقع متاجر جهات محلات تطبيقات ناس".split())
# «شركه الشحن», «شركة التوصيل»: the delivery company, not the store
_COMPANY = frozenset("شركه شركات".split())
_DELIVERY = frozenset("الشحن التوصيل شحن توصيل".split())


def third_party(toks: Sequence[str]) -> bool:
    """Does the text speak of mail from senders other than us ("the others", "other
    companies", «مواقع ثانية»)? An unsubscribe there may not be ours to apply."""
    if not _THIRD_PARTY.isdisjoint(toks) or bought_elsewhere(toks) or \
            poses_as_us(toks):
        return True
    if not _THEIR.isdisjoint(toks) and _their_marketing(toks):
        return True
    if (_OTHER.isdisjoint(toks) or _SENDERS.isdisjoint(toks)) and (
            _COMPANY.isdisjoint(toks) or _DELIVERY.isdisjoint(toks)):
        return False  # each pair needs a word of both its sets
    return any(a in _OTHER and b in _SENDERS or a in _SENDERS and b in _OTHER
               or a in _COMPANY and b in _DELIVERY
               for a, b in zip(toks, toks[1:], strict=False))


# "I paid with Tabby once and now I get their promos", «صارت توصلني عروضهم»: marketing that
# belongs to "them", someone the sender tells us about.
_THEIR = frozenset("their theirs حقتهم حقهم تبعهم مالهم عندهم".split())


_OURS_AFTER_FROM = frozenset("you your u ur us our the this these that your_store الشركه المتجر "
                             "متجركم موقعكم".split())


def from_someone(toks: Sequence[str], at: int) -> bool:
    """Is the word at ``at`` "from" followed by a name, not "you"/"your store" ("stop the
    emails from Tabby", «العروض من تابي»)?"""
    if at + 1 >= len(toks) or toks[at] not in ("from", "من"):
        return False
    nxt = toks[at + 1]
    return nxt not in _OURS_AFTER_FROM and nxt not in ".," and not nxt.startswith(("ال", "هال"))


def _their_marketing(toks: Sequence[str]) -> bool:
    for k, tok in enumerate(toks):
        if tok in ("their", "theirs") and any(word_class(t) == "M" for t in toks[k + 1:k + 3]):
            return True
        if not tok.isascii() and tok in _THEIR and k and word_class(toks[k - 1]) == "M":
            return True  # «العروض حقتهم»
    return False
