"""The public pages (pure rendering): both languages, the brand's default first, escaped."""

from __future__ import annotations

from mailbot.config import settings_from_dict
from mailbot.public.pages import Pages


def test_default_language_comes_first_and_sets_the_page_direction() -> None:
    arabic_first = Pages(settings_from_dict({"brand": {"default_language": "ar"}}))
    page = arabic_first.render("confirm", 200, form_action="/u/x")
    assert page.html.index('lang="ar" dir="rtl" class') < page.html.index('lang="en" dir="ltr" class')
    assert '<html lang="ar" dir="rtl">' in page.html
    english_first = Pages(settings_from_dict({"brand": {"default_language": "en"}}))
    html = english_first.render("confirm", 200, form_action="/u/x").html
    assert '<html lang="en" dir="ltr">' in html
    assert html.index('lang="en" dir="ltr" class') < html.index('lang="ar" dir="rtl" class')


def test_brand_name_is_escaped_and_every_kind_renders_in_both_languages() -> None:
    pages = Pages(settings_from_dict({"brand": {"name": "<b>Shop</b>"}}))
    for kind in ("confirm", "done", "invalid", "expired", "not_one_click", "too_many",
                 "too_large", "unavailable", "not_found"):
        html = pages.render(kind, 200).html
        assert 'section lang="ar"' in html and 'section lang="en"' in html
        assert "<b>Shop</b>" not in html
    assert "&lt;b&gt;Shop&lt;/b&gt;" in pages.render("confirm", 200).html


def test_channel_names_what_stops() -> None:
    pages = Pages(settings_from_dict({}))
    assert "marketing text messages" in pages.render("done", 200, channel="sms").html
    assert "جميع الرسائل التسويقية" in pages.render("done", 200, channel="all").html
