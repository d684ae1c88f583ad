"""The translation memory: bigram index, similarity percent, updates."""

from __future__ import annotations

import random

from workbench.editor.memory import TranslationMemory, build_memory
from workbench.model import Catalog, State, Unit
from workbench.msgmerge import similarity


def test_exact_and_fuzzy_matches() -> None:
    memory = TranslationMemory()
    memory.add("基層黨組織是黨的執政之基。", "Primary-level organisations are the base.",
               "a.po", "1")
    memory.add("基層黨組織是黨的力量之源。", "They are the source of strength.", "a.po", "2")
    memory.add("完全不同的一句話。", "Something else.", "a.po", "3")
    found = memory.lookup("基層黨組織是黨的執政之基。")
    assert found[0].percent == 100 and found[0].unit_id == "1"
    assert 50 <= found[1].percent < 100 and found[1].unit_id == "2"
    assert all(m.unit_id != "3" for m in found)
    # the unit being translated does not suggest itself
    assert memory.lookup("基層黨組織是黨的執政之基。", exclude=("a.po", "1"))[0].unit_id == "2"


def test_update_and_remove() -> None:
    memory = TranslationMemory()
    memory.add("今天天氣很好。", "Nice day.", "a.po", "1")
    memory.add("今天天氣很好。", "Fine weather today.", "a.po", "1")
    assert [m.target for m in memory.lookup("今天天氣很好。")] == ["Fine weather today."]
    memory.add("今天天氣很好。", "", "a.po", "1")  # untranslated again
    assert memory.lookup("今天天氣很好。") == [] and len(memory) == 0


def test_build_from_catalogs_takes_only_translated() -> None:
    units = [Unit("1", "第一句話在這裡。", "First.", State.TRANSLATED),
             Unit("2", "第二句話在這裡。", "Second?", State.FUZZY),
             Unit("3", "第三句話在這裡。", "", State.UNTRANSLATED)]
    memory = build_memory([(Catalog(units, "zh-Hant", "en"), "x.po")])
    assert len(memory) == 1
    assert [m.target for m in memory.lookup("第二句話在這裡。")] == ["First."]


def test_finds_what_a_full_scan_finds() -> None:
    """The index ranks candidates by shared bigrams; the best match of a brute-force difflib
    scan over every entry must be among them."""
    rng = random.Random(3)
    alphabet = "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主"
    sources = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(8, 30)))
               for _ in range(400)]
    memory = TranslationMemory()
    for n, source in enumerate(sources):
        memory.add(source, f"t{n}", "a.po", str(n))
    for query in sources[:40]:
        probe = query[:3] + rng.choice(alphabet) + query[4:]
        best = max(similarity(probe, s) for s in sources)
        found = memory.lookup(probe, limit=1, min_score=0.5)
        if best >= 0.5:
            assert found and abs(found[0].score - best) < 1e-9
        else:
            assert not found
