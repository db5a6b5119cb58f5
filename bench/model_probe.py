"""Would a trained model add to the rule classifier? A leave-one-set-out probe.

    .venv/bin/python bench/model_probe.py            # every labelled set held out in turn
    .venv/bin/python bench/model_probe.py --misses   # also list every message the model changes
    .venv/bin/python bench/model_probe.py --hold set14 --hold set15   # only these held out
    .venv/bin/python bench/model_probe.py --smoke --json

``mailbot.understanding.classify`` is rules only. This script is the measurement behind that
choice: it trains the model the issue suggests — scikit-learn, TF-IDF over character 2–5-grams
of the folded subject and own text, logistic regression with balanced classes — on every
labelled set but one (the corpus, ``heldout*.jsonl``, ``set*/``; automated mail is left out
because headers decide it), and lets it advise the rules on the set left out, two ways:

* **fallback**: where the rules say ``other``, take the model's request when its probability
  is at least the threshold (this is where the rules miss unknown phrasings);
* **veto**: where the rules make a request at or above the 0.8 auto-apply line, send it to a
  person when the model says ``other`` with at least the threshold (a safety net).

For each it counts the answers the model would fix and the ones it would break, and the
false deletions it would add. The rules are fitted to every set, so "fixed" is a lower
bound of what the model could add on unseen mail; "broke" is what it costs. For the
honest figure, check out the commit a set's first pass was scored at, copy this script and
the set in, and hold out just that set (``--hold``).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from classify_bench import DEFAULT_CORPUS, DEFAULT_HELDOUT, DEFAULT_SETS, load_corpus, load_heldout  # noqa: E402

from mailbot.understanding import normalise  # noqa: E402
from mailbot.understanding.classify import classify  # noqa: E402
from mailbot.understanding.own_text import request_text  # noqa: E402

REQUESTS = ("unsubscribe", "delete_account")
AUTO_APPLY = 0.8
THRESHOLDS = (0.6, 0.8, 0.9)
SMOKE_GROUPS = 2
SMOKE_TRAINING_GROUPS = 12  # a smoke run trains on the oldest sets only: it checks the wiring


@dataclass(frozen=True)
class Example:
    group: str
    name: str
    label: str
    text: str
    rule: str
    confidence: float


def load_examples(limit: int | None = None) -> list[Example]:
    """Every labelled message (of the first ``limit`` groups) with the rules' answer and the
    text a model would see."""
    loaders = [("corpus", lambda: load_corpus(DEFAULT_CORPUS))]
    loaders += [(p.name, lambda p=p: load_heldout(p)) for p in DEFAULT_HELDOUT]
    loaders += [(p.name, lambda p=p: load_corpus(p)) for p in DEFAULT_SETS]
    groups = {name: load() for name, load in loaders[:limit]}
    examples = []
    for group, rows in groups.items():
        for name, label, _language, msg in rows:
            got = classify(msg)
            text = normalise.fold(f"{msg.subject} . {request_text(msg.text[:3000])}".lower())
            examples.append(Example(group, name, label, text, got.intent, got.confidence))
    return examples


def make_model() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        LogisticRegression(C=10, max_iter=2000, class_weight="balanced"))


def advise(rule: str, confidence: float, model: str, p: float, threshold: float) -> tuple[str, str]:
    """(fallback answer, veto answer); "review" means a person decides."""
    fallback = model if rule == "other" and model in REQUESTS and p >= threshold else rule
    vetoed = rule in REQUESTS and confidence >= AUTO_APPLY and model == "other" and p >= threshold
    return fallback, "review" if vetoed else rule


def probe(examples: list[Example], held_out: list[str], misses: bool) -> dict[str, Any]:
    tally = {f"{way}@{t}": {"fixed": 0, "broke": 0, "false_deletes_added": 0}
             for way in ("fallback", "veto") for t in THRESHOLDS}
    changes = []
    for group in held_out:
        train = [e for e in examples if e.group != group and e.label != "automated"]
        test = [e for e in examples if e.group == group]
        model = make_model().fit([e.text for e in train], [e.label for e in train])
        classes = list(model.classes_)
        for e, probs in zip(test, model.predict_proba([e.text for e in test]), strict=True):
            best = max(range(len(classes)), key=probs.__getitem__)
            for t in THRESHOLDS:
                fallback, veto = advise(e.rule, e.confidence, classes[best], probs[best], t)
                _count(tally[f"fallback@{t}"], e, fallback)
                _count(tally[f"veto@{t}"], e, veto, vetoing=True)
            lowest = advise(e.rule, e.confidence, classes[best], probs[best], THRESHOLDS[0])
            if misses and lowest != (e.rule, e.rule):  # changed at the lowest threshold
                changes.append(f"{group}:{e.name} gold {e.label}, rules {e.rule} "
                               f"{e.confidence}, model {classes[best]} {probs[best]:.2f}")
    return {"held_out": held_out, "messages": sum(e.group in held_out for e in examples),
            "advice": tally, "changes": changes}


def _count(tally: dict[str, int], e: Example, answer: str, vetoing: bool = False) -> None:
    if answer == e.rule:
        return
    if vetoing:  # a veto fixes a wrong automatic request and costs a right one
        tally["fixed" if e.rule != e.label else "broke"] += 1
        return
    if answer == e.label:
        tally["fixed"] += 1
    elif e.rule == e.label:
        tally["broke"] += 1
    if answer == "delete_account" and e.label != "delete_account":
        tally["false_deletes_added"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--smoke", action="store_true",
                        help=f"hold out only the first {SMOKE_GROUPS} sets, training on the "
                        f"first {SMOKE_TRAINING_GROUPS} (quick)")
    parser.add_argument("--misses", action="store_true", help="list every changed answer")
    parser.add_argument("--hold", action="append", metavar="SET",
                        help="hold out only this set (a folder or .jsonl name; repeatable)")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        sys.stderr.write("model_probe: needs scikit-learn: .venv/bin/pip install -e '.[bench]'\n")
        return 2
    examples = load_examples(SMOKE_TRAINING_GROUPS if args.smoke else None)
    groups = list(dict.fromkeys(e.group for e in examples))
    unknown = set(args.hold or ()) - set(groups)
    if unknown:
        sys.stderr.write(f"model_probe: no such set: {', '.join(sorted(unknown))}\n")
        return 2
    held = args.hold or (groups[:SMOKE_GROUPS] if args.smoke else groups)
    report = probe(examples, held, args.misses)
    print(json.dumps(report, indent=2) if args.json else render(report))  # noqa: T201
    return 0


def render(report: dict[str, Any]) -> str:
    lines = [f"held out in turn: {len(report['held_out'])} sets, {report['messages']} messages"]
    lines += [f"  {name:13} fixes {t['fixed']:3}  breaks {t['broke']:3}  "
              f"false deletions added {t['false_deletes_added']}"
              for name, t in report["advice"].items()]
    return "\n".join(lines + ["  " + line for line in report["changes"]])


if __name__ == "__main__":
    sys.exit(main())
