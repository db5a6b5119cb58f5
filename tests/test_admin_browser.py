"""The admin page in a real browser (Debian's chromium through Playwright).

What only a browser can show: hostile HTML from a customer's mail is displayed as text and
never runs, Arabic renders right-to-left inside the page, and the whole round trip (login,
queue, request, approve, flash message) works with real cookies.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Dialog, Page, expect

from mailbot.policy.states import RequestState
from tests.fixtures.admin import (
    ADMIN_NAME,
    ADMIN_PASSWORD,
    ARABIC,
    IMG,
    NOW,
    SCRIPT,
    RunningServer,
    hostile_message,
    insert_request,
)

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/admin-queue.png"


def test_review_in_the_browser(admin_server: RunningServer, page: Page) -> None:
    rt = admin_server.rt
    request_id = insert_request(rt, raw=hostile_message(), uid=1)
    insert_request(rt, raw=hostile_message(), uid=2, state=RequestState.failed,
                   error="LookupError: the customer is no longer active",
                   due_at=NOW - timedelta(days=1))
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{admin_server.url}/")
    expect(page).to_have_url(f"{admin_server.url}/login")
    page.fill("#name", ADMIN_NAME)
    page.fill("#password", ADMIN_PASSWORD)
    page.click("button.primary")

    expect(page.locator("h1")).to_contain_text("Review queue")
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.locator("tr.overdue .tag.overdue")).to_have_count(1)
    page.screenshot(path=SCREENSHOT, full_page=True)

    page.click(f"a[href='/requests/{request_id}']")
    expect(page.locator("dd.subject")).to_have_text(f"Unsubscribe {SCRIPT} إلغاء")
    body = page.locator("pre.mail").first
    expect(body).to_contain_text(SCRIPT)
    expect(body).to_contain_text(IMG)
    expect(body).to_contain_text(ARABIC)
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"  # dir=auto, Arabic first
    assert page.locator("main script, main img").count() == 0

    page.select_option("#as", "unsubscribe")
    page.click("text=Approve")
    expect(page.locator(".flash.ok")).to_have_text("address suppressed")
    expect(page.locator("h1 .tag")).to_have_text("applied")
    assert dialogs == []
    assert console_errors == []  # e.g. nothing the Content-Security-Policy had to block


def test_an_arabic_page_tells_the_decision_in_arabic(admin_server: RunningServer, page: Page) -> None:
    """Arabic chosen on the login page (the browser asks for English) stays after logging in,
    and the notice after a decision is Arabic, right to left, the request's number isolated."""
    request_id = insert_request(admin_server.rt, raw=hostile_message())
    page.goto(f"{admin_server.url}/login")
    page.click("a.lang-switch")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.fill("#name", ADMIN_NAME)
    page.fill("#password", ADMIN_PASSWORD)
    page.click("button.primary")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    page.goto(f"{admin_server.url}/requests/{request_id}")
    page.click("button.danger")  # reject
    notice = page.locator(".flash.ok")
    expect(notice).to_have_text(f"رُفض الطلب {request_id}")
    expect(notice.locator("bdi")).to_have_text(str(request_id))
    assert notice.evaluate("el => getComputedStyle(el).direction") == "rtl"
    page.screenshot(path="/tmp/admin-notice-ar.png")
