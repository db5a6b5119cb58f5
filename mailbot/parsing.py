"""Raw message bytes → :class:`ParsedMessage` (headers, the sender's own text, signals).

Approach
--------
* **Never raise.** Mail is hostile input: broken MIME, lying charsets, garbage.
  :func:`parse_message` records every problem in ``defects`` and, should anything
  unexpected still escape, returns a minimal message with a ``parser-error`` defect
  so the daemon can quarantine it instead of crashing.
* **Fast.** ``email.policy.default`` builds a rich header object for every header
  and manages ~1,800 messages/s; we need parse + classify ≥ 3,000/s. So we parse
  with ``compat32`` semantics (headers stay plain strings) and decode only the
  headers we use, with ``email.header.decode_header`` (RFC 2047) and
  ``email.utils.getaddresses``. Attachments are never decoded.
* **Text.** The first text/plain part outside attachments and embedded messages
  wins; an HTML-only message goes through :func:`mailbot.mime_text.html_to_text`.
  Bytes are decoded with charset fallbacks (:mod:`mailbot.mime_text`), then quotes
  and signatures are split off (:mod:`mailbot.quotes`).
* **Signals** that a machine sent the message (RFC 3834 and friends) are collected
  from headers, structure and sender in :func:`automation_signals`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from email.policy import Compat32
from email.utils import getaddresses, parsedate_to_datetime

from mailbot.mime_text import decode_text, html_declared_charset, html_to_text
from mailbot.quotes import split_body


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str | None
    """The Message-ID as ``<id@host>`` (angle brackets kept, whitespace and comments removed)."""
    subject: str
    from_address: str | None
    """The addr-spec of From:, as written (not lower-cased)."""
    from_name: str
    reply_to: str | None
    to: tuple[str, ...]
    date: datetime | None
    in_reply_to: str | None
    """Like ``message_id``: the first ``<id>`` of In-Reply-To."""
    references: tuple[str, ...]
    return_path: str | None
    """The Return-Path addr-spec; "" for the null sender <>; None when the header is absent."""
    text: str
    """The sender's own words: preferred text part (or HTML → text), quotes and signature removed."""
    quoted: str
    """Quoted or forwarded material split off ``text``."""
    signature: str
    language_hint: str
    """"ar", "en" or "und", from the script of ``text`` (then subject)."""
    automation: tuple[str, ...]
    """Signals that a machine sent it, e.g. "auto-submitted:auto-replied", "precedence:bulk",
    "list-id", "list-unsubscribe", "dsn", "sender:mailer-daemon", "sender:no-reply",
    "x-autoreply", "null-return-path". Empty for mail a person wrote."""
    authentication_results: tuple[str, ...] = ()
    """Raw values of every Authentication-Results header, top first."""
    list_unsubscribe_mailto: bool = False
    """True when this looks like an RFC 2369 mailto unsubscribe a mail client generated."""
    defects: tuple[str, ...] = ()
    size: int = 0
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """All headers decoded, in order (for rules that need one we did not lift out)."""

    @property
    def is_automated(self) -> bool:
        return bool(self.automation)


class _RawHeaderPolicy(Compat32):
    """compat32, but header values come back as the raw strings the parser stored.

    compat32 wraps values holding 8-bit bytes in ``Header`` objects; we decode such
    values ourselves (UTF-8, then windows-1256…) so every header is a ``str``.
    """

    def header_fetch_parse(self, name: str, value: str) -> str:  # type: ignore[override]
        return value


_PARSER = BytesParser(policy=_RawHeaderPolicy())
_MAX_DEPTH = 30  # MIME nesting we follow; deeper trees are hostile or broken


# --- headers ---------------------------------------------------------------------------

_FOLD = re.compile(r"\r?\n(?=[ \t])")
_CRLF = re.compile(r"[\r\n]+")


def _raw_to_str(value: str) -> tuple[str, str | None]:
    """Undo the parser's surrogate escaping of 8-bit header bytes."""
    if value.isascii():
        return value, None
    data = value.encode("utf-8", "surrogateescape")
    return decode_text(data, "utf-8")


def _decode_words(value: str) -> str:
    """RFC 2047: decode encoded-words, including partly encoded values."""
    if "=?" not in value:
        return value
    try:
        chunks = decode_header(value)
    except Exception:  # malformed encoded-words: keep the raw text
        return value
    pieces = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            pieces.append(chunk)
        elif charset is None:  # decode_header returns unencoded runs as raw-unicode-escape
            try:
                pieces.append(chunk.decode("raw-unicode-escape"))
            except UnicodeDecodeError:
                pieces.append(chunk.decode("latin-1"))
        else:
            pieces.append(decode_text(chunk, charset)[0])
    return "".join(pieces)


def decode_header_value(value: str | None) -> str:
    """A header's value as readable text: unfolded, 8-bit rescued, RFC 2047 decoded."""
    if not value:
        return ""
    text, _ = _raw_to_str(_FOLD.sub("", value))
    return _CRLF.sub(" ", _decode_words(text)).strip()


def _addresses(values: list[str]) -> list[tuple[str, str]]:
    """(display name, addr-spec) pairs; names decoded after the address syntax is parsed."""
    raw = [_raw_to_str(_FOLD.sub("", value))[0] for value in values]
    try:
        pairs = getaddresses(raw)
    except Exception:
        return []
    return [(decode_header_value(name), address.strip()) for name, address in pairs]


def _first_address(msg: Message, name: str) -> tuple[str, str | None]:
    values = msg.get_all(name) or []
    for display, address in _addresses(values[:1]):
        if address:
            return display, address
        if display:
            return display, None
    return "", None


_MSG_ID = re.compile(r"<[^<>\s]+>")


def _message_ids(value: str | None) -> list[str]:
    if not value:
        return []
    ids = _MSG_ID.findall(value)
    if ids:
        return ids
    bare = value.strip()
    return [bare] if bare and " " not in bare else []


def _return_path(msg: Message) -> str | None:
    value = msg.get("Return-Path")
    if value is None:
        return None
    inside = value.strip().strip("<>").strip()
    return inside


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:  # "-0000": the time is UTC, the zone merely unknown
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


# --- automation signals ----------------------------------------------------------------

_NO_REPLY = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply)(\b|[-_+.])")
_DAEMON = re.compile(r"^(mailer-daemon|postmaster)(\b|[-_+.])")


def _sender_signals(from_address: str | None) -> list[str]:
    local = (from_address or "").rpartition("@")[0].lower() or (from_address or "").lower()
    if _DAEMON.match(local):
        return ["sender:mailer-daemon"]
    if _NO_REPLY.match(local):
        return ["sender:no-reply"]
    return []


def _header_signals(msg: Message) -> list[str]:
    signals = []
    auto = (msg.get("Auto-Submitted") or "").split(";")[0].strip().lower()
    if auto and auto != "no":
        signals.append(f"auto-submitted:{auto}")
    precedence = (msg.get("Precedence") or "").strip().lower()
    if precedence in ("bulk", "junk", "list"):
        signals.append(f"precedence:{precedence}")
    if "List-Id" in msg:
        signals.append("list-id")
    if "List-Unsubscribe" in msg:
        signals.append("list-unsubscribe")
    if "X-Autoreply" in msg or "X-Autorespond" in msg:
        signals.append("x-autoreply")
    if "X-Auto-Response-Suppress" in msg:
        signals.append("x-auto-response-suppress")
    return signals


def _is_report(msg: Message) -> bool:
    if msg.get_content_type() == "multipart/report":
        return True
    return any(
        part.get_content_type() in ("message/delivery-status", "message/global-delivery-status")
        for part in _walk(msg)
    )


def automation_signals(msg: Message, from_address: str | None, return_path: str | None) -> tuple[str, ...]:
    """Everything suggesting a machine wrote ``msg`` (see ``ParsedMessage.automation``)."""
    signals = _header_signals(msg)
    if _is_report(msg):
        signals.append("dsn")
    signals.extend(_sender_signals(from_address))
    if return_path == "":
        signals.append("null-return-path")
    return tuple(dict.fromkeys(signals))


_MAILTO_SUBJECT = re.compile(r"^(unsubscribe|remove|stop)\b[:\s]*(?P<tokens>.*)$", re.IGNORECASE)
_NOT_A_LIST_TOKEN = frozenset(
    {"me", "my", "i", "us", "from", "account", "data", "please", "pls", "plz", "all", "it",
     "this", "the", "your", "emails", "messages", "sending", "info", "details", "order"}
)  # fmt: skip
_GENERATED_BODY = re.compile(r"^(this (message|email) was (automatically )?generated\b.*)?$", re.I)


def _is_list_unsubscribe_mailto(msg: Message, subject: str, text: str) -> bool:
    """RFC 2369 mailto unsubscribe: subject "unsubscribe [list] [token]", empty body."""
    if any(name.lower().startswith("list-") for name in msg.keys()):
        return False
    match = _MAILTO_SUBJECT.match(subject.strip())
    if not match:
        return False
    tokens = match.group("tokens").split()
    if len(tokens) > 3 or any(token.lower() in _NOT_A_LIST_TOKEN for token in tokens):
        return False
    body = text.strip()
    return not body or body.lower() == subject.strip().lower() or bool(_GENERATED_BODY.match(body))


# --- body ------------------------------------------------------------------------------


def _walk(msg: Message, depth: int = 0) -> Iterator[Message]:
    """Parts of ``msg`` in order, not descending into attached messages."""
    yield msg
    if depth >= _MAX_DEPTH or not msg.is_multipart():
        return
    if msg.get_content_maintype() == "message":
        return
    payload = msg.get_payload()
    if isinstance(payload, list):
        for part in payload:
            if isinstance(part, Message):
                yield from _walk(part, depth + 1)


def _is_attachment(part: Message) -> bool:
    disposition = (part.get("Content-Disposition") or "").strip().lower()
    return disposition.startswith("attachment")


def _text_part(msg: Message) -> Message | None:
    """The first inline text/plain part, else the first inline text/html part."""
    html = None
    for part in _walk(msg):
        if part.is_multipart() or _is_attachment(part):
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain":
            return part
        if content_type == "text/html" and html is None:
            html = part
    return html


def _part_text(part: Message, defects: list[str]) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    is_html = part.get_content_type() == "text/html"
    charset = part.get_param("charset")
    if isinstance(charset, tuple):  # RFC 2231: (charset, language, value)
        charset = charset[2]
    if not charset and is_html:
        charset = html_declared_charset(payload)
    text, defect = decode_text(payload, charset if isinstance(charset, str) else None)
    if defect:
        defects.append(defect)
    if is_html:
        text, defect = html_to_text(text)
        if defect:
            defects.append(defect)
    return text


def _mime_defects(msg: Message) -> list[str]:
    found = []
    for part in _walk(msg):
        found.extend(type(defect).__name__ for defect in getattr(part, "defects", ()))
    return found


# --- language --------------------------------------------------------------------------

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_URL_OR_ADDRESS = re.compile(r"\S+://\S+|\S+@\S+")


def _script(text: str) -> str:
    sample = _URL_OR_ADDRESS.sub(" ", text[:4000])
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if not arabic and not latin:
        return "und"
    return "ar" if arabic >= latin else "en"


def language_hint(text: str, subject: str) -> str:
    """"ar"/"en" by the script of ``text``, else of ``subject``; "und" for neither."""
    hint = _script(text)
    return hint if hint != "und" else _script(subject)


# --- entry point -----------------------------------------------------------------------


def _decoded_headers(msg: Message) -> tuple[tuple[str, str], ...]:
    return tuple((str(name), decode_header_value(value)) for name, value in msg.items())


def _build(raw: bytes) -> ParsedMessage:
    msg = _PARSER.parsebytes(raw)
    defects = _mime_defects(msg)
    from_name, from_address = _first_address(msg, "From")
    return_path = _return_path(msg)
    subject = decode_header_value(msg.get("Subject"))
    part = _text_part(msg)
    if part is None:
        defects.append("no-text-part")
    body = _part_text(part, defects) if part is not None else ""
    split = split_body(body)
    date_value = msg.get("Date")
    date = _date(date_value)
    if date_value and date is None:
        defects.append("bad-date")
    return ParsedMessage(
        message_id=next(iter(_message_ids(msg.get("Message-ID"))), None),
        subject=subject,
        from_address=from_address,
        from_name=from_name,
        reply_to=_first_address(msg, "Reply-To")[1],
        to=tuple(address for _, address in _addresses(msg.get_all("To") or []) if address),
        date=date,
        in_reply_to=next(iter(_message_ids(msg.get("In-Reply-To"))), None),
        references=tuple(_message_ids(msg.get("References"))),
        return_path=return_path,
        text=split.text,
        quoted=split.quoted,
        signature=split.signature,
        language_hint=language_hint(split.text, subject),
        automation=automation_signals(msg, from_address, return_path),
        authentication_results=tuple(
            decode_header_value(value) for value in msg.get_all("Authentication-Results") or []
        ),
        list_unsubscribe_mailto=_is_list_unsubscribe_mailto(msg, subject, split.text),
        defects=tuple(dict.fromkeys(defects)),
        size=len(raw),
        headers=_decoded_headers(msg),
    )


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse one RFC 5322 message. Never raises; problems are listed in ``defects``."""
    try:
        return _build(bytes(raw))
    except Exception as error:  # last line of defence: hostile input must not stop the daemon
        return _unparsable(raw, error)


def _unparsable(raw: bytes, error: Exception) -> ParsedMessage:
    return ParsedMessage(
        message_id=None,
        subject="",
        from_address=None,
        from_name="",
        reply_to=None,
        to=(),
        date=None,
        in_reply_to=None,
        references=(),
        return_path=None,
        text="",
        quoted="",
        signature="",
        language_hint="und",
        automation=(),
        defects=(f"parser-error:{type(error).__name__}",),
        size=len(raw) if isinstance(raw, bytes | bytearray) else 0,
    )
