"""Families found by held-out set 86 (dialects, a fourth time)."""

from __future__ import annotations

import pytest

from mailbot.understanding.classify import classify
from tests.test_classify import msg

NEWSLETTER = ("> رفّ الأسبوع\n> وصل حديثاً: روايات الخريف، وشحن مجاني للطلبات فوق ١٥٠ درهم.\n"
              "> لإلغاء الاشتراك من النشرة اضغط هنا")


@pytest.mark.parametrize(("text", "intent"), [
    # Algerian «نحيولي» (remove for me), «الايمايل», «الاشهار» (advertising), «بركا» (enough)
    ("نحيولي الايمايل تاعي من الليستة تاع الاشهار، بركا ما تبعثولي", "unsubscribe"),
    # Tunisian «نفسخ», «فسخولي» (delete), «الكونت متاعي» (my account)
    ("نحب نفسخ الكونت متاعي من عندكم، ما عادش نستعمل فيه", "delete_account"),
    # Jordanian Arabizi "bdi" (I want)
    ("marhaba, bdi a3mel unsubscribe mn el newsletter bs ma zabat m3i, el link ma bifta7. kef "
     "b2dar?", "unsubscribe"),
    # … look-alikes keep their answer
    ("فسخولي الطلب رقم 5521 عافاكم", "other"),
    ("نحييكم على الخدمة الممتازة", "other"),
])
def test_maghrebi_and_levantine_words(text: str, intent: str) -> None:
    assert classify(msg(text)).intent == intent


def test_egyptian_stop_already_above_a_newsletter() -> None:
    result = classify(msg("بطلوا بقى 🙏 كفاية كده", "Re: رفّ الأسبوع", quoted=NEWSLETTER))
    assert result.intent == "unsubscribe", result
