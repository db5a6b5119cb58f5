"""Customer-facing replies: Jinja2 templates (Arabic and English) → ``EmailMessage``.

Pure: nothing here reads the clock, the network or the database. ``render_reply`` turns a
kind of reply, a language, a context and the settings into a ready-to-send
``multipart/alternative`` message (plain text + HTML, UTF-8) with RFC 3834 headers;
``reply_blocked_reason`` says why a message must not get a reply at all.

Templates live in ``templates/<language>/`` (packaged as ``mailbot/templates``), three files
per kind: ``<kind>.subject.txt``, ``<kind>.txt`` and ``<kind>.html`` (the HTML extends
``_layout.html``). Operators override any of them by putting a file with the same relative
path under ``[replies] template_dir``. Only the HTML is autoescaped; subjects are folded to
one line, so nothing from mail can inject a header.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

import mailbot
from mailbot.config import Settings
from mailbot.mail.addresses import normalise_email
from mailbot.mail.automation import MAILTO_TOLERATED, automation_signals, sender_signals
from mailbot.mail.mime_text import without_controls
from mailbot.mail.parsing import ParsedMessage
from mailbot.policy.retention import financial_kept_until

KINDS = (
    "unsubscribed",
    "confirm_deletion",
    "deletion_reminder",
    "deletion_done",
    "no_account",
    "received",
    "confirmation_expired",
    "admin_alert",
)
ENGLISH_ONLY = frozenset({"admin_alert"})
ASKS: Mapping[str, str] = {
    "confirm_deletion": "To confirm that you want your account deleted, reply to this email.",
    "deletion_reminder": "To confirm that you want your account deleted, reply to this email.",
}
"""What a reply to each kind answers, in words the classifier reads: a delivered reply's own
text is forgotten (see ``outbox``), its kind and Message-ID are kept."""
LANGUAGES = ("ar", "en")
REQUIRED: Mapping[str, frozenset[str]] = {
    "confirm_deletion": frozenset({"ref"}),
    "deletion_reminder": frozenset({"ref"}),
    "admin_alert": frozenset({"alert_subject"}),
}
DEFAULTS: Mapping[str, Any] = {
    "channels": (),
    "remaining_channels": (),
    "expires_at": None,
    "orders_kept": None,
    "kept_until": None,
    "request_kind": "other",
    "due_at": None,
    "lines": (),
    "since": None,
    "action": None,
}
REF_PATTERN = re.compile(r"^[A-Za-z0-9-]{1,16}$")
REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|antw|رد)\s*(?:\[\d+\])?\s*[:：]\s*)+", re.I)
MAX_SUBJECT = 200
MAX_REFERENCES = 20


class _CachingHeaderRegistry(HeaderRegistry):
    """The stdlib registry builds a new class on every header it parses (~40 µs, a third of
    the cost of a reply); the classes depend only on the header's name, so keep them."""

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, type] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        cls = self._classes.get(key)
        if cls is None:
            cls = self._classes[key] = super().__getitem__(name)
        return cls


MAIL_POLICY = default_policy.clone(header_factory=_CachingHeaderRegistry())
WIRE_POLICY = MAIL_POLICY.clone(linesep="\r\n")
"""``email.policy.SMTP`` with the cached registry: the bytes that are stored and sent."""
WIRE_POLICY_UTF8 = WIRE_POLICY.clone(utf8=True)
"""``email.policy.SMTPUTF8`` likewise, for a recipient with a UTF-8 local part."""


class ReplyError(ValueError):
    """A reply cannot be rendered: unknown kind, missing context or a bad address."""


class AddressError(ReplyError):
    """The recipient is no address we can write to (the request stands; the reply is skipped)."""


# ---------------------------------------------------------------- templates


def packaged_template_dir() -> Path:
    """``mailbot/templates`` in an installed wheel, else the repository's ``templates/``."""
    package = Path(mailbot.__file__).parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


@lru_cache(maxsize=8)
def template_environment(template_dir: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(packaged_template_dir())]
    if template_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(template_dir))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html",), default_for_string=False, default=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        channel=_channel_filter,
        join_list=_join_list_filter,
        date=_date_filter,
        datetime=_datetime_filter,
        count=_count_filter,
    )
    return env


# ---------------------------------------------------------------- localisation

CHANNELS = {
    "en": {"email": "email", "sms": "SMS", "phone": "phone calls",
           "social": "social media", "post": "post"},
    "ar": {"email": "البريد الإلكتروني", "sms": "الرسائل النصية القصيرة",
           "phone": "المكالمات الهاتفية", "social": "وسائل التواصل الاجتماعي",
           "post": "البريد العادي"},
}
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
           "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
}
UNITS = {
    # English: singular, plural. Arabic: one, two (dual), three to ten, eleven and up.
    "hour": {"en": ("hour", "hours"), "ar": ("ساعة واحدة", "ساعتين", "ساعات", "ساعة")},
    "year": {"en": ("year", "years"), "ar": ("سنة واحدة", "سنتين", "سنوات", "سنة")},
    "day": {"en": ("day", "days"), "ar": ("يوم واحد", "يومين", "أيام", "يومًا")},
}


def _language(ctx: jinja2.runtime.Context) -> str:
    return "ar" if ctx.get("language") == "ar" else "en"


@jinja2.pass_context
def _channel_filter(ctx: jinja2.runtime.Context, channel: str) -> str:
    return CHANNELS[_language(ctx)].get(channel, channel)


@jinja2.pass_context
def _join_list_filter(ctx: jinja2.runtime.Context, items: Iterable[str]) -> str:
    return join_list(list(items), _language(ctx))


def join_list(items: list[str], language: str) -> str:
    """``a, b and c`` / «أ، ب وج» (the Arabic «و» is written joined to the next word)."""
    if len(items) <= 1:
        return "".join(items)
    if language == "ar":
        return "، ".join(items[:-1]) + " و" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


@jinja2.pass_context
def _date_filter(ctx: jinja2.runtime.Context, value: date | datetime) -> str:
    return format_date(value, _language(ctx))


@jinja2.pass_context
def _datetime_filter(ctx: jinja2.runtime.Context, value: datetime) -> str:
    language = _language(ctx)
    clock = f"{value:%H:%M} UTC"
    if language == "ar":
        return f"{format_date(value, language)}، الساعة {clock}"
    return f"{format_date(value, language)}, {clock}"


def format_date(value: date | datetime, language: str) -> str:
    return f"{value.day} {MONTHS[language][value.month - 1]} {value.year}"


@jinja2.pass_context
def _count_filter(ctx: jinja2.runtime.Context, n: int, unit: str) -> str:
    return count_phrase(n, unit, _language(ctx))


def count_phrase(n: int, unit: str, language: str) -> str:
    """``72 hours`` / «72 ساعة», «5 سنوات», «ساعتين»: Arabic counted nouns agree with n."""
    forms = UNITS[unit][language]
    if language == "en":
        return f"{n} {forms[0] if n == 1 else forms[1]}"
    one, two, few, many = forms
    if n == 1:
        return one
    if n == 2:
        return two
    return f"{n} {few if 3 <= n % 100 <= 10 else many}"


# ---------------------------------------------------------------- rendering


def choose_language(kind: str, language: str | None, settings: Settings) -> str:
    if kind in ENGLISH_ONLY:
        return "en"
    return language if language in LANGUAGES else settings.brand.default_language


def template_context(
    kind: str, *, language: str, context: Mapping[str, Any], settings: Settings, now: datetime
) -> dict[str, Any]:
    missing = REQUIRED.get(kind, frozenset()) - context.keys()
    if missing:
        raise ReplyError(f"reply {kind!r} needs {', '.join(sorted(missing))} in its context")
    ref = context.get("ref")
    if ref is not None and not REF_PATTERN.match(str(ref)):
        raise ReplyError(f"reply {kind!r}: the reference must be letters, digits and '-'")
    policy = settings.policy
    base = {
        **DEFAULTS,
        "language": language,
        "brand_name": settings.brand.name,
        "support_address": settings.brand.support_address,
        "ttl_hours": policy.confirmation_ttl_hours,
        "retention_years": policy.financial_retention_years,
        "now": now,
        "kept_until": financial_kept_until(now.date(), policy),
    }
    return {**base, **{k: v for k, v in context.items() if v is not None or k not in base}}


def render_parts(
    kind: str, *, language: str, context: Mapping[str, Any], settings: Settings, now: datetime
) -> tuple[str, str, str]:
    """(subject, plain text, HTML) for one kind of reply: pure, used by snapshots and previews."""
    if kind not in KINDS:
        raise ReplyError(f"unknown reply kind {kind!r} (known: {', '.join(KINDS)})")
    language = choose_language(kind, language, settings)
    env = template_environment(settings.replies.template_dir)
    values = template_context(kind, language=language, context=context, settings=settings,
                              now=now)
    subject = one_line(env.get_template(f"{language}/{kind}.subject.txt").render(values))
    values["subject"] = subject
    text = tidy_text(env.get_template(f"{language}/{kind}.txt").render(values))
    html = env.get_template(f"{language}/{kind}.html").render(values).strip() + "\n"
    return subject, text, html


def one_line(text: str) -> str:
    return " ".join(without_controls(text).split())[:MAX_SUBJECT]


def tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def reply_subject(template_subject: str, original_subject: str | None, ref: str | None) -> str:
    """``Re: <original>`` (one ``Re:``), keeping ``[ref:…]`` when the template has one."""
    original = one_line(original_subject or "")
    if not original:
        return template_subject
    subject = "Re: " + (REPLY_PREFIX.sub("", original) or original)
    tag = f"[ref:{ref}]" if ref else None
    if tag and tag in template_subject and tag not in subject:
        subject = f"{subject[:MAX_SUBJECT]} {tag}"  # the tag always survives truncation
    return subject


def render_reply(
    kind: str,
    *,
    language: str,
    context: dict[str, Any],
    settings: Settings,
    to: str,
    in_reply_to: str | None,
    references: tuple[str, ...],
    original_subject: str | None,
    now: datetime,
) -> EmailMessage:
    """The complete reply: multipart/alternative (text + HTML), threading and RFC 3834 headers."""
    language = choose_language(kind, language, settings)
    subject, text, html = render_parts(kind, language=language, context=context,
                                       settings=settings, now=now)
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = Address(display_name=settings.brand.name, addr_spec=settings.from_address)
    message["To"] = _address(to)
    if normalise_email(settings.from_address) != normalise_email(settings.brand.support_address):
        message["Reply-To"] = _address(settings.brand.support_address)
    message["Subject"] = reply_subject(subject, original_subject, context.get("ref"))
    message["Date"] = format_datetime(now)
    message["Message-ID"] = new_message_id(settings.brand.domain)
    _thread(message, in_reply_to, references)
    message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    message.set_boundary(new_boundary())
    message["Content-Language"] = language  # after set_content, which drops Content-* headers
    return message


def new_message_id(domain: str) -> str:
    """From ``secrets``: the stdlib's ``make_msgid`` and MIME boundaries draw on ``random``,
    whose state can be rebuilt from enough of its output."""
    return f"<{secrets.token_hex(16)}@{domain}>"


def new_boundary() -> str:
    return f"=_{secrets.token_hex(16)}"


def _address(value: str) -> Address:
    """One addr-spec; an internationalised domain becomes IDNA, a UTF-8 local part is kept
    (such a reply is queued and sent with SMTPUTF8)."""
    value = value.strip()
    local, _, domain = value.rpartition("@")
    if not local or not domain or not value.isprintable() or any(c in value for c in " <>,;\"\\"):
        raise AddressError("not a single email address we can write to")
    try:
        domain = domain if domain.isascii() else domain.encode("idna").decode("ascii")
        if local.isascii():
            return Address(addr_spec=f"{local}@{domain}")
        return Address(username=local, domain=domain)
    except (ValueError, IndexError, UnicodeError) as exc:
        raise AddressError(f"not a valid email address ({exc.__class__.__name__})") from None


def _msg_id(value: str) -> str | None:
    value = value.strip()
    if not value or not value.isprintable() or " " in value:
        return None
    return value if value.startswith("<") else f"<{value.strip('<>')}>"


def _thread(message: EmailMessage, in_reply_to: str | None, references: tuple[str, ...]) -> None:
    parent = _msg_id(in_reply_to) if in_reply_to else None
    chain: list[str] = []
    for ref in (*references, parent or ""):
        clean = _msg_id(ref)
        if clean and clean not in chain:
            chain.append(clean)
    if len(chain) > MAX_REFERENCES:  # keep the thread root and the newest ones
        chain = chain[:1] + chain[-(MAX_REFERENCES - 1):]
    if parent:
        message["In-Reply-To"] = parent
    if chain:
        message["References"] = " ".join(chain)


def preview_all(
    settings: Settings, *, now: datetime, contexts: Mapping[str, Mapping[str, Any]]
) -> dict[tuple[str, str], tuple[str, str, str]]:
    """Every (kind, language) rendered with the given sample contexts (snapshots, `doctor`)."""
    out: dict[tuple[str, str], tuple[str, str, str]] = {}
    for kind in KINDS:
        for language in (("en",) if kind in ENGLISH_ONLY else LANGUAGES):
            out[(kind, language)] = render_parts(kind, language=language,
                                                 context=contexts.get(kind, {}),
                                                 settings=settings, now=now)
    return out


# ---------------------------------------------------------------- when not to reply



def reply_blocked_reason(msg: ParsedMessage, *, sender: str, settings: Settings) -> str | None:
    """Why ``msg`` must get no reply (None: a reply is allowed). Reasons hold no personal data."""
    address = normalise_email(sender or "")
    if not address or "@" not in address or any(c in address for c in "\r\n, "):
        return "no-sender"
    checks: tuple[Callable[[], str | None], ...] = (
        lambda: _unusable(sender),
        lambda: _own_address(address, settings),
        lambda: _denied(address, settings.policy.deny_list),
        lambda: _automated_sender(address, msg),
        lambda: _automation(msg),
    )
    for check in checks:
        reason = check()
        if reason:
            return reason
    return None


def _unusable(sender: str) -> str | None:
    """A valid address we still cannot write to (a quoted local part such as
    ``"alice"@example.com``): no reply, but the request itself goes ahead."""
    try:
        _address(sender)
    except AddressError:
        return "unusable-address"
    return None


def _own_address(address: str, settings: Settings) -> str | None:
    ours = {settings.brand.support_address, settings.from_address, settings.brand.admin_address}
    return "own-address" if address in {normalise_email(a) for a in ours if a} else None


def _denied(address: str, deny_list: Iterable[str]) -> str | None:
    domain = "@" + address.rpartition("@")[2]
    for entry in deny_list:
        entry = normalise_email(entry)
        if entry == address or (entry.startswith("@") and entry == domain):
            return "deny-list"
    return None


def _automated_sender(address: str, msg: ParsedMessage) -> str | None:
    """The reply's recipient, From and Return-Path judged by the one sender rule list."""
    for candidate in (address, msg.from_address, msg.return_path):
        signals = [s for s in sender_signals(candidate) if s.startswith("sender:")]
        if signals:
            return f"automated:{signals[0]}"
    return None


def _automation(msg: ParsedMessage) -> str | None:
    signals = list(msg.automation) + list(automation_signals(
        msg.headers, from_name=msg.from_name, return_path=msg.return_path, subject=msg.subject))
    if msg.list_unsubscribe_mailto:
        signals = [s for s in signals if not s.startswith(MAILTO_TOLERATED)]
    return f"automated:{signals[0]}" if signals else None


def sample_contexts(now: datetime) -> dict[str, dict[str, Any]]:
    """Representative contexts for every kind (snapshots and template previews)."""
    return {
        "unsubscribed": {"channels": ["email", "sms"], "remaining_channels": ["phone"]},
        "confirm_deletion": {"ref": "7K2Q-9XHD", "expires_at": now + timedelta(hours=72)},
        "deletion_reminder": {"ref": "7K2Q-9XHD", "expires_at": now + timedelta(hours=48)},
        "deletion_done": {"orders_kept": 3},
        "no_account": {"request_kind": "unsubscribe"},
        "received": {"request_kind": "delete_account", "due_at": now + timedelta(days=30)},
        "confirmation_expired": {"request_kind": "delete_account"},
        "admin_alert": {
            "alert_subject": "Mailbox failing for 75 minutes",
            "lines": ["IMAP login to imap.shop.example failed: [AUTHENTICATIONFAILED]",
                      "3 requests are due within 24 hours."],
            "since": now - timedelta(minutes=75),
            "action": "Check the mailbox password (password_env) and run `mailbot doctor`.",
        },
    }
