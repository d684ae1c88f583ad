"""`workbench check` side by side with `msgfmt --statistics` and translate-toolkit's `pofilter`.

    .venv/bin/python bench/check.py [--units 12000,100000] [--runs 5] [--po FILE ...]

Every tool runs as a whole process (start-up included) on the same file, in one run, and the
figures are medians. Catalogs: generated ones of the given sizes (sentences of the seed,
half translated) and any real PO files given with --po. The targets (issue 9):

- `check --check none` (untranslated and fuzzy units: the CI status gate) takes at most twice
  what `msgfmt --statistics` takes;
- the full default `check` is at least twice as fast as `pofilter` with its default tests.

Byte-compiled modules are allowed (PYTHONDONTWRITEBYTECODE is dropped, one warm-up run), as
an installed package has them.
"""

from __future__ import annotations

import argparse
import os
import resource
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

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds (user + system) of the command.

    CPU time is the fairer figure on a shared machine: the wall clock there counts the time
    other processes held the cores."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
                   check=False)  # warm-up: byte-code written, files in the page cache
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
                       check=False)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)


def units_of(po: Path) -> int:
    return sum(1 for line in po.read_text(encoding="utf-8", errors="replace").splitlines()
               if line.startswith("msgid ")) - 1


def measure(po: Path, runs: int, pofilter_runs: int, tmp: Path) -> None:
    workbench = [sys.executable, "-m", "workbench", "check"]
    size = po.stat().st_size / 1e6
    print(f"\n{po.name}: {units_of(po):,} units, {size:.1f} MB; medians of {runs} runs, "
          "wall clock and CPU seconds")
    base = timed(["msgfmt", "--statistics", "-o", os.devnull, str(po)], runs)
    status = timed([*workbench, "--check", "none", str(po)], runs)
    full = timed([*workbench, str(po)], runs)

    def row(name: str, t: tuple[float, float], note: str = "") -> None:
        print(f"  {name:<31}{t[0]:7.2f} s wall {t[1]:7.2f} s CPU   {note}")

    row("msgfmt --statistics", base)
    row("workbench check --check none", status, f"{status[0] / base[0]:5.2f}× msgfmt wall, "
        f"{status[1] / base[1]:5.2f}× CPU (target <= 2)")
    row("workbench check (default)", full, f"{full[1] / base[1]:5.2f}× msgfmt CPU")
    pofilter = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    if pofilter_runs and Path(pofilter).exists():
        other = timed([pofilter, "--progress=none", "-i", str(po), "-o",
                       str(tmp / "pofilter.po")], pofilter_runs)
        row("pofilter (default tests)", other, f"check is {other[0] / full[0]:4.1f}× faster "
            f"wall, {other[1] / full[1]:4.1f}× CPU (target >= 2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", default="12000,100000",
                        help="sizes of the generated catalogs, comma-separated ('' for none)")
    parser.add_argument("--po", nargs="*", default=[], type=Path, help="real PO files too")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pofilter-runs", type=int, default=3,
                        help="runs of pofilter, which is slow (0: leave it out)")
    args = parser.parse_args()
    if not shutil.which("msgfmt"):
        sys.exit("msgfmt not found: install gettext")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        catalogs = list(args.po)
        for units in (int(n) for n in args.units.split(",") if n.strip()):
            po = tmp / f"bench-{units}.po"
            generate(units, po)
            catalogs.append(po)
        for po in catalogs:
            measure(po, args.runs, args.pofilter_runs, tmp)


if __name__ == "__main__":
    main()
