"""understanding.wrapping: the newlines a mail client put in are joined, the typed ones kept."""

from __future__ import annotations

import pytest

from mailbot.understanding.wrapping import unwrap

WRAPPED = ("I have been trying to close the account for a week and every time the page\n"
           "says something went wrong, so could you do it for me")


@pytest.mark.parametrize(("text", "joined"), [
    (WRAPPED, True),  # "says" did not fit on the line before: the client wrapped it
    # "وقفوا" would have fitted after «منكم»: the sender pressed enter
    ("هالرقم جديد علي من شهر وتجيني عروض واتساب من عندكم باسم وحده اسمها ام راكان\n"
     "انا مو عميله عندكم ولا عمري طلبت منكم\nوقفوا الرسايل عن رقمي لو سمحتوا", False),
    # a paragraph's first line: "ياريت" would have fitted at any client's width, so typed
    ("أبغى أقفل حسابي عندكم خلاص، إيش أسوي؟ والله ما عاد أستخدمه\nياريت تمسحوا بياناتي كمان",
     False),
    # longer than any client wraps: a phone sent the line as typed
    ("الله يخليكم امسحوا تذكير عيد ميلاد الوالدة من حسابي، الوالدة الله يرحمها توفت وكل سنة "
     "يجيني تذكير هدية لأمك. ما ابي اشوفه مرة ثانية\nالحساب حسابي انا", False),
    # a next line that opens with "and" continues the sentence
    ("أنا لغيت الاشتراك في النشرة من اللينك اللي تحت من أسبوعين\nولسه الإيميلات بتوصل كل خميس",
     True),
    ("I unsubscribed from the weekly deals newsletter a couple of weeks back\nand yet", True),
])
def test_unwrap_joins_only_what_a_client_wrapped(text: str, joined: bool) -> None:
    last = text.rsplit("\n", 1)[1]
    assert (last not in unwrap(text).split("\n")) == joined
