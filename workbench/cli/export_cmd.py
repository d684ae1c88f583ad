"""`workbench export`: a catalog (or every catalog of the project) in an exchange format."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.languages import add_language_options
from workbench.formats import FORMATS

if TYPE_CHECKING:
    from workbench.project import Project

FORMAT_NAMES = tuple(FORMATS)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="export catalogs: " + ", ".join(FORMAT_NAMES),
        description="Export a catalog (a PO file, or a document's catalog for --lang) or, with "
        "no DOC/PO, every catalog of the project into the folder OUT. Existing files are "
        "never overwritten without --force.")
    p.add_argument("input", nargs="?", metavar="DOC|PO",
                   help="a source document or a PO file (default: every catalog of the project)")
    p.add_argument("--lang", metavar="L", help="the target language (needed with a document "
                   "when the project has several targets; filters the catalogs otherwise)")
    p.add_argument("--format", "-f", required=True, choices=FORMAT_NAMES, metavar="FORMAT",
                   help="one of: " + ", ".join(FORMAT_NAMES))
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="the file to write, a folder to write into, or - for stdout")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.add_argument("--to-utf8", action="store_true",
                   help="po: write a catalog in a legacy charset (Big5, GBK...) as UTF-8, its "
                   "header saying so (without it, the charset is kept and a character it cannot "
                   "hold is an error)")
    p.add_argument("--include-obsolete", action="store_true",
                   help="also the obsolete entries (po, csv, tmx)")
    p.add_argument("--source", metavar="FILE", help="txt: the source document the translation "
                   "is rebuilt from (default: the project's document of the catalog)")
    p.add_argument("--untranslated", choices=("source", "mark"), default=None,
                   help="txt: units without a reviewed translation stay in the source language "
                   "(default) or are marked [UNTRANSLATED: ...] / [FUZZY: ...]")
    add_language_options(p)
    p.set_defaults(run=run)


@dataclass
class Job:
    catalog_path: Path
    output: Path | None  # None: stdout (or not known until the catalog is read)
    folder: Path | None = None  # write into this folder, under a name made from the catalog
    layout: bool = False  # po and mo in the locale layout inside the folder


def _output_name(po: Path, fmt: str, target: str, layout: bool) -> Path:
    """Where a catalog goes inside an output folder: with `layout`, po and mo in the locale
    layout (`<lang>/LC_MESSAGES/<doc>.mo`, what gettext.translation looks for); otherwise
    `<doc>.<lang>.<ext>`."""
    from workbench.formats import FORMATS
    from workbench.project import catalog_path

    ext = FORMATS[fmt].extension
    if layout and fmt in ("po", "mo") and target:
        return catalog_path(target, po.stem, f".{ext}")
    return Path(f"{po.stem}.{target or 'template'}.{ext}")


def run(args: argparse.Namespace) -> int:
    from workbench import langs
    from workbench.catalogs import load_document
    from workbench.cli.common import is_catalog_path, project_from
    from workbench.cli.languages import languages_of
    from workbench.errors import InputError, UsageError
    from workbench.formats import Document, export_catalog
    from workbench.formats.po import read_po
    from workbench.model import State
    from workbench.textio import atomic_write_bytes, read_text

    fmt = args.format
    if args.untranslated and fmt != "txt":
        raise UsageError("--untranslated applies to the txt format only")
    if args.source and fmt != "txt":
        raise UsageError("--source applies to the txt format only")
    if args.source and args.input is None:
        raise UsageError("--source names the document of one catalog: name the catalog too")
    named_document: Path | None = Path(args.source) if args.source else None
    if named_document is not None and not named_document.is_file():
        raise InputError("no such file", named_document)
    if args.include_obsolete and fmt not in ("po", "csv", "tmx"):
        raise UsageError(f"--include-obsolete applies to po, csv and tmx, not to {fmt}")
    project = None
    jobs: list[Job] = []
    out = args.output
    if args.input is None:
        project = project_from(args)
        catalogs = project.po_files()
        if args.lang:
            code = langs.gettext_code(args.lang)
            catalogs = [p for p in catalogs if p.parent.parent.name == code]
        if not catalogs:
            raise UsageError("no catalogs to export: run `workbench init` first")
        if out == "-":
            raise UsageError("exporting every catalog needs a folder: -o FOLDER")
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder}: exists and is not a folder (every catalog of the "
                             "project is exported into a folder)")
        jobs.extend(Job(po, None, folder, layout=True) for po in catalogs)
    else:
        source = Path(args.input)
        if not source.exists():
            raise InputError("no such file", source)
        if is_catalog_path(source):
            po = source
            project = _project_of(po, args)
        else:
            project = project_from(args)
            if args.lang is None and len(project.targets) > 1:
                raise UsageError(f"{source}: name the target with --lang "
                                 f"({', '.join(project.targets)})")
            po = project.po_path(source, project.target_for(args.lang))
            if named_document is None:
                named_document = source  # the document named on the command line
            if not po.is_file():
                raise InputError(f"no catalog {po}: run `workbench init` first", source)
        if out == "-":
            jobs.append(Job(po, None))
        elif Path(out).is_dir() or out.endswith(("/", "\\")):
            jobs.append(Job(po, None, Path(out)))
        else:
            jobs.append(Job(po, Path(out)))

    # Everything is checked and computed before anything is written.
    results = []
    planned: set[Path] = set()
    for job in jobs:
        catalog = read_po(job.catalog_path)
        languages = languages_of(catalog, job.catalog_path, args, project)
        if job.folder is not None:
            job.output = job.folder / _output_name(job.catalog_path, fmt, languages.target,
                                                   job.layout)
            if job.output in planned:
                raise UsageError(f"{job.output}: two catalogs would be exported to this file")
            planned.add(job.output)
        if job.output is not None:
            if job.output.resolve() == job.catalog_path.resolve():
                raise UsageError(f"{job.output}: that is the catalog being exported")
            if job.output.exists() and not args.force:
                raise UsageError(f"{job.output}: exists (use --force to overwrite)")
            if job.output.is_dir():
                raise UsageError(f"{job.output}: is a folder")
        # (A language guessed from the path or the text is no reason to refuse --lang.)
        if args.lang and languages.target_from == "header" and args.input \
                and is_catalog_path(args.input) and langs.normalize(args.lang) != languages.target:
            raise UsageError(f"{job.catalog_path}: its target language is "
                             f"{languages.target_text}, not {args.lang}")
        source_lang = languages.source
        document = None
        if fmt == "txt":
            doc_path = named_document or _document_for(job.catalog_path, catalog, project)
            decoded = read_text(doc_path)
            document = Document(load_document(doc_path, source_lang or "zh",
                                              project.paragraphs if project else "line",
                                              project),
                                decoded)
        original = project.relative(job.catalog_path) if project \
            else job.catalog_path.name
        try:
            exported = export_catalog(
                catalog, fmt, original=original, source_lang=source_lang, document=document,
                untranslated=args.untranslated or "source",
                include_obsolete=args.include_obsolete, languages=languages,
                to_utf8=args.to_utf8,
                title=f"{job.catalog_path.stem} ({languages.source or '?'} → "
                      f"{languages.target or '?'})")
        except InputError as exc:
            if exc.path is None:  # a unit the format cannot hold: say which catalog
                raise InputError(exc.message, job.catalog_path) from None
            raise
        results.append((job, catalog, exported))

    for job, catalog, exported in results:
        counts = catalog.counts()
        summary = (f"{fmt}, {sum(counts.values())} units: {counts[State.TRANSLATED]} translated, "
                   f"{counts[State.FUZZY]} fuzzy, {counts[State.UNTRANSLATED]} untranslated")
        if job.output is None:
            sys.stdout.buffer.write(exported.data)
            sys.stdout.flush()
            print(f"{job.catalog_path}: {summary}", file=sys.stderr)
        else:
            atomic_write_bytes(job.output, exported.data)
            print(f"{job.output}: {summary}")
        for note in exported.notes:
            print(f"workbench: {job.catalog_path}: note: {note}", file=sys.stderr)
    return 0


def _project_of(po: Path, args: argparse.Namespace) -> Project | None:
    """The project a PO file belongs to: --project, the one holding the file, the current
    one; None when there is none (a PO file needs no project, except to find its document)."""
    from workbench.cli.common import project_from
    from workbench.errors import WorkbenchError
    from workbench.project import find_project

    if args.project:
        return project_from(args)
    for start in (po.resolve().parent, None):
        try:
            return find_project(start)
        except WorkbenchError:
            continue
    return None


def _document_for(po: Path, catalog: object, project: object) -> Path:
    """The source document of a catalog: the project's document of that name, else the file
    its units' locations name, if that file is one the catalog may name.

    The catalog is untrusted (a PO file from anywhere): its `#:` references may point at
    ../../etc/passwd or a key file, which a txt export would copy into its output. In a project
    they may only name a file inside its sources folder; without a project, a file inside the
    PO file's own folder (or below it). Anything else is refused: name it with --source.
    """
    from workbench.errors import InputError
    from workbench.model import Catalog
    from workbench.project import Project

    assert isinstance(catalog, Catalog)
    if isinstance(project, Project):
        doc = project.document_for(po)
        if doc is not None:
            return doc
        bases, allowed, where = [project.root, po.parent], project.sources_dir, \
            f"the project's sources folder {project.sources_dir}"
    else:
        bases, allowed, where = [po.parent], po.parent, "the folder of the catalog"
    allowed = allowed.resolve()
    files = list(dict.fromkeys(file for unit in catalog.units for file, _ in unit.locations))
    refused = ""
    for file in files:
        for base in bases:
            candidate = (base / file).resolve()
            if not candidate.is_relative_to(allowed):
                refused = refused or file
                continue
            if candidate.is_file():
                return candidate
    if refused:
        raise InputError(f"refusing to read {refused!r}, which the catalog's references name: "
                         f"it is outside {where} (name the source document with --source FILE)",
                         po)
    raise InputError("cannot find the source document of this catalog (the txt export "
                     "rebuilds it from the project's document of the same name, or the file "
                     "its references name; name it with --source FILE)", po)
