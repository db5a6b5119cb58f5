"""The admin page in Arabic beside English: the words of the interface, the language a page
is shown in, and its direction. What came from mail is shown as written (``dir="auto"``)."""

from __future__ import annotations

from collections.abc import Callable

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
