"""Raw message bytes → :class:`ParsedMessage` (headers, the sender's own text, signals).

Approach
--------
* **Never raise.** Mail is hostile input: broken MIME, lying charsets, garbage.
  :func:`parse_message` records every problem in ``defects`` and, should anything
  unexpected still escape, returns a minimal message with a ``parser-error`` defect
  so the daemon can quarantine it instead of crashing.
* **Fast.** ``email.policy.default`` builds a rich header object for every header
  and manages ~1,800 messages/s; we need parse + classify ≥ 3,000/s. So we parse
  with ``compat32`` semantics (headers stay plain strings; ~4-5x faster), index the
  top-level headers once, walk the MIME tree once, and decode headers with
  ``email.header.decode_header`` (RFC 2047) and ``email.utils.getaddresses`` (with a
  regex fast path for the plain ``Name <a@b>`` shape). Attachments are never decoded.
  On the corpus this parses ~4,500 messages/s on one core.
* **Text.** The first text/plain part outside attachments and attached messages
  wins; when there is none (or it is blank) the first HTML part goes through
  :func:`mailbot.mail.mime_text.html_to_text`. Bytes are decoded with charset fallbacks
  (:mod:`mailbot.mail.mime_text`), then quotes and signatures are split off
  (:mod:`mailbot.mail.quotes`).
* **Signals** that a machine sent the message (RFC 3834 and friends) come from
  :mod:`mailbot.mail.automation`, the one home of those rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.feedparser import FeedParser
from email.message import Message
from email.policy import Compat32

from mailbot.mail.automation import automation_signals
from mailbot.mail.mime_text import (
    addresses,
    decode_header_value,
    decode_text,
    header_date,
    html_declared_charset,
    html_to_text,
    message_ids,
    rescue_8bit,
    unfold,
)
from mailbot.mail.quotes import InlineAnswer, split_body


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
    automation: tuple[str, ...]
    """Signals that a machine sent it (named in :mod:`mailbot.mail.automation`). Empty for
    mail a person wrote."""
    authentication_results: tuple[str, ...] = ()
    """Raw values of every Authentication-Results header, top first."""
    list_unsubscribe_mailto: bool = False
    """True when this looks like an RFC 2369 mailto unsubscribe a mail client generated."""
    defects: tuple[str, ...] = ()
    size: int = 0
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """All headers decoded, in order (for rules that need one we did not lift out)."""
    inline_answers: tuple[InlineAnswer, ...] = ()
    """An inline reply's answers, each with the quoted passage it answers (see
    :mod:`mailbot.mail.quotes`); empty unless the sender answered two passages or more."""

    @property
    def is_automated(self) -> bool:
        return bool(self.automation)


class _PlainHeaderPolicy(Compat32):
    """compat32, but every header value comes back as a plain ``str``.

    compat32 wraps values holding raw 8-bit bytes in ``Header`` objects, and the
    parser itself trips over them (an RFC 2231 ``boundary*=`` with 8-bit bytes raises
    UnicodeEncodeError). We decode such values here, with the body charset fallbacks.
    """

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value if value.isascii() else rescue_8bit(value)


_POLICY = _PlainHeaderPolicy()


def _parse(raw: bytes) -> Message:
    """The stdlib feed parser's result for ``raw``, cheaper for a single-part message.

    The feed parser reads a single-part body line by line only to join the lines again
    (about a third of its time). The header block ends at or before the first empty
    line, so we parse up to there alone; when that line ended the headers and the
    message is not multipart/* or message/*, its payload is the rest of the text, as the
    full parse would set it.
    """
    text = raw.decode("ascii", "surrogateescape")
    end = _head_end(text)
    if end:
        head = text[:end].lower()
        # No Content-Type in this text can be multipart/* or message/* (the header values
        # come from it; only ASCII letters lower-case to those words).
        if "multipart" not in head and "message/" not in head:
            msg = _feed(text[:end], headers_only=True)
            # A payload here means the headers ended before that empty line (a line that
            # is no header, or another kind of line end): rare, the full parse sees to it.
            if msg.get_payload() == "":
                msg.set_payload(text[end:])
                return msg
    return _feed(text)


def _head_end(text: str) -> int:
    """Where the first LF LF or CRLF CRLF ends (both end on a line break), or 0."""
    lf, crlf = text.find("\n\n"), text.find("\r\n\r\n")
    if lf < 0 or 0 <= crlf < lf:
        return crlf + 4 if crlf >= 0 else 0
    return lf + 2


def _feed(text: str, headers_only: bool = False) -> Message:
    """``BytesParser.parsebytes`` in one feed: it would copy the text into a StringIO and
    feed it back in 8 KB chunks (the feed parser is incremental, so the result is the same)."""
    parser = FeedParser(policy=_POLICY)
    if headers_only:  # what Parser.parsestr(headersonly=True) sets
        parser._set_headersonly()
    parser.feed(text)
    return parser.close()


_MAX_DEPTH = 30  # MIME nesting we follow; deeper trees are hostile or broken
# Text we decode, de-HTML and split per message. Nobody types 256 KB to a support
# address; the cap keeps a 50 MB mail (or 1 MB of hostile HTML) from costing seconds.
_MAX_TEXT_BYTES = 256_000
# Bytes of a message we hand to the parser. The stdlib parser needs ~9x a message's
# size in memory and ~35 ms/MB; the headers and the text come first, so beyond this
# there are only attachments, which we never decode anyway.
_MAX_PARSE_BYTES = 5_000_000


# --- headers ---------------------------------------------------------------------------

class _Headers:
    """Top-level header values by lower-cased name (``Message.get`` rescans every call)."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items = items
        by_name: dict[str, list[str]] = {}
        for name, value in items:  # no setdefault: it builds a list per call
            key = name.lower()
            if key in by_name:
                by_name[key].append(value)
            else:
                by_name[key] = [value]
        self._by_name = by_name

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def first(self, name: str) -> str | None:
        values = self._by_name.get(name)
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return self._by_name.get(name, [])


def _first_address(values: list[str]) -> tuple[str, str | None]:
    for display, address in addresses(values[:1]):
        if address:
            return display, address
        if display:
            return display, None
    return "", None


def _return_path(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip().strip("<>").strip()


# --- automation signals ----------------------------------------------------------------


def _automation(headers: _Headers, parts: list[_Part], from_name: str, from_address: str | None,
                return_path: str | None, subject: str) -> tuple[str, ...]:
    """Everything suggesting a machine wrote the message (see ``ParsedMessage.automation``)."""
    return automation_signals(
        headers.items, content_types=(part.content_type for part in parts),
        from_address=from_address, from_name=from_name, return_path=return_path, subject=subject)


_MAILTO_SUBJECT = re.compile(r"^(unsubscribe|remove|stop)\b[:\s]*(?P<tokens>.*)$", re.IGNORECASE)
_NOT_A_LIST_TOKEN = frozenset(
    {"me", "my", "i", "us", "from", "account", "data", "please", "pls", "plz", "all", "it",
     "this", "the", "your", "emails", "messages", "sending", "info", "details", "order"}
)  # fmt: skip
_GENERATED_BODY = re.compile(r"^(this (message|email) was (automatically )?generated\b.*)?$", re.I)


def _is_list_unsubscribe_mailto(headers: _Headers, subject: str, text: str) -> bool:
    """RFC 2369 mailto unsubscribe: subject "unsubscribe [list] [token]", empty body."""
    match = _MAILTO_SUBJECT.match(subject.strip())  # first: it rules out nearly all mail
    if not match or any(name.startswith("list-") for name in headers):
        return False
    tokens = match.group("tokens").split()
    if len(tokens) > 3 or any(token.lower() in _NOT_A_LIST_TOKEN for token in tokens):
        return False
    body = text.strip()
    return not body or body.lower() == subject.strip().lower() or bool(_GENERATED_BODY.match(body))


# --- body ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Part:
    message: Message
    content_type: str
    is_attachment: bool
    content_type_header: str
    """The raw Content-Type value ("" when absent): each ``Message.get`` rescans the headers."""


def _content_type(msg: Message, value: str | None) -> str:
    """``Message.get_content_type`` without its repeated header scans (same rules)."""
    if value is None:
        return msg.get_default_type()
    content_type = value.split(";", 1)[0].strip().lower()
    return content_type if content_type.count("/") == 1 else "text/plain"


def _parts(msg: Message, headers: _Headers) -> list[_Part]:
    """Every part of ``msg`` in order, not descending into attached messages."""
    parts: list[_Part] = []
    # The top level's headers are already indexed: each Message.get rescans them.
    _walk(msg, headers.first("content-type"), headers.first("content-disposition"), parts, 0)
    return parts


def _walk(msg: Message, content_type_header: str | None, disposition: str | None,
          parts: list[_Part], depth: int) -> None:
    content_type = _content_type(msg, content_type_header)
    parts.append(_Part(msg, content_type,
                       (disposition or "").strip().lower().startswith("attachment"),
                       content_type_header or ""))
    # is_multipart() first: get_payload() on a leaf decodes it, and can raise doing so.
    if depth >= _MAX_DEPTH or content_type.startswith("message/") or not msg.is_multipart():
        return
    for part in msg.get_payload():
        if isinstance(part, Message):
            _walk(part, part.get("Content-Type"), part.get("Content-Disposition"), parts,
                  depth + 1)


def _text_parts(parts: list[_Part]) -> tuple[_Part | None, _Part | None]:
    """The first inline text/plain part and the first inline text/html part."""
    plain = html = None
    for part in parts:
        if part.is_attachment:
            continue
        if part.content_type == "text/plain" and plain is None:
            plain = part
        elif part.content_type == "text/html" and html is None:
            html = part
    return plain, html


def _truncated(payload: bytes, defects: list[str]) -> bytes:
    """At most ``_MAX_TEXT_BYTES``, cut at a line end so no multi-byte character is split."""
    if len(payload) <= _MAX_TEXT_BYTES:
        return payload
    defects.append("text-truncated")
    cut = payload.rfind(b"\n", 0, _MAX_TEXT_BYTES)
    if cut > 0:
        return payload[:cut]
    # One long line: cut before a UTF-8 continuation byte, or the split character makes
    # the whole text fail as UTF-8 and be read as windows-1256. At most 3 steps back, so a
    # single-byte charset loses no more than that.
    cut = _MAX_TEXT_BYTES
    while cut > _MAX_TEXT_BYTES - 3 and payload[cut] & 0xC0 == 0x80:
        cut -= 1
    return payload[:cut]


def _part_text(part: _Part, defects: list[str]) -> str:
    payload = part.message.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    payload = _truncated(payload, defects)
    is_html = part.content_type == "text/html"
    charset = _charset_param(part.message, part.content_type_header)
    if not charset and is_html:
        charset = html_declared_charset(payload)
    text, defect = decode_text(payload, charset)
    if defect:
        defects.append(defect)
    if is_html:
        text, defect = html_to_text(text)
        if defect:
            defects.append(defect)
    return text


_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


def _charset_param(part: Message, value: str) -> str | None:
    if "*" in value:  # RFC 2231 parameters: let the library untangle them
        charset = part.get_param("charset")
        if isinstance(charset, tuple):  # (charset, language, value)
            charset = charset[2]
        return charset if isinstance(charset, str) else None
    match = _CHARSET_PARAM.search(value)
    return match.group(1) if match else None


def _body_text(part: _Part | None, defects: list[str]) -> str:
    """The chosen part's text; a failure here must not lose the headers we already have."""
    if part is None:
        return ""
    try:
        return _part_text(part, defects)
    except Exception as error:  # transfer-decoding of hostile payloads
        defects.append(f"body-error:{type(error).__name__}")
        return ""


def _mime_defects(parts: list[_Part]) -> list[str]:
    return [type(defect).__name__ for part in parts for defect in part.message.defects]


# --- language --------------------------------------------------------------------------

# Runs of letters, so findall returns words rather than one match per character.
# --- entry point -----------------------------------------------------------------------


def _decoded_headers(headers: _Headers, known: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Every header decoded; ``known`` holds values already decoded (the subject)."""
    decoded = []
    for name, value in headers.items:  # a plain loop: ~15 headers a message, every message
        if value.isascii() and "=?" not in value:  # the common case, kept cheap
            decoded.append((name, (unfold(value) if "\n" in value else value).strip()))
        else:
            text = known.get(value)
            decoded.append((name, decode_header_value(value) if text is None else text))
    return tuple(decoded)


def _first_id(value: str | None) -> str | None:
    return next(iter(message_ids(value)), None)


def _build(raw: bytes) -> ParsedMessage:
    msg = _parse(raw[:_MAX_PARSE_BYTES])
    headers = _Headers(msg.items())
    parts = _parts(msg, headers)
    defects = _mime_defects(parts)
    if len(raw) > _MAX_PARSE_BYTES:
        defects.append("message-truncated")
    from_name, from_address = _first_address(headers.all("from"))
    return_path = _return_path(headers.first("return-path"))
    raw_subject = headers.first("subject")
    subject = decode_header_value(raw_subject)
    plain, html = _text_parts(parts)
    if plain is None and html is None:
        defects.append("no-text-part")
    body = _body_text(plain, defects)
    if not body.strip():  # some clients send an empty text/plain next to the real HTML
        body = _body_text(html, defects)
    split = split_body(body, from_name)
    date = header_date(headers.first("date"))
    if date is None and headers.first("date"):
        defects.append("bad-date")
    return ParsedMessage(
        message_id=_first_id(headers.first("message-id")),
        subject=subject,
        from_address=from_address,
        from_name=from_name,
        reply_to=_first_address(headers.all("reply-to"))[1],
        to=tuple(address for _, address in addresses(headers.all("to")) if address),
        date=date,
        in_reply_to=_first_id(headers.first("in-reply-to")),
        references=tuple(message_ids(headers.first("references"))),
        return_path=return_path,
        text=split.text,
        quoted=split.quoted,
        signature=split.signature,
        inline_answers=split.answers,
        automation=_automation(headers, parts, from_name, from_address, return_path, subject),
        authentication_results=tuple(
            decode_header_value(value) for value in headers.all("authentication-results")
        ),
        list_unsubscribe_mailto=_is_list_unsubscribe_mailto(headers, subject, split.text),
        defects=tuple(dict.fromkeys(defects)),
        size=len(raw),
        headers=_decoded_headers(headers, {raw_subject: subject} if raw_subject else {}),
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
        automation=(),
        defects=(f"parser-error:{type(error).__name__}",),
        size=len(raw) if isinstance(raw, bytes | bytearray) else 0,
    )
