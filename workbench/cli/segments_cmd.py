"""`workbench segments`: merge two sentences into one unit, or split one, for good."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.project import Project


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "segments",
        help="merge or split a document's segments (kept in the project)",
        description="Merge unit ID with the next sentence of its paragraph, or split it, in "
        "every catalog of its document (the POT and each target's PO). The choice is kept in "
        "locale/<doc>.segments.toml by the text around it, so `workbench init` keeps it after "
        "source edits; the rebuilt document is unchanged. A merge joins the two translations; "
        "a split keeps the translation on the first part, fuzzy. `list` shows the joints.",
    )
    p.add_argument("action", choices=("merge", "split", "list"))
    p.add_argument("unit", nargs="?", metavar="ID", help="the unit's id (msgctxt)")
    p.add_argument("at", nargs="?", metavar="AT",
                   help="split: where, as a character offset in the source or the text the "
                   "second part starts with")
    p.add_argument("--doc", metavar="DOC", help="the source document (default: the one whose "
                   "catalog has unit ID)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from workbench.cli.common import project_from
    from workbench.errors import InputError, UsageError
    from workbench.segment_overrides import (
        merge_in_project,
        overrides_path,
        read_joints,
        split_in_project,
    )

    project = project_from(args)
    documents = [Path(args.doc)] if args.doc else project.documents()
    if args.doc and not documents[0].is_file():
        raise InputError("no such document", args.doc)
    if args.action == "list":
        for doc in documents:
            for joint in read_joints(project, doc):
                kind = "split" if joint.split else "merge"
                print(f"{project.relative(overrides_path(project, doc))}: {kind} "
                      f"…{joint.before}|{joint.after}…")
        return 0
    if not args.unit:
        raise UsageError(f"segments {args.action} needs the unit's ID")
    if (args.action == "split") != (args.at is not None):
        raise UsageError("split needs AT (an offset or a text); merge takes none")
    document, source = _find_unit(project, documents, args.unit)
    if args.action == "merge":
        written = merge_in_project(project, document, args.unit)
    else:
        offset = int(args.at) if args.at.isdigit() else source.find(args.at)
        if offset <= 0:
            raise UsageError(f"{args.at!r} is not inside the sentence after its start: "
                             f"{source}")
        written = split_in_project(project, document, args.unit, offset)
    for path in written:
        print(f"{project.relative(path)}: {'merged' if args.action == 'merge' else 'split'}",
              file=sys.stderr)
    return 0


def _find_unit(project: Project, documents: list[Path], unit_id: str) -> tuple[Path, str]:
    """The document whose catalog holds unit `unit_id`, and the unit's source."""
    from workbench.errors import UsageError
    from workbench.formats.po import read_po

    for doc in documents:
        for path in [project.pot_path(doc)] + [project.po_path(doc, t) for t in project.targets]:
            if path.is_file():
                for unit in read_po(path).active:
                    if unit.id == unit_id:
                        return doc, unit.source
                break  # every catalog of a document has the same units: one is enough
    raise UsageError(f"no unit {unit_id} in the project's catalogs (run `workbench init`?)")
