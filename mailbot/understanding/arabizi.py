"""Arabizi (Arabic in Latin letters and digits) for the word classes of ``lexicon``.

People write Gulf, Levantine and Egyptian Arabic with Latin letters and digits for the
sounds Latin lacks (7 ح, 3 ع, 2 ء, 5 خ, 6 ط, 9 ص, 8 غ/ق), and spell each word several ways
("wa8fo", "wagfo", "wa2fo" are one «وقفوا»). Two layers: a list of whole words
(``WORDS``), then a consonant skeleton per verb or noun stem (``stem_class``) for the
conjugations and spellings the list does not hold.
"""

from __future__ import annotations

import re

_GROUPS: dict[str, str] = {
    "D": "a9akir asakker asaker sakker sakir tsakker tsakro ams7 emsa7 imsa7 tmsa7oon "
    "tmsa7o msa7 imsa7o emsa7o tems7o temsa7o tem7o a2fel e2fel 2fel a2afel ta2felo "
    "t2felo a2fil ne2fel amsa7 tmasho tmas7o tmse7o tmsho tshelon tsheelon tshilon tshiloon "
    "em7e am7e im7e tim7o "  # Levantine «امحي», «تمحو»: erase
    "shilni sheelni shelni shilouni shil sheel shel shilo sheelo ashil "
    "ashel a4il t4ilo tshilo e7zef "
    "a7zef 7zef e7thef a7thef 7thef 7zfo e7zefo a7thefo e7thefo ta7thefo t7thfo t7zfo a7zefo "
    "t6al3ooni tal3ooni tala3ni shilooni "
    "sheelooni 4ilooni talla3ni shelooni sheloni shelouni shelona sheloona shelo sheelo shilo "
    "sheeloo a5rog a5rug ekhrog akhrog "  # Egyptian «أخرج من الليستة»: "get out of the list"
    "shelony shelouny sheloony shilony shiloony "  # … and «شيلوني» with a final y
    "7aydo 7aydu 7aydou 7ayed 7yed 7aydoni 7aydouni 7aydni n7eyed n7ayed n7yed t7aydo "
    "t7aydoh n7ydo 7ayedoni 7ayedouni 7ayydoni 7ayedo "  # Moroccan «حيدو», «نحيد»: remove
    # Maghreb French, also with the Arabic first person: «نsupprimer», "nsuprimi"
    "supprimer supprimez supprime suprimer suprimi supprimi nsupprimer nsuprimi nsupprimi "
    "tsuprimiw tsupprimiw effacer effacez",
    "C": "ilghi alghi elghi el8i 2elghi 2alghe alghe elghe 2elghe tlghoo talghi tilghi elgho a2lghi "
    "alghy ilghy 2lghi tel8i l8i lghi",  # too short for the stems below: "baddi l8i el eshterak"
    "A": "7sabi 7esabi 7sab 7esab hsabi hesabi 7sabee el7sab 7isabi compte lcompte",  # Maghreb
    "I": "ma3lomati ma3lomat m3lomati bayanati bayanat données donnees",
    "S": "a2ta3 aqta3 2ta3o e2ta3o ballash ballesh balash balesh bala4 wa2ef wa2fo wa2afo "
    "wa22fo wagfo wagif w2fo wa8fo wa8if batlo batlu batlou bwa2ef bwa2if bwa22ef "  # «بطّلوا»
    "awagif awa8if a2af a2afo kefaya kfaya kafaya kifaya battalo battalu battaloo batalo",
    "Q": "wa2afoha wagfoha a2afoha wa2fouhon wa2fohon wa2fuhon wa2fouhom wa2fohom wagfohom "
    "wagfohum",  # «وقفوها»: stop + "it/them", like the stems' _WITH_IT
    "M": "rasayel rasa2el rsayel i3lanat e3lanat 3orood 3roud 3orod 3roodh 3orodh "
    "tasweeqiya tasweeqia tasweeqi taswee8iya taswiqiya taswiqi "  # «التسويقية»: marketing
    "di3aya de3aya 5osomat khosomat "
    "takhfeedat msgat masajat masjat msajat mesejat emailat emailaat imelat",  # «مسجات»
    "N": "mish msh mesh mo mu la ma",
    "p": "mumkin mumken momkin momken mmkn samaht sama7t sm7t smaht samahti sama7ti sama7tu "
    "samahtu sam7tu",  # "law samaht", "law sama7tu": please
    "W": "baddi bidi bdi bade bady badde baddy abi abgha ab8a ab8aha abghaha 3ayez 3ayza 3awez "
    "ba3'ait baghait bghait ariid abgha bghit nbghi abeekum abeekom abikum abikom abeekm abghakum "
    "abghakom ab8akum 2bi 2abi 2bgha",
    # «بغيت», «ابيكم»; «ابي» with the hamza written 2
    "NW": "mabi mabee maabi mabgha mab8a mabghi mabaddi mabdi mabidi",  # «مابي» "I don't want"
    "NZ": "ma3ad ma3aad m3ad",  # «ما عاد»: "no longer"
    "V": "yrsli yirsli yrsilli trsli tirsli trsloli tersloli yrsl trsloon",
    # «يتسكر», «ينحذف»: the account "gets closed", said of it, never asked ("mabi el
    # account yetsakar" is "I don't want the account closed")
    "e": "yetsakar yetsaker yetsakkar ytsakar tetsakar tetsaker yetsakr yitsakar yen7ithif "
    "yen7athef yen7ezef yen7azef yenmese7 yenmesi7 yetmese7 yetmasa7 yetgafal yetgafel "
    "yet2efel yetshal yenshal yen7thf yen7thef yen7ethef yen7zf yen7zef",
    "i": "iza eza itha etha",  # «اذا»: "if" ("hal ra7 tms7oon 7sabi iza ma sawait login?")
    "Z": "3ad 3aad",
    # «وقفت», «اتقفل»: "(it) stopped", "(it) got closed": told done ("el emails we2fet")
    "s": "we2fet wi2fet wa2afet wa2fet wa22afet w2fet",
    "F": "mn men min 3an",
    "j": "bas bass",  # «بس»: only
    "d": "el il hal kila kilaha kollo kil kel kell kol kul 5ales nehai nehaiyan nihaiyan nehaeyan "
    "tamaman liya dyal les",  # Moroccan "7aydo liya …": remove for me; "la liste dyal les …"
    "L": "liste lista",  # Maghreb French: "men la liste dyal les emails publicitaires"
    "K": "6alab 6albat talabat 6alabat tlabi talabi 6alabi",
    "E": "ra8m ra8mi raqm raqmi ra2m ra2mi rgm rgmi rakm rakmi raqmah ra8mah raqam ra2am rakam "  # رقم(ي)
    "l'email lemail l'mail emaili emaily imeli imaili",  # Maghreb French: "l'email dyali", my email
    "H": "5alooha 5alooh 5aloh 5alleeni 5alaw lsa lissa lesa lessa lissa2 mazal zal zaal 5alih "
    "5aleh khalih khaleh 5alliha 5alleh",  # «خليه»: "keep it"
    "g": "yjeeni yjini yijini yijeeni yiji yeji tjeeni tjini yewsalni ywsalni twsalni yoslni "
    "yosalni yousalni yusalni tousalni",
    "&": "w wa",
    "m": "nafsi nafsy",  # "ashil nafsi mn el newsletter": remove myself
    "B": "eshterak eshtirak ishtirak eshtrak 2eshterak eshterakee eshteraky",
}



# "mine" as its own word after the noun: "el email bta3i", "el 7sab 7agi"
MINE = frozenset("mali maly mal8i malti 7a8i 7agi 7aqi tab3i tab3e taba3e tabe3i bta3i beta3i bta3ti "
                 "taba3i 3anni 3ani dyali dyalti".split())  # … "ay bayanat 3indkum 3anni": about me


def _flatten(groups: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, words in groups.items():
        for word in words.split():
            out.setdefault(word, code)
    return out


WORDS = _flatten(_GROUPS)


def stem_class(tok: str) -> str:
    """Arabizi words not in the lists, recognised by their consonant skeleton."""
    if len(tok) < 4:
        return "x"
    if "'" in tok:  # Levantine "wa'fo" («وقفوا»): the apostrophe writes the glottal stop, 2
        tok = tok.replace("'", "2")
    for code, rx in _STEMS:
        if rx.search(tok):
            # "7thfoh", "wa9fooha": the verb with "it/them" attached, like «احذفوه»
            return _WITH_IT.get(code, code) if _IT.search(tok) else code
    return "x"


_IT = re.compile(r"(?:o{1,2}|u)(?:h|ha|haa|hom|hum)$")  # "7thfooh", "tlghuh", "wa9foohaa"
_WITH_IT = {"D": "P", "C": "P", "S": "Q"}


_STEMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(rx))
    for code, rx in (
        ("A", r"^(?:el|il)?[7h][ae]?[s][a]{1,2}b"),  # حساب: 7sab, 7esabi, hsabi
        ("B", r"^(?:el|il)?[2ei]?sht[ie]?rak"),  # اشتراك: eshterak, el2eshtirak
        ("I", r"^(?:el)?(?:ma3l[ou]m|m3lom|bayan)"),  # معلومات، بيانات
        ("M", r"^(?:el)?(?:i3lan|e3lan|3or[ou]{1,2}(?:d|th)|3roo?(?:d|th)|[5k]h?osom|takh?fee?d"
              r"|rasa[2iy]e?l)"),  # إعلانات، عروض (3rooth)، خصومات، تخفيضات، رسائل
        ("C", r"^(?:2|a|e|i|t|y|n|b|te|ta)?[ei2]?l(?:gh|8)[iyeaou]"),  # الغي، تلغوا
        # احذف، تحذفون، a7thif, t7athfoon
        ("D", r"^(?:2[aei]?|a|e|i|t|y|n|b|te|ta|ti|yi)?[7h][ae]?(?:th|dh|z)[eiu]?f"),
        ("D", r"^(?:2[aei]?|a|e|i|t|y|n|b|te|ta|ti|yi)?m[ai]?s[ae]?7"),  # امسح، تمسحون، tmas7oon, tmis7oon
        # اشيل، شيلوا; "2shel", "shelo" with e only as a whole word (not "shelf", "shelter")
        ("D", r"^(?:2[ae]?|a|e|t|y|n|b|ta)?(?:sh|4)(?:(?:i|ee|ei)l|el(?:o|oo|ou|oh|ha|hom)?$)"),
        # اسكر، سكروا; «يصكر» with ص: y9akir
        ("D", r"^(?:a|e|t|y|n|b|ta)?[s9]ak+[ie]?r|^(?:a|e|t|y|n)?[s9]?kk?ro"),
        ("D", r"^(?:a|e|t|y|n|b|ta)?[2qg]f[ie]?l"),  # اقفل، تقفلوا
        ("D", r"^(?:2|a|e|i|t|y|n|b|te|ta)?m7[iyo]"),  # امحي، تمحوا، 2m7oo
        # وقفوا، توقفوا، اوقف (Gulf g/9/8 for ق: wa9fo, wagef, awaqef, awagf)
        ("S", r"^(?:a|e|i|n|t|y|ta|te)?w[ae]{0,2}[2gq89]+[aei]?f"),  # … awaqif
        ("S", r"^(?:t|y|n|a|e)?b[ae]?66?[ie]?l"),  # بطّل، بطلوا: ba6el, ba6lo, tba6loon
        ("S", r"^(?:t|y|n|a|e)?7[ae]?bs"),  # Moroccan حبس، حبسو: 7bsso, t7absso
        # ترسلون، ارسل، بعت، طرش (Gulf "send"): la tersloon, ma tb3atoli, la t6arshoon
        ("V", r"^(?:t|y|n)[aei]?r[ae]?s[ie]?l|^(?:a|e)rs[ie]?l"),
        ("V", r"^(?:b|bt|bi|t|y|n)?[ie]?b[ae]?3[ae]?t"),  # بعت: b3at, tbe3touli
        ("V", r"^(?:t|y|n)?[aei]?6[ae]?r[ae]?sh"),
        ("D", r"^(?:t|y)?[6t]al3"),  # طلعوني: 6al3ooni
        ("a", r"^(?:a|e|i|t|y|n|te|ta)?3[ae]?t[ae]?l"),  # عطّل، تعطلون: t3atloon
        ("D", r"^(?:2[aei]?|a|e|n)[6t]la3"),  # «اطلع من»: "baddi 2etla3 mn el newsletter"
    )
)

