"""`workbench edit`: translate a catalog sentence by sentence in the terminal (Textual TUI)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.languages import add_language_options

if TYPE_CHECKING:
    from workbench.project import Project


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "edit",
        help="translate a catalog in the terminal editor",
        description="Open a catalog in the editor. Without PATH: the project's first document "
        "in its first target (or --lang). PATH may be a source document (its catalog is "
        "created first if needed) or a PO file. Press ? or F1 in the editor for every key.",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="a source document or a .po file")
    p.add_argument("--lang", metavar="L", help="target language (default: the project's first)")
    p.add_argument("--align", action="store_true",
                   help="review a catalog made by `workbench align` bead by bead (the same "
                   "screen as `align --review`) and write it back")
    p.add_argument("--threshold", type=float, default=None, metavar="X",
                   help="with --align: beads under this confidence stay fuzzy (default: align's)")
    p.add_argument("--tm", metavar="FILE", action="append", default=[],
                   help="a TMX, PO or XLIFF reference memory for suggestions, besides the "
                   "project's tm/ folder (repeat for several)")
    add_language_options(p)
    p.set_defaults(run=run)


# Files translated elsewhere, which come in through `workbench import`.
_EXCHANGE_FILES = {".xlf": "an XLIFF file", ".xliff": "an XLIFF file",
                   ".sdlxliff": "an XLIFF file", ".mqxliff": "an XLIFF file",
                   ".tmx": "a TMX file"}


def resolve_catalog(args: argparse.Namespace, create: bool = True
                    ) -> tuple[Path, Project | None]:
    """The PO file to edit (created from its document when missing, if `create`) and the
    project, if any."""
    from workbench.catalogs import plan_update
    from workbench.cli.common import is_catalog_path, project_from
    from workbench.errors import InputError, UsageError, WorkbenchError
    from workbench.textio import atomic_write_bytes

    if args.path and is_catalog_path(args.path):
        path = Path(args.path)
        if not path.is_file():
            raise InputError("no such catalog", path)
        if path.suffix == ".pot":
            raise UsageError(f"{path} is a template: edit a PO file of one target language")
        if args.lang:
            raise UsageError("--lang goes with a document, not with a PO file")
        try:
            project: Project | None = project_from(args)
        except WorkbenchError:
            project = None  # a PO file outside any project still opens
        if project is None:
            try:
                from workbench.project import find_project

                project = find_project(path.resolve().parent)
            except WorkbenchError:
                project = None
        return path, project

    project = project_from(args)
    target = project.target_for(args.lang)
    if args.path:
        document = Path(args.path)
        if not document.is_file():
            raise InputError("no such document", document)
        exchange = _EXCHANGE_FILES.get(document.suffix.lower())
        if exchange:
            raise UsageError(f"{document} is {exchange}, not a document to translate: "
                             f"`workbench import {document} --into CATALOG.po` brings its "
                             "translations into a catalog, which `workbench edit` opens")
    else:
        documents = project.documents()
        if not documents:
            raise UsageError(f"no source documents in {project.sources_dir}: add one, or name "
                             "a PO file")
        document = documents[0]
    po_path = project.po_path(document, target)
    if not po_path.exists() and create:
        for update in (plan_update(project, document), plan_update(project, document, target)):
            if update.data is not None and not update.path.exists():
                atomic_write_bytes(update.path, update.data)
    return po_path, project


def run(args: argparse.Namespace) -> int:
    import sys

    from workbench.errors import InputError, UsageError
    from workbench.tui.app import make_app

    if args.align:
        return _review_alignment(args)
    from workbench.editor.locking import CatalogLock
    from workbench.userconfig import translator_identity

    translator_identity()  # a malformed user configuration: one line and exit 2, now
    extra_tm = tuple(Path(p) for p in args.tm)
    for tm in extra_tm:
        if not tm.is_file():
            raise InputError("no such translation memory", tm)
    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    path, project = resolve_catalog(args, create=terminal)
    if not terminal and not path.exists():  # nothing written where nothing can open
        raise UsageError("the editor needs a terminal")
    source_lang, target_lang = args.source_lang, args.target_lang
    while True:
        # Locked before the journal is replayed: another editor on this catalog owns its
        # journal.
        with CatalogLock(path):
            # Reads the catalog: a malformed file stops here, exit 2.
            app = make_app(path, project, source_lang=source_lang, target_lang=target_lang)
            app.extra_tm = extra_tm  # type: ignore[attr-defined]
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                raise UsageError("the editor needs a terminal")
            result = app.run()
        if app.load_error is not None:
            # the rest of a catalog opened progressively is malformed: as if read at once
            raise app.load_error
        # The project overview chose another catalog: this one is closed and unlocked now.
        following = getattr(app, "next_catalog", None)
        if following is None:
            # A signal's ending (128 + its number, as a shell reports it) is the app's
            # return code, not its result.
            return int(app.return_code or result or 0)
        path, source_lang, target_lang = Path(following), None, None
        if not path.exists() and project is not None:
            _create_catalog(project, path)


def _create_catalog(project: Project, po_path: Path) -> None:
    """A catalog the overview chose that `init` has not made yet."""
    from workbench.catalogs import plan_update
    from workbench.textio import atomic_write_text

    document = project.document_for(po_path)
    target = next((t for t in project.targets if project.po_path(document, t) == po_path),
                  None) if document else None
    if document is None or target is None:
        return
    for update in (plan_update(project, document), plan_update(project, document, target)):
        if update.text is not None and not update.path.exists():
            atomic_write_text(update.path, update.text)


def _review_alignment(args: argparse.Namespace) -> int:
    import sys

    from workbench.align.units import DEFAULT_THRESHOLD
    from workbench.cli.common import is_catalog_path
    from workbench.errors import InputError, UsageError

    if not args.path or not is_catalog_path(args.path) or args.lang:
        raise UsageError("--align reviews an aligned catalog: workbench edit OUT.po --align")
    path = Path(args.path)
    if not path.is_file():
        raise InputError("no such catalog", path)
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    if not 0 <= threshold <= 1:
        raise UsageError("--threshold is a confidence between 0 and 1")
    from workbench.formats.po import read_po
    from workbench.tui.align_review import review_catalog

    read_po(path)  # a malformed file stops here, before the screen opens
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the review needs a terminal")
    from workbench.editor.locking import CatalogLock

    with CatalogLock(path):
        written = review_catalog(path, threshold)
    if written:
        print(f"{path}: reviewed alignment written", file=sys.stderr)
    else:
        print(f"workbench: review left unfinished; `workbench edit {path} --align` resumes it",
              file=sys.stderr)
    return 0
