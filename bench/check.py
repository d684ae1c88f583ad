"""`workbench check` against `msgfmt --statistics` on the same 100,000-unit catalog.

    .venv/bin/python bench/check.py [--units 100000] [--runs 5]

Both run as whole processes (start-up included), side by side in one run; the figures are
medians. The target: finding the untranslated and fuzzy units (`--check none`) takes at most
twice msgfmt's time. The default run (every quality check on the translated half) is shown too.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from gen_catalog import generate  # noqa: E402


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        sys.exit("msgfmt not found: install gettext")
    workbench = [sys.executable, "-m", "workbench", "check"]
    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "bench.po"
        generate(args.units, po)
        size = po.stat().st_size / 1e6
        print(f"catalog: {args.units:,} units, {size:.1f} MB; medians of {args.runs} runs")
        base = timed([msgfmt, "--statistics", "-o", "/dev/null", str(po)], args.runs)
        status = timed([*workbench, "--check", "none", str(po)], args.runs)
        full = timed([*workbench, str(po)], args.runs)
    print(f"msgfmt --statistics            {base:6.2f} s")
    print(f"workbench check --check none   {status:6.2f} s   ratio {status / base:.2f} "
          f"(target <= 2)")
    print(f"workbench check (all checks)   {full:6.2f} s   ratio {full / base:.2f}")


if __name__ == "__main__":
    main()
