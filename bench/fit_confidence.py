"""Fit the confidence of alignment beads (dp._CALIBRATION) on MAC-Dev documents 001-003.

    .venv/bin/python bench/fit_confidence.py [--seeds 3] [--floor 0.975] [--no-embeddings]

Aligns the calibration documents clean and damaged (`gap`, `half`, `insert`, `--seeds`
copies each, as bench/align.py makes them), fits a logistic regression of "the bead is
exactly right" on each bead's features (dp._bead_features), then lowers the intercept until,
in every condition, at least `--floor` of the beads at or above the default threshold are
exactly right: the threshold is a promise (95 % on text never seen), and a plain fit would
keep it on average only. Prints the coefficients to put in dp._CALIBRATION, and the precision
and coverage (the share of right beads above the threshold) it gives on the held-out
documents 004-006. Run it again whenever the aligner's costs change: the features shift.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import align as bench  # bench/align.py: the data, the damage; sets one BLAS thread
import numpy as np

CONDITIONS = ("clean", "gap", "half", "insert")


def collect(embedder: object | None, seeds: int) -> list[tuple[str, str, list[float], bool]]:
    """(document, condition, features, exactly right) of every bead with two sides."""
    from workbench.align.dp import align_sentences

    loaded = bench.load_docs(bench.DATA)
    names = list(loaded)
    out = []
    for condition in CONDITIONS:
        for k, name in enumerate(names):
            for copy in range(1 if condition == "clean" else seeds):
                doc = loaded[name]
                if condition != "clean":
                    doc = bench.perturb(doc, condition, seed=k + 1 + 10 * copy,
                                        other=loaded[names[(k + 1) % len(names)]][1])
                source, target, gold = doc
                result = align_sentences(source, target, "zh-Hans", "en", embedder=embedder)
                right = set(gold)
                for bead, features in zip(result.beads, result.bead_features or [],
                                          strict=True):
                    if features:
                        out.append((name, condition, features,
                                    (bead.source, bead.target) in right))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    """Logistic regression by Newton's method (a little L2 keeps it finite)."""
    a = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(a.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-a @ w))
        hessian = a.T @ (a * (p * (1 - p))[:, None]) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, a.T @ (p - y) + l2 * w)
    return w


def main() -> None:
    from workbench.align.embed import default_embedder
    from workbench.align.units import DEFAULT_THRESHOLD

    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--floor", type=float, default=0.975)
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--calibration", default="001,002,003")
    args = ap.parse_args()
    embedder = None if args.no_embeddings else default_embedder()
    rows = collect(embedder, args.seeds)
    x = np.array([r[2] for r in rows])
    y = np.array([r[3] for r in rows], dtype=float)
    train = np.array([r[0] in args.calibration.split(",") for r in rows])
    w = fit(x[train], y[train])
    a = np.hstack([np.ones((len(x), 1)), x])

    def precision(mask: np.ndarray, p: np.ndarray) -> float:
        sure = mask & (p >= DEFAULT_THRESHOLD)
        return float(y[sure].sum() / max(sure.sum(), 1))

    conditions = {c: np.array([r[1] == c for r in rows]) for c in CONDITIONS}
    shift = 0.0
    while shift < 10:
        p = 1.0 / (1.0 + np.exp(-(a @ w - shift)))
        if all(precision(train & m, p) >= args.floor for m in conditions.values()):
            break
        shift += 0.05
    w[0] -= shift
    p = 1.0 / (1.0 + np.exp(-(a @ w)))
    print(f"intercept lowered by {shift:.2f}")
    print("coefficients:", "(" + ", ".join(f"{c:.3f}" for c in w) + ")")
    for part, mask in (("calibration", train), ("held out", ~train)):
        for c, m in conditions.items():
            sure = mask & m & (p >= DEFAULT_THRESHOLD)
            cover = y[sure].sum() / max(y[mask & m].sum(), 1)
            print(f"  {part:11} {c:7} confident P {precision(mask & m, p):.3f}  "
                  f"coverage {cover:.3f}  ({int(sure.sum())} beads)")


if __name__ == "__main__":
    main()
