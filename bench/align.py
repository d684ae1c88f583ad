"""Alignment quality and speed on MAC-Dev and on damaged copies of it.

    .venv/bin/python bench/align.py [--data DIR] [--no-embeddings] [--only-embeddings]
                                    [--conditions clean,gap,half,insert] [--repeat 3]
                                    [--held-out 004,005,006] [--scale] [--docs 001,002]
                                    [--seeds 1] [-v] [--test-sets aligner-eval/data]

Conditions: `clean` (the gold as it is), `gap` (a block of 5-15 target sentences deleted),
`half` (only the first half of the target kept), `insert` (three places with one or two
unrelated sentences added to the target). For each: exact and strict F1, the precision of
the confident beads (confidence >= the default fuzzy threshold, 0.94) and the 1-0/0-1 beads
found of those expected. Documents 001-003 served to calibrate; 004-006 are reported apart
as held out.

Scoring as ../shared/alignment/README.md defines it (micro-averaged over the documents).
The data are read in place and never copied into the project.

`--test-sets DIR` also reports on the test data of the Bertalign paper, never used to tune:
`git clone https://github.com/bfsujason/aligner-eval` and pass its `data` folder: MAC-Test
(24 chapters of the same six novels, zh-en), the political texts (zh-en), the academic texts
and magazine articles (en-zh), each in every condition (a non-literary corpus is one file,
so its inserted sentences come from the same file).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# As `workbench align` runs (one BLAS thread): set before numpy is imported.
from workbench.cli.align_cmd import single_threaded_blas  # noqa: E402

single_threaded_blas()

def _find_data() -> Path:
    """shared/alignment/mac-dev beside the checkout (or beside a folder of worktrees)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "alignment" / "mac-dev"
        if path.is_dir():
            return path
    return ROOT.parent / "shared" / "alignment" / "mac-dev"


DATA = _find_data()

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


Doc = tuple[list[str], list[str], list[Bead]]
CONDITIONS = ("clean", "gap", "half", "insert")


def load_docs(data: Path, docs: list[str] | None = None) -> dict[str, Doc]:
    out = {}
    for path in sorted((data / "zh").iterdir()):
        if docs and path.name not in docs:
            continue
        zh = path.read_text(encoding="utf-8").splitlines()
        en = (data / "en" / path.name).read_text(encoding="utf-8").splitlines()
        out[path.name] = (zh, en, read_ladder(data / "gold" / f"{path.name}.align"))
    return out


def _rebuild(zh: list[str], spec: list[tuple[tuple[int, ...], list[str]]]) -> Doc:
    """Beads given as (source indexes, target sentences) into a target list and its gold;
    a bead that lost its target becomes one 1-0 bead per source sentence, and added target
    sentences one 0-1 bead each (as in MAC's gold: a gap bead holds one sentence)."""
    en: list[str] = []
    gold: list[Bead] = []
    for src, texts in spec:
        if src and not texts:
            gold.extend(((i,), ()) for i in src)
            continue
        if texts and not src:
            for text in texts:
                gold.append(((), (len(en),)))
                en.append(text)
            continue
        first = len(en)
        en.extend(texts)
        gold.append((src, tuple(range(first, len(en)))))
    return zh, en, gold


def perturb(doc: Doc, kind: str, seed: int, other: list[str]) -> Doc:
    """A copy of a gold document with the target damaged the way real translations are:
    `gap` a block of 5-15 target sentences deleted, `half` only the first half of the
    target kept, `insert` three places with one or two unrelated sentences (from `other`)."""
    import random

    zh, en, gold = doc
    rng = random.Random(seed)
    spec = [(src, [en[j] for j in tgt]) for src, tgt in gold]
    if kind == "gap":
        want = rng.randint(5, 15)
        start = rng.randint(len(spec) // 5, len(spec) * 3 // 5)
        count = k = 0
        while count < want and start + k < len(spec):
            count += len(spec[start + k][1])
            k += 1
        spec = [(s, []) if start <= n < start + k else (s, t) for n, (s, t) in enumerate(spec)]
        spec = [(s, t) for s, t in spec if s or t]
    elif kind == "half":
        seen = 0
        out = []
        for s, t in spec:
            if seen >= len(en) // 2:
                t = []
            seen += len(t)
            if s or t:
                out.append((s, t))
        spec = out
    elif kind == "insert":
        places = sorted(rng.sample(range(1, len(spec)), 3))
        for place in reversed(places):
            count = rng.randint(1, 2)
            at = rng.randrange(0, len(other) - count)
            spec.insert(place, ((), other[at:at + count]))
    return _rebuild(zh, spec)


class Score:
    def __init__(self) -> None:
        self.exact_hits = self.pred = self.gold = 0
        self.p = [0, 0, 0]  # strict, lax, total
        self.r = [0, 0, 0]
        self.confident = self.confident_hits = 0
        # 1-0 and 0-1 beads: in the gold, found exactly, predicted
        self.gaps = {"1-0": [0, 0, 0], "0-1": [0, 0, 0]}

    def add(self, pred: list[Bead], gold: list[Bead],
            confidence: list[float] | None = None, threshold: float | None = None) -> None:
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
        if threshold is None:
            from workbench.align.units import DEFAULT_THRESHOLD

            threshold = DEFAULT_THRESHOLD
        if confidence is not None:
            for b, c in zip(pred, confidence, strict=True):
                if b[0] and b[1] and c >= threshold:
                    self.confident += 1
                    self.confident_hits += b in gold_set
        pred_set = set(pred)
        for kind, counts in self.gaps.items():
            def of_kind(b: Bead, kind: str = kind) -> bool:
                return (not b[1]) if kind == "1-0" else (not b[0])

            counts[0] += sum(1 for b in gold if of_kind(b))
            counts[1] += sum(1 for b in gold if of_kind(b) and b in pred_set)
            counts[2] += sum(1 for b in pred if of_kind(b))

    def figures(self) -> dict[str, tuple[float, float, float]]:
        ep = self.exact_hits / max(self.pred, 1)
        er = self.exact_hits / max(self.gold, 1)
        sp = self.p[0] / max(self.p[2], 1)
        sr = self.r[0] / max(self.r[2], 1)
        lp = (self.p[0] + self.p[1]) / max(self.p[2], 1)
        lr = (self.r[0] + self.r[1]) / max(self.r[2], 1)
        return {"exact": (ep, er, _f1(ep, er)), "strict": (sp, sr, _f1(sp, sr)),
                "lax": (lp, lr, _f1(lp, lr))}

    def line(self) -> str:
        f = self.figures()
        conf = self.confident_hits / max(self.confident, 1)
        return (f"exact F1 {f['exact'][2]:.3f}  strict F1 {f['strict'][2]:.3f}  "
                f"confident P {conf:.3f} ({self.confident_hits}/{self.confident})  "
                + "  ".join(f"{kind} found {c[1]}/{c[0]} (predicted {c[2]})"
                            for kind, c in self.gaps.items()))


def run_mac(data: Path, embedder: object | None, docs: list[str] | None = None,
            params: object | None = None, verbose: bool = True) -> dict:
    """The clean documents (kept for callers that tune the parameters)."""
    from workbench.align.dp import align_sentences

    score = Score()
    start = time.perf_counter()
    for name, (zh, en, gold) in load_docs(data, docs).items():
        result = align_sentences(zh, en, "zh-Hans", "en", embedder=embedder,
                                 params=params)  # type: ignore[arg-type]
        pred = [(b.source, b.target) for b in result.beads]
        one = Score()
        one.add(pred, gold, [b.confidence for b in result.beads])
        score.add(pred, gold, [b.confidence for b in result.beads])
        if verbose:
            print(f"  {name}: {len(zh)} zh, {len(en)} en  {one.line()}")
    figures = score.figures()
    figures["time"] = time.perf_counter() - start  # type: ignore[assignment]
    figures["score"] = score  # type: ignore[assignment]
    return figures


def load_aligner_eval(corpus: Path) -> dict[str, Doc]:
    """A corpus of bfsujason/aligner-eval's data folder: src/NNN, tgt/NNN, gold/NNN.align."""
    out = {}
    for gold in sorted((corpus / "gold").glob("*.align")):
        name = gold.name.split(".")[0]
        out[name] = ((corpus / "src" / name).read_text(encoding="utf-8").splitlines(),
                     (corpus / "tgt" / name).read_text(encoding="utf-8").splitlines(),
                     read_ladder(gold))
    return out


# aligner-eval's corpora: MAC-Test (24 literary chapters), political texts (speeches and
# writings), academic texts and magazine articles; with their languages.
TEST_SETS = {"mac": ("zh-Hans", "en"), "pol": ("zh-Hans", "en"), "aca": ("en", "zh-Hans"),
             "mag": ("en", "zh-Hans")}


def run_test_sets(data: Path, embedder: object | None, conditions: tuple[str, ...]) -> None:
    """The Bertalign paper's test data, never used to tune, in every condition."""
    for name, (source_lang, target_lang) in TEST_SETS.items():
        if not (data / name / "gold").is_dir():
            continue
        loaded = load_aligner_eval(data / name)
        run_conditions(data, embedder, None, set(), conditions,
                       loaded=loaded, langs=(source_lang, target_lang), label=name)


def run_conditions(data: Path, embedder: object | None, docs: list[str] | None,
                   held_out: set[str], conditions: tuple[str, ...] = CONDITIONS,
                   verbose: bool = False, seeds: int = 1, loaded: dict[str, Doc] | None = None,
                   langs: tuple[str, str] = ("zh-Hans", "en"), label: str = "") -> None:
    """Clean and perturbed copies; calibration part and held-out part reported apart."""
    from workbench.align.dp import align_sentences

    loaded = loaded if loaded is not None else load_docs(data, docs)
    names = list(loaded)
    for condition in conditions:
        parts = {"calibration": Score(), "held out": Score(), "all": Score()}
        took = 0.0
        for k, name in enumerate(names):
            copies = 1 if condition == "clean" else seeds
            for copy in range(copies):
                doc = loaded[name]
                if condition != "clean":
                    other = loaded[names[(k + 1) % len(names)]][1]
                    doc = perturb(doc, condition, seed=k + 1 + 10 * copy, other=other)
                zh, en, gold = doc
                start = time.perf_counter()
                result = align_sentences(zh, en, *langs, embedder=embedder)
                took += time.perf_counter() - start
                pred = [(b.source, b.target) for b in result.beads]
                conf = [b.confidence for b in result.beads]
                parts["held out" if name in held_out else "calibration"].add(pred, gold, conf)
                parts["all"].add(pred, gold, conf)
                if verbose:
                    one = Score()
                    one.add(pred, gold, conf)
                    print(f"    {condition} {name}: {one.line()}")
        for part, score in parts.items():
            # Without held-out documents (a test set) the one line for all.
            if score.gold and (held_out or part == "all"):
                print(f"  {label + ' ' if label else ''}{condition:<7} {part:<12} {score.line()}")
        print(f"  {label + ' ' if label else ''}{condition:<7} time {took:.2f} s")


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


def timed_runs(data: Path, embedder: object | None, repeat: int, cold: bool = False
               ) -> tuple[list[float], list[float]]:
    """Wall and CPU time of aligning every clean document, `repeat` times (the CPU time
    says what the machine's other users do not take away). `cold`: each run with an empty
    vector cache, so every sentence and span is embedded (the model itself stays loaded)."""
    import os
    import tempfile

    from workbench.align.dp import align_sentences

    loaded = load_docs(data)
    times, cpu = [], []
    saved = os.environ.get("XDG_CACHE_HOME")
    try:
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as empty:
                if cold:
                    os.environ["XDG_CACHE_HOME"] = empty
                start, start_cpu = time.perf_counter(), time.process_time()
                for zh, en, _gold in loaded.values():
                    align_sentences(zh, en, "zh-Hans", "en", embedder=embedder)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
    finally:
        if saved is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = saved
    return times, cpu


def cli_times(data: Path, embeddings: bool, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU time of whole `workbench align` processes (start-up included) on
    document 001."""
    import resource
    import subprocess

    exe = Path(sys.executable).with_name("workbench")
    cmd = [str(exe), "align", str(data / "zh" / "001"), str(data / "en" / "001"),
           "--sentences", "--source-lang", "zh-Hans", "--target-lang", "en", "--format", "ladder"]
    if not embeddings:
        cmd.append("--no-embeddings")
    times, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return times, cpu


def main() -> None:
    import statistics

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--only-embeddings", action="store_true")
    ap.add_argument("--scale", action="store_true", help="also time 2.5k/5k/10k sentences")
    ap.add_argument("--scale-only", action="store_true", help="only the 2.5k/5k/10k timing")
    ap.add_argument("--docs", default="")
    ap.add_argument("--held-out", default="004,005,006",
                    help="documents never used to calibrate (reported apart)")
    ap.add_argument("--conditions", default=",".join(CONDITIONS))
    ap.add_argument("--repeat", type=int, default=3, help="timed runs (medians reported)")
    ap.add_argument("--seeds", type=int, default=1,
                    help="damaged copies of each document per condition (other seeds)")
    ap.add_argument("-v", "--verbose", action="store_true", help="figures per document")
    ap.add_argument("--test-sets", type=Path, metavar="DIR",
                    help="also report on aligner-eval's data folder (MAC-Test, political, "
                         "academic and magazine texts): a clone of bfsujason/aligner-eval")
    args = ap.parse_args()
    docs = args.docs.split(",") if args.docs else None
    held_out = set(args.held_out.split(",")) if args.held_out else set()
    conditions = tuple(c for c in args.conditions.split(",") if c)
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
    runs: list[tuple[str, object | None]] = []
    if not args.only_embeddings:
        runs.append(("without embeddings", None))
    if embedder is not None:
        runs.append(("with embeddings (USE multilingual v3)", embedder))
    if not args.scale_only:
        for title, emb in runs:
            print(title)
            run_conditions(args.data, emb, docs, held_out, conditions, args.verbose,
                           args.seeds)
            if args.test_sets:
                run_test_sets(args.test_sets, emb, conditions)
        if args.repeat:
            print(f"timing (median of {args.repeat}; the machine is shared, so medians)")
            for title, emb in runs:
                times, cpu = timed_runs(args.data, emb, args.repeat)
                print(f"  MAC-Dev, 6 documents, {title}: {statistics.median(times):.2f} s "
                      f"wall (runs {', '.join(f'{t:.2f}' for t in times)}), "
                      f"{statistics.median(cpu):.2f} s CPU")
                if emb is not None:
                    times, cpu = timed_runs(args.data, emb, args.repeat, cold=True)
                    print(f"  MAC-Dev, 6 documents, {title}, nothing cached: "
                          f"{statistics.median(times):.2f} s wall (runs "
                          f"{', '.join(f'{t:.2f}' for t in times)}), "
                          f"{statistics.median(cpu):.2f} s CPU")
                cli, cli_cpu = cli_times(args.data, emb is not None, args.repeat)
                print(f"  one `workbench align` process on 001, {title}: "
                      f"{statistics.median(cli):.2f} s wall, {statistics.median(cli_cpu):.2f} s "
                      "CPU")
    if args.scale or args.scale_only:
        for title, emb in runs:
            print(f"10k timing {title}")
            scale(emb)


if __name__ == "__main__":
    main()
