"""The alignment review screen at a book's size: first screen, and each key's time.

    .venv/bin/python bench/align_review.py [--beads 500,5000,50000] [--runs 5]

Runs the real screen headless (`App.run_test`) on an alignment of N 1-1 beads of long
sentences and times, as medians of `--runs` presses each: accept (a), merge into the next
bead (n), split (s), give the last target sentence to the next bead (t), and a cursor move.
Every edit also saves the review's sidecar file, as in use.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.align.dp import Alignment, Bead
from workbench.align.editing import BeadEditor, sidecar_path
from workbench.tui.align_review import AlignReviewApp


def alignment(n: int) -> Alignment:
    source = [f"這是第{i}句話，內容有點長，用來看表格的換行與高度是否拖慢畫面。" for i in range(n)]
    target = [f"This is sentence {i}, long enough to wrap in a narrow terminal window."
              for i in range(n)]
    return Alignment(source, target, [Bead((i,), (i,), 0.5) for i in range(n)], "zh-Hant", "en")


async def measure(n: int, runs: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        app = AlignReviewApp(BeadEditor(alignment(n)), sidecar_path(Path(tmp) / "out.po"))
        start = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            first = time.perf_counter() - start
            times: dict[str, list[float]] = {}
            for _ in range(runs):
                for key in ("a", "n", "s", "t", "down"):
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    times.setdefault(key, []).append(time.perf_counter() - start)
    keys = "  ".join(f"{k} {statistics.median(v) * 1000:.0f} ms" for k, v in times.items())
    return f"{n:>7} beads: first screen {first:.2f} s;  {keys}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--beads", default="500,5000,50000")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    for n in (int(x) for x in args.beads.split(",")):
        print(asyncio.run(measure(n, args.runs)), flush=True)


if __name__ == "__main__":
    main()
