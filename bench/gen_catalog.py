"""A generated catalog of N units for the editor's benchmark: sentences cut from the seed
article and shuffled, about half of them translated, some fuzzy."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.formats.po import default_header, write_po  # noqa: E402
from workbench.model import Catalog, State, Unit, make_unit_id  # noqa: E402
from workbench.segment import segment_text  # noqa: E402


def seed_sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return [s.text for s in segment_text(text, "zh-Hant").segments if len(s.text) > 4]


def generate(units: int, path: Path, translated: float = 0.5, fuzzy: float = 0.05,
             seed: int = 7) -> Catalog:
    rng = random.Random(seed)
    sentences = seed_sentences()
    chars = [c for s in sentences for c in s]
    seen: dict[str, int] = {}
    out = []
    for n in range(units):
        base = rng.choice(sentences)
        # vary each sentence a little so the memory holds many near, few exact, matches
        cut = rng.randrange(len(base))
        source = base[:cut] + "".join(rng.choice(chars) for _ in range(rng.randrange(1, 6))) \
            + base[cut:]
        roll = rng.random()
        state = State.TRANSLATED if roll < translated else \
            State.FUZZY if roll < translated + fuzzy else State.UNTRANSLATED
        target = f"Translation {n} of a sentence." if state else ""
        out.append(Unit(id=make_unit_id(source, seen), source=source, target=target, state=state,
                        locations=[("seeds/bench.txt", n + 1)],
                        auto_comments=[f"paragraph {n // 4 + 1}, sentence {n % 4 + 1}"]))
    catalog = Catalog(units=out, source_lang="zh-Hant", target_lang="en",
                      header=default_header("zh-Hant", "en", "bench"))
    write_po(catalog, path)
    return catalog


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/bench-100k.po")
    generate(count, target)
    print(target)
