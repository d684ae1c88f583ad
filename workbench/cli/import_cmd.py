"""`workbench import`: merge an XLIFF, TMX or PO file translated elsewhere into its catalog."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.languages import add_language_options

if TYPE_CHECKING:
    from workbench.import_merge import ImportReport
    from workbench.model import Catalog
    from workbench.project import Project

MAX_LISTED = 20  # units not found that are listed one by one


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="merge a translated XLIFF 1.2/2.0, TMX, CSV or PO file into its catalog",
        description="Merge translations made elsewhere (Poedit, OmegaT, Weblate...) into a "
        "catalog, matching units by id and then by source text. A translation that differs from "
        "the catalog's is a conflict: both are kept (one as the target, the other in a "
        "translator comment) and the unit is marked fuzzy for review. Nothing is lost.")
    p.add_argument("file", metavar="FILE",
                   help="the translated file (.xlf, .xliff, .tmx, .po; .csv of `export -f csv`)")
    p.add_argument("--into", metavar="PO", help="the catalog to merge into (default: the one "
                   "the file names, found in the project)")
    p.add_argument("--prefer", choices=("imported", "existing"), default="imported",
                   help="on a conflict, which translation stays the target (default: imported)")
    p.add_argument("--dry-run", action="store_true", help="report, write nothing")
    p.add_argument("--to-utf8", action="store_true",
                   help="convert a catalog in a legacy charset (Big5, GBK...) to UTF-8 when "
                   "writing it (without it, a character its charset cannot hold is an error)")
    add_language_options(p)
    p.set_defaults(run=run)


def _short(text: str, width: int = 40) -> str:
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def run(args: argparse.Namespace) -> int:
    from workbench.cli.languages import languages_of
    from workbench.errors import ConflictError, ExitCode, InputError, UsageError
    from workbench.formats import read_exchange
    from workbench.formats.po import parse_po_bytes, po_bytes, revised_header
    from workbench.import_merge import (
        check_languages,
        find_catalog,
        merge_import,
        same_language,
    )
    from workbench.model import Catalog
    from workbench.textio import read_bytes

    def load(path: Path) -> tuple[bytes, Catalog]:
        if path.suffix == ".pot":
            raise UsageError(f"{path}: a template holds no translations; import into a PO file")
        data = read_bytes(path, "PO file")
        return data, parse_po_bytes(data, path)

    file = Path(args.file)
    # Which catalog each part of the file goes into: --into takes every unit; otherwise each
    # <file> of an XLIFF package goes into the catalog it names.
    if args.into:
        target_path = Path(args.into)
        before, catalog = load(target_path)
        languages = languages_of(catalog, target_path, args)
        exchange = read_exchange(file, languages.target, languages.source)
        jobs = [(target_path, before, catalog, [exchange.catalog])]
    else:
        exchange = read_exchange(file)
        project = _project(args, file)
        grouped: dict[Path, list[Catalog]] = {}
        for part in exchange.files():
            try:
                path = find_catalog(part, file, project)
            except (InputError, UsageError) as exc:
                if not exchange.parts:
                    raise
                raise UsageError(f"{file}: <file original={part.original!r}>: "
                                 f"{getattr(exc, 'message', exc)}") from None
            grouped.setdefault(path, []).append(part.catalog)
        jobs = [(path, *load(path), parts) for path, parts in grouped.items()]

    results = []
    for target_path, before, catalog, parts in jobs:
        languages = languages_of(catalog, target_path, args)
        # Only a language the catalog states (or its path names) can refuse a file: one told
        # from its text may be 'zh' for a zh-TW file.
        strong = languages.target if languages.target_from not in ("text", "team") else ""
        for piece in parts:
            check_languages(catalog, piece, file, strong)
            theirs, ours = piece.source_lang, languages.source
            note = (f"the file's source language is {theirs}, the catalog's {ours}: units are "
                    "matched by id, or by identical source text")
            if theirs and ours and theirs != "und" and not same_language(theirs, ours) \
                    and note not in exchange.notes:
                exchange.notes.append(note)
        incoming = Catalog(units=[u for piece in parts for u in piece.units],
                           source_lang=parts[0].source_lang, target_lang=parts[0].target_lang)
        results.append((target_path, before, catalog, merge_import(catalog, incoming,
                                                                   args.prefer)))

    # Nothing is written until every catalog has merged and can be encoded, nor if one
    # changed on disk meanwhile (the editor saved it): never overwrite that.
    encoded: dict[Path, bytes] = {}
    if not args.dry_run:
        for target_path, _, catalog, report in results:
            if report.changed:
                catalog.header = revised_header(catalog.header)
                encoded[target_path] = po_bytes(catalog, to_utf8=args.to_utf8)
        for target_path, before, _, report in results:
            if report.changed and read_bytes(target_path, "PO file") != before:
                raise ConflictError(f"{target_path}: changed on disk during the import; "
                                    "run it again")
    code = ExitCode.OK
    for target_path, _, catalog, report in results:
        _report(args, file, target_path, catalog, report, encoded.get(target_path))
        if report.conflicts or report.not_found:
            code = ExitCode.PROBLEMS
    for note in exchange.notes:
        print(f"workbench: {file}: note: {note}", file=sys.stderr)
    return code


def _report(args: argparse.Namespace, file: Path, target_path: Path, catalog: Catalog,
            report: ImportReport, data: bytes | None) -> None:
    """Print what the merge did, and write the catalog when it changed."""
    from workbench.textio import atomic_write_bytes

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
    elif report.changed and data is not None:
        atomic_write_bytes(target_path, data)
        print(f"{target_path}: {summary}")
    else:
        print(f"{target_path}: nothing to change: {summary}")


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
