"""`workbench check` side by side with `msgfmt --statistics` and translate-toolkit's `pofilter`.

    .venv/bin/python bench/check.py [--units 12000,100000] [--runs 5] [--po FILE ...]
                                    [--git-repo DIR] [--pofilter-runs N]

Every tool runs as a whole process (start-up included) on the same file, the tools taking
turns, and the figures are medians. Catalogs: generated ones of the given sizes (sentences of
the seed, half translated), any real PO files given with --po, and git's zh_CN.po and
zh_TW.po from a clone given with --git-repo. The targets (issue 9):

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


def _run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
                   check=False, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def timed(commands: dict[str, list[str]], runs: dict[str, int], cwd: Path
          ) -> dict[str, tuple[float, float]]:
    """Median wall-clock and median CPU seconds of each command.

    The commands take turns (one run of each, then the next round), so a busy moment of a
    shared machine falls on all of them alike instead of on whichever ran then. CPU time is
    the fairer figure there: the wall clock counts the time other processes held the cores.
    They run in `cwd`, a folder outside any project: inside a workbench project (this one is)
    `check` would take the project's configuration and glossary along."""
    for cmd in commands.values():
        _run(cmd, cwd)  # warm-up: byte-code written, files in the page cache
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for round_ in range(max(runs.values())):
        for name, cmd in commands.items():
            if round_ < runs[name]:
                times[name].append(_run(cmd, cwd))
    return {name: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
            for name, t in times.items() if t}


def units_of(po: Path) -> int:
    return sum(1 for line in po.read_text(encoding="utf-8", errors="replace").splitlines()
               if line.startswith("msgid ")) - 1


def measure(po: Path, runs: int, pofilter_runs: int, tmp: Path) -> None:
    workbench = [sys.executable, "-m", "workbench", "check"]
    size = po.stat().st_size / 1e6
    print(f"\n{po.name}: {units_of(po):,} units, {size:.1f} MB; medians of {runs} runs "
          f"({pofilter_runs} of pofilter), taking turns; wall clock and CPU seconds")
    commands = {"msgfmt": ["msgfmt", "--statistics", "-o", os.devnull, str(po)],
                "status": [*workbench, "--check", "none", str(po)],
                "full": [*workbench, str(po)]}
    pofilter = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    if pofilter_runs and Path(pofilter).exists():
        commands["pofilter"] = [pofilter, "--progress=none", "-i", str(po), "-o",
                                str(tmp / "pofilter.po")]
    t = timed(commands, {name: pofilter_runs if name == "pofilter" else runs
                         for name in commands}, tmp)
    base, status, full = t["msgfmt"], t["status"], t["full"]

    def row(name: str, m: tuple[float, float], note: str = "") -> None:
        print(f"  {name:<31}{m[0]:7.3f} s wall {m[1]:7.3f} s CPU   {note}")

    row("msgfmt --statistics", base)
    row("workbench check --check none", status, f"{status[1] / base[1]:5.2f}× msgfmt CPU, "
        f"{status[0] / base[0]:5.2f}× wall (target <= 2)")
    row("workbench check (default)", full, f"{full[1] / base[1]:5.2f}× msgfmt CPU")
    if "pofilter" in t:
        other = t["pofilter"]
        row("pofilter (default tests)", other, f"check is {other[1] / full[1]:4.2f}× faster "
            f"CPU, {other[0] / full[0]:4.2f}× wall (target >= 2)")


def git_catalogs(repo: Path, tmp: Path) -> list[Path]:
    """git's own Chinese catalogs (po/zh_CN.po, po/zh_TW.po at HEAD) of a clone of
    github.com/git/git, bare or not: real software catalogs of 6,000 units."""
    out = []
    for name in ("zh_CN", "zh_TW"):
        text = subprocess.run(["git", "-C", str(repo), "show", f"HEAD:po/{name}.po"],
                              capture_output=True, check=True).stdout
        path = tmp / f"git-{name}.po"
        path.write_bytes(text)
        out.append(path)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", default="12000,100000",
                        help="sizes of the generated catalogs, comma-separated ('' for none)")
    parser.add_argument("--po", nargs="*", default=[], type=Path, help="real PO files too")
    parser.add_argument("--git-repo", type=Path, metavar="DIR",
                        help="a clone of github.com/git/git: its po/zh_CN.po and po/zh_TW.po too")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pofilter-runs", type=int, default=5,
                        help="runs of pofilter, which is slow (0: leave it out)")
    args = parser.parse_args()
    if not shutil.which("msgfmt"):
        sys.exit("msgfmt not found: install gettext")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        catalogs = list(args.po)
        if args.git_repo:
            catalogs += git_catalogs(args.git_repo, tmp)
        for units in (int(n) for n in args.units.split(",") if n.strip()):
            po = tmp / f"bench-{units}.po"
            generate(units, po)
            catalogs.append(po)
        for po in catalogs:
            measure(po, args.runs, args.pofilter_runs, tmp)


if __name__ == "__main__":
    main()
