"""The one-click confirmation page in a real browser (Debian's chromium through Playwright):
both languages laid out in their own direction, nothing changes on a visit, the button
unsubscribes without a redirect or a cookie, and a broken link explains itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.fixtures.public import OMAR, SARA, PublicServer, consents, token_for

pytestmark = pytest.mark.browser


def watch_console(page: Page) -> list[str]:
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":  # a CSP violation shows up here
            errors.append(message.text)

    page.on("console", on_console)
    return errors


@pytest.mark.parametrize("language", ["ar", "en"])
def test_confirmation_page_in_both_languages(public_server: PublicServer, page: Page,
                                             language: str) -> None:
    rt = public_server.rt
    token = token_for(rt, SARA)
    errors = watch_console(page)
    url = f"{public_server.url}/u/{token}"
    page.goto(url)
    arabic, english = page.locator('section[lang="ar"]'), page.locator('section[lang="en"]')
    expect(arabic.locator("h1")).to_have_text("إلغاء الاشتراك؟")
    expect(english.locator("h1")).to_have_text("Unsubscribe?")
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    expect(arabic).to_contain_text("Waha Store")
    page.reload()  # a second visit, like a link scanner's
    assert consents(rt, SARA)["email"] is True  # visiting never unsubscribes

    section = arabic if language == "ar" else english
    section.get_by_role("button").click()
    expect(page.locator('section[lang="ar"] h1')).to_have_text("تم إلغاء اشتراكك")
    expect(page.locator('section[lang="en"] h1')).to_have_text("You are unsubscribed")
    assert page.url == url  # answered in place: no redirect
    assert page.context.cookies() == []
    assert consents(rt, SARA)["email"] is False
    assert consents(rt, OMAR)["email"] is True
    assert errors == []


def test_a_broken_link_explains_itself_in_both_languages(public_server: PublicServer,
                                                         page: Page) -> None:
    token = token_for(public_server.rt, SARA)
    broken = token[:20] + ("a" if token[20] != "a" else "b") + token[21:]
    answer = page.goto(f"{public_server.url}/u/{broken}")
    assert answer is not None and answer.status == 400
    expect(page.locator('section[lang="en"] h1')).to_have_text("This link is not valid")
    expect(page.locator('section[lang="ar"] h1')).to_have_text("هذا الرابط غير صالح")
    expect(page.get_by_role("button")).to_have_count(0)
    expect(page.locator('section[lang="en"]')).to_contain_text("support@shop.example")
    assert consents(public_server.rt, SARA)["email"] is True
