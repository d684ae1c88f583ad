"""Throughput of the core on about 10 MB of Traditional Chinese: segmentation, word counting,
PO writing, and the three end to end. Target: at least 1 MB/s end to end.

    .venv/bin/python bench/segment.py [--mb 10] [--distinct] [--profile]

The text is the seed article repeated. Repeats are what real corpora are full of, but they
flatter any per-sentence cache, so `--distinct` numbers every copy's lines (every sentence then
differs from every other) to measure the uncached path too. Peak memory is the process's
maximum resident set size (resource.getrusage), which includes the interpreter and jieba's
dictionary (about 150 MB of it).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench import words  # noqa: E402
from workbench.formats.po import default_header, write_po  # noqa: E402
from workbench.model import Catalog  # noqa: E402
from workbench.msgmerge import units_from_segments  # noqa: E402
from workbench.segment import segment_text  # noqa: E402

SEED = ROOT / "seeds" / "000_fa12286181b4949c.txt"
LANG = "zh-Hant"


def corpus(megabytes: float, distinct: bool) -> str:
    """The seed repeated to about `megabytes` of UTF-8; with `distinct`, lines numbered."""
    seed = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n"
    copies = max(1, round(megabytes * 1e6 / len(seed.encode("utf-8"))))
    if not distinct:
        return seed * copies
    lines = seed.splitlines(keepends=True)
    # A number after each sentence-final mark makes every sentence of every copy unique.
    return "".join(
        line.replace("。", f"。{n}").replace("!", f"!{n}") if line.strip() else line
        for n in range(copies) for line in lines
    )


def run(text: str, out: Path) -> dict[str, float]:
    """Seconds per stage."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    segmented = segment_text(text, LANG)
    t1 = time.perf_counter()
    times["segment"] = t1 - t0
    total = words.ZERO
    for seg in segmented.segments:
        total = total + words.count(seg.text, LANG)
    t2 = time.perf_counter()
    times["count"] = t2 - t1
    catalog = Catalog(units=units_from_segments(segmented, "seeds/bench.txt"),
                      source_lang=LANG, target_lang="en",
                      header=default_header(LANG, "en", "bench"))
    write_po(catalog, out)
    t3 = time.perf_counter()
    times["po"] = t3 - t2
    times["end to end"] = t3 - t0
    times["segments"] = len(segmented.segments)
    times["words"] = total.words
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=10.0, help="size of the text in MB (1e6 bytes)")
    ap.add_argument("--distinct", action="store_true", help="make every sentence unique")
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    args = ap.parse_args()
    text = corpus(args.mb, args.distinct)
    size = len(text.encode("utf-8")) / 1e6
    words._jieba()  # load the dictionary first: a one-off cost, not throughput
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.po"
        if args.profile:
            profiler = cProfile.Profile()
            times = profiler.runcall(run, text, out)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            times = run(text, out)
        po_size = out.stat().st_size / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"input: {size:.2f} MB of {LANG} ({'distinct' if args.distinct else 'seed repeated'})"
          f", {times['segments']:,} segments, {times['words']:,} words; PO {po_size:.1f} MB")
    for stage in ("segment", "count", "po", "end to end"):
        print(f"{stage:<11} {times[stage]:7.2f} s  {size / times[stage]:7.2f} MB/s")
    print(f"peak RSS    {peak:7.0f} MB")


if __name__ == "__main__":
    main()
