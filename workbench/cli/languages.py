"""`--source-lang` / `--target-lang`: the options every command reading catalogs shares."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from workbench.catalog_language import CatalogLanguages
    from workbench.model import Catalog
    from workbench.project import Project


def add_language_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source-lang", metavar="L", help="the catalogs' source language (default: "
                   "the header's X-Source-Language, else the project's, else told from the text)")
    p.add_argument("--target-lang", metavar="L", help="the catalogs' target language (default: "
                   "the header's Language, else the file's path, else told from the text)")


def languages_of(catalog: Catalog, path: Path | None, args: argparse.Namespace,
                 project: Project | None = None) -> CatalogLanguages:
    """The languages of a catalog as a command sees them: its options, then the catalog (the
    project's source language counts for a catalog inside the project only)."""
    from workbench.catalog_language import catalog_languages, project_source

    return catalog_languages(catalog, path, getattr(args, "source_lang", None),
                             getattr(args, "target_lang", None),
                             project_source=project_source(path, project))
