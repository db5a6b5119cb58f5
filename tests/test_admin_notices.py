"""The notices the admin page shows after an action (decisions, login, logout, errors) are in
the page's language: Arabic on an Arabic page, with ids and commands isolated for direction,
and the English wording unchanged on an English page. In-process (httpx ASGI transport)."""

from __future__ import annotations

import re

import httpx
import pytest
from markupsafe import escape

from mailbot.admin import i18n
from mailbot.policy.states import RequestState
from mailbot.runtime import Runtime
from tests.fixtures.admin import ADMIN_NAME, hostile_message, insert_request
from tests.test_admin import client, client_for, csrf_of, log_in, logged_in, rt  # noqa: F401  (fixtures)

SAMPLE_VALUES = {"id": "7", "count": "2", "days": "30", "state": "rejected", "kind": "other",
                 "intents": "unsubscribe, delete_account, other", "intent": "'spam'",
                 "command": "mailbot queue show 7", "channels": "email, sms",
                 "reason": "an admin judged it not a privacy request"}


def _sample(english: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLE_VALUES[m.group(1)], english)


def _notice(html: str) -> str:
    match = re.search(r'<div class="flash (?:ok|error)" role="(?:status|alert)" dir="auto">(.*?)</div>', html)
    assert match, "no notice on the page"
    return match.group(1)


# --- the table of wordings (pure) -----------------------------------------------------------------


@pytest.mark.parametrize("english", list(i18n.NOTICES))
def test_each_wording_has_one_arabic_form(english: str) -> None:
    text = _sample(english)
    matching = [e for e in i18n.NOTICES if i18n.notice_pattern(e).fullmatch(text)]
    assert matching == [english]  # no two wordings can be taken for each other
    arabic = i18n.arabic_notice(text)
    assert arabic != text and re.match(r"[\u0600-\u06ff]", arabic)  # starts right to left
    for name in re.findall(r"\{(\w+)\}", english):
        value = i18n.ARABIC.get(SAMPLE_VALUES[name], SAMPLE_VALUES[name])
        if name != "reason":
            assert f"<bdi>{escape(value)}</bdi>" in arabic
    assert i18n.notices("en")(text) == text


def test_values_are_translated_isolated_and_escaped() -> None:
    assert i18n.arabic_notice("request 12 is already rejected") == (
        "حالة الطلب <bdi>12</bdi> بالفعل: <bdi>مرفوض</bdi>")
    assert "<bdi>mailbot queue show 3</bdi>" in i18n.arabic_notice(
        "request 3 failed again; see `mailbot queue show 3`")
    assert "رأى أحد المسؤولين" in i18n.arabic_notice(
        "request 4 closed: an admin judged it not a privacy request")  # a nested wording
    hostile = i18n.arabic_notice("a request can be approved as x; not '<script>'")
    assert "&lt;script&gt;" in hostile and "<script>" not in hostile
    assert i18n.arabic_notice("request 5 rejected; <b>") == "request 5 rejected; <b>"  # left as is
    assert i18n.arabic_notice("request 5 is already") == "request 5 is already"


# --- the pages ------------------------------------------------------------------------------------


async def _decide(admin: httpx.AsyncClient, path: str, **form: str) -> str:
    """POST a decision with the session's token; the notice on the page it leads to."""
    token = csrf_of((await admin.get("/")).text)
    response = await admin.post(path, data={"csrf_token": token, **form})
    assert response.status_code == 303
    return _notice((await admin.get(response.headers["location"])).text)


async def test_decisions_on_an_arabic_page_are_told_in_arabic(rt: Runtime,  # noqa: F811
                                                               logged_in: httpx.AsyncClient) -> None:  # noqa: F811
    await logged_in.get("/", params={"lang": "ar"})
    approved = insert_request(rt, raw=hostile_message(), uid=1)
    rejected = insert_request(rt, raw=hostile_message(), uid=2)
    assert await _decide(logged_in, f"/requests/{approved}/approve", **{"as": ""}) == (
        "أُوقفت الرسائل التسويقية إلى هذا العنوان")
    assert await _decide(logged_in, f"/requests/{rejected}/reject") == f"رُفض الطلب <bdi>{rejected}</bdi>"
    assert await _decide(logged_in, f"/requests/{rejected}/reject") == (
        f"حالة الطلب <bdi>{rejected}</bdi> بالفعل: <bdi>مرفوض</bdi>")
    assert await _decide(logged_in, f"/requests/{approved}/retry") == (
        f"حالة الطلب <bdi>{approved}</bdi>: <bdi>مُنفّذ</bdi>؛ لا تُعاد إلا محاولة الطلبات الفاشلة")
    assert await _decide(logged_in, "/replies/99/retry") == "لا يوجد رد رقمه <bdi>99</bdi>"


async def test_a_failed_retry_names_the_command_left_to_right(rt: Runtime,  # noqa: F811
                                                              logged_in: httpx.AsyncClient) -> None:  # noqa: F811
    request_id = insert_request(rt, state=RequestState.failed, action="unsubscribe",
                                error="LookupError: gone")  # still no customer: fails again
    await logged_in.get("/", params={"lang": "ar"})
    assert await _decide(logged_in, f"/requests/{request_id}/retry") == (
        f"فشل تنفيذ الطلب <bdi>{request_id}</bdi> مرة أخرى؛ انظر <bdi>mailbot queue show {request_id}</bdi>")


async def test_error_pages_on_an_arabic_page_are_in_arabic(rt: Runtime,  # noqa: F811
                                                           logged_in: httpx.AsyncClient) -> None:  # noqa: F811
    await logged_in.get("/", params={"lang": "ar"})
    missing = await logged_in.get("/requests/999")
    assert missing.status_code == 404 and _notice(missing.text) == "لا يوجد طلب رقمه <bdi>999</bdi>"
    no_page = await logged_in.get("/requests/abc")
    assert no_page.status_code == 404 and _notice(no_page.text) == "لا توجد صفحة بهذا العنوان."
    forged = await logged_in.post("/logout", data={"csrf_token": "forged"})
    assert forged.status_code == 403 and _notice(forged.text).startswith("انتهت صلاحية هذا النموذج")


async def test_login_notices_keep_the_language_chosen(client: httpx.AsyncClient) -> None:  # noqa: F811
    await client.get("/login", params={"lang": "ar"})  # chosen with the switch, not the browser
    wrong = await log_in(client, password="not it")
    assert wrong.status_code == 401 and _notice(wrong.text) == "الاسم أو كلمة المرور غير صحيحة."
    assert (await log_in(client)).status_code == 303
    assert '<html lang="ar" dir="rtl">' in (await client.get("/")).text  # kept across the login
    token = csrf_of((await client.get("/")).text)
    assert (await client.post("/logout", data={"csrf_token": token})).status_code == 303
    after = (await client.get("/login")).text
    assert '<html lang="ar" dir="rtl">' in after and _notice(after) == "تم تسجيل خروجك."
    assert ADMIN_NAME not in after and (await client.get("/")).status_code == 303  # logged out


async def test_english_pages_keep_the_english_wording(rt: Runtime,  # noqa: F811
                                                      logged_in: httpx.AsyncClient) -> None:  # noqa: F811
    request_id = insert_request(rt, raw=hostile_message())
    assert await _decide(logged_in, f"/requests/{request_id}/reject") == f"request {request_id} rejected"
    assert _notice((await logged_in.get("/requests/999")).text) == "there is no request 999"
    async with client_for(rt) as fresh:
        assert _notice((await log_in(fresh, password="not it")).text) == "Wrong name or password."
