"""The admin page in Arabic beside English: the words of the interface, the notices it shows
after an action, the language a page is shown in, and its direction. What came from mail is
shown as written (``dir="auto"``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

LANGUAGES = ("en", "ar")
DIRECTION = {"en": "ltr", "ar": "rtl"}
SWITCH = {"en": ("ar", "العربية"), "ar": ("en", "English")}

ARABIC = {
    # frame
    "mailbot · review queue": "mailbot · قائمة المراجعة",
    "Queue": "القائمة", "History": "السجل", "Customer": "العميل", "Left for people": "متروك للفريق",
    "Log out": "تسجيل الخروج", "Log in": "تسجيل الدخول", "Name": "الاسم", "Password": "كلمة المرور",
    "Problem": "مشكلة", "Back to the queue": "العودة إلى القائمة",
    # queue
    "Review queue": "قائمة المراجعة", "open": "مفتوح", "Kind": "النوع", "State": "الحالة",
    "Confidence": "الثقة", "Lang.": "اللغة", "Due": "الموعد النهائي", "Reason": "السبب",
    "overdue": "متأخر", "error": "خطأ", "The queue is empty.": "القائمة فارغة.",
    "Failed replies": "ردود فشل إرسالها", "Request": "الطلب", "Attempts": "المحاولات",
    "Failed": "فشل", "Error": "الخطأ", "Send again": "أعد الإرسال", "text purged": "حُذف النص",
    # request
    "← Queue": "→ القائمة", "Language": "اللغة", "Received": "الاستلام", "Action": "الإجراء",
    "Channels": "القنوات", "Confirmation expires": "ينتهي التأكيد", "Confirmed": "تم التأكيد",
    "Evidence": "الدليل", "none": "لا شيء", "Decision": "القرار", "as": "بصفة",
    "(as classified)": "(كما صُنّف)", "Approve": "موافقة", "Retry": "إعادة المحاولة",
    "note (optional, no personal data)": "ملاحظة (اختيارية، بلا بيانات شخصية)",
    "Reject": "رفض", "Message": "الرسالة", "From": "من", "Subject": "الموضوع", "Date": "التاريخ",
    "Automated": "آلية", "Size": "الحجم", "bytes": "بايت", "Stored as": "محفوظة بحالة",
    "Text": "النص", "Quoted": "المقتبس",
    "The raw message is no longer stored (retention).": "لم تعد الرسالة الأصلية محفوظة (مدة الاحتفاظ).",
    "No message is attached to this request.": "لا رسالة مرفقة بهذا الطلب.",
    "When": "متى", "Who": "من قام", "What": "ماذا", "Details": "التفاصيل",
    "No events yet.": "لا أحداث بعد.", "Replies": "الردود", "Sent": "أُرسل",
    "Waiting or failed: the text is kept until it is sent.": "قيد الانتظار أو فشل: يُحفظ النص حتى يُرسل.",
    "Delivered replies keep only when and which: their text is not stored.":
        "الردود المرسلة لا يُحفظ نصها، بل موعدها ونوعها فقط.",
    # history and search
    "Address": "العنوان", "any": "الكل", "Search": "بحث", "Received from": "استُلم من",
    "until": "حتى", "No requests match.": "لا طلبات مطابقة.", "Created": "أُنشئ",
    "requests": "طلبات",
    # customer
    "Look up": "ابحث", "Status": "الحالة", "Erased": "مُحي", "Marketing consents": "موافقات التسويق",
    "Channel": "القناة", "Allowed": "مسموح", "Changed": "تاريخ التغيير", "How": "الطريقة",
    "yes": "نعم", "no": "لا", "Requests": "الطلبات", "Events": "الأحداث",
    "No one with this address is known.": "لا يوجد أحد بهذا العنوان.",
    "Personal data erased": "حُذفت البيانات الشخصية",
    "Orders are kept for tax law, unlinked from the person.":
        "تُحفظ الطلبات الشرائية كما يقتضي قانون الضرائب، منفصلة عن الشخص.",
    # left for people
    "Why": "السبب", "Marked on the server": "مُعلَّمة على الخادم",
    "No mail left for people.": "لا بريد متروك للفريق.",
    "Mail mailbot read and left in the inbox for a person to answer.":
        "بريد قرأه mailbot وتركه في صندوق الوارد ليجيب عنه أحد أعضاء الفريق.",
    # states and kinds
    "received": "مستلم", "awaiting_confirmation": "بانتظار التأكيد", "in_review": "قيد المراجعة",
    "applied": "مُنفّذ", "replied": "تم الرد", "rejected": "مرفوض", "expired": "منتهي",
    "failed": "فشل", "unsubscribe": "إلغاء الاشتراك", "delete_account": "حذف الحساب",
    "other": "أخرى", "quarantine": "حجر", "active": "نشط", "erased": "ممحو", "unknown": "غير معروف",
    "pending": "قيد الانتظار", "sent": "أُرسل",
}


def language_of(requested: str | None, remembered: object, accept_language: str) -> str:
    """The page's language: asked for in the link, else remembered, else the browser's."""
    for choice in (requested, remembered):
        if choice in LANGUAGES:
            return str(choice)
    return "ar" if accept_language.strip().lower().startswith("ar") else "en"


def translator(language: str) -> Callable[[str], str]:
    if language == "ar":
        return lambda text: ARABIC.get(text, text)
    return lambda text: text


# Notices: what a decision, the login or an error page tells the admin. The review functions
# (shared with the CLI) answer in English; each answer's wording is a pattern here, where
# {name} stands for a value (an id, a state, a command) that the Arabic text keeps.
NOTICES = {
    # the admin app's own
    "Wrong name or password.": "الاسم أو كلمة المرور غير صحيحة.",
    "You are logged out.": "تم تسجيل خروجك.",
    "There is no such page.": "لا توجد صفحة بهذا العنوان.",
    "This form has expired or did not come from this site. Go back, reload the page and try again.":
        "انتهت صلاحية هذا النموذج أو لم يصدر عن هذا الموقع. ارجع وأعد تحميل الصفحة ثم حاول مرة أخرى.",
    # mailbot.pipeline.review
    "there is no request {id}": "لا يوجد طلب رقمه {id}",
    "a request can be approved as {intents}; not {intent}":
        "تجوز الموافقة على الطلب بصفة {intents} فقط، لا بصفة {intent}",
    "request {id} is {state}; only requests in review can be approved (a failed one can be retried)":
        "حالة الطلب {id}: {state}؛ لا تجوز الموافقة إلا على الطلبات قيد المراجعة "
        "(أما الطلب الفاشل فتُعاد محاولته)",
    "request {id} is a {kind}: approve it as {intents}": "الطلب {id} من نوع {kind}: وافق عليه بصفة {intents}",
    "request {id} has no sender address to act on; reject it":
        "لا عنوان مرسل للطلب {id} يمكن العمل عليه؛ ارفضه",
    "request {id} failed; see `{command}`": "فشل تنفيذ الطلب {id}؛ انظر {command}",
    "request {id} failed again; see `{command}`": "فشل تنفيذ الطلب {id} مرة أخرى؛ انظر {command}",
    "request {id} closed: {reason}": "أُغلق الطلب {id}: {reason}",
    "an admin judged it not a privacy request": "رأى أحد المسؤولين أنه ليس طلب خصوصية",
    "request {id} rejected": "رُفض الطلب {id}",
    "request {id} rejected; {count} merged message(s) will be taken up again as their own requests":
        "رُفض الطلب {id}؛ وستُعالَج الرسائل المدمجة فيه ({count}) من جديد كطلبات مستقلة",
    "request {id} is already {state}": "حالة الطلب {id} بالفعل: {state}",
    "request {id} is {state}; only failed requests can be retried":
        "حالة الطلب {id}: {state}؛ لا تُعاد إلا محاولة الطلبات الفاشلة",
    # mailbot.pipeline.execute: what carrying out a request did
    "unsubscribed from {channels}": "أُلغي الاشتراك في {channels}",
    "address suppressed": "أُوقفت الرسائل التسويقية إلى هذا العنوان",
    "no account for this address": "لا حساب لهذا العنوان",
    "confirmation sent to the address on file": "أُرسل طلب التأكيد إلى العنوان المسجّل",
    "erased; {count} orders kept unlinked":
        "حُذفت البيانات؛ وبقيت {count} من الطلبات الشرائية محفوظة منفصلة عن الشخص",
    # mailbot.pipeline.failed_replies
    "there is no reply {id}": "لا يوجد رد رقمه {id}",
    "reply {id} is {state}; only failed replies can be sent again":
        "حالة الرد {id}: {state}؛ لا يُعاد إلا إرسال الردود الفاشلة",
    "reply {id} can no longer be sent: its text was purged {days} days after it failed":
        "لم يعد إرسال الرد {id} ممكنًا: حُذف نصه بعد {days} يومًا من فشله",
    "reply {id} queued again; it goes out with the next delivery":
        "أُعيد الرد {id} إلى قائمة الإرسال؛ يُرسل مع دفعة التسليم التالية",
}
NUMBERS = frozenset({"id", "count", "days"})  # placeholders that only ever hold a whole number


def notice_pattern(english: str) -> re.Pattern[str]:
    """The English wording as a regular expression: each {name} captures its value, and a
    name used twice must hold the same value both times."""
    parts = re.split(r"\{(\w+)\}", english)  # text, name, text, name, ..., text
    regex: list[str] = []
    seen: set[str] = set()
    for i, part in enumerate(parts):
        if i % 2 == 0:
            regex.append(re.escape(part))
        elif part in seen:
            regex.append(f"(?P={part})")
        else:
            seen.add(part)
            value = r"\d+" if part in NUMBERS else ".+?"
            regex.append(f"(?P<{part}>{value})")
    return re.compile("".join(regex))


_ARABIC_NOTICES = [(notice_pattern(english), arabic) for english, arabic in NOTICES.items()]


def arabic_notice(text: str) -> str:
    """``text`` in Arabic, each value set in <bdi> so that an id, a command or an English
    word keeps its own direction inside the right-to-left sentence; a wording not in
    :data:`NOTICES` stays as it is (escaped when shown)."""
    for pattern, arabic in _ARABIC_NOTICES:
        match = pattern.fullmatch(text)
        if match:
            values = {name: Markup("<bdi>{}</bdi>").format(ARABIC.get(value) or arabic_notice(value))
                      for name, value in match.groupdict().items()}
            return escape(arabic).format(**values)
    return text


def notices(language: str) -> Callable[[str], str]:
    """The notice translator for a page (``notice(text)`` in the templates)."""
    return arabic_notice if language == "ar" else (lambda text: text)
