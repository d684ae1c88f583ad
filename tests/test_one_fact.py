"""Facts that must live in exactly one module: a second spelling of them drifts."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"

# fact -> (a spelling of it, the one module allowed to hold it)
FACTS = {
    "which characters are Han": ("\\u4e00-\\u9fff", "han.py"),
    "how a PO header writes a date": ("%H:%M+0000", "formats/po.py"),
    "where a catalog lives": ('/ "LC_MESSAGES" /', "project.py"),
    "the position note of a unit": ("paragraph (\\d+)", "model.py"),
}


def _sources() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts]


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_fact_lives_in_one_module(fact: str) -> None:
    spelling, home = FACTS[fact]
    holders = sorted(str(p.relative_to(PACKAGE)) for p in _sources()
                     if spelling in p.read_text(encoding="utf-8"))
    assert holders == [home], f"{fact}: spelled out in {holders}, should be only in {home}"
