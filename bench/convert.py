"""Speed of the OpenCC conversion: workbench's engine against the plain
`opencc-python-reimplemented` package and the old str.translate fast path, in the same run.

    .venv/bin/python bench/convert.py [--mb 2] [--runs 5] [--units 100000]

Throughput is MB of UTF-8 input per CPU second (time.process_time: the figures hold on a
machine shared with other jobs, where wall time does not) converting the seed article repeated
(medians of `--runs`); the Simplified configurations (s2t...) convert the article's t2s
conversion.
Then the editor's and `init --pretranslate`'s cases: one sentence at a time (median
microseconds), `--units` units one after the other (`workbench.convert.convert`, punctuation
included), and the first conversion in a new process, with the dictionary cache warm and
empty (CPU time; it includes importing workbench.convert).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.convert import convert  # noqa: E402
from workbench.opencc import converter  # noqa: E402

SEED = ROOT / "seeds" / "000_fa12286181b4949c.txt"
CONFIGS = ("t2s", "tw2s", "hk2s", "tw2sp", "s2t", "s2tw", "s2twp", "s2hk")


def old_fast_t2s() -> Callable[[str], str]:
    """The t2s fast path workbench had before (the package's old dictionaries, regex and
    str.translate), kept here as the speed bar."""
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"

    def table(name: str) -> dict[str, str]:
        out = {}
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if key and values.split():
                out[key] = values.split()[0]
        return out

    chars, phrases = table("TSCharacters.txt"), table("TSPhrases.txt")
    trans = str.maketrans(chars)
    pattern = re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))

    def t2s(text: str) -> str:
        parts = []
        pos = 0
        for m in pattern.finditer(text):
            parts.append(text[pos:m.start()].translate(trans))
            parts.append(phrases[m.group()])
            pos = m.end()
        parts.append(text[pos:].translate(trans))
        return "".join(parts)

    return t2s


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def first_conversion(cache: str | None) -> float:
    """Seconds for import + first tw2s conversion in a fresh interpreter."""
    code = ("import time; t = time.process_time(); from workbench.convert import convert; "
            "convert('擡頭看什麼', 'tw2s'); print(time.process_time() - t)")
    env = dict(os.environ)
    if cache is not None:
        env["XDG_CACHE_HOME"] = cache
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True)
    return float(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--units", type=int, default=100_000)
    args = parser.parse_args()

    import opencc  # opencc-python-reimplemented

    seed = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n"
    traditional = seed * max(1, round(args.mb * 1e6 / len(seed.encode("utf-8"))))
    simplified = converter("t2s")(traditional)
    # The package walks every character in Python: a tenth of the text is enough for its rate.
    small = max(1, len(traditional) // 10)

    print(f"corpus: {len(traditional.encode('utf-8')) / 1e6:.1f} MB, "
          f"median of {args.runs} runs (MB/s of UTF-8 input)")
    print(f"{'config':8} {'workbench':>10} {'package':>10} {'old fast':>10}")
    old = old_fast_t2s()
    for config in CONFIGS:
        text = simplified if config.startswith("s2") else traditional
        mb = len(text.encode("utf-8")) / 1e6
        engine = converter(config)
        ours = mb / median_seconds(lambda e=engine, t=text: e(t), args.runs)
        package = opencc.OpenCC(config)
        part = text[:small]
        theirs = len(part.encode("utf-8")) / 1e6 / median_seconds(
            lambda p=package, t=part: p.convert(t), max(1, args.runs // 2))
        fast = f"{mb / median_seconds(lambda t=text: old(t), args.runs):10.1f}" \
            if config == "t2s" else f"{'':>10}"
        print(f"{config:8} {ours:10.1f} {theirs:10.1f} {fast}")

    sentences = [s for s in re.split(r"(?<=[。！？\n])", seed) if s.strip()]
    units = [sentences[i % len(sentences)] + str(i) for i in range(args.units)]
    for config in ("tw2s", "tw2sp"):
        one = statistics.median(
            median_seconds(lambda s=s, c=config: convert(s, c), 5) for s in sentences) * 1e6
        every = median_seconds(lambda c=config: [convert(u, c) for u in units], 3)
        chars = statistics.mean(len(s) for s in sentences)
        print(f"{config}: one sentence ({chars:.0f} characters) {one:.0f} µs median; "
              f"{args.units} units {every:.2f} s")

    warm = statistics.median(first_conversion(None) for _ in range(3))
    with tempfile.TemporaryDirectory() as empty:
        cold = first_conversion(empty)
    print(f"first conversion in a new process (import included): {warm * 1e3:.0f} ms "
          f"with the dictionary cache, {cold * 1e3:.0f} ms without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
