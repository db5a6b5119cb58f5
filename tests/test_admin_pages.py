"""The admin page's look-back pages, in-process: history and search, the customer's view,
the replies of a request, mail left for people, and the Arabic interface."""

from __future__ import annotations

import re
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import httpx

from mailbot.outgoing.outbox import enqueue
from mailbot.policy.states import RequestState
from mailbot.runtime import Runtime
from mailbot.store.customers import import_customers
from mailbot.store.db import transaction
from mailbot.store.models import ErasedAddress, InboundMessage, InboundState, PrivacyRequest, RequestKind
from tests.fixtures.admin import NOW, SENDER, hostile_message, insert_request
from tests.helpers import SAMPLE_CUSTOMER, write_jsonl
from tests.test_admin import client, logged_in, rt  # noqa: F401  (fixtures)


def _ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<td data-label="#"><a href="/requests/(\d+)"', html)]


def _someone_else(rt: Runtime, request_id: int, email: str = "omar@example.com") -> None:  # noqa: F811
    with transaction(rt.engine) as session:
        request = session.get(PrivacyRequest, request_id)
        assert request is not None
        request.email_index = rt.cipher.email_index(email)


async def test_history_searches_by_address_state_kind_and_date(rt: Runtime,  # noqa: F811
                                                               logged_in: httpx.AsyncClient) -> None:  # noqa: F811
    layla = insert_request(rt, state=RequestState.replied)
    omar = insert_request(rt, kind=RequestKind.delete_account)
    _someone_else(rt, omar)
    everything = (await logged_in.get("/history", params={"lang": "ar"})).text
    assert _ids(everything) == [omar, layla]
    assert '<bdi dir="ltr">2026-11-22 08:00 UTC</bdi>' in everything  # not reordered in RTL
    by_address = (await logged_in.get("/history", params={"email": " Layla@Example.com "})).text
    assert _ids(by_address) == [layla]
    assert _ids((await logged_in.get("/history", params={"state": "replied"})).text) == [layla]
    assert _ids((await logged_in.get("/history", params={"kind": "delete_account"})).text) == [omar]
    day = (NOW - timedelta(hours=1)).date()
    assert len(_ids((await logged_in.get("/history", params={"since": str(day)})).text)) == 2
    later = str(day + timedelta(days=1))
    assert _ids((await logged_in.get("/history", params={"since": later})).text) == []
    bad = await logged_in.get("/history", params={"state": "<script>", "since": "soon"})
    assert bad.status_code == 200 and len(_ids(bad.text)) == 2 and "<script>" not in bad.text


async def test_the_customer_view_shows_consents_requests_and_the_erasure(
        rt: Runtime, logged_in: httpx.AsyncClient, tmp_path: Path) -> None:  # noqa: F811
    import_customers(write_jsonl(tmp_path / "c.jsonl", [SAMPLE_CUSTOMER]), engine=rt.engine,
                     cipher=rt.cipher, now=NOW)
    page = (await logged_in.get("/customer", params={"email": "sara.haddad@example.com"})).text
    assert "active" in page and re.search(r">email</td>\s*<td[^>]*>yes</td>", page)
    with transaction(rt.engine) as session:
        session.add(ErasedAddress(email_index=rt.cipher.email_index(SENDER), erased_at=NOW))
    request_id = insert_request(rt, state=RequestState.replied, kind=RequestKind.delete_account)
    page = (await logged_in.get("/customer", params={"email": SENDER})).text
    assert "erased" in page and "2026-11-22 09:00 UTC" in page
    assert f'href="/requests/{request_id}"' in page
    unknown = (await logged_in.get("/customer", params={"email": "nobody@example.com"})).text
    assert "No one with this address is known." in unknown


async def test_a_request_shows_its_reply(rt: Runtime, logged_in: httpx.AsyncClient) -> None:  # noqa: F811
    request_id = insert_request(rt, raw=hostile_message())
    reply = EmailMessage()
    reply["From"], reply["To"] = "support@shop.example", SENDER
    reply["Subject"], reply["Message-ID"] = "تم إلغاء اشتراكك", "<reply-1@shop.example>"
    reply.set_content("لن تصلك رسائل تسويقية بعد الآن.")
    with transaction(rt.engine) as session:
        enqueue(session, reply, cipher=rt.cipher, kind="unsubscribed", request_id=request_id,
                now=NOW, daily_limit=None)
    page = (await logged_in.get(f"/requests/{request_id}")).text
    assert "&lt;reply-1@shop.example&gt;" in page and "تم إلغاء اشتراكك" in page
    assert "لن تصلك رسائل تسويقية" in page


async def test_mail_left_for_people_is_listed_with_why(rt: Runtime,  # noqa: F811
                                                       logged_in: httpx.AsyncClient) -> None:  # noqa: F811
    raw = hostile_message()
    with transaction(rt.engine) as session:
        session.add(InboundMessage(mailbox="INBOX", uidvalidity=1, uid=9, sha256="9" * 64,
                                   size=len(raw), state=InboundState.left, intent="other",
                                   reason="not a privacy request (classified other, confidence 0.91)",
                                   raw_enc=rt.cipher.encrypt(raw), received_at=NOW))
    page = (await logged_in.get("/left")).text
    assert "not a privacy request (classified other, confidence 0.91)" in page
    assert SENDER in page and "&lt;script&gt;" in page and "<script>alert" not in page


async def test_arabic_interface_right_to_left_and_remembered(logged_in: httpx.AsyncClient) -> None:  # noqa: F811
    english = (await logged_in.get("/")).text
    assert '<html lang="en" dir="ltr">' in english and 'href="?lang=ar"' in english
    arabic = (await logged_in.get("/", params={"lang": "ar"})).text
    assert '<html lang="ar" dir="rtl">' in arabic and "قائمة المراجعة" in arabic
    assert "السجل" in arabic and 'href="?lang=en"' in arabic
    assert '<html lang="ar" dir="rtl">' in (await logged_in.get("/history")).text  # remembered
    assert '<html lang="en"' in (await logged_in.get("/", params={"lang": "en"})).text


async def test_the_browser_language_is_the_first_guess(client: httpx.AsyncClient) -> None:  # noqa: F811
    page = await client.get("/login", headers={"accept-language": "ar-AE,ar;q=0.9,en;q=0.5"})
    assert '<html lang="ar" dir="rtl">' in page.text and "تسجيل الدخول" in page.text


async def test_look_back_pages_need_a_login(client: httpx.AsyncClient) -> None:  # noqa: F811
    for path in ("/history", "/customer?email=a@example.com", "/left"):
        response = await client.get(path)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
