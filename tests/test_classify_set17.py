"""Look-alike requests found by held-out set 17, one family at a time, in English and Arabic:
each family has cases that must stay requests and cases that must not be applied."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import AUTO_APPLY, DEL, OTHER, UNS, applied, for_a_person, msg


@pytest.mark.parametrize(("text", "intent"), [
    # a negator, then a short aside between commas, then the deletion: still negated
    ("We require that you cease, with immediate effect, all direct marketing to our client. "
     "Our client does not, by this letter, request closure of her customer account.", UNS),
    ("Please stop all marketing emails to me. I do not, at this stage, want my account "
     "closed.", UNS),
    ("نطالبكم بايقاف الرسائل التسويقية لموكلتنا. موكلتنا لا تطلب، بموجب هذا الخطاب، اغلاق "
     "حسابها.", UNS),
    # "No, thanks," opening a sentence is an interjection, not a negator
    ("No, thanks, delete my account.", DEL),
])
def test_negation_reaches_over_an_aside(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


@pytest.mark.parametrize(("text", "subject"), [
    # a store's named service plan beside "subscription" is billing, not marketing
    ("Hi, please cancel my Volta Care+ monthly warranty subscription from next month and stop "
     "charging my card. I'm keeping the account.", "Cancel Volta Care+ subscription"),
    ("Please cancel my Lulwa Plus subscription, I don't use the free delivery.", ""),
    ("ابي الغي اشتراكي في فولتا كير الشهري", ""),
    ("الغوا اشتراك بلس لو سمحتوا", ""),
])
def test_named_plan_subscription_is_not_an_unsubscribe(text: str, subject: str) -> None:
    got, confidence = applied(text, subject)
    assert got != DEL
    assert got == OTHER or confidence < AUTO_APPLY


@pytest.mark.parametrize("text", [
    "Please cancel my newsletter subscription.",
    "Customer care: please unsubscribe me from your emails.",
    "الغوا اشتراكي في النشرة لو سمحتوا",
])
def test_marketing_subscription_stays_an_unsubscribe(text: str) -> None:
    got, confidence = applied(text)
    assert got == UNS and confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "subject"), [
    # a noun "cessation" and a verb interrupted by an aside still stop the marketing
    ("", "Cessation of direct marketing"),
    ("Please stop, with immediate effect, all marketing emails to me.", ""),
])
def test_cessation_and_aside_stop_marketing(text: str, subject: str) -> None:
    got, _ = applied(text or subject, subject)
    assert got == UNS


@pytest.mark.parametrize(("text", "intent"), [
    # Gulf Arabizi "remove me" spelt with e (shelooni, sheloni) from a list
    ("khalas wayed emails ya jama3a shelooni mn el mailing list plz", UNS),
    ("sheloni mn el newsletter plz", UNS),
    ("shilooni mn el mailing list", UNS),
])
def test_arabizi_remove_me_from_the_list(text: str, intent: str) -> None:
    got, confidence = applied(text)
    assert got == intent and confidence >= AUTO_APPLY


@pytest.mark.parametrize(("text", "intent"), [
    # "I have two accounts … delete the old one", the "I have" in one Arabic/Arabizi word
    ("hi, 3indi 2 accounts ma3kom. please delete the old one (sara@mail.example), w khalo el "
     "jadeed.", DEL),
    ("I have two accounts with you. Please delete the old one.", DEL),
    # "3ndi so2al" (I have a question) makes no hypothetical deletion a request
    ("3ndi so2al, lw sawait delete lel account, el points ytemsa7on? ana ma abi a7thfa bs abi "
     "a3rf", OTHER),
])
def test_one_of_my_accounts(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


@pytest.mark.parametrize(("text", "intent"), [
    # a plural imperative after a negated other verb is its own request
    ("خلاص ما ابي اتعامل معكم احذفوا حسابي وكل بياناتي لو سمحتوا", DEL),
    ("ما عاد ابي اشتري منكم امسحوا حسابي", DEL),
    # the negator right before the deletion still takes it back
    ("لا تحذفوا حسابي", OTHER),
    ("ما ابي احذف حسابي", OTHER),
])
def test_imperative_after_another_negated_verb(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


@pytest.mark.parametrize(("text", "intent"), [
    # "please" right before a bare "unsubscribe" speaks for the sender, mid-sentence too
    ("Resending in case this got lost - please unsubscribe dan@mail.example from your "
     "newsletter. Still getting them. Dan Okafor, Procurement Lead, Meridian Logistics", UNS),
    # "reply unsubscribe" offered to the reader stays no request
    ("Not interested in our logistics services? Just reply unsubscribe and we will not "
     "contact you again. Best, the Meridian sales team", OTHER),
])
def test_please_before_unsubscribe_is_the_senders_voice(text: str, intent: str) -> None:
    got, _ = applied(text)
    assert got == intent


_ASKED = ("Hello Helen,\nJust to confirm: would you like us to remove your address from all of "
          "our marketing emails and SMS offers? Your account will not be affected.")
_ASKED_AR = "هل تحب نشيلك من كل رسايلنا التسويقية والعروض؟"


@pytest.mark.parametrize(("text", "quoted", "intent"), [
    # "yes … all of them" under our offer: the pronoun points back at what we offered
    ("Yes please, all of them.\n\nHelen", _ASKED, UNS),
    ("yes, them too", _ASKED, UNS),
    ("ايوه لو سمحت", _ASKED_AR, UNS),
    # a question back is no agreement
    ("what are all of them?", _ASKED, OTHER),
])
def test_yes_all_of_them_answers_our_question(text: str, quoted: str, intent: str) -> None:
    assert classify(msg(text, "Re: Your request", quoted=quoted)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # someone acting for the account holder asks to have their address taken off the mailings
    ("I am writing on behalf of Mr. Khalid Al Suwaidi, for whom I act as executive assistant. "
     "He has asked me to have his address (k.s@harrow.example) removed from all of your "
     "promotional mailings. He continues to use his account, so please do not close it.", UNS),
    ("My husband asked me to have his email address removed from your newsletter.", UNS),
])
def test_acting_for_someone_address_removed_from_mailings(text: str, intent: str) -> None:
    assert applied(text)[0] == intent


def test_a_relatives_address_is_taken_off_by_a_person() -> None:
    """mailbot withdraws the consent of the address a mail came from: the husband's address
    named here is for a person to take off."""
    assert for_a_person("My husband asked me to have his email address removed from your newsletter.", UNS)
