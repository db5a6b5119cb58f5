"""Train the second-opinion model from the labelled mail in the repository.

    .venv/bin/python scripts/train_second_opinion.py          # writes the packaged weights
    .venv/bin/python scripts/train_second_opinion.py --check  # exit 1 when they are stale

Reads every labelled set the benchmarks score (tests/data/corpus, tests/data/classify/
heldout*.jsonl and set*/), leaves automated mail out (headers decide it), fits scikit-learn's
TF-IDF over word 1–2-grams and a balanced logistic regression, and writes
mailbot/understanding/second_opinion.json.gz with a digest of the data it was trained on.
Run it after adding or relabelling a set (`make retrain` also runs bench/veto_probe.py); the
test suite fails while the weights are stale.
Needs the ``bench`` extra (scikit-learn).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from classify_bench import DEFAULT_CORPUS, DEFAULT_HELDOUT, DEFAULT_SETS, load_corpus, load_heldout  # noqa: E402

from mailbot.understanding import second_opinion  # noqa: E402
from mailbot.understanding.classify import request_tokens  # noqa: E402

OUT = REPO / "mailbot" / "understanding" / second_opinion.WEIGHTS
DIGITS = 6  # significant digits kept of each weight: parity with scikit-learn to ~1e-5


def data_files() -> list[Path]:
    """The files the model is trained on, in a fixed order."""
    files = [DEFAULT_CORPUS / "labels.csv", *DEFAULT_HELDOUT]
    for folder in (DEFAULT_CORPUS, *DEFAULT_SETS):
        files += [folder / "labels.csv", *sorted((folder / "emails").glob("*.eml"))]
    return sorted(set(files))


def data_digest() -> str:
    digest = hashlib.sha256()
    for path in data_files():
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def training_examples() -> tuple[list[list[str]], list[str]]:
    """(the tokens the rules read, labels) of every labelled message that is not automated."""
    rows = [*load_corpus(DEFAULT_CORPUS)]
    for path in DEFAULT_HELDOUT:
        rows += load_heldout(path)
    for folder in DEFAULT_SETS:
        rows += load_corpus(folder)
    kept = [(msg, label) for _name, label, _lang, msg in rows if label != "automated"]
    return [request_tokens(m) for m, _ in kept], [label for _, label in kept]


def make_pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline as pipeline
    return pipeline(
        TfidfVectorizer(analyzer=second_opinion.ngrams, sublinear_tf=True, min_df=2),
        LogisticRegression(C=10, max_iter=5000, class_weight="balanced"))


def export(pipeline: Any, digest: str) -> second_opinion.Model:
    """The fitted scikit-learn pipeline as the pure-Python model."""
    vectorizer, regression = pipeline[0], pipeline[-1]
    idf, coef = vectorizer.idf_, regression.coef_
    features = {gram: (_round(idf[i]), *(_round(coef[k][i]) for k in range(len(coef))))
                for gram, i in vectorizer.vocabulary_.items()}
    return second_opinion.Model(tuple(regression.classes_),
                                tuple(_round(b) for b in regression.intercept_), features, digest)


def _round(x: float) -> float:
    return float(f"{x:.{DIGITS}g}")


def write(model: second_opinion.Model, out: Path = OUT) -> None:
    data = json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")).encode()
    out.write_bytes(gzip.compress(data, mtime=0))  # same data, same bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only say whether the packaged weights match the data")
    args = parser.parse_args(argv)
    digest = data_digest()
    if args.check:
        current = second_opinion.packaged().data_digest == digest
        print("second opinion: up to date" if current else  # noqa: T201
              "second opinion: stale, run scripts/train_second_opinion.py")
        return 0 if current else 1
    texts, labels = training_examples()
    model = export(make_pipeline().fit(texts, labels), digest)
    write(model)
    print(f"second opinion: trained on {len(texts)} messages, {len(model.features)} n-grams "  # noqa: T201
          f"→ {OUT.relative_to(REPO)} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
