"""understanding.arabizi: Arabic written in Latin letters and digits gets the word classes of
its Arabic-script spelling, and English words are left alone."""

from __future__ import annotations

import pytest

from mailbot.understanding.lexicon import word_class
from tests.test_classify import applied


@pytest.mark.parametrize(("word", "cls"), [
    # وقف "stop", with Gulf g/q/8/9 for ق and the first-person a-
    ("wagef", "S"), ("wa8ef", "S"), ("awagf", "S"), ("awaqef", "S"), ("wa9fo", "S"),
    ("wagfooha", "Q"),
    # بطّل "stop (it)"; كفاية "enough"
    ("ba6el", "S"), ("ba6lo", "S"), ("tba6loon", "S"), ("kefaya", "S"),
    # ارسل / بعت / طرش "send"
    ("tersloon", "V"), ("tirsloon", "V"), ("tb3atoli", "V"), ("bteb3atoha", "V"),
    ("t6arshoon", "V"),
    # English words with the same letters stay other words
    ("battle", "x"), ("resilient", "x"), ("result", "x"), ("tarsal", "x"), ("await", "x"),
    ("wages", "x"), ("nurse", "x"),
])
def test_gulf_arabizi_stop_and_send_verbs(word: str, cls: str) -> None:
    assert word_class(word) == cls


@pytest.mark.parametrize(("word", "cls"), [
    # حذف with a vowel after the 7 ("t7athfoon" = تحذفون); ممكن "could you"
    ("t7athfoon", "D"), ("a7athef", "D"), ("mumkin", "p"), ("momken", "p"),
    # مسح with i after the m ("tmis7oon" = تمسحون); ابيكم "I want you (all) to"
    ("tmis7oon", "D"), ("abeekum", "W"), ("abikom", "W"), ("mis7", "D"), ("mister", "x"),
    ("heather", "x"), ("hatha", "x"),
    # the Gulf imperative with an i ("i7thfoo" = احذفوا, "ti7thfoon" = تحذفون)
    ("i7thfoo", "D"), ("ti7thfoon", "D"), ("ihthaf", "x"),
    # Moroccan «حيدو» (remove) and the French "l'email" ("7aydo liya l'email dyali")
    ("7aydo", "D"), ("7aydouni", "D"), ("l'email", "E"), ("liya", "d"),
])
def test_arabizi_delete_with_a_vowel_and_could_you(word: str, cls: str) -> None:
    assert word_class(word) == cls


@pytest.mark.parametrize(("word", "cls"), [
    # the Arabic article on an English noun, as code-switched Gulf mail writes it
    ("الaccount", "A"), ("الsubscription", "B"), ("الnewsletter", "M"), ("والdata", "I"),
    ("الموقع", "x"),
])
def test_arabic_article_on_an_english_word(word: str, cls: str) -> None:
    assert word_class(word) == cls


@pytest.mark.parametrize(("text", "intent"), [
    # «ابيكم تمسحون»: "I want you to delete", a new clause after "I didn't order anything"
    ("fi 7ad msawi account 3ndkm b email-i, kil yom yjini order updates o ana ma 6labt shay\n"
     "abeekum tms7oon el account hatha kilah", "delete_account"),
    ("abikom tmis7oon el account", "delete_account"),
    ("ma abi el account yetsakar, bs wagfo el rasayel", "unsubscribe"),
])
def test_gulf_arabizi_i_want_you_to(text: str, intent: str) -> None:
    assert applied(text)[0] == intent


@pytest.mark.parametrize(("word", "cls"), [
    ("2bi", "W"), ("2shel", "D"), ("shelo", "D"), ("2m7oo", "D"),
    ("shelf", "x"), ("shell", "x"), ("shelter", "x"), ("shelves", "x"),
])
def test_hamza_written_2_and_shel(word: str, cls: str) -> None:
    assert word_class(word) == cls


@pytest.mark.parametrize(("word", "cls"), [
    ("supprimer", "D"), ("nsuprimi", "D"), ("نsupprimer", "D"), ("effacer", "D"), ("supreme", "x"),
    ("n7eyed", "D"),  # Moroccan «نحيد»: "kifash n7eyed le compte dyali?"
])
def test_maghreb_french_delete(word: str, cls: str) -> None:
    assert word_class(word) == cls


@pytest.mark.parametrize(("text", "intent"), [
    ("bade sakker el account taba3e w tmasho kell el ma3lomet", "delete_account"),  # Levantine
    ("hi, bade 2alghe el account tab3i w tem7o kel el ma3lomet please", "delete_account"),
    ("salam, mumkin tshelon emaili mn el newsletter?", "unsubscribe"),  # Kuwaiti
])
def test_levantine_and_gulf_arabizi_requests(text: str, intent: str) -> None:
    assert applied(text)[0] == intent


def test_levantine_stop_them_from_this_address() -> None:
    assert applied("bala hal emails please, wa2fouhon 3an hal address")[0] == "unsubscribe"


def test_levantine_erase() -> None:
    """"badde em7e el account tab3i": «بدي امحي الاكاونت تبعي», I want to erase my account."""
    text = "badde em7e el account tab3i la2enno ma 3am esta3mlo abadan. kif ba3mela?"
    assert applied(text)[0] == "delete_account"


@pytest.mark.parametrize(("word", "cls"), [
    ("iza", "i"), ("eza", "i"),  # «اذا»: if
    ("yen7thf", "e"),  # «ينحذف»: gets deleted, said of it
])
def test_if_and_gets_deleted(word: str, cls: str) -> None:
    assert word_class(word) == cls


@pytest.mark.parametrize(("word", "cls"), [
    ("wa9foohaa", "Q"),  # «وقفوها» with a long final a
    ("3rooth", "M"),  # «عروض» with th for ض
    ("7ayedoni", "D"),  # Moroccan «حيدوني»: remove me
])
def test_more_spellings(word: str, cls: str) -> None:
    assert word_class(word) == cls
