"""Bounded work per message: crafted ~1 MB mails parse and classify in ≤ 5 s and ≤ 400 MB.

Each mail runs in a fresh child process so its peak RSS (``VmHWM``) is its own.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time

import pytest

from mailbot.mail.mime_text import html_to_text
from mailbot.mail.parsing import parse_message
from mailbot.understanding.classify import classify
from mailbot.understanding.wrapping import unwrap
from tests.fixtures.hostile import NAMES, hostile_mail
from tests.fixtures.mail import make_raw

_CHILD = """
import json, sys, time
from mailbot.mail.parsing import parse_message
from mailbot.understanding.classify import classify
from tests.fixtures.hostile import hostile_mail
raw = hostile_mail(sys.argv[1])
start = time.process_time()
result = classify(parse_message(raw))
# VmHWM is this process image's own peak; getrusage's ru_maxrss carries the parent's RSS
# over fork + exec, so a large pytest process made the child look large.
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status")
               if line.startswith("VmHWM:"))
print(json.dumps({"seconds": time.process_time() - start, "intent": result.intent,
                  "rss_mb": peak_kb / 1024}))
"""


@pytest.mark.parametrize("name", NAMES)
def test_crafted_mail_is_parsed_and_classified_within_bounds(name: str) -> None:
    done = subprocess.run([sys.executable, "-c", _CHILD, name], capture_output=True,
                          text=True, timeout=120, check=True)
    measured = json.loads(done.stdout)
    assert measured["seconds"] <= 5.0, measured
    assert measured["rss_mb"] <= 400, measured


def message(text: str):  # noqa: ANN201 - a ParsedMessage holding ``text`` uncut
    return dataclasses.replace(parse_message(make_raw(1)), text=text)


def _cpu(func, *args) -> float:  # noqa: ANN001
    start = time.process_time()
    func(*args)
    return time.process_time() - start


def test_classify_time_does_not_grow_with_text_beyond_the_cap() -> None:
    small = message("unsubscribe " * 2_000)
    huge = message("unsubscribe " * 80_000)  # 14 minutes before the cap and windows
    assert classify(huge).intent == classify(small).intent == "unsubscribe"
    assert _cpu(classify, huge) < 10 * _cpu(classify, small) + 0.05


def test_clause_look_ups_are_linear_in_a_text_without_full_stops() -> None:
    # 16 KB of requests in one "sentence": each check looks a bounded distance around it.
    one = message("unsubscribe delete my account stop it " * 40)
    many = message("unsubscribe delete my account stop it " * 400)
    assert _cpu(classify, many) < 30 * _cpu(classify, one) + 0.05


def test_twenty_thousand_nested_blockquotes_cost_no_memory_per_level() -> None:
    text, defect = html_to_text("<blockquote>" * 20_000 + "unsubscribe me")
    assert defect is None
    assert text == "> " * 8 + "unsubscribe me"


@pytest.mark.parametrize("unit", ['"<a &', "<!--CDATA[>", "<a ", "</", "<!", "<!["])
def test_html_with_unclosed_constructs_is_linear(unit: str) -> None:
    small, big = unit * 5_000, unit * 40_000
    assert _cpu(html_to_text, big) < 20 * _cpu(html_to_text, small) + 0.1
    text, _ = html_to_text('a <b>bold</b> <!-- hidden --> 1 < 2 and <a x="1">link</a>')
    assert " ".join(text.split()) == "a bold 1 < 2 and link"


def test_unwrap_joins_many_hard_wrapped_lines_in_linear_time() -> None:
    text = ("w" * 60 + "\n") * 20_000
    assert _cpu(unwrap, text) < 0.5
    assert unwrap("a" * 70 + "\nbbbb\n\nc.") == "a" * 70 + " bbbb\n\nc."


def test_oversized_text_is_truncated_with_a_defect() -> None:
    parsed = parse_message(hostile_mail("short-lines"))
    assert "text-truncated" in parsed.defects
    assert len(parsed.text) <= 256_000
