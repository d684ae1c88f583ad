"""Alignment quality and speed: every MAC-Dev document, exact/strict/lax P/R/F1, and time.

    .venv/bin/python bench/align.py [--data DIR] [--no-embeddings] [--only-embeddings]
                                    [--scale] [--docs 001,002]

Scoring as ../shared/alignment/README.md defines it (micro-averaged over the documents).
The data are read in place and never copied into the project.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "alignment" / "mac-dev"

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def read_ladder(path: Path) -> list[Bead]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        left, right = line.split(":")
        src = tuple(int(x) for x in left.strip("[] ").split(",") if x.strip())
        tgt = tuple(int(x) for x in right.strip("[] ").split(",") if x.strip())
        beads.append((src, tgt))
    return beads


def _links(beads: list[Bead]) -> set[tuple[int, int]]:
    return {(s, t) for src, tgt in beads for s in src for t in tgt}


def _check(test: list[Bead], ref: list[Bead]) -> tuple[int, int, int]:
    """strict hits, lax-only hits, counted beads (empty-on-both-sides beads ignored)."""
    ref_set = set(ref)
    ref_links = _links(ref)
    strict = lax = total = 0
    for src, tgt in test:
        if not src and not tgt:
            continue
        total += 1
        if (src, tgt) in ref_set:
            strict += 1
        elif any((s, t) in ref_links for s in src for t in tgt):
            lax += 1
    return strict, lax, total


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


class Score:
    def __init__(self) -> None:
        self.exact_hits = self.pred = self.gold = 0
        self.p = [0, 0, 0]  # strict, lax, total
        self.r = [0, 0, 0]

    def add(self, pred: list[Bead], gold: list[Bead]) -> None:
        gold_set = set(gold)
        self.exact_hits += sum(1 for b in pred if b in gold_set)
        self.pred += len(pred)
        self.gold += len(gold)
        for acc, res in ((self.p, _check(pred, gold)),):
            for k in range(3):
                acc[k] += res[k]
        nonempty_pred = [b for b in pred if b[0] and b[1]]
        nonempty_gold = [b for b in gold if b[0] and b[1]]
        res = _check(nonempty_gold, nonempty_pred)
        for k in range(3):
            self.r[k] += res[k]

    def figures(self) -> dict[str, tuple[float, float, float]]:
        ep = self.exact_hits / max(self.pred, 1)
        er = self.exact_hits / max(self.gold, 1)
        sp = self.p[0] / max(self.p[2], 1)
        sr = self.r[0] / max(self.r[2], 1)
        lp = (self.p[0] + self.p[1]) / max(self.p[2], 1)
        lr = (self.r[0] + self.r[1]) / max(self.r[2], 1)
        return {"exact": (ep, er, _f1(ep, er)), "strict": (sp, sr, _f1(sp, sr)),
                "lax": (lp, lr, _f1(lp, lr))}


def run_mac(data: Path, embedder: object | None, docs: list[str] | None = None,
            params: object | None = None, verbose: bool = True) -> dict:
    from workbench.align.dp import align_sentences

    score = Score()
    start = time.perf_counter()
    names = sorted(p.name for p in (data / "zh").iterdir())
    for name in names:
        if docs and name not in docs:
            continue
        zh = (data / "zh" / name).read_text(encoding="utf-8").splitlines()
        en = (data / "en" / name).read_text(encoding="utf-8").splitlines()
        gold = read_ladder(data / "gold" / f"{name}.align")
        result = align_sentences(zh, en, "zh-Hans", "en", embedder=embedder,
                                 params=params)  # type: ignore[arg-type]
        pred = [(b.source, b.target) for b in result.beads]
        one = Score()
        one.add(pred, gold)
        score.add(pred, gold)
        if verbose:
            f = one.figures()
            print(f"  {name}: {len(zh)} zh, {len(en)} en  exact F1 {f['exact'][2]:.3f}  "
                  f"strict F1 {f['strict'][2]:.3f}  lax F1 {f['lax'][2]:.3f}")
    figures = score.figures()
    figures["time"] = time.perf_counter() - start  # type: ignore[assignment]
    return figures


def print_figures(title: str, fig: dict) -> None:
    print(f"{title}  ({fig['time']:.1f} s)")
    for key in ("exact", "strict", "lax"):
        p, r, f = fig[key]
        print(f"  {key:<7} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


def scale(embedder: object | None) -> None:
    """Time a 10,000-sentence pair: MAC-Dev's first chapter and its translation repeated (in
    memory) up to 2.5k, 5k and 10k source sentences; the cost should grow linearly."""
    from workbench.align.dp import align_sentences

    zh = (DATA / "zh" / "001").read_text(encoding="utf-8").splitlines()
    en = (DATA / "en" / "001").read_text(encoding="utf-8").splitlines()
    gold = read_ladder(DATA / "gold" / "001.align")
    zh_all: list[str] = []
    en_all: list[str] = []
    while len(zh_all) < 10000:
        zh_all.extend(zh)
        en_all.extend(en)
    for size in (2500, 5000, 10000):
        # cut on a bead boundary so both sides stay translations of each other
        cut_zh = (size // len(zh)) * len(zh)
        reps = cut_zh // len(zh)
        rest = size - cut_zh
        extra = [b for b in gold if b[0] and max(b[0]) < rest]
        t_rest = max((max(b[1]) + 1 for b in extra if b[1]), default=0)
        s = zh_all[:cut_zh] + zh[:rest]
        t = en_all[:reps * len(en)] + en[:t_rest]
        stamps: dict[str, float] = {}
        start = time.perf_counter()

        def stamp(stage: str, frac: float, stamps: dict[str, float] = stamps,
                  start: float = start) -> None:
            stamps.setdefault(stage, time.perf_counter() - start)

        result = align_sentences(s, t, "zh-Hans", "en", embedder=embedder, progress=stamp)
        took = time.perf_counter() - start
        embedding = stamps.get("aligning", 0.0) - stamps.get("embeddings", stamps.get(
            "aligning", 0.0))
        print(f"  {len(s):>6} zh x {len(t):>6} en: {took:6.1f} s  "
              f"({took / len(s) * 1000:.2f} ms per source sentence, {len(result.beads)} beads; "
              f"features {stamps.get('embeddings', stamps.get('aligning', 0.0)):.1f} s, "
              f"embeddings {embedding:.1f} s, dynamic programme "
              f"{took - stamps.get('aligning', 0.0):.1f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--only-embeddings", action="store_true")
    ap.add_argument("--scale", action="store_true", help="also time 2.5k/5k/10k sentences")
    ap.add_argument("--scale-only", action="store_true", help="only the 2.5k/5k/10k timing")
    ap.add_argument("--docs", default="")
    args = ap.parse_args()
    docs = args.docs.split(",") if args.docs else None
    # Warm the dictionary and jieba so the first document's time is not theirs.
    from workbench.align import lexicon
    from workbench.align.embed import default_embedder
    from workbench.words import tokenize_chinese

    t0 = time.perf_counter()
    lexicon.dictionary()
    lexicon._char_dictionary()
    tokenize_chinese("預熱")
    print(f"loading CC-CEDICT and jieba: {time.perf_counter() - t0:.1f} s")
    embedder = None if args.no_embeddings else default_embedder()
    if not args.scale_only:
        if not args.only_embeddings:
            print_figures("without embeddings", run_mac(args.data, None, docs))
        if embedder is not None:
            print_figures("with embeddings (USE multilingual v3)",
                          run_mac(args.data, embedder, docs))
    if args.scale or args.scale_only:
        print("10k timing without embeddings")
        scale(None)
        if embedder is not None:
            print("10k timing with embeddings")
            scale(embedder)


if __name__ == "__main__":
    main()
