"""Benchmark of `workbench edit` on a generated 100,000-unit catalog, through App.run_test().

Prints medians over several runs: time to the first screen (reading the PO up to its first
screenful, first render: a large catalog opens progressively), to the whole catalog read (by a
worker, after the first screen), the latency of moving to the next unit (Alt+Down) while the
rest is read, then of moving, of committing with Enter and landing on the next unit needing
work, of PageDown in the list, the time until the progress bar shows words (the first run counts
them, the next ones find them in the word cache, as a second opening does) and the peak memory.
Budgets: first screen 0.5 s, next unit and commit 16 ms (one frame), memory 500 MB.

    .venv/bin/python bench/tui.py [UNITS] [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from gen_catalog import generate  # noqa: E402


async def timed_key(app, key: str, done) -> float:  # type: ignore[no-untyped-def]
    """Wall time from a key reaching the app to the screen refreshed after `done()` holds.

    Pilot.press() waits for the process to look idle, which adds its own sleeps; this sends
    the key event the same way but stops the clock at the refresh that shows the result.
    """
    from textual import events

    refreshed = asyncio.Event()
    start = time.perf_counter()
    app._driver.send_message(events.Key(key, None))
    while not done():
        await asyncio.sleep(0)
    app.call_after_refresh(refreshed.set)
    await refreshed.wait()
    return time.perf_counter() - start


@dataclass
class Run:
    first_screen: float  # make_app() to the first screen drawn
    first_units: int  # units in the session when the first screen was drawn
    loaded: float  # make_app() to the whole catalog read (the same as first_screen if at once)
    reading_moves: list[float]  # Alt+Down while the rest of the catalog is read
    ready: float  # make_app() to the app idle after the whole catalog is read
    next_unit: list[float]  # Alt+Down
    commit: list[float]  # Enter: commit and land on the next unit needing work
    page_down: list[float]  # PageDown in the list
    filter: list[float]  # Alt+U, Alt+A, Alt+F, Alt+A, a search: the list re-filtered
    background: float  # make_app() to the memory index and word counts ready
    words: float  # make_app() to the word counts shown
    words_counted: int  # sentences counted (not found in the word cache)


async def one_run(path: Path, commits: int) -> Run:
    from textual.worker import WorkerCancelled

    from workbench.tui.app import EditorApp, make_app
    from workbench.tui.widgets.unit_list import UnitList

    start = time.perf_counter()
    app: EditorApp = make_app(path, watch_disk=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.editor.background_started.wait()  # set as the first screen is drawn
        assert app.editor.first_screen_at is not None
        first_screen = app.editor.first_screen_at - start
        first_units = len(app.editor.session)
        reading_moves = []
        while app.editor.session.loading is not None and len(reading_moves) < 5:
            before = app.editor.current
            reading_moves.append(await timed_key(app, "alt+down",
                                                 lambda b=before: app.editor.current != b))
        await app.editor.catalog_loaded.wait()
        assert app.editor.loaded_at is not None
        loaded = app.editor.loaded_at - start
        await pilot.pause()
        ready = time.perf_counter() - start
        assert len(app.query_one(UnitList).rows) > 0
        # let the background work (memory index, word counts) finish, as a translator would
        editor = app.editor
        deadline = time.perf_counter() + 300
        while editor.words is None and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        words = time.perf_counter() - start
        while any(not worker.is_finished for worker in app.workers):
            for worker in list(app.workers):
                with contextlib.suppress(WorkerCancelled):
                    await worker.wait()
            await pilot.pause()
        assert editor.memory is not None and editor.words is not None
        background = time.perf_counter() - start
        await pilot.pause(0.2)
        moves = []
        for _ in range(commits):
            before = app.editor.current
            moves.append(await timed_key(app, "alt+down", lambda b=before: app.editor.current != b))
            await pilot.pause(0.02)  # the suggestion worker of that unit
        latencies = []
        for _ in range(commits):
            before = app.editor.current
            await pilot.press("x")  # typing is not timed
            await pilot.pause(0.02)
            latencies.append(await timed_key(app, "enter",
                                             lambda b=before: app.editor.current != b))
            assert app.editor.session.units[before].target.endswith("x")
            await pilot.pause(0.02)
        # page through the list too (rendering only visible rows)
        units = app.query_one(UnitList)
        units.focus()
        await pilot.pause()
        scrolls = []
        for _ in range(commits):
            before = units.cursor
            scrolls.append(await timed_key(app, "pagedown",
                                           lambda b=before: units.cursor != b))
            await pilot.pause(0.02)
        # filters and search scan every unit: timed once each
        filters = []
        for key in ("alt+u", "alt+a", "alt+f", "alt+a"):
            rows = units.rows
            filters.append(await timed_key(app, key, lambda r=rows: units.rows is not r))
            await pilot.pause(0.05)
        await pilot.press("ctrl+f", *"黨委", "ctrl+u")
        await pilot.press(*"黨委")
        await pilot.pause()
        rows = units.rows
        filters.append(await timed_key(app, "enter", lambda r=rows: units.rows is not r))
        app.editor.session.journal.clear()
    return Run(first_screen, first_units, loaded, reading_moves, ready, moves, latencies,
               scrolls, filters, background, words, editor.words_counted)


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:6.1f} ms"


def one_process(path: Path, commits: int, cache: Path) -> dict[str, Any]:
    """One run in a fresh interpreter, as a translator starting the editor would have; word
    counts cached in `cache` (empty for the first run)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    done = subprocess.run([sys.executable, __file__, "--one", str(path), "--commits",
                           str(commits)], capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        sys.exit(f"run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("units", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--commits", type=int, default=30, help="keys timed of each kind")
    parser.add_argument("--one", metavar="PO", help=argparse.SUPPRESS)  # one run, JSON out
    args = parser.parse_args()
    if args.one:
        run = asyncio.run(one_run(Path(args.one), args.commits))
        data = asdict(run)
        data["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(data))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.po"
        t = time.perf_counter()
        generate(args.units, path)
        print(f"generated {args.units:,} units ({path.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - t:.1f} s; {args.runs} runs, each in a new process")
        cache = Path(tmp) / "cache"  # the user's own cache is left alone
        results = [one_process(path, args.commits, cache) for _ in range(args.runs)]
    n = args.runs

    def each(values: list[float], scale: float = 1.0, fmt: str = "{:.2f}") -> str:
        return ", ".join(fmt.format(v * scale) for v in values)

    firsts = [r["first_screen"] for r in results]
    print(f"first screen drawn:    {statistics.median(firsts):.2f} s median of {n} runs "
          f"({each(firsts)})  budget 0.5 s")
    print(f"  units read for it:   {results[0]['first_units']:,} (the rest read after it)")
    loads = [r["loaded"] for r in results]
    print(f"whole catalog read:    {statistics.median(loads):.2f} s median ({each(loads)})")
    during = [v for r in results for v in r["reading_moves"]]
    if during:
        print(f"next unit meanwhile:   {statistics.median(during) * 1000:.1f} ms median "
              f"({len(during)} keys over the runs, while the rest is read)")
    readies = [r["ready"] for r in results]
    print(f"idle after it:         {statistics.median(readies):.2f} s median ({each(readies)})")
    for label, key in (("next unit (Alt+Down)", "next_unit"), ("commit + next (Enter)", "commit"),
                       ("page down in list", "page_down"), ("filter or search", "filter")):
        medians = [statistics.median(r[key]) for r in results]
        print(f"{label + ':':<23}{statistics.median(medians) * 1000:.1f} ms median "
              f"(run medians {each(medians, 1000, '{:.1f}')} ms; {len(results[0][key])} keys "
              "per run)"
              + ("  budget 16 ms" if key in ("next_unit", "commit") else ""))
    cold, warm = results[0], results[1:]
    print(f"words shown, counted:  {cold['words']:.2f} s (run 1, {cold['words_counted']:,} "
          "sentences counted)")
    if warm:
        print(f"words shown, cached:   {statistics.median(r['words'] for r in warm):.2f} s "
              f"median of runs 2-{n} ({each([r['words'] for r in warm])}; "
              f"{max(r['words_counted'] for r in warm):,} counted)")
    backgrounds = [r["background"] for r in results]
    print(f"background ready:      {statistics.median(backgrounds):.2f} s median (memory index "
          "and word counts, off the UI thread)")
    peaks = [r["peak_mb"] for r in results]
    print(f"peak memory:           {max(peaks):.0f} MB RSS, the largest of the runs "
          f"({each(peaks, 1, '{:.0f}')})  budget 500 MB")


if __name__ == "__main__":
    main()
