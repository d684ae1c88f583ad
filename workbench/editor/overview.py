"""The project at a glance: every document × target language, its catalog and progress (the
figures `workbench stats` prints), for the editor's overview and switcher."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.project import Project
from workbench.stats import CatalogStats


@dataclass(frozen=True)
class Cell:
    """One document in one target language."""

    document: Path
    target: str
    path: Path  # its PO file (may not exist yet: `workbench init` or opening it creates it)

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def cells(project: Project) -> list[list[Cell]]:
    """One row per document, one cell per target, in the project's order."""
    return [[Cell(doc, target, project.po_path(doc, target)) for target in project.targets]
            for doc in project.documents()]


def cell_stats(project: Project, cell: Cell) -> CatalogStats | None:
    """The `stats` figures of a cell's catalog (None when there is none yet)."""
    from workbench.catalog_language import catalog_languages
    from workbench.formats.po import read_po
    from workbench.stats import catalog_stats

    if not cell.exists:
        return None
    catalog = read_po(cell.path)
    return catalog_stats(catalog, catalog_languages(catalog, cell.path,
                                                    project_source=project.source_lang))
