"""Arabic script for the word classes of ``lexicon``: words, stems and a small morphology.

Folded Arabic tokens (``normalise.fold``) are looked up as whole words (negators,
determiners, "please" …), then as verbs with their person and future prefixes,
subject suffixes and object pronouns stripped, so one stem covers a paradigm (احذف،
تحذفون، احذفوه، ستحذف، متحذفوش), then as nouns with clitics (وال، بال، هال …) and
possessive suffixes stripped (حسابي، بياناتكم). MSA, Gulf, Egyptian and Levantine forms
share the tables.
"""

from __future__ import annotations

# «انسوني» ("forget me") holds its object: the sender speaks of themselves in one word
FORGET_ME = frozenset("انسوني انسيني وانسوني".split())
FORGET_US = frozenset("انسونا وانسونا".split())
PUT_ME_BACK = frozenset("رجعوني ارجعوني رجعني ارجعني رجعونا ارجعونا".split())
# «أبي أرجع للنشرة» ("I want to go back to the newsletter"), not «ابي ارجع الطلب» (return an
# order): "I return" is "put me back" only before a list (``letters``)
RETURN_TO = frozenset("ارجع نرجع".split())
# "mine" as its own word after the noun: «الايميل حقي», «الحساب تبعي», «بتاعي»
MINE = frozenset("مالي حقي حقتي تبعي بتاعي بتاعتي ديالي تاعي متاعي مالتي".split())  # Maghrebi ديالي,
# تاعي; Iraqi «مالتي»

# Whole words (after folding), checked before any stripping.
_AR_WORDS: dict[str, str] = {
    **dict.fromkeys("لا ما مش مو ليس وليس لم لن مب مهو ماني مانيش مهيش بدون دون عدم بعدم وعدم"
                    .split(), "N"),
    **dict.fromkeys("ودي ودنا ودك".split(), "W"),  # Gulf "I'd like", not و + دي
    **dict.fromkeys("اعترض نعترض اعتراض اعتراضي".split(), "r"),  # objection to marketing
    **dict.fromkeys("مابي ماابي مابغي ماابغي مابدي مبدي ماريد مااريد مابدنا مابيها ماشتي مانشتي"
                    " مابيه ماريده ماريدها مااريده".split(), "NW"),  # Iraqi «ماريده»: "I don't want it"
    **dict.fromkeys("عاد اعد خلاص بقيتش عادش".split(), "Z"),  # Moroccan «ما بقيتش»: no longer
    # «وما سويتو شي»: "and you did nothing" – a "did" of its own that the negation is about
    **dict.fromkeys("سويتو سويتوا سويتوه سويتوها عملتو عملتوا سويتم عملتم".split(), "q"),
    **dict.fromkeys("بس فقط لكن بل وبس ولكن انما".split(), "j"),
    **dict.fromkeys("من عن منها منه منهم عني منكم".split(), "F"),
    **dict.fromkeys("لي ليا الي".split(), "m"),
    **dict.fromkeys("و او".split(), "&"),
    **dict.fromkeys(
        "هذا هذه هذي هاد هاي هيدا ده دي كل كامل كله كلها جميع اي هو هي نهائيا نهايي "
        "نهاييا خالص كليا بالكامل بالمره تماما الشخصيه الشخصي الشخصيه المسجل مسجل "
        "متسجله المسجله باسمي عندكم لديكم عندكن كمان ايضا اصلا "
        "حقي حقتي حقنا مالي تبعي بتاعي بتاعتي".split(),
        "d",
    ),
    **dict.fromkeys(
        "ارجو نرجو الرجاء رجاء يرجي اطلب نطلب فضلك فضلكم ياريت يا_ريت سمحت سمحتم "
        "سمحتوا سمحتي تكرمتم التكرم تتكرموا لوسمحت لوسمحتوا لوسمحتي لوسمحتم بليز بلييز عافاك عافاكم "
        "تكفون تكفي تكفين بقي بقا".split(),  # Gulf «تكفون»: "please, I beg you"; Egyptian
        # «بطلوا بقى»: "stop, come on"
        "p",
    ),
    **dict.fromkeys("والا وإلا ساضطر مضطر اضطر هضطر حاضطر سوف_اضطر".split(), "T"),
    # «يفكر في إغلاق حسابه»: thinking about it, not asking yet (as "considering")
    **dict.fromkeys("يفكر تفكر افكر نفكر بفكر بيفكر بتفكر فكرت فكرنا وفكرت".split(), "T"),
    **dict.fromkeys("سوف راح رح".split(), "G"),
    **dict.fromkeys("لو اذا لولا بحال".split(), "i"),
    **dict.fromkeys("كفايه كفاية بزيادة بزياده بكفي بيكفي بركا كافي".split(), "S"),  # Maghrebi
    # «بركا», Gulf «كافي رسايل» ("enough messages")
    # Gulf «فكونا من هالرسايل» ("spare us these messages"): leave me (us) alone, a stop
    **dict.fromkeys("فكوني فكونا وفكوني وفكونا تفكوني تفكونا".split(), "S"),
    **dict.fromkeys(
        "لسه لسا مازال مازالت زالت يزال تزال ابقي بقاء ضل اظل ظل يظل تظل تفضل يفضل "
        "خلوا خلي خلوني خليني خلوه خليه خليوه خليوها استمر ابقوا نبقي خلو يبقي تبقي يضل يظل يفضل "
        "للحين وللحين استمرار الاستمرار بالاستمرار باستمرار تستمر تستمري تستمرون يستمر "
        "نستمر الاحتفاظ احتفاظ بالاحتفاظ".split(),  # «هل ترغب بالاستمرار في تلقي عروضنا؟»: keep
        # receiving; «أريد الاحتفاظ بالحساب»: keep the account
        "H",
    ),
    **dict.fromkeys("تقرب تقربوا تقربو تلمس تلمسوا تلمسو".split(), "h"),
    # «عايز العروض دي تقف» ("I want these offers to stop"): «وقف» without its و
    **dict.fromkeys("تقف يقف تقفوا تقفو".split(), "S"),
    **dict.fromkeys(
        "طلعوا طلعو طلعوني تطلعوني تطلعون طلعني طلعوه طلعوها تطلعوه شيلوني تشيلوني "
        "اشطبوا اشطب شطب".split(),
        "D",
    ),
    **dict.fromkeys(
        "مقفل مقفول انقفل اتقفل مغلق مسكر موقوف معطل مجمد مهكر".split(), "K"
    ),
    **dict.fromkeys("انشال انحذف اتشال اتحذف انمسح اتمسح انلغي اتلغي".split(), "e"),
    # «انسوني» ("forget me"): erase my data, as "forget me" is in English
    **dict.fromkeys(FORGET_ME | FORGET_US, "DdI"),
    **dict.fromkeys("طلبته طلبتها طلبتهم طلبت طلبتو طلبتوه".split(), "x"),
    # Levantine «بدي ياها توقف» ("I want it to stop"): the object pronoun on its own
    **dict.fromkeys("ياها ياه ياهم اياها اياه اياهم".split(), "O"),
    **dict.fromkeys("لهسا لهلق لهلا بعدني".split(), "H"),  # "until now", like «للحين»; Iraqi
    # «بعدني اجتني رسالة» ("I still got a message")
    # «رجعوني عالنشرة»: "put me back" on a list, like "back"
    **dict.fromkeys(PUT_ME_BACK, "H"),
    **dict.fromkeys("عم".split(), "d"),  # Levantine «عم توصلني»: the progressive, "-ing"
    # Gulf «شلون» is "how", not the verb شل ("remove") + ون
    **dict.fromkeys("شلون اشلون وشلون شلونه شلونها شلونهم".split(), "x"),
}

# Noun/adjective stems (checked after stripping clitics and possessive suffixes).
_AR_STEMS: dict[str, str] = {
    **dict.fromkeys("حساب حسابات اكونت اكاونت بروفايل ملفي كونت كونط".split(), "A"),  # Maghrebi compte
    **dict.fromkeys("بيانات معلومات معلومه تفاصيل شيء شي اشياء".split(), "I"),
    **dict.fromkeys("سجلات سيستم نظام سجلاتكم".split(), "R"),
    **dict.fromkeys(
        "نشره نشرات عروض عرض اعلانات اعلان اعلانيه دعاييه دعايه دعايات ترويجيه ترويجي اشهار "
        "تسويقيه تسويق تسويقي ايميلات ميلات رسايل رساي رسايل مسجات مسج ميساجات ميساج تخفيضات خصومات مراسلات "
        "حملات واتساب واتس منشورات برومو بروموسيون بروموشن اوفرات sms نصيه اتصالات مكالمات الاعلانيه "
        "التسويقيه البريديه بريديه كتالوج كاتالوج برودكاست نيوزليتر نيوزلتر".split(),  # the
        # printed catalogue by post; a WhatsApp «برودكاست» (broadcast list); «النيوزليتر»
        "M",
    ),
    **dict.fromkeys("قايمه قوايم لسته ليسته لايحه".split(), "L"),  # Egyptian ليستة، Levantine لائحة
    **dict.fromkeys("اشتراك اشتراكات".split(), "B"),
    **dict.fromkeys("مشترك مشتركه مشتركين اشترك اشتركت تسجيل ضيفوني اضافتي اضافه سجلوا سجلوها "
                    "سجلوه اشتركوا ضيفوا".split(), "b"),
    **dict.fromkeys(
        "طلب طلبات اوردر بطاقه كارت فيزا تقييم تقييمات مراجعه قطعه منتج منتجات تذكير "
        "صوره تطبيق ابلكيشن باسورد سله مفضله سجل فاتوره فواتير هديه شحنه كوبون قسيمه "
        "قسايم نقاط مبخره توصيل شحن".split(),
        "K",
    ),
    **dict.fromkeys("عنوان عناوين ايميل ايمايل بريد رقم جوال موبايل تلفون هاتف".split(), "E"),
    # a price is paid: «كل شهر عم تنسحب ٣ دينار من البطاقة»
    **dict.fromkeys("عضويه ذهبيه تجديد تجدد رسوم بريميوم باقه خطه الخطه خطتي مدفوع ضمان تامين "
                    "دينار دنانير ريال ريالات درهم دراهم جنيه جنيهات انخصم ينخصم انسحب ينسحب "
                    "خصمتوا خصمتو سحبتوا سحبتو".split(), "Y"),  # «انخصم مني»: charged
    **dict.fromkeys(
        "ابي ابغي ابغا نبغي نبغا اريد ارغب نرغب بدي بدنا عايز عايزه عايزين عاوز عاوزه عاوزين حاب حابه "
        "اود نود اتمني ودي ابيكم ابيك بغيت نبي داعي حاجه نريد حبيت تبي تبا تبغي يبي يبغي "
        "ابا نبا قصدي اشتي نشتي داير دايره دايرة دايرين رغبتي رغبتنا عايزاه عاوزاه "
        "باغي باغيه باغيين".split(),  # Moroccan «باغي»
        # Emirati «ابا»: "I want"; «قصدي الحساب يتقفل»: "I meant"; Yemeni «اشتي»; Sudanese
        # «ما دايرين الرسائل دي»; «أؤكد رغبتي في حذف الحساب»: "my wish"; Egyptian «اللي كنت
        # عايزاه» ("what I wanted")
        "W",
    ),
    **dict.fromkeys("موافقه".split(), "c"),
    # English verbs in Arabic letters: «ابا انسبسكرايب», «ابي ديليت للاكاونت»
    **dict.fromkeys("انسبسكرايب انسبسكريب اونسبسكرايب انسبسكرايبوني انسبسكرايبني "
                    "انسبسكرايبونا".split(), "U"),  # … «انسبسكرايبوني»: "unsubscribe me"
    **dict.fromkeys("ديليت ديلييت".split(), "D"),
}

# Verb stems → class; conjugated with person prefixes and subject/object suffixes.
_AR_VERBS: dict[str, str] = {
    **dict.fromkeys(
        "حذف حدف مسح تمسح محو مح محي شيل شل زيل ازال ازاله ازالت اغلاق اغلق غلق اقفال اقفل "
        "قفل سكر تسكير انهاء انهي نهي حيد نحي فسخ سد ديليت".split(),  # Maghrebi حيدوني, نحيولي
        # ("remove me", "remove for me"), Tunisian «فسخولي» ("delete for me"), Iraqi «اريد
        # اسد حسابي» ("close"), the English verb inflected: «ديليتوا الاكاونت»
        "D",
    ),
    **dict.fromkeys("تعطيل عطل تجميد جمد".split(), "a"),
    **dict.fromkeys("الغاء الغي الغ لغي لغ كنسل".split(), "C"),  # «كنسلوا»: cancel, borrowed
    **dict.fromkeys("وقف اوقف ايقاف توقف بطل وكف حبس".split(), "S"),  # Iraqi «توكفون»;
    # Maghrebi «حبسو عليا الميساجات»: "stop the messages to me"
    **dict.fromkeys("ارسال رسل ارسل بعت طرش دز راسل مراسله".split(), "V"),  # طرش، دز: Gulf "send"
    **dict.fromkeys("وصل وصول صل استلام استلم تلقي استقبال جي".split(), "g"),
    # Egyptian and Levantine "it comes": «ولسه العروض بتيجي كل يوم»
    **dict.fromkeys("تيجي بتيجي بيجي بتجي بيجيني بتجيني بتيجيلي بيجيلي جايه جايين جايالي جايلي "
                    "اجتني اجاني".split(), "g"),  # … and «ولسه الايميلات جاية»: "still coming";
    # Iraqi «اجتني» ("came to me")
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


def noun_candidates(tok: str) -> list[str]:
    """``tok`` and its possible stems without a clitic and/or a possessive suffix."""
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


def arabic_class(tok: str) -> str:
    if tok in _AR_WORDS:
        return _AR_WORDS[tok]
    stripped = tok[1:] if tok[0] in "وف" and len(tok) >= 3 else tok
    if stripped in _AR_WORDS:
        return _AR_WORDS[stripped]
    verb = _arabic_verb(tok) or (_arabic_verb(stripped) if stripped != tok else "")
    if verb:
        return verb
    for stem in noun_candidates(tok):
        if stem in _AR_STEMS:
            code = _AR_STEMS[stem]
            # «وابي», «وابغى»: "and I want" opens a clause of its own (``&W``)
            return "&W" if code == "W" and tok[0] == "و" and stem == tok[1:] else code
        if len(stem) > 2 and stem in _AR_VERBS:  # verbal noun with a clitic: بالغاء، لايقاف
            return _AR_VERBS[stem]
    if tok.endswith("ش") and _AR_STEMS.get(tok[:-1]) == "W":
        return "W"  # Yemeni «ما أشتيش», Egyptian «ما بديش»: a want in a split ما…ش
    if _negated_verb(tok):
        return "N"  # Egyptian «ماطلبتش», «مطلبتش», «مبيوصلش»: any verb in the negating ما…ش
    return "x"


def _negated_verb(tok: str) -> bool:
    """Egyptian «ما…ش» round a verb, the alif often left out: «ماعرفتش», «مطلبتش» (a past with
    its person ending), «مبيوصلش» (a present with its habitual ب). Nouns in م…ش («مدهش»,
    «مشمش», «مفتش») have neither."""
    if not (tok.startswith("م") and tok.endswith("ش")):
        return False
    if tok.startswith("ما") and len(tok) >= 6:
        return True
    core = tok[1:-1]
    return (len(core) >= 3 and core.endswith(("ت", "نا", "تو"))) or (
        len(core) >= 4 and core.startswith(("بي", "بت", "بن")))


def bare_verb(tok: str) -> bool:
    """«مسح», «حذف»: a verb's bare stem, which is "he deleted" after its subject («أخي مسح
    حسابه») as well as the verbal noun ("deleting") after a request word."""
    return _AR_VERBS.get(tok, "") in ("D", "C", "a")


def wants_it(tok: str) -> bool:
    """«اريدها», «ابيه»: a "want" with its own object pronoun ("I want it"), so a noun after
    it («وما اريدها\nالحساب خلي يبقى») is not what is (not) wanted."""
    for suffix in ("ها", "هم", "ه"):
        if tok.endswith(suffix) and len(tok) > len(suffix) + 2:
            return arabic_class(tok[:-len(suffix)].lstrip("و")) == "W"
    return False


_PAST = frozenset(("ت", "تو", "نا", "تم", "تي"))
_PAST_IT = frozenset(("ته", "تها", "تهم"))  # the sender's past, with "it" attached
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
            elif not prefix and not future and suffix in _PAST_IT and code in "DCaS":
                code = "e"  # «كنت الغيته بالغلط», «حذفتها»: "I cancelled it", told
            elif suffix in _OBJ_PRONOUN and code in "DC":
                code = "P"
            elif suffix in _OBJ_PRONOUN and code == "a":
                code = "aO"  # «وليس تعطيله فقط»: "not just deactivate it" stays a deactivation
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
