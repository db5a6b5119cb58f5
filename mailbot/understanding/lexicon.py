"""Word classes and request shapes for the intent rules: every folded token becomes one
letter, and the rules (``DEL_RULES``, ``UNS_RULES`` …) are regexes over those letters.

The classifier does not match sentences; it matches *shapes* over a string of word-class
letters ("close my account" → ``DdA``, «احذفوا عنواني من هذه النشرة» → ``DEFdM``). This
module owns the lexicons of how people say things in English, Arabic (MSA, Gulf,
Egyptian, Levantine) and Arabizi, and the small Arabic morphology that strips clitics,
person prefixes and object pronouns so that one stem covers a whole verb paradigm
(احذف، تحذفون، احذفوه، يتحذف …).

Letters:
  D delete/remove/close/erase/terminate verb     e its past participle (deleted, closed)
  X deletion noun (deletion, closure, erasure)   a deactivate/disable/freeze
  C cancel                                       P Arabic delete/cancel verb + "it/him/her"
  S stop                                         Q Arabic stop verb + "them/it"
  s stopped (past, as in "grateful if you stopped …")
  U unsubscribe/opt out                          u unsubscribed (past)
  t take/get (… off)   o off/out   F from/of-place   f turn/switch
  A account   I data/details   R records/system   M marketing noun   L list
  B subscription   b subscribe/add/sign up   K look-alike object (order, card, review …)
  E contact point (address, email, number)   Y paid membership (gold, renewal, fee)
  N negator   Z "no more"/"anymore"   W want/wish/need   V send   g receive/arrive
  T threat/conditional   G first-person future   H keep/stay/still/back   h touch
  y someone else's future/report (you'll, says)   z passive auxiliary (be, get)
  O pronoun "it/them"   m me/us   d determiner or harmless modifier   p please/request
  j just/only/but   c consent   r withdraw   v do/does   q did   i if/unless
  & and   x anything else
  . sentence break   , clause break
"""

from __future__ import annotations

import re
from functools import lru_cache

# ----------------------------------------------------------------------------- English

_EN_GROUPS: dict[str, str] = {
    "D": "delete deleting remove removing erase erasing close closing terminate terminating "
    "wipe wiping purge purging shut destroy scrap drop forget clear delet",
    "e": "deleted removed erased closed terminated wiped purged destroyed dropped cleared "
    "cancelled canceled shutdown gone",
    "X": "deletion removal erasure closure termination deactivation",
    "a": "deactivate deactivating disable disabling suspend freeze",
    "C": "cancel cancelling canceling cancellation",
    "S": "stop stopping halt cease end quit block enough refrain desist",
    "U": "unsubscribe unsubscribing optout unsubscription",
    "u": "unsubscribed",
    "s": "stopped ceased",
    "t": "take taken taking get got opt",
    "o": "off out",
    "F": "from",
    "f": "turn turned switch switched toggle",
    "A": "account profile",
    "I": "data details info information everything",
    "R": "records record database databases system systems crm servers",
    "M": "newsletter emails promo promotional marketing offers deals ads adverts advertising "
    "advertisements advertisement sms spam mailing mailshots catalogue catalog campaigns "
    "emailing spamming texting messaging calling text "
    "whatsapp calls flyers leaflets junk messages sales commercial bulletin texting "
    "socialmedia instagram",
    "L": "list lists",
    "B": "subscription subscriptions",
    "b": "subscribe subscribed resubscribe enrol",
    "K": "order orders card cards giftcard review reviews item items product products reminder "
    "page settings section tab screen menu button option balance dashboard "
    "reminders photo photos picture password name surname cart basket wishlist history app "
    "application recentlyviewed invoice invoices comment comments booking parcel delivery "
    "refund payment purchase registry favourites locked blocked suspended hacked frozen "
    "reservation voucher coupon points",
    "E": "address addresses email phone number mobile <addr>",
    "Y": "gold silver platinum premium membership autorenew renew renews renewal renewed fee "
    "charged charge plan trial billing paid prime vip autorenewal autorenewing warranty "
    "warranties insurance",
    "N": "not never don't doesn't didn't won't isn't aren't wasn't no without neither nor "
    "cannot can't couldn't",
    "Z": "nomore anymore",
    "W": "want wants wish like need prefer having interested",
    "V": "send sending contact contacting",
    "g": "receive receiving getting coming arriving arrive arrives come comes",
    "T": "otherwise closeto considering tempted threaten",
    "G": "i'll gonna i'm",
    "z": "be get been getting",
    "y": "you'll we'll they'll it'll will says said",
    "H": "keep keeping stay staying remain continue still back reopen reopened reactivate "
    "reactivated restore restored unlock recover",
    "h": "touch",
    "O": "it them one ones either",
    "m": "me us him",
    "d": "my the your our a an all any every whole entire these those his her their customer "
    "personal saved stored online old waha store shop of completely permanently fully too "
    "myself "
    "also entirely totally",
    "p": "please kindly request requesting asked ask asking requested appreciate grateful",
    "j": "just only but instead rather simply",
    "c": "consent permission",
    "r": "withdraw withdrawing revoke revoking retract object objecting objection",
    "v": "do does",
    "i": "if unless",
    "q": "did",
    "&": "and",
}

# ----------------------------------------------------------------------------- Arabizi

_ARABIZI_GROUPS: dict[str, str] = {
    "D": "a9akir asakker asaker sakker sakir tsakker tsakro ams7 emsa7 imsa7 tmsa7oon "
    "tmsa7o msa7 imsa7o emsa7o tems7o temsa7o tem7o a2fel e2fel 2fel a2afel ta2felo "
    "t2felo a2fil ne2fel amsa7 shilni sheelni shelni shilouni shil sheel shilo sheelo ashil "
    "ashel a4il t4ilo tshilo e7zef "
    "a7zef 7zef e7thef a7thef 7thef 7zfo e7zefo a7thefo e7thefo ta7thefo t7thfo t7zfo a7zefo "
    "t6al3ooni tal3ooni tala3ni shilooni "
    "sheelooni 4ilooni talla3ni",
    "C": "ilghi alghi elghi el8i 2elghi tlghoo talghi tilghi elgho a2lghi alghy ilghy 2lghi tel8i",
    "A": "7sabi 7esabi 7sab 7esab hsabi hesabi 7sabee el7sab 7isabi",
    "I": "ma3lomati ma3lomat m3lomati bayanati bayanat",
    "S": "ballash bala4 wa2ef wa2fo wa2afo wa22fo wagfo wagif w2fo wa2afoha wa8fo wa8if "
    "awagif awa8if wagfoha",
    "M": "rasayel rasa2el rsayel i3lanat e3lanat 3orood 3roud 3orod 3roodh 3orodh "
    "di3aya de3aya 5osomat khosomat "
    "takhfeedat msgat",
    "N": "mish msh mesh mo mu la ma",
    "W": "baddi bidi abi abgha ab8a ab8aha abghaha 3ayez 3ayza 3awez ba3'ait baghait bghait ariid abgha",
    "Z": "3ad 3aad",
    "F": "mn men min 3an",
    "d": "el il kila kilaha kollo 5ales nehai tamaman",
    "K": "6alab 6albat talabat 6alabat",
    "H": "5alooha 5alleeni",
    "B": "eshterak eshtirak ishtirak eshtrak 2eshterak eshterakee eshteraky",
}

# ----------------------------------------------------------------------------- Arabic

# Whole words (after folding), checked before any stripping.
_AR_WORDS: dict[str, str] = {
    **dict.fromkeys("لا ما مش مو ليس وليس لم لن مب مهو ماني مانيش مهيش بدون عدم بعدم وعدم"
                    .split(), "N"),
    **dict.fromkeys("ودي ودنا ودك".split(), "W"),  # Gulf "I'd like", not و + دي
    **dict.fromkeys("اعترض نعترض اعتراض اعتراضي".split(), "r"),  # objection to marketing
    **dict.fromkeys("مابي ماابي مابغي ماابغي مابدي مبدي ماريد مااريد مابدنا مابيها".split(), "NW"),
    **dict.fromkeys("عاد اعد خلاص".split(), "Z"),
    **dict.fromkeys("بس فقط لكن بل وبس ولكن انما".split(), "j"),
    **dict.fromkeys("من عن منها منه منهم عني منكم".split(), "F"),
    **dict.fromkeys("لي ليا الي".split(), "m"),
    **dict.fromkeys("و".split(), "&"),
    **dict.fromkeys(
        "هذا هذه هذي هاد هاي هيدا ده دي كل كامل كله كلها جميع اي هو هي نهائيا نهايي "
        "نهاييا خالص كليا بالكامل بالمره تماما الشخصيه الشخصي الشخصيه المسجل مسجل "
        "متسجله المسجله باسمي عندكم لديكم عندكن كمان ايضا اصلا "
        "حقي حقتي حقنا مالي تبعي بتاعي بتاعتي".split(),
        "d",
    ),
    **dict.fromkeys(
        "ارجو نرجو الرجاء رجاء يرجي اطلب نطلب فضلك فضلكم ياريت يا_ريت سمحت سمحتم "
        "سمحتوا سمحتي تكرمتم التكرم تتكرموا".split(),
        "p",
    ),
    **dict.fromkeys("والا وإلا ساضطر مضطر اضطر هضطر حاضطر سوف_اضطر".split(), "T"),
    **dict.fromkeys("سوف راح رح".split(), "G"),
    **dict.fromkeys("لو اذا لولا".split(), "i"),
    **dict.fromkeys("كفايه كفاية بزيادة بزياده".split(), "S"),
    **dict.fromkeys(
        "لسه لسا مازال مازالت زالت يزال تزال ابقي بقاء ضل اظل ظل يظل تظل تفضل يفضل "
        "خلوا خلي خلوني خليني خلوه خليه استمر ابقوا نبقي خلو يبقي تبقي يضل يظل يفضل "
        "للحين وللحين".split(),
        "H",
    ),
    **dict.fromkeys("تقرب تقربوا تقربو تلمس تلمسوا تلمسو".split(), "h"),
    **dict.fromkeys(
        "طلعوا طلعو طلعوني تطلعوني تطلعون طلعني طلعوه طلعوها تطلعوه شيلوني تشيلوني "
        "اشطبوا اشطب شطب".split(),
        "D",
    ),
    **dict.fromkeys(
        "مقفل مقفول انقفل اتقفل مغلق مسكر موقوف معطل مجمد مهكر".split(), "K"
    ),
    **dict.fromkeys("انشال انحذف اتشال اتحذف انمسح اتمسح انلغي اتلغي".split(), "e"),
    **dict.fromkeys("طلبته طلبتها طلبتهم طلبت طلبتو طلبتوه".split(), "x"),
}

# Noun/adjective stems (checked after stripping clitics and possessive suffixes).
_AR_STEMS: dict[str, str] = {
    **dict.fromkeys("حساب حسابات اكونت اكاونت بروفايل ملفي".split(), "A"),
    **dict.fromkeys("بيانات معلومات معلومه تفاصيل شيء شي اشياء".split(), "I"),
    **dict.fromkeys("سجلات سيستم نظام سجلاتكم".split(), "R"),
    **dict.fromkeys(
        "نشره نشرات عروض عرض اعلانات اعلان اعلانيه دعاييه دعايه دعايات ترويجيه ترويجي "
        "تسويقيه تسويق تسويقي ايميلات رسايل رساي رسايل مسجات مسج تخفيضات خصومات مراسلات "
        "حملات واتساب واتس منشورات برومو اوفرات sms نصيه اتصالات مكالمات الاعلانيه "
        "التسويقيه البريديه بريديه".split(),
        "M",
    ),
    **dict.fromkeys("قايمه قوايم لسته".split(), "L"),
    **dict.fromkeys("اشتراك اشتراكات".split(), "B"),
    **dict.fromkeys("مشترك مشتركه مشتركين اشترك اشتركت تسجيل ضيفوني اضافتي اضافه".split(), "b"),
    **dict.fromkeys(
        "طلب طلبات اوردر بطاقه كارت فيزا تقييم تقييمات مراجعه قطعه منتج منتجات تذكير "
        "صوره تطبيق ابلكيشن باسورد سله مفضله سجل فاتوره فواتير هديه شحنه كوبون قسيمه "
        "قسايم نقاط مبخره".split(),
        "K",
    ),
    **dict.fromkeys("عنوان عناوين ايميل بريد رقم جوال موبايل تلفون هاتف".split(), "E"),
    **dict.fromkeys("عضويه ذهبيه تجديد تجدد رسوم بريميوم باقه مدفوع ضمان تامين".split(), "Y"),
    **dict.fromkeys(
        "ابي ابغي ابغا اريد ارغب نرغب بدي بدنا عايز عايزه عاوز عاوزه حاب حابه اود نود "
        "اتمني ودي ابيكم ابيك بغيت نبي داعي حاجه نريد".split(),
        "W",
    ),
    **dict.fromkeys("موافقه".split(), "c"),
}

# Verb stems → class; conjugated with person prefixes and subject/object suffixes.
_AR_VERBS: dict[str, str] = {
    **dict.fromkeys(
        "حذف مسح تمسح محو مح محي شيل شل زيل ازال ازاله ازالت اغلاق اغلق غلق اقفال اقفل "
        "قفل سكر تسكير انهاء انهي نهي".split(),
        "D",
    ),
    **dict.fromkeys("تعطيل عطل تجميد جمد".split(), "a"),
    **dict.fromkeys("الغاء الغي الغ لغي لغ".split(), "C"),
    **dict.fromkeys("وقف اوقف ايقاف توقف بطل".split(), "S"),
    **dict.fromkeys("ارسال رسل ارسل بعت".split(), "V"),
    **dict.fromkeys("وصل وصول صل استلام استلم تلقي استقبال جي".split(), "g"),
    **dict.fromkeys("تراجع سحب".split(), "r"),
    **dict.fromkeys("جدد".split(), "Y"),  # «يتجدد», «لا تجددونه»: an auto-renewing plan
}

_AR_CLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "هال", "عال", "و", "ف", "ب", "ل", "ك")
_AR_POSSESSIVE = ("ي", "ه", "ها", "هم", "هن", "كم", "كن", "نا", "ك", "تي", "تك", "ته", "تها")
_VERB_PREFIXES = ("", "ا", "ت", "ي", "ن", "بت", "بي", "بن", "ب", "يت", "تت", "ين", "تن", "ان",
                  "ات", "نت")
_FUTURE_PREFIXES = ("سا", "س", "ست", "سي", "سن", "ه", "هت", "هي", "ح", "حت", "حي")
_OBJ_PRONOUN = ("ه", "ها", "وه", "وها", "ونه", "ونها", "هم", "هن", "وهم", "وهن", "يه", "يها",
                "تو", "توه", "توها", "تيه", "هنا", "ته", "تها")
_VERB_SUFFIXES = ("", "وا", "و", "ون", "ين", "ي", "ت", "تم", "تي", "نا", "ني", "وني", "ولي",
                  "لي", "يني", "وش", "ش", "وهم", "ه") + _OBJ_PRONOUN

# Channel named by a token (folded), for "unsubscribe me from the SMS only".
_CHANNEL_EN: dict[str, str] = {
    **dict.fromkeys("email emails newsletter mailing mailshots bulletin".split(), "email"),
    **dict.fromkeys("sms whatsapp texting".split(), "sms"),
    **dict.fromkeys("calls calling".split(), "phone"),
    **dict.fromkeys("post posted catalogue catalog flyers leaflets letters".split(), "post"),
    **dict.fromkeys("socialmedia instagram facebook twitter tiktok snapchat".split(), "social"),
}
_CHANNEL_AR_STEMS: dict[str, str] = {
    **dict.fromkeys("ايميلات ايميل نشره نشرات بريد بريديه البريديه newsletter".split(), "email"),
    **dict.fromkeys("مسجات مسج نصيه واتساب واتس sms".split(), "sms"),
    **dict.fromkeys("اتصالات مكالمات".split(), "phone"),
    **dict.fromkeys("انستقرام انستغرام سناب تويتر فيسبوك تيك".split(), "social"),
}


# ----------------------------------------------------------------------------- shapes
# Regexes over the letter string: how a request is shaped. Gap classes: d determiner,
# x other word, m me/us, p please. Each rule: (name, strength, regex).
_DEL_SHAPES = (
    ("verb-object", 0.92, r"[DCa][dmp]{0,5}(?:x[dmp]{0,3}){0,2}?[AIR]"),
    ("from-records", 0.9, r"[DCaP][dxm]{0,3}F[dx]{0,2}R"),
    ("want-done", 0.92, r"W[dmp]{0,5}(?:x[dmp]{0,3}){0,2}?[AI][dxzI&m]{0,5}?[eDXa]"),
    ("noun", 0.9, r"X[dx]{0,3}[AI]|A[dx]?X"),
    ("passive", 0.88, r"A[dx]?z[dx]?[eD]"),
    ("no-account", 0.8, r"[NZ]x?W[dxHm]{0,3}A(?![dx&,]{0,3}[DCeaX])"),
)
_UNS_SHAPES = (
    ("unsubscribe", 0.93, r"U"),
    ("cancel-subscription", 0.92, r"C[dxmM]{0,3}B|W[dx]{0,3}B[dx]{0,2}e"),
    ("stop-marketing", 0.92, r"[Sf][dxmVgFp]{0,5}?[ML]|[ML][dxV]{0,3}S"),
    ("turn-off", 0.88, r"f[dxMO]{0,4}?o"),
    ("take-off", 0.9, r"t[mEdx,]{0,7}?o(?![dx]{0,2}A)|Wo[dx]{0,2}[ML]"),
    ("remove-from-list", 0.92,
     r"[DSta][mEdx,]{0,6}?[Fo][dx]{0,3}?[ML]"
     r"|[Wp][dxmz]{0,5}e[mEdx,]{0,3}?[Fo][dx]{0,3}?[ML]"),
    ("dont-want", 0.9, r"[NZ][xZ]{0,2}W(?:[dxmVgZF]|Y(?=M)){0,5}?M|Wx?N[xZ]{0,2}[gV][dxm]{0,3}M"),
    ("dont-send-marketing", 0.9, r"[NZ][Zx]{0,2}W?x?V[dxm]{0,3}M"),
    ("dont-send", 0.82, r"[NZ][Zx]{0,2}W?x?V|SVm?[dx]{0,2}(?=[.,]|$)|N[EM]m"),
    ("no-more", 0.9, r"Z[dx]{0,2}M|(?<![^.,p])N[d]?M|[NZ]x?[tgz][dxmE]{0,4}?M[dxE]{0,2}Z"),
    ("consent", 0.9, r"r[dxF]{0,3}c"),
    # "I object to the processing of my data for direct marketing" (GDPR art. 21(2)):
    # stop the marketing, not an erasure.
    ("object-to-marketing", 0.9, r"r[dxFI]{0,9}?M"),
    ("unsubscribed-still", 0.85, r"(?:u|e[dx]?B)[^.]{0,12}?H[dx]?[gt]|u[^.]{0,12}?[ML][dx]{0,2}H"),
    ("please-remove-me", 0.85, r"p[dx]?Dm(?=[.,]|$)"),
    ("still-coming", 0.7, r"[ML][dx]{0,3}H[x]?[gV]|H[gV][dxm]{0,3}[ML]"),
    ("polite-if", 0.85, r"p[dxO]{0,2}i[dx]{0,2}s[dxVm]{0,3}[ML]"),
    ("never-signed-up", 0.72, r"N[x]?b[dxF]{0,3}[ML]"),
    ("bare-stop", 0.72, r"(?<![^.,])p?(?:S|D|[DSt]m[o]?|Um?)p?(?=[.,]|$)"),
)
_KEEP_SHAPES = (
    ("keep-account", r"H[dxm]{0,2}A|W[Od]?H(?![dxm]{0,3}[bLM])"),
    ("dont-touch", r"A[dx,]{0,2}Nh|Nh[dx]{0,2}A"),
)
_STAY_SHAPES = (
    ("stay-subscribed", r"H[dxmFW]{0,3}[bLM]|W[dxH]{0,2}b|bm|W[dx]{0,2}[ML][dx]{0,2}H"
     r"|[pW][dx]{0,2}H[gV][dxm]{0,3}[ML]|W[Od]?H(?![dxm]{0,3}A)|f[Odx]{0,2}H"),
)
NEG_ANAPHOR = re.compile(r"Nv[Od](?=[.,]|$)")
IF_NOT = re.compile(r"i[^.]{0,3}N")
COMPOUND = re.compile(r"x?K")
INTRANSITIVE = re.compile(r"KH?$")
CONDITION_AFTER = re.compile(r"[^.]*?i[^.]{0,3}N")


Rule = tuple[str, float, re.Pattern[str], str]


def _compile(rules: tuple[tuple[str, float, str], ...]) -> tuple[Rule, ...]:
    """Compile each rule with the letters one of which must occur for it to match."""
    return tuple((name, weight, re.compile(rx), _first_letters(rx)) for name, weight, rx in rules)


def _first_letters(rx: str) -> str:
    """Letters that can start a match of ``rx`` (its first class of every alternative);
    "" (always run) for a rule that starts with a group or a look-around."""
    letters = ""
    for alt in rx.split("|"):
        if alt.startswith("("):
            return ""
        first = alt[1:alt.index("]")] if alt.startswith("[") else alt[0]
        letters += first
    return letters


DEL_RULES = _compile(_DEL_SHAPES)
UNS_RULES = _compile(_UNS_SHAPES)
KEEP_RULES = _compile(tuple((name, 1.0, rx) for name, rx in _KEEP_SHAPES))
STAY_RULES = _compile(tuple((name, 1.0, rx) for name, rx in _STAY_SHAPES))
PRONOUN_VERB = re.compile(r"P|Q|[DCaS]d{0,2}x?O|[DSt]m?FO|WOe|OS|W[Od]x?S(?=[.,]|$)|NWO")
# "unsubscribe from the Plus membership", «الغي اشتراك … ولا تجددونه»: the paid plan is the object
PAID_OBJECT = re.compile(r"[^.,MLB]{0,4}Y")


def clear_caches() -> None:
    word_class.cache_clear()
    channel_of.cache_clear()


def _flatten(groups: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, words in groups.items():
        for word in words.split():
            out.setdefault(word, code)
    return out


_EN_WORDS = _flatten(_EN_GROUPS)
_ARABIZI_WORDS = _flatten(_ARABIZI_GROUPS)


@lru_cache(maxsize=65536)
def word_class(tok: str) -> str:
    """The class letter(s) of one folded token: usually one letter, "ND" for «متحذفوش»."""
    if tok in (".", ","):
        return tok
    if tok.isascii():
        cls = _EN_WORDS.get(tok) or _ARABIZI_WORDS.get(tok)
        if not cls and len(tok) > 4 and tok.endswith("s"):
            cls = _EN_WORDS.get(tok[:-1])  # plurals: catalogues, reminders
        return cls or _arabizi_class(tok)
    return _arabic_class(tok)


def _arabizi_class(tok: str) -> str:
    """Arabizi words not in the lists, recognised by their consonant skeleton."""
    if len(tok) < 4:
        return "x"
    for code, rx in _ARABIZI_STEMS:
        if rx.search(tok):
            # "7thfoh", "wa9fooha": the verb with "it/them" attached, like «احذفوه»
            return _ARABIZI_WITH_IT.get(code, code) if _ARABIZI_IT.search(tok) else code
    return "x"


_ARABIZI_IT = re.compile(r"o{1,2}(?:h|ha|hom|hum)$")
_ARABIZI_WITH_IT = {"D": "P", "C": "P", "S": "Q"}


_ARABIZI_STEMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(rx))
    for code, rx in (
        ("A", r"^(?:el|il)?[7h][ae]?[s][a]{1,2}b"),  # حساب: 7sab, 7esabi, hsabi
        ("B", r"^(?:el|il)?[2ei]?sht[ie]?rak"),  # اشتراك: eshterak, el2eshtirak
        ("I", r"^(?:el)?(?:ma3l[ou]m|m3lom|bayan)"),  # معلومات، بيانات
        ("M", r"^(?:el)?(?:i3lan|e3lan|3or[ou]{1,2}d|3roo?d|[5k]h?osom|takh?fee?d|rasa[2iy]e?l)"),
        ("C", r"^(?:2|a|e|i|t|y|n|b|te|ta)?[ei2]?l(?:gh|8)[iyeaou]"),  # الغي، تلغوا
        ("D", r"^(?:a|e|t|y|n|b|te|ta)?[7h](?:th|dh|z)e?f"),  # احذف، تحذفون
        ("D", r"^(?:a|e|i|t|y|n|b|te|ta)?ms[ae]?7"),  # امسح، تمسحون
        ("D", r"^(?:a|e|t|y|n|b|ta)?(?:sh|4)(?:i|ee|ei)l"),  # اشيل، شيلوا
        ("D", r"^(?:a|e|t|y|n|b|ta)?sak+[ie]?r|^(?:a|e|t|y|n)?s?kk?ro"),  # اسكر، سكروا
        ("D", r"^(?:a|e|t|y|n|b|ta)?[2qg]f[ie]?l"),  # اقفل، تقفلوا
        ("D", r"^(?:a|e|i|t|y|n|b|te|ta)?m7[iyo]"),  # امحي، تمحوا
        ("S", r"^(?:t|y)?w[ae]?[2gq89]+[ae]?f"),  # وقفوا، توقفوا (Gulf 9/8 for ق: wa9fo)
        ("D", r"^(?:t|y)?[6t]al3"),  # طلعوني: 6al3ooni
    )
)


@lru_cache(maxsize=65536)
def channel_of(tok: str) -> str | None:
    """The marketing channel a token names, if any."""
    if tok.isascii():
        return _CHANNEL_EN.get(tok)
    for stem in _ar_noun_candidates(tok):
        if stem in _CHANNEL_AR_STEMS:
            return _CHANNEL_AR_STEMS[stem]
    return None


def _ar_noun_candidates(tok: str) -> list[str]:
    bases = [tok]
    for clitic in _AR_CLITICS:
        if tok.startswith(clitic) and len(tok) - len(clitic) >= 2:
            bases.append(tok[len(clitic):])
    out = []
    for base in bases:
        out.append(base)
        for suffix in _AR_POSSESSIVE:
            if base.endswith(suffix) and len(base) - len(suffix) >= 2:
                stem = base[: -len(suffix)]
                out.append(stem)
                if stem.endswith("ت"):
                    out.append(stem[:-1] + "ه")  # نشرتكم → نشره
    return out


def _arabic_class(tok: str) -> str:
    if tok in _AR_WORDS:
        return _AR_WORDS[tok]
    stripped = tok[1:] if tok[0] in "وف" and len(tok) >= 3 else tok
    if stripped in _AR_WORDS:
        return _AR_WORDS[stripped]
    verb = _arabic_verb(tok) or (_arabic_verb(stripped) if stripped != tok else "")
    if verb:
        return verb
    for stem in _ar_noun_candidates(tok):
        if stem in _AR_STEMS:
            return _AR_STEMS[stem]
        if len(stem) > 2 and stem in _AR_VERBS:  # verbal noun with a clitic: بالغاء، لايقاف
            return _AR_VERBS[stem]
    return "x"


_PAST = frozenset(("ت", "تو", "نا", "تم", "تي"))
_TWO_LETTER_SUFFIXES = frozenset(("وا", "و", "ون", "وه", "وها", "ونه", "ونها", "ت", "تو", "توه"))


def _two_letter_ok(prefix: str, suffix: str) -> bool:
    """Two-letter stems (لغ، مح، شل) only with a person prefix or a verbal suffix."""
    if prefix.startswith("ب"):
        return False
    return bool(prefix) or suffix in _TWO_LETTER_SUFFIXES


def _arabic_verb(tok: str) -> str:
    """Class of a conjugated verb, "P"/"Q" with an object pronoun, "G…" future, "N…" negated."""
    negated = tok.startswith("م") and tok.endswith("ش") and len(tok) > 4
    core = tok[1:-1] if negated else tok
    heads = sorted(
        (rank, future, prefix)
        for k in range(min(len(core), _MAX_HEAD) + 1)
        for rank, future, prefix in _HEADS.get(core[:k], ())
    )
    tails = sorted(
        (_SUFFIX_RANK[core[len(core) - k:] if k else ""], core[len(core) - k:] if k else "")
        for k in range(min(len(core), _MAX_TAIL) + 1)
        if (core[len(core) - k:] if k else "") in _SUFFIX_RANK
    )
    for _, future, prefix in heads:
        start = len(future) + len(prefix)
        for _, suffix in tails:
            stem = core[start:len(core) - len(suffix)]
            code = _AR_VERBS.get(stem)
            if not code or (len(stem) == 2 and not _two_letter_ok(prefix, suffix)):
                continue
            if not prefix and not future and suffix in _PAST and code in "DCaS":
                code = "x" if code == "S" else "e"  # «حذفت», «وقفت»: told, not asked
            elif suffix in _OBJ_PRONOUN and code in "DCa":
                code = "P"
            elif suffix in _OBJ_PRONOUN and code == "S":
                code = "Q"
            return ("N" if negated else "") + ("G" if future else "") + code
    return ""


def _build_heads() -> dict[str, list[tuple[int, str, str]]]:
    """Every future+person prefix combination, keyed by its spelling, in preference order."""
    heads: dict[str, list[tuple[int, str, str]]] = {}
    rank = 0
    for future in ("",) + _FUTURE_PREFIXES:
        for prefix in _VERB_PREFIXES if not future else ("", "ا", "ت", "ي", "ن"):
            heads.setdefault(future + prefix, []).append((rank, future, prefix))
            rank += 1
    return heads


_HEADS = _build_heads()
_MAX_HEAD = max(map(len, _HEADS))
_SUFFIX_RANK = {suffix: i for i, suffix in reversed(list(enumerate(_VERB_SUFFIXES)))}
_MAX_TAIL = max(map(len, _SUFFIX_RANK))
