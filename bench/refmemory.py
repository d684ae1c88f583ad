"""Reference memory of 100,000 entries: loading a TMX (parse, fold, index: what the editor
runs in a worker), the second load from the mtime/size cache, exact lookups (what
`init --pretranslate` does per unit) and fuzzy lookups with their diff (a suggestion).

    .venv/bin/python bench/refmemory.py [ENTRIES]

Medians of 5 runs for the lookups.
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

from workbench.formats import tmx  # noqa: E402
from workbench.model import State  # noqa: E402
from workbench.refmemory import load_reference_memory  # noqa: E402


def main() -> None:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        catalog = generate(entries, Path(tmp) / "gen.po", translated=1.0, fuzzy=0.0)
        for unit in catalog.units:
            unit.state = State.TRANSLATED
        path = Path(tmp) / "big.tmx"
        path.write_bytes(tmx.write_tmx(catalog))
        start = time.perf_counter()
        memory = load_reference_memory([path], "zh-Hant", "en")
        first = time.perf_counter() - start
        start = time.perf_counter()
        load_reference_memory([path], "zh-Hant", "en")
        second = time.perf_counter() - start
        print(f"{len(memory)} entries ({path.stat().st_size / 1e6:.1f} MB TMX): first load "
              f"{first:.2f} s, again (cached) {second:.2f} s")
        probes = [u.source for u in catalog.units[::max(1, entries // 200)]]
        times = []
        for _ in range(5):
            start = time.perf_counter()
            for probe in probes:
                memory.exact(probe)
            times.append((time.perf_counter() - start) / len(probes) * 1e6)
        print(f"  exact lookup: {statistics.median(times):.1f} µs each")
        fuzzy = [p[:-3] + "也" + p[-3:] for p in probes[:40]]
        times = []
        for _ in range(5):
            start = time.perf_counter()
            for probe in fuzzy:
                memory.lookup(probe)
            times.append((time.perf_counter() - start) / len(fuzzy) * 1000)
        print(f"  fuzzy lookup with diff: {statistics.median(times):.1f} ms each")


if __name__ == "__main__":
    main()
