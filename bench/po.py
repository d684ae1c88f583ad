"""PO reading and faithful writing on a large catalog: medians of several runs.

    .venv/bin/python bench/po.py [UNITS]

Prints the median time to read a generated catalog (default 100,000 units), to write it back
after a one-unit change (the faithful writer: the file is parsed again and every other entry
copied), and, as the peer measured in the same run, to write the same catalog as a new one
(polib, what `init` does).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from gen_catalog import generate  # noqa: E402

from workbench.formats.po import po_bytes, read_po  # noqa: E402

RUNS = 5


def main() -> None:
    units = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.po"
        generate(units, path)
        reads, faithful, fresh = [], [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            catalog = read_po(path)
            reads.append(time.perf_counter() - start)
            catalog.units[len(catalog.units) // 2].target = "changed"
            start = time.perf_counter()
            data = po_bytes(catalog)
            faithful.append(time.perf_counter() - start)
            start = time.perf_counter()
            po_bytes(replace(catalog, po_source=None))
            fresh.append(time.perf_counter() - start)
        assert len(data) > 0
    print(f"{units} units, median of {RUNS}: read {statistics.median(reads):.2f} s; "
          f"write after a one-unit change {statistics.median(faithful):.2f} s "
          f"(writing it as a new catalog with polib: {statistics.median(fresh):.2f} s)")


if __name__ == "__main__":
    main()
