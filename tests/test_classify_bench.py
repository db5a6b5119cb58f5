"""The classifier benchmark in smoke mode: the corpus accuracy targets must hold."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench" / "classify_bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("classify_bench", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _bench()


@pytest.fixture(scope="module")
def corpus(bench: ModuleType) -> Path:
    folder = Path(os.environ.get("MAILBOT_CORPUS", bench.DEFAULT_CORPUS))
    assert (folder / "labels.csv").is_file(), f"classifier corpus not found at {folder}"
    return folder


@pytest.fixture(scope="module")
def report(bench: ModuleType, corpus: Path) -> dict:
    return bench.run(corpus, smoke=True)


def test_corpus_targets(report: dict) -> None:
    assert report["messages"] >= 100
    assert report["macro_f1"] >= 0.97, report["errors"]
    assert report["false_deletes"] == 0, report["errors"]
    assert report["missed_automated"] == 0, report["errors"]
    assert report["auto_apply_errors"] == 0
    assert report["language_accuracy"] >= 0.95


def test_handwritten_sets_have_no_false_deletes(report: dict) -> None:
    assert report["handwritten"], "tests/data/classify/heldout*.jsonl missing"
    for name, scores in report["handwritten"].items():
        assert scores["false_deletes"] == 0, (name, scores["errors"])
        assert scores["missed_automated"] == 0, (name, scores["errors"])


def test_folder_sets_are_scored_and_hold_their_targets(report: dict, bench: ModuleType) -> None:
    """Set 11 (hand-written .eml files) is fitted: it must stay at the unseen-mail targets."""
    assert any(p.name == "set11" for p in bench.DEFAULT_SETS)
    scores = report["handwritten"]["set11"]
    assert scores["messages"] == 173
    assert scores["false_deletes"] == 0, scores["errors"]
    assert scores["missed_automated"] == 0, scores["errors"]
    assert scores["auto_apply_errors"] == 0, scores["errors"]
    assert scores["macro_f1"] >= 0.97, scores["errors"]


@pytest.mark.parametrize(("name", "messages"), [("set12", 168), ("set13", 120), ("set14", 120),
                                              ("set15", 120), ("set16", 100), ("set17", 112),
                                              ("set18", 110), ("set19", 110),
                                              ("set20", 110), ("set21", 110), ("set22", 110),
                                              ("set23", 110), ("set24", 110), ("set25", 110),
                                              ("set26", 110), ("set27", 110), ("set28", 110),
                                              ("set30", 110), ("set31", 110), ("set32", 110),
                                              ("set33", 110), ("set34", 110),
                                              ("set35", 110), ("set36", 110),
                                              ("set37", 110), ("set38", 110),
                                              ("set39", 110), ("set40", 110),
                                              ("set41", 110), ("set42", 110),
                                              ("set43", 110), ("set44", 110),
                                              ("set45", 110), ("set46", 110),
                                              ("set47", 110), ("set48", 110),
                                              ("set49", 110), ("set50", 110),
                                              ("set51", 110), ("set52", 110),
                                              ("set53", 110), ("set54", 110),
                                              ("set55", 110), ("set56", 110),
                                              ("set57", 110), ("set58", 110),
                                              ("set59", 110), ("set60", 110),
                                              ("set61", 110), ("set62", 110),
                                              ("set63", 110), ("set64", 110),
                                              ("set65", 110), ("set66", 110),
                                              ("set67", 110), ("set68", 110),
                                              ("set69", 110), ("set70", 110),
                                              ("set71", 110), ("set72", 110),
                                              ("set73", 110), ("set74", 110),
                                              ("set75", 110), ("set76", 110),
                                              ("set77", 110), ("set78", 110),
                                              ("set79", 110), ("set80", 110),
                                              ("set81", 110), ("set82", 110),
                                              ("set83", 110), ("set84", 110),
                                              ("set85", 110), ("set86", 110),
                                              ("set87", 110), ("set88", 110),
                                              ("set89", 110), ("set90", 110),
                                              ("set91", 110), ("set92", 110),
                                              ("set93", 110), ("set94", 110),
                                              ("set95", 110), ("set96", 110),
                                              ("set97", 110), ("set98", 110),
                                              ("set99", 110), ("set100", 110),
                                              ("set101", 110), ("set102", 110),
                                              ("set103", 110), ("set104", 110),
                                              ("set105", 110), ("set106", 110),
                                              ("set107", 110), ("set108", 110),
                                              ("set109", 110), ("set110", 110),
                                              ("set111", 110), ("set112", 110),
                                              ("set113", 110), ("set114", 110),
                                              ("set115", 110), ("set116", 110),
                                              ("set117", 110), ("set118", 110),
                                              ("set119", 110), ("set120", 110),
                                              ("set121", 110), ("set122", 110),
                                              ("set123", 110), ("set124", 110),
                                              ("set125", 110), ("set126", 110),
                                              ("set127", 110), ("set128", 110),
                                              ("set129", 110), ("set130", 110),
                                              ("set131", 110), ("set132", 110),
                                              ("set133", 110), ("set134", 110),
                                              ("set135", 110), ("set136", 110),
                                              ("set137", 110), ("set138", 110),
                                              ("set139", 110), ("set140", 110),
                                              ("set141", 110), ("set142", 110),
                                              ("set143", 110), ("set144", 110),
                                              ("set145", 110), ("set146", 110),
                                              ("set147", 110), ("set148", 110),
                                              ("set149", 110), ("set150", 110),
                                              ("set151", 110), ("set152", 110),
                                              ("set153", 110), ("set154", 110),
                                              ("set155", 110), ("set156", 110),
                                              ("set157", 110), ("set158", 110),
                                              ("set159", 110), ("set160", 110),
                                              ("set161", 110), ("set162", 110),
                                              ("set163", 110), ("set164", 110),
                                              ("set165", 110), ("set166", 110),
                                              ("set167", 110), ("set168", 110),
                                              ("set169", 110), ("set170", 110),
                                              ("set171", 110), ("set172", 110),
                                              ("set173", 110), ("set174", 110),
                                              ("set175", 110), ("set176", 110),
                                              ("set177", 110), ("set178", 110),
                                              ("set179", 110), ("set180", 110),
                                              ("set181", 110), ("set182", 110),
                                              ("set183", 110), ("set184", 110)])
def test_blind_set_makes_no_unsafe_decision(report: dict, bench: ModuleType, name: str,
                                            messages: int) -> None:
    """Sets 12 to 28 and 30 to 184 were scored blind once (their READMEs); their safety
    failures were then fixed: no false deletion, no automated mail answered, no wrong request
    applied."""
    assert any(p.name == name for p in bench.DEFAULT_SETS)
    scores = report["handwritten"][name]
    assert scores["messages"] == messages
    assert scores["false_deletes"] == 0, scores["errors"]
    assert scores["missed_automated"] == 0, scores["errors"]
    assert scores["auto_apply_errors"] == 0, scores["errors"]


def test_report_shape(report: dict) -> None:
    assert set(report["per_label"]) == {"unsubscribe", "delete_account", "other", "automated"}
    assert set(report["confusion"]["other"]) == set(report["per_label"])
    assert report["per_language"]
    speed = report["speed"]
    assert speed["calls"] > 0 and speed["messages_per_second"] > 0
    assert speed["p99_ms"] >= speed["p50_ms"] > 0


def test_cli_smoke_json(bench: ModuleType, corpus: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    # one folder set and one file of hand-written cases: the whole lot is the fixture's work
    one_set, one_file = bench.DEFAULT_SETS[0], bench.DEFAULT_HELDOUT[0]
    assert bench.main([str(corpus), "--smoke", "--json", "--seconds", "0.1",
                       "--set", str(one_set), "--heldout", str(one_file)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["smoke"] is True and out["messages"] >= 100
    assert len(out["handwritten"]) == 2


def test_cli_rejects_a_folder_without_labels(bench: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        bench.main([str(tmp_path), "--smoke"])


@pytest.mark.parametrize(("label", "text", "expected"), [
    ("other-lang", "Ich bin bis zum 3. Januar nicht im Büro.", "en"),  # Latin: answered in English
    ("other-lang", "您好，我目前不在办公室。", "other"),
    ("other-lang", "ただいま不在にしております。", "other"),
    ("ar-gulf", "ابي احذف حسابي", "ar"),
    ("mixed", "please الغوا اشتراكي", "mixed"),
])
def test_the_reply_language_each_label_expects(bench: ModuleType, label: str, text: str,
                                               expected: str) -> None:
    assert bench._reply_language(label, text) == expected


def test_folder_sets_are_in_the_order_they_were_written(bench: ModuleType) -> None:
    """set9 before set10 and set99 before set100: the veto probe's smoke run holds out the
    first two, and a new set must not take their place."""
    numbers = [int(p.name.removeprefix("set")) for p in bench.DEFAULT_SETS]
    assert numbers == sorted(numbers)
    assert [p.name for p in bench.DEFAULT_SETS][:2] == ["set11", "set12"]
