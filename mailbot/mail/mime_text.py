"""Bytes and header values → Python values: charsets, RFC 2047, addresses, HTML → text.

Mail lies about its charset. Arabic mail in particular arrives as windows-1256 or
ISO-8859-6 labelled correctly, as UTF-8 labelled ``iso-8859-1``, or with a label
Python has never heard of. :func:`decode_text` never raises: it tries the declared
charset strictly, then a short fallback chain (UTF-8, windows-1256, Latin-1), and
reports what it had to do so the caller can record a defect. Header values go through
the same fallbacks: raw 8-bit bytes are rescued the same way and RFC 2047 encoded-words
are decoded with ``email.header.decode_header``; addresses go through
``email.utils.getaddresses`` (after a regex fast path for the plain ``Name <a@b>``
shape), dates through ``email.utils.parsedate_to_datetime``.

:func:`html_to_text` uses the standard library's tolerant ``html.parser``: it drops
``<script>``/``<style>``/``<head>``, turns block elements into line breaks, prefixes
``<blockquote>`` content with ``> `` (so the quote splitter sees webmail quotes the
same way as plain-text ones) and lets the parser unescape entities.
"""

from __future__ import annotations

import codecs
import functools
import re
from datetime import UTC, datetime
from email.header import decode_header
from email.utils import getaddresses, parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

# Labels that promise "Western" text; mail clients put them on UTF-8 and
# windows-1256 bodies alike, so for these we check whether the bytes say otherwise.
_WEAK_LABELS = frozenset({"ascii", "iso8859-1", "iso8859-15", "cp1252"})

_CHARSET_ALIASES = {
    # Labels seen in the wild that Python's codec registry does not know.
    "unknown-8bit": "",
    "x-unknown": "",
    "x-user-defined": "",
    "default": "",
    "windows-1256-arabic": "cp1256",
    "arabic": "iso8859_6",
    "iso-8859-6-i": "iso8859_6",
    "iso-8859-6-e": "iso8859_6",
    "x-mac-arabic": "mac_arabic",
    "utf8mb4": "utf-8",
}


@functools.lru_cache(maxsize=256)  # a handful of labels, on every part and encoded-word
def codec_name(charset: str | None) -> str | None:
    """Python's codec name for a MIME charset label, or None when unknown/empty."""
    if not charset:
        return None
    label = charset.strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    if not label:
        return None
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):
        return None


def _mostly_arabic(text: str) -> bool:
    non_ascii = len(_NON_ASCII.findall(text))
    return non_ascii > 0 and len(_ARABIC_LETTER.findall(text)) * 2 >= non_ascii


def _guess(data: bytes) -> tuple[str, str]:
    """Decode bytes whose charset is unknown or wrong: UTF-8, windows-1256, Latin-1."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # windows-1256 keeps the French letters of Latin-1 where they are, so prefer it
    # only when the result really reads as Arabic.
    arabic = data.decode("cp1256", errors="replace")
    if _mostly_arabic(arabic):
        return arabic, "cp1256"
    return data.decode("latin-1"), "latin-1"


def _printable(label: str | None) -> str:
    """A charset label safe to put in a defect (it came from the message)."""
    if not label:
        return "none"
    data = label.encode("utf-8", "surrogateescape")[:40]
    return data.decode("ascii", "replace")


def decode_text(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode ``data`` declared as ``charset``; return (text, defect or None)."""
    codec = codec_name(charset)
    if codec is None:
        if data.isascii():
            return data.decode("ascii"), None
        text, used = _guess(data)
        return text, f"charset-unknown:{_printable(charset)}->{used}"
    if codec in _WEAK_LABELS and data and not data.isascii():
        text, used = _guess(data)
        if used != "latin-1" and used != codec:
            return text, f"charset-mislabelled:{_printable(charset)}->{used}"
    try:
        return data.decode(codec), None
    except (UnicodeDecodeError, LookupError):
        text, used = _guess(data)
        return text, f"charset-mismatch:{_printable(charset)}->{used}"
    except Exception:  # exotic codecs (e.g. some CJK/utf-7 states) raise other errors
        text, used = _guess(data)
        return text, f"charset-error:{_printable(charset)}->{used}"


# --- headers: unfolding, 8-bit rescue, RFC 2047 ---------------------------------------

_FOLD = re.compile(r"\r?\n(?=[ \t])")


def unfold(value: str) -> str:
    """RFC 5322 unfolding: a line break followed by whitespace is not a break."""
    if "\n" not in value:
        return value
    # Where every break is of one kind, plain replacements do what the regex does (several
    # times faster: it is tried at every position). Removing a break never makes a new
    # break-before-blank that the regex would have missed, and str.replace does not rescan.
    if "\r" not in value:
        return value.replace("\n ", " ").replace("\n\t", "\t")
    if value.count("\r") == value.count("\n") == value.count("\r\n"):
        return value.replace("\r\n ", " ").replace("\r\n\t", "\t")
    return _FOLD.sub("", value)


def rescue_8bit(value: str) -> str:
    """Decode raw 8-bit header bytes, which the parser hands over surrogate-escaped."""
    if value.isascii():
        return value
    return decode_text(value.encode("utf-8", "surrogateescape"), "utf-8")[0]


def _decode_words(value: str) -> str:
    """RFC 2047: decode encoded-words, including partly encoded values."""
    if "=?" not in value:
        return value
    try:
        chunks = decode_header(value)
    except Exception:  # malformed encoded-words: keep the raw text
        return value
    pieces: list[str] = []
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
    """A header's value as readable text: unfolded, 8-bit rescued, RFC 2047 decoded, and
    without control characters (see :func:`without_controls`)."""
    if not value:
        return ""
    if value.isascii() and value.isprintable() and "=?" not in value:  # most values: as is
        return value.strip()
    text = rescue_8bit(unfold(value))
    if "=?" in text:
        text = _decode_words(text)
    return without_controls(text).strip()


# Line breaks of any kind (Python's str.splitlines also breaks at \x0b, \x0c, \x1c-\x1e,
# \x85, U+2028/9, and the email package refuses them in a header) and other controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Bidi embeddings, overrides and isolates: they make text read differently from how it is
# stored ("\u202egnp.exe"), so text we repeat (a reply's subject) must not carry them.
_BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """``text`` with control characters as spaces and bidi overrides removed."""
    if text.isprintable():  # the common case, checked in C
        return text
    return _BIDI_CONTROL.sub("", _CONTROL.sub(" ", text))


# --- structured headers: addresses, ids, dates -----------------------------------------

# The shapes nearly every From/To takes: `Name <a@b>`, `"Name" <a@b>`, `a@b`. Anything
# else (groups, comments, several addresses, escapes) goes to ``getaddresses``.
_ADDR = r"[^<>\s@\",;:()\\\[\]]+@[^<>\s@\",;:()\\\[\]]+"
_SIMPLE_ADDRESS = re.compile(
    rf'^\s*(?:"(?P<quoted>[^"\\]*)"|(?P<plain>[^"<>,;:()\\@\[\]]*?))\s*<(?P<angle>{_ADDR})>\s*$'
    rf"|^\s*(?P<bare>{_ADDR})\s*$"
)


def _simple_address(value: str) -> tuple[str, str] | None:
    match = _SIMPLE_ADDRESS.match(value)
    if match is None:
        return None
    if match.group("bare"):
        return "", match.group("bare")
    name = match.group("quoted") if match.group("quoted") is not None else match.group("plain")
    return " ".join(name.split()), match.group("angle")


def addresses(values: list[str]) -> list[tuple[str, str]]:
    """(display name, addr-spec) pairs; names decoded after the address syntax is parsed."""
    raw = [rescue_8bit(unfold(value)) for value in values]
    pairs: list[tuple[str, str]] = []
    for value in raw:
        pair = _simple_address(value)
        if pair is None:  # one value is not simple: the library reads them all
            try:
                pairs = getaddresses(raw)
            except Exception:  # getaddresses has raised on hostile input in past releases
                return []
            break
        pairs.append(pair)
    return [(decode_header_value(name), address.strip()) for name, address in pairs]


_MSG_ID = re.compile(r"<[^<>\s\x00-\x1f\x7f]+>")


def message_ids(value: str | None) -> list[str]:
    """The ``<id@host>`` tokens of Message-ID / In-Reply-To / References, in order."""
    if not value:
        return []
    ids = _MSG_ID.findall(value)
    if ids:
        return ids
    bare = value.strip()  # an id with a control character names nothing we could answer
    return [bare] if bare and bare.isprintable() and " " not in bare else []


def header_date(value: str | None) -> datetime | None:
    """An aware datetime for a Date header value, None when it cannot be parsed."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:  # "-0000": the time is UTC, the zone merely unknown
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


# --- HTML ------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def html_declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in its first kilobyte (``<meta charset>``)."""
    match = _META_CHARSET.search(data[:2048])
    return match.group(1).decode("ascii", "replace") if match else None


_SKIP_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript", "xml"})
# Paragraph-like blocks are set off by a blank line; line-like blocks just start a line.
_PARAGRAPH_TAGS = frozenset(
    {"address", "blockquote", "dl", "fieldset", "figure", "form", "h1", "h2", "h3", "h4",
     "h5", "h6", "hr", "ol", "p", "pre", "table", "ul"}
)  # fmt: skip
_LINE_TAGS = frozenset(
    {"article", "aside", "caption", "center", "dd", "div", "dt", "footer", "header", "li",
     "main", "nav", "section", "tbody", "tfoot", "thead", "tr"}
)  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_MAX_QUOTE_PREFIX = 8
_WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\u00a0]+")


class _TextExtractor(HTMLParser):
    """Collects visible text as lines; ``<blockquote>`` lines get a "> " per level."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._skip_depth = 0
        self._quote_depth = 0
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag == "br":
            self._line_break()
        elif tag in _PARAGRAPH_TAGS:
            self._paragraph_break()
            if tag == "blockquote":
                self._quote_depth += 1
            elif tag == "pre":
                self._pre_depth += 1
        elif tag in _LINE_TAGS:
            self._flush()
        elif tag in _CELL_TAGS:
            self._line.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._line_break()
        elif tag == "hr":
            self._paragraph_break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _PARAGRAPH_TAGS:
            self._paragraph_break()
            if tag == "blockquote":
                self._quote_depth = max(0, self._quote_depth - 1)
            elif tag == "pre":
                self._pre_depth = max(0, self._pre_depth - 1)
        elif tag in _LINE_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._pre_depth:
            first, *rest = data.split("\n")
            self._line.append(first)
            for piece in rest:
                self._flush()
                self._line.append(piece)
        else:
            self._line.append(_WHITESPACE_RUN.sub(" ", data))

    def _flush(self) -> bool:
        """End the current line; False when it held no text."""
        line = "".join(self._line).replace("\u00a0", " ").strip()
        self._line = []
        if not line:
            return False
        # The prefix only has to say "quoted": capping it keeps 20,000 nested
        # <blockquote>s from writing 20,000 "> " before each of their lines.
        self.lines.append("> " * min(self._quote_depth, _MAX_QUOTE_PREFIX) + line)
        return True

    def _blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def _line_break(self) -> None:
        if not self._flush():  # <br> on an empty line is a blank line
            self._blank()

    def _paragraph_break(self) -> None:
        self._flush()
        self._blank()

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines).strip("\n")


_TAG = re.compile(r"<[^>]*>")
_INVISIBLE_BLOCK = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


# A "<" whose tag never closes before the next "<" (or the end). The stdlib parser
# rescans from such a "<" for every one that follows (minutes for 50 KB of "<a &"), so
# these become text first; the lookahead stops at the next "<" or ">", so this is linear.
# Possessive ("*+"): a run stopped by ">" is a closed tag, and giving characters back
# could not change that, only cost a step per character of every tag.
_UNCLOSED_TAG = re.compile(r"<(?=[^<>]*+(?:<|\Z))")


def _defused(html: str) -> str:
    """``html`` with every "<" the stdlib parser would rescan to the end made text: tags
    that never close and comments opened after the last "-->"."""
    html = _UNCLOSED_TAG.sub("&lt;", html)
    last_close = html.rfind("-->") + 1
    if "<!--" in html[last_close:]:
        html = html[:last_close] + html[last_close:].replace("<!--", "&lt;!--")
    return html


def html_to_text(html: str) -> tuple[str, str | None]:
    """Readable text of an HTML document; return (text, defect or None)."""
    extractor = _TextExtractor()
    try:
        extractor.feed(_defused(html))
        extractor.close()
    except Exception:  # html.parser is tolerant, but old releases had assertion paths
        crude = _TAG.sub(" ", _INVISIBLE_BLOCK.sub(" ", html))
        return unescape(crude).strip(), "html-parse-error"
    return extractor.text(), None
