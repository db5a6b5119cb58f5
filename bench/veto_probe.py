"""Where the second opinion's veto line sits: every labelled set held out in turn.

    .venv/bin/python bench/veto_probe.py            # every folder set held out in turn
    .venv/bin/python bench/veto_probe.py --misses   # also list every request it would doubt
    .venv/bin/python bench/veto_probe.py --smoke --json

``mailbot.understanding.second_opinion`` caps a request the rules apply when the packaged
word model reads the message as ordinary mail with probability at or above
``VETO_PROBABILITY``. This script retrains that same model (``scripts/train_second_opinion.py``)
on everything but one folder set, runs the rules alone on the set left out, and counts at
several thresholds the requests above ``VETO_CAP`` the model would hand to a person: right
ones (the cost, automation lost) and wrong ones (the catch). The rules are fitted to every
set, so wrong requests are few here and the catch is a lower bound; the first passes in
docs/classifier.md are the honest catch. Needs scikit-learn (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "bench", REPO / "scripts"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from classify_bench import DEFAULT_CORPUS, DEFAULT_HELDOUT, DEFAULT_SETS, load_corpus, load_heldout  # noqa: E402

from mailbot.understanding import classify as classify_module  # noqa: E402
from mailbot.understanding import second_opinion  # noqa: E402
from mailbot.understanding.classify import classify, request_tokens  # noqa: E402

THRESHOLDS = (0.75, 0.8, 0.85, 0.9)
SMOKE_SETS = 2
SMOKE_TRAINING_SETS = 10  # a smoke run trains on the oldest sets only: it checks the wiring


def rules_only(msg: Any) -> Any:
    """``classify`` without the packaged second opinion (its veto is what is measured)."""
    doubts = classify_module.second_opinion.doubts
    classify_module.second_opinion.doubts = lambda toks: None  # type: ignore[assignment]
    try:
        return classify(msg)
    finally:
        classify_module.second_opinion.doubts = doubts  # type: ignore[assignment]


def probe(held_out: list[str], misses: bool, training_sets: int | None = None) -> dict[str, Any]:
    """Hold out each of ``held_out`` in turn, training on the others (of the first
    ``training_sets`` folder sets; all when None)."""
    import train_second_opinion as training

    base = list(load_corpus(DEFAULT_CORPUS))
    for path in DEFAULT_HELDOUT:
        base += load_heldout(path)
    sets = {folder.name: load_corpus(folder) for folder in DEFAULT_SETS[:training_sets]}
    tokens = {id(msg): request_tokens(msg) for rows in (base, *sets.values())
              for _name, _label, _lang, msg in rows}
    tally = {str(t): {"right_doubted": 0, "wrong_doubted": 0} for t in THRESHOLDS}
    right = wrong = 0
    doubted = []
    for held in held_out:
        train = base + [row for name, rows in sets.items() if name != held for row in rows]
        kept = [(msg, label) for _name, label, _lang, msg in train if label != "automated"]
        pipeline = training.make_pipeline().fit([tokens[id(m)] for m, _ in kept],
                                                [label for _, label in kept])
        model = training.export(pipeline, "")
        for name, label, _lang, msg in sets[held]:
            got = rules_only(msg)
            if got.intent in ("other", "automated") or got.confidence <= second_opinion.VETO_CAP:
                continue
            p_other = model.probabilities(tokens[id(msg)]).get("other", 0.0)
            is_right = got.intent == label
            right, wrong = right + is_right, wrong + (not is_right)
            for t in THRESHOLDS:
                if p_other >= t:
                    tally[str(t)]["right_doubted" if is_right else "wrong_doubted"] += 1
            if misses and p_other >= THRESHOLDS[0]:
                doubted.append(f"{held}:{name} gold {label}, rules {got.intent} "
                               f"{got.confidence}, p(other) {p_other:.2f}")
    return {"held_out": held_out, "requests_right": right, "requests_wrong": wrong,
            "veto": tally, "doubted": doubted,
            "veto_probability": second_opinion.VETO_PROBABILITY}


def render(report: dict[str, Any]) -> str:
    right = report["requests_right"]
    lines = [f"held out in turn: {len(report['held_out'])} sets; requests the rules apply: "
             f"{right} right, {report['requests_wrong']} wrong "
             f"(packaged line: p >= {report['veto_probability']})"]
    lines += [f"  p >= {t:5}: doubts {v['right_doubted']:3} right "
              f"({v['right_doubted'] / max(right, 1):.1%}), {v['wrong_doubted']} wrong"
              for t, v in report["veto"].items()]
    return "\n".join(lines + ["  " + line for line in report["doubted"]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--smoke", action="store_true",
                        help=f"hold out only the first {SMOKE_SETS} sets, training on the "
                        f"first {SMOKE_TRAINING_SETS} (quick)")
    parser.add_argument("--misses", action="store_true", help="list every request it doubts")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        sys.stderr.write("veto_probe: needs scikit-learn: .venv/bin/pip install -e '.[bench]'\n")
        return 2
    names = [folder.name for folder in DEFAULT_SETS]
    report = (probe(names[:SMOKE_SETS], args.misses, SMOKE_TRAINING_SETS) if args.smoke
              else probe(names, args.misses))
    print(json.dumps(report, indent=2) if args.json else render(report))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
