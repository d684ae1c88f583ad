"""Concordance speed at 100,000 units: building the folded corpus once (what the editor's
concordance screen does in a worker) and then each search (what typing waits for).

    .venv/bin/python bench/concordance.py [UNITS]

Prints medians of 7 runs per term, and for comparison a plain Python loop testing
`term in source or term in target` over the same units (the linear scan it replaces).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from gen_catalog import generate  # noqa: E402

from workbench.concordance import catalog_corpus, fold, search  # noqa: E402

TERMS = ("黨委", "党委", "西藏", "translation 9999", "不存在的詞語")


def median_ms(fn, runs: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    units = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.po"
        catalog = generate(units, path)
        start = time.perf_counter()
        corpus = catalog_corpus(path, "bench.po")
        build = (time.perf_counter() - start) * 1000
        print(f"{units} units: read, fold and index once {build:.0f} ms")
        folded = [(fold(u.source), fold(u.target)) for u in catalog.units]
        for term in TERMS:
            needle = fold(term)
            found = len(search([corpus], term, limit=50, untranslated=True))
            ms = median_ms(lambda t=term: search([corpus], t, limit=50, untranslated=True))
            every = median_ms(lambda t=term: search([corpus], t, limit=10**9,
                                                    untranslated=True))
            scan = median_ms(lambda n=needle: [i for i, (s, t) in enumerate(folded)
                                               if n in s or n in t])
            print(f"  {term!r:>20}: first {found:>2} hits {ms:7.2f} ms, every hit "
                  f"{every:7.2f} ms; python loop {scan:7.2f} ms")


if __name__ == "__main__":
    main()
