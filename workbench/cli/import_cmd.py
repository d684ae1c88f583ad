"""`workbench import`: merge an XLIFF, TMX or PO file translated elsewhere into its catalog."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.project import Project

MAX_LISTED = 20  # units not found that are listed one by one


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="merge a translated XLIFF 1.2/2.0, TMX or PO file into its catalog",
        description="Merge translations made elsewhere (Poedit, OmegaT, Weblate...) into a "
        "catalog, matching units by id and then by source text. A translation that differs from "
        "the catalog's is a conflict: both are kept (one as the target, the other in a "
        "translator comment) and the unit is marked fuzzy for review. Nothing is lost.")
    p.add_argument("file", metavar="FILE", help="the translated file (.xlf, .xliff, .tmx, .po)")
    p.add_argument("--into", metavar="PO", help="the catalog to merge into (default: the one "
                   "the file names, found in the project)")
    p.add_argument("--prefer", choices=("imported", "existing"), default="imported",
                   help="on a conflict, which translation stays the target (default: imported)")
    p.add_argument("--dry-run", action="store_true", help="report, write nothing")
    p.set_defaults(run=run)


def _short(text: str, width: int = 40) -> str:
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def run(args: argparse.Namespace) -> int:
    from workbench.errors import ConflictError, ExitCode, InputError, UsageError
    from workbench.formats import read_exchange
    from workbench.formats.importing import (
        check_languages,
        find_catalog,
        merge_import,
        same_language,
    )
    from workbench.model import Catalog
    from workbench.storage.po import decode_po, format_po, parse_po
    from workbench.textio import atomic_write_text, read_bytes

    def load(path: Path) -> tuple[bytes, Catalog]:
        if path.suffix == ".pot":
            raise UsageError(f"{path}: a template holds no translations; import into a PO file")
        data = read_bytes(path, "PO file")
        if not data.strip():
            raise InputError("PO file is empty", path)
        return data, parse_po(decode_po(data, path), path)

    file = Path(args.file)
    if args.into:
        target_path = Path(args.into)
        before, catalog = load(target_path)
        exchange = read_exchange(file, catalog.target_lang)
    else:
        exchange = read_exchange(file)
        target_path = find_catalog(exchange, file, _project(args, file))
        before, catalog = load(target_path)
    check_languages(catalog, exchange.catalog, file)
    theirs, ours = exchange.catalog.source_lang, catalog.source_lang
    if theirs and ours and theirs != "und" and not same_language(theirs, ours):
        exchange.notes.append(f"the file's source language is {theirs}, the catalog's {ours}: "
                              "units are matched by id, or by identical source text")
    report = merge_import(catalog, exchange.catalog, args.prefer)

    for c in report.conflicts:
        kept = "imported" if args.prefer == "imported" else "existing"
        print(f"{target_path}: conflict: {c.unit_id}: {_short(c.source)}: catalog "
              f"{_short(c.existing)!r} ({c.existing_state.label}), file {_short(c.imported)!r} "
              f"({c.imported_state.label}); kept both, {kept} as the target, now fuzzy")
    for unit in report.not_found[:MAX_LISTED]:
        print(f"{file}: not in the catalog: {unit.id or '-'}: {_short(unit.source)}")
    if len(report.not_found) > MAX_LISTED:
        print(f"{file}: ... and {len(report.not_found) - MAX_LISTED} more not in the catalog")
    summary = (f"{report.matched} units matched: {report.filled} newly translated, "
               f"{report.updated} updated, {report.unchanged} unchanged, {report.empty} "
               f"without a translation in the file, {len(report.conflicts)} conflicts; "
               f"{len(report.not_found)} not in the catalog")
    if args.dry_run:
        print(f"{target_path}: dry run, not written: {summary}")
    elif report.changed:
        # The catalog may have been saved by the editor while we merged: never overwrite that.
        if read_bytes(target_path, "PO file") != before:
            raise ConflictError(f"{target_path}: changed on disk during the import; run it again")
        atomic_write_text(target_path, format_po(catalog))
        print(f"{target_path}: {summary}")
    else:
        print(f"{target_path}: nothing to change: {summary}")
    if exchange.notes:
        for note in exchange.notes:
            print(f"workbench: {file}: note: {note}", file=sys.stderr)
    return ExitCode.PROBLEMS if report.conflicts or report.not_found else ExitCode.OK


def _project(args: argparse.Namespace, file: Path) -> Project:
    """--project, the current folder's project, or the one holding the file."""
    from workbench.cli.common import project_from
    from workbench.errors import WorkbenchError
    from workbench.project import find_project

    try:
        return project_from(args)
    except WorkbenchError:
        if args.project:
            raise
        try:
            return find_project(file.resolve().parent)
        except WorkbenchError:
            pass
        raise
