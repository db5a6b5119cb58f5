"""What the public endpoints say, in Arabic and English, on one page (pure rendering).

Every page shows both languages, the brand's default language first: the person who
clicked may read either, and the link cannot know which.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from mailbot.config import Settings

TEMPLATES = Path(__file__).parent / "templates"

WHAT = {
    "email": ("marketing emails", "الرسائل التسويقية عبر البريد الإلكتروني"),
    "sms": ("marketing text messages", "الرسائل النصية التسويقية"),
    "phone": ("marketing calls", "المكالمات التسويقية"),
    "social": ("marketing on social media", "التسويق عبر وسائل التواصل الاجتماعي"),
    "post": ("marketing by post", "التسويق عبر البريد العادي"),
    "all": ("all marketing", "جميع الرسائل التسويقية"),
}


@dataclass(frozen=True)
class Page:
    status: int
    html: str


def _texts(kind: str, *, brand: str, support: str, what: tuple[str, str]) -> dict[str, Any]:
    en_what, ar_what = what
    mail_us_en = f"To unsubscribe, write “unsubscribe” to {support}."
    mail_us_ar = f"لإلغاء اشتراكك، أرسل عبارة «إلغاء الاشتراك» إلى ‎{support}‎."
    texts: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
        "confirm": (
            {"title": "Unsubscribe?", "button": "Unsubscribe",
             "lines": [f"Stop {en_what} from {brand}?"],
             "note": "Nothing changes until you press the button."},
            {"title": "إلغاء الاشتراك؟", "button": "إلغاء الاشتراك",
             "lines": [f"هل تريد إيقاف {ar_what} من {brand}؟"],
             "note": "لن يتغير شيء حتى تضغط على الزر."}),
        "done": (
            {"title": "You are unsubscribed",
             "lines": [f"{brand} will send you no more {en_what}."],
             "note": "This takes effect now; a campaign already on its way may still arrive."},
            {"title": "تم إلغاء اشتراكك",
             "lines": [f"لن يرسل إليك {brand} {ar_what} بعد الآن."],
             "note": "يسري ذلك فوراً؛ وقد تصلك رسالة من حملة أُرسلت قبل ذلك."}),
        "invalid": (
            {"title": "This link is not valid",
             "lines": ["The unsubscribe link may have been cut off or changed. Nothing was changed.",
                       mail_us_en]},
            {"title": "هذا الرابط غير صالح",
             "lines": ["ربما قُطع رابط إلغاء الاشتراك أو تغيّر. لم يتغير شيء.", mail_us_ar]}),
        "expired": (
            {"title": "This link has expired",
             "lines": ["The unsubscribe link is from an old message. Nothing was changed.", mail_us_en]},
            {"title": "انتهت صلاحية هذا الرابط",
             "lines": ["رابط إلغاء الاشتراك من رسالة قديمة. لم يتغير شيء.", mail_us_ar]}),
        "not_one_click": (
            {"title": "Not an unsubscribe request",
             "lines": ["This request did not ask to unsubscribe. Nothing was changed."]},
            {"title": "ليس طلب إلغاء اشتراك",
             "lines": ["لم يطلب هذا الطلب إلغاء الاشتراك. لم يتغير شيء."]}),
        "too_many": (
            {"title": "Too many requests", "lines": ["Please wait a minute and try again."]},
            {"title": "طلبات كثيرة جداً", "lines": ["يرجى الانتظار دقيقة ثم المحاولة مرة أخرى."]}),
        "unavailable": (
            {"title": "Please try again in a minute",
             "lines": ["Nothing was changed yet: the service is busy.", mail_us_en]},
            {"title": "يرجى المحاولة بعد دقيقة",
             "lines": ["لم يتغير شيء بعد: الخدمة مشغولة.", mail_us_ar]}),
        "too_large": (
            {"title": "Request too large", "lines": ["Nothing was changed."]},
            {"title": "الطلب كبير جداً", "lines": ["لم يتغير شيء."]}),
        "not_found": (
            {"title": "Page not found", "lines": []},
            {"title": "الصفحة غير موجودة", "lines": []}),
    }
    en, ar = texts[kind]
    return {"en": en, "ar": ar}


class Pages:
    """Renders the bilingual pages; built once per app."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                       undefined=jinja2.StrictUndefined)
        self._template = self._env.get_template("page.html")
        default = settings.brand.default_language
        self._languages = [default, "en" if default == "ar" else "ar"]

    def render(self, kind: str, status: int, *, channel: str = "email",
               form_action: str | None = None) -> Page:
        brand = self._settings.brand
        text = _texts(kind, brand=brand.name, support=brand.support_address,
                      what=WHAT.get(channel, WHAT["email"]))
        html = self._template.render(kind=kind, text=text, languages=self._languages,
                                     form_action=form_action)
        return Page(status=status, html=html)
