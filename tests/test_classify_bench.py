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


# Sets 12 to 208 (there is no set 29) were each scored blind once (their READMEs); most hold
# 110 messages.
BLIND_SETS = {**{f"set{n}": 110 for n in range(18, 209) if n != 29},
              "set12": 168, "set13": 120, "set14": 120, "set15": 120, "set16": 100, "set17": 112}


@pytest.mark.parametrize(("name", "messages"),
                         sorted(BLIND_SETS.items(), key=lambda item: int(item[0][3:])))
def test_blind_set_makes_no_unsafe_decision(report: dict, bench: ModuleType, name: str,
                                            messages: int) -> None:
    """A blind set's safety failures were fixed after its first pass: no false deletion, no
    automated mail answered, no wrong request applied."""
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
