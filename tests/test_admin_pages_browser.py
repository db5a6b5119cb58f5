"""The admin page in Debian's chromium at phone width, in Arabic and in English: right to
left, nothing wider than the screen, the pages reachable from the header, search working."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from mailbot.policy.states import RequestState
from tests.fixtures.admin import (
    ADMIN_NAME,
    ADMIN_PASSWORD,
    SENDER,
    RunningServer,
    hostile_message,
    insert_request,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=["ar", "en"])
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, str]]:
    language = request.param
    context = browser.new_context(viewport=PHONE, locale="ar-AE" if language == "ar" else "en-GB",
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page, language
    context.close()


def fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_phone_width_in_both_languages(admin_server: RunningServer, phone: tuple[Page, str]) -> None:
    page, language = phone
    rt = admin_server.rt
    request_id = insert_request(rt, raw=hostile_message(), uid=1)
    insert_request(rt, raw=hostile_message(), uid=2, state=RequestState.replied)
    page.goto(f"{admin_server.url}/login")
    expect(page.locator("html")).to_have_attribute("lang", language)  # from the browser's language
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    page.fill("#name", ADMIN_NAME)
    page.fill("#password", ADMIN_PASSWORD)
    page.click("button.primary")
    heading = "قائمة المراجعة" if language == "ar" else "Review queue"
    expect(page.locator("h1")).to_contain_text(heading)
    assert fits_the_screen(page)
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == ("rtl" if language == "ar" else "ltr")
    # table rows become cards: the row is as wide as the screen, its label shows
    row = page.locator("tbody tr").first
    assert row.bounding_box()["width"] > PHONE["width"] * 0.8  # type: ignore[index]
    page.screenshot(path=f"/tmp/admin-phone-{language}.png", full_page=True)

    page.click("header nav a[href='/history']")
    page.fill("input[name=email]", SENDER)
    page.click("form.search button")
    expect(page.locator(f"a[href='/requests/{request_id}']")).to_have_count(1)
    expect(page.locator("tbody tr")).to_have_count(2)
    assert fits_the_screen(page)

    page.click(f"a[href='/requests/{request_id}']")
    expect(page.locator("dd.subject")).to_contain_text("إلغاء")
    assert fits_the_screen(page)

    other = "en" if language == "ar" else "ar"
    page.click("a.lang-switch")
    expect(page.locator("html")).to_have_attribute("lang", other)
    page.click("header nav a[href='/left']")
    expect(page.locator("html")).to_have_attribute("lang", other)  # remembered across pages
    assert fits_the_screen(page)
