"""Progress figures of catalogs: units and source words per state, by several measures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench import words
from workbench.catalog_language import CatalogLanguages, catalog_languages
from workbench.model import Catalog, State
from workbench.words import ZERO, WordCounts


@dataclass
class CatalogStats:
    """Units and source word counts of one catalog, per state."""

    path: Path | None
    languages: CatalogLanguages
    units: dict[State, int] = field(default_factory=lambda: dict.fromkeys(State, 0))
    counts: dict[State, WordCounts] = field(default_factory=lambda: dict.fromkeys(State, ZERO))

    @property
    def source_lang(self) -> str:
        return self.languages.source

    @property
    def target_lang(self) -> str:
        return self.languages.target

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
            # where each came from: header, path, text, override... ("" when unknown)
            "source_lang_from": self.languages.source_from,
            "target_lang_from": self.languages.target_from,
            "units": {s.label: n for s, n in self.units.items()} | {"total": self.total_units},
            **{
                measure: {s.label: getattr(c, measure) for s, c in self.counts.items()}
                | {"total": getattr(self.total, measure)}
                for measure in words.MEASURES
            },
            "percent_done": {"units": round(self.percent_units(), 2),
                             "words": round(self.percent_words(), 2)},
        }


def catalog_stats(catalog: Catalog, languages: CatalogLanguages | None = None) -> CatalogStats:
    """Figures of the catalog's active units; words are counted in the source language
    (`languages`: as the command decided them, default `catalog_languages(catalog)`)."""
    if languages is None:
        languages = catalog_languages(catalog)
    lang = languages.source
    stats = CatalogStats(catalog.path, languages)
    for unit in catalog.units:
        if unit.obsolete:
            continue
        stats.units[unit.state] += 1
        stats.counts[unit.state] = stats.counts[unit.state] + words.count(unit.source, lang)
    return stats
