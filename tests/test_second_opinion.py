"""The trained second opinion: same answers as scikit-learn, weights trained on the data in
the repository, and a veto that can only send a request to a person."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from mailbot.understanding import second_opinion
from mailbot.understanding.classify import classify
from mailbot.understanding.normalise import tokens
from tests.test_classify import DEL, UNS, msg

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import train_second_opinion as training  # noqa: E402

TEXTS = [
    "Please delete my account and all my data.",
    "unsubscribe me from your newsletter please",
    "Where is my order? It was due on Monday.",
    "I unsubscribed last week and it worked, thanks. Can I exchange the dress?",
    "احذفوا حسابي لو سمحتوا",
    "ما ابي رسايلكم التسويقية",
    "وين طلبي؟ صار له اسبوع",
    "delete delete delete my account account",  # repeated words: sublinear term frequency
    "",  # nothing the model knows: the intercepts decide
]


def test_pure_python_inference_matches_scikit_learn() -> None:
    texts = [tokens(t) for t in TEXTS]
    labels = [DEL, UNS, "other", "other", DEL, UNS, "other", DEL, "other"]
    fitted = training.make_pipeline().set_params(tfidfvectorizer__min_df=1).fit(texts, labels)
    model = training.export(fitted, "test")
    for toks, expected in zip(texts, fitted.predict_proba(texts), strict=True):
        got = model.probabilities(toks)
        assert [got[c] for c in fitted.classes_] == pytest.approx(list(expected), abs=1e-5)


def test_packaged_weights_were_trained_on_the_data_in_the_repository() -> None:
    # Adding or relabelling a set without retraining fails here, with what to run.
    assert second_opinion.packaged().data_digest == training.data_digest(), \
        "stale: run .venv/bin/python scripts/train_second_opinion.py"


def test_weights_written_twice_are_the_same_bytes(tmp_path: Path) -> None:
    model = second_opinion.packaged()
    training.write(model, tmp_path / "a.json.gz")
    training.write(model, tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    assert second_opinion.Model.from_json(
        json.loads(gzip.decompress((tmp_path / "a.json.gz").read_bytes()))) == model


def test_weights_for_other_intents_are_refused_with_a_clear_error() -> None:
    data = second_opinion.packaged().to_json() | {"classes": ["other", "spam", "unsubscribe"]}
    with pytest.raises(ValueError, match="expected classes"):
        second_opinion.Model.from_json(data)


@pytest.mark.parametrize("text", [
    "I unsubscribed from the newsletter last week and it worked, thanks. Can I exchange the "
    "green dress for size M?",
    # a notice the customer got, asked about ("I got a message saying my account will be
    # deleted, is that true?"); the conditional «إذا حذفت حسابي» sits near the line (0.79)
    # and is the rules' to explain (``scope``)
    "وصلتني رسالة تقول ان حسابي سيحذف، هل هذا صحيح؟",
])
def test_the_model_reads_ordinary_mail_with_request_words_as_ordinary(text: str) -> None:
    assert second_opinion.doubts(tokens(text)) is not None


@pytest.mark.parametrize("text", [
    "Please delete my account and all my data.",
    "unsubscribe me from your newsletter please",
    "احذفوا حسابي لو سمحتوا",
    "وقفوا الرسائل التسويقية",
])
def test_the_model_does_not_doubt_plain_requests(text: str) -> None:
    assert second_opinion.doubts(tokens(text)) is None


def test_a_doubted_request_goes_to_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_opinion, "doubts", lambda toks: 0.93)
    result = classify(msg("Please delete my account."))
    assert (result.intent, result.confidence) == (DEL, second_opinion.VETO_CAP)
    assert result.evidence[-1] == "model: ordinary mail, p=0.93"


def test_an_undoubted_request_keeps_the_rules_confidence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_opinion, "doubts", lambda toks: None)
    result = classify(msg("Please delete my account."))
    assert result.intent == DEL
    assert result.confidence >= 0.9


def test_the_model_is_not_asked_about_ordinary_mail(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(toks: list[str]) -> float:
        raise AssertionError("the model ran on a message the rules call other")
    monkeypatch.setattr(second_opinion, "doubts", fail)
    assert classify(msg("Where is my order? It was due on Monday.")).intent == "other"


def test_an_arabizi_request_word_counts_by_its_class() -> None:
    """Arabizi is spelt so many ways that the model has not seen most spellings; the
    lexicon's class stands in ("t6arshoon" is a send verb, like "tersloon")."""
    grams = second_opinion.ngrams(tokens("la t6arshoon li el i3lanat"))
    assert {"#N", "#V", "#M"} <= set(grams)
    assert not [g for g in second_opinion.ngrams(tokens("stop the ads")) if g.startswith("#")]
