"""understanding.scope: how far negation, threats and conditions reach."""

from __future__ import annotations

import pytest

from mailbot.understanding import scope
from mailbot.understanding.classify import classify
from mailbot.understanding.letters import codes as _codes
from mailbot.understanding.normalise import tokens
from tests.test_classify import auto_applied, for_a_person, msg


def _read(text: str) -> tuple[str, list[str], list[int], int]:
    """The letters, tokens and index of ``text``, and the letter of its first deletion verb."""
    toks = tokens(text)
    codes, index = _codes(toks)
    return codes, toks, index, codes.index("D")


@pytest.mark.parametrize(("text", "expected"), [
    ("if i were to delete my account", True),
    ("if we ever close our account", True),
    ("لو بغيت احذف حسابي", True),
    ("if you could delete my account", False),
    ("if there is nothing pending delete my account", False),
    ("اذا تقدرون احذفوا حسابي", False),
    ("اذا تبي تقفل الحساب كلمنا", True),
    ("if i want to delete my account what should i do", False),
    ("اذا ابي اقفل الحساب وش اسوي", False),
    ("if i want to delete my account how do i get my refund", True),
])
def test_supposed(text: str, expected: bool) -> None:
    codes, toks, index, verb = _read(text)
    assert scope.supposed(codes, toks, index, verb) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("our client does not, by this letter, request closure of her account", True),
    ("i will not, under any circumstances, close my account", True),
    ("موكلتي لا تطلب، بموجب هذا الخطاب، اغلاق حسابها", True),
    ("no, thanks, delete my account", False),
    ("i did not order this, sorry, please delete my account", False),
])
def test_negation_reaches_over_an_aside(text: str, expected: bool) -> None:
    codes = _codes(tokens(text))[0]
    verb = next(k for k, c in enumerate(codes) if c in "DX")
    assert scope.negated(codes, verb) is expected


@pytest.mark.parametrize(("text", "verb", "expected"), [
    # «ما لقيت خيار …» ("I didn't find the option to …"): the sender could not do it
    ("ما لقيت خيار الغاء الحساب", "الغاء", True),
    ("وانا مش لاقيه زرار الغاء الاشتراك", "الغاء", True),
    ("i couldn't delete my account", "delete", True),
    ("ma la2et zir unsubscribe bel app", "unsubscribe", True),
    ("لا تلغون اشتراكي", "تلغون", False),
])
def test_unable(text: str, verb: str, expected: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    at = next(k for k, c in enumerate(codes) if index[k] == toks.index(verb))
    assert scope.unable(codes, toks, index, at) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ولا يتضمن هذا الخطاب طلبا باغلاق الحساب في الوقت الحالي", True),
    ("هذا طلب رسمي باغلاق الحساب", False),
    ("ما ابي شي منكم. طلبا باغلاق الحساب", False),
])
def test_a_denied_request_negates_what_it_asks(text: str, expected: bool) -> None:
    codes, toks, index, verb = _read(text)
    assert scope.request_denied(codes, toks, index, verb) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("i'm not asking you to change or delete anything on my account", True),
    ("i don't want to change or delete my account", True),
    ("i'm asking you to change or delete my account", False),
])
def test_negation_reaches_over_a_coordinated_verb(text: str, expected: bool) -> None:
    codes = _codes(tokens(text))[0]
    verb = next(k for k, c in enumerate(codes) if c == "D")
    assert scope.negated(codes, verb) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("وانا ما ابيه ابيكم تمسحون الحساب", False),  # two wants, the first refused
    ("وانا ما ابي تمسحون الحساب", True),
])
def test_a_second_want_opens_its_own_clause(text: str, expected: bool) -> None:
    codes = _codes(tokens(text))[0]
    assert scope.negated(codes, codes.index("D")) is expected


def test_and_i_could_not_find_is_unable() -> None:
    assert scope.unable(*_read("دورت في الاعدادات وما لقيت خيار حذف الحساب"))


@pytest.mark.parametrize(("text", "expected"), [
    ("please refund the duplicate charge this week, or we will close his account", True),
    ("please close his account", False),
])
def test_or_we_will_is_a_threat(text: str, expected: bool) -> None:
    codes = _codes(tokens(text))[0]
    assert scope.threatened(codes, codes.index("D")) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("والدي يفكر في إغلاق حسابه لاحقاً لكنه لم يقرر بعد", True),  # thinking about it
    ("please refund the duplicate this week, or we'll both delete our accounts", True),
    ("thinking about it again, please close the whole account", False),
    # "thinking about" a deletion weighs it; "thinking about it" opens a decision
    ("I'm thinking about deleting my account, but first I want to know about the warranty",
     True),
    ("I'm thinking of closing my account", True),
    ("Will you close my account please", False),
])
def test_thinking_about_it_and_we_will(text: str, expected: bool) -> None:
    codes = _codes(tokens(text))[0]
    assert scope.threatened(codes, codes.index("D")) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Will my account be closed?", True),  # asks what the store is going to do
    ("My account be closed please", False),
])
def test_will_my_account_be_closed_asks(text: str, expected: bool) -> None:
    codes = _codes(tokens(text))[0]
    assert scope.threatened(codes, codes.index("A")) is expected


@pytest.mark.parametrize("text", [
    "after this parcel arrives please close my account",
    "Refund me, and once that's done, delete my account",
    "مشكورين. بعد ما توصل هالشحنة سكروا حسابي لو سمحتوا",
])
def test_a_deletion_that_waits_for_something_else_goes_to_a_person(text: str) -> None:
    assert for_a_person(text, "delete_account")


@pytest.mark.parametrize("text", [
    "Honestly after this experience I don't want an account. Please delete my account.",
    "ابي بعد تحذفون حسابي",  # Gulf «بعد»: "also"
    "Please close my account.",
])
def test_a_deletion_now(text: str) -> None:
    assert auto_applied(text, "delete_account")


def test_you_did_nothing_negates_its_own_verb() -> None:
    text = "امسحو حسابي وبطلو ترسلون لي كل يوم رسايل ، قلت لكم قبل وما سويتو شي امسحوه كله"
    assert classify(msg(text)).intent == "delete_account"
    assert classify(msg("ما عندي شي تحذفونه")).intent == "other"


@pytest.mark.parametrize(("text", "expected"), [
    # "if one more message reaches me after this mail, I'll close the account"
    ("وترى اذا وصلتني رسالة وحدة بعد هالايميل بسكر الحساب", True),
    ("لو رجعت الرسايل بحذف حسابي", True),
    ("أطالب بحذف حسابي", False),  # "I demand the deletion of my account": no "if"
    ("اذا سمحت قم بحذف حسابي", False),  # "if you please": a polite request
])
def test_the_gulf_future_after_if_is_a_threat(text: str, expected: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    verb = next(k for k, c in enumerate(codes) if c == "D")
    assert scope.conditional_future(codes, toks, index, verb) is expected


@pytest.mark.parametrize("text", [
    # "otherwise" opens the sentence: every verb of it is the threat, the third as the first
    "Otherwise I will cancel the Shield, file a complaint with the Ministry of Commerce, and "
    "delete my account with you.",
    "After the second one I even thought about deleting my account, but I'd rather you fix it.",
    "امس من القهر فكرت الغي اشتراكي بالنشرة وانسى الموضوع كله",  # "I thought of unsubscribing"
])
def test_what_was_only_weighed_or_threatened_is_no_request(text: str) -> None:
    assert classify(msg(text)).intent == "other"


@pytest.mark.parametrize(("text", "expected"), [
    # the fallback when the first wish cannot be met: asked for
    ("If you can't merge them, please delete my old account", True),
    ("ممكن تعطلون حسابي؟ وإذا ما ينفع التعطيل احذفوا حسابي عادي", True),
    # the store's own failing, or the sender's own future: a threat
    ("واذا ما ترجعون فلوسي احذفوا حسابي", False),
    ("if you can't sort out the packaging I'll just delete my account", False),
])
def test_a_fallback_is_asked_for(text: str, expected: bool) -> None:
    toks = tokens(text)
    codes, index = _codes(toks)
    verb = max(k for k, c in enumerate(codes) if c == "D")
    assert scope.fallback(codes, toks, index, verb) is expected


def test_there_is_nothing_ends_its_negation() -> None:
    """«… وفي الموقع ما فيه شي\\nابي احذف حسابي»: "there is nothing on the site" is a clause of
    its own; the want after it is not negated."""
    text = "ما لقيت خيار حذف الحساب، دورت في التطبيق وفي الموقع ما فيه شي ابي احذف حسابي نهائيا"
    assert classify(msg(text)).intent == "delete_account"


@pytest.mark.parametrize("text", [
    # asks what the store will do
    "Does the new policy mean you'll close my account؟ I travel a lot",
    # "if … not …," then the verb: the condition's consequence (a number's dot ends nothing)
    "If the refund for QN-KW-729212 (KWD 64.000) is not in my account by Thursday, I am "
    "deleting my account and posting every one of your emails on X.",
])
def test_a_question_about_the_future_or_a_condition_is_no_request(text: str) -> None:
    assert classify(msg(text)).intent == "other"


@pytest.mark.parametrize(("text", "expected"), [
    # asks whether the deletion is needed …
    ("Do I need to delete my account or something for the refund to go through?", True),
    ("do we have to close the account first?", True),
    # … or whether the store will do it: «ب» and «راح» are the future
    ("هل بتحذفون حسابي؟", True),
    ("هل راح تقفلون الحساب؟", True),
    ("hal ra7 tms7oon 7sabi?", True),
    # asks for it
    ("هل ممكن تحذفون حسابي؟", False),
    ("I need to delete my account", False),
    ("please delete my account", False),
])
def test_asking_whether_a_deletion_is_needed_or_coming(text: str, expected: bool) -> None:
    assert scope.asks_whether(*_read(text)) is expected


def test_a_question_about_deleting_inactive_accounts_is_not_a_request() -> None:
    text = ("bs abi as2al, hal ra7 tms7oon 7sabi iza ma sawait login 3 sneen? 3ndi points wayed\n"
            "ma abi yen7thf")
    assert classify(msg(text)).intent == "other"


@pytest.mark.parametrize(("text", "intent"), [
    # "if it isn't closed" repeats the demand; the threat is the complaint
    ("سكروا الحساب اليوم، واذا ما تسكر بشتكي عليكم في حماية المستهلك", "delete_account"),
    ("close my account today, and if you don't close it I'll complain", "delete_account"),
    # a deletion on a condition still waits
    ("delete my account if you don't refund me", "other"),
])
def test_if_not_done_repeats_the_demand(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent", "applies"), [
    # «لا أقصد» may be "no, I mean" or "I don't mean": a person reads which
    ("أريد إلغاء الاشتراك لا أقصد حذف الحساب نهائيا", "unsubscribe", False),
    # "no actually", "no I mean": a dictated self-correction, the later words count
    ("Please unsubscribe me no actually delete the whole account I don't want it anymore",
     "delete_account", True),
    ("hi please delete no I mean stop the emails I want to keep my account", "unsubscribe", True),
])
def test_a_self_correction(text: str, intent: str, applies: bool) -> None:
    result = classify(msg(text))
    assert result.intent == intent and (result.confidence >= 0.8) is applies, result


@pytest.mark.parametrize(("text", "intent"), [
    # the "don't" of an "if" is the condition's, not a refusal of the request beside it
    ("If you don't stop the emails I'll report you. Unsubscribe me.", "unsubscribe"),
    ("Even if I don't use it, don't delete my account", "other"),
])
def test_a_negation_inside_an_if(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    # «ولا أطلب في هذه المرحلة إغلاق الحساب»: "nor do I ask, at this stage, to close the account"
    ("أرجو تزويدي بنسخة من بياناتي. ولا أطلب في هذه المرحلة إغلاق الحساب أو حذف أي بيانات.",
     "other"),
    # "I didn't ask for an account and I don't want one. Please erase it.": a new clause asks
    ("I never asked for an account and I would like it erased.", "delete_account"),
])
def test_a_request_denied_further_back(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent
