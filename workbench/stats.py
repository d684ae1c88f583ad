"""Progress figures of catalogs: units and source words per state, by several measures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench import words
from workbench.model import Catalog, State
from workbench.words import ZERO, WordCounts


@dataclass
class CatalogStats:
    """Units and source word counts of one catalog, per state."""

    path: Path | None
    source_lang: str
    target_lang: str
    units: dict[State, int] = field(default_factory=lambda: dict.fromkeys(State, 0))
    counts: dict[State, WordCounts] = field(default_factory=lambda: dict.fromkeys(State, ZERO))

    @property
    def total_units(self) -> int:
        return sum(self.units.values())

    @property
    def total(self) -> WordCounts:
        return sum(self.counts.values(), ZERO)

    def percent_units(self) -> float:
        if not self.total_units:
            return 100.0
        return 100.0 * self.units[State.TRANSLATED] / self.total_units

    def percent_words(self) -> float:
        total = self.total.words
        return 100.0 * self.counts[State.TRANSLATED].words / total if total else 100.0

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path) if self.path else None,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "units": {s.label: n for s, n in self.units.items()} | {"total": self.total_units},
            **{
                measure: {s.label: getattr(c, measure) for s, c in self.counts.items()}
                | {"total": getattr(self.total, measure)}
                for measure in words.MEASURES
            },
            "percent_done": {"units": round(self.percent_units(), 2),
                             "words": round(self.percent_words(), 2)},
        }


def _guess_source_lang(catalog: Catalog) -> str:
    """A catalog that names no source language (another tool's): Chinese if its sources are
    mostly Han characters, else English, judged on the first units."""
    sample = "".join(u.source for u in catalog.units[:200])
    letters = sum(1 for ch in sample if ch.isalpha())
    return "zh" if letters and words.han_count(sample) / letters >= 0.3 else "en"


def catalog_stats(catalog: Catalog, source_lang: str | None = None) -> CatalogStats:
    """Figures of the catalog's active units; words are counted in the source language."""
    lang = source_lang or catalog.source_lang or _guess_source_lang(catalog)
    stats = CatalogStats(catalog.path, lang, catalog.target_lang)
    for unit in catalog.units:
        if unit.obsolete:
            continue
        stats.units[unit.state] += 1
        stats.counts[unit.state] = stats.counts[unit.state] + words.count(unit.source, lang)
    return stats
