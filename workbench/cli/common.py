"""Helpers the subcommands share: finding the project, reading documents and catalogs."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.project import Project, find_project

if TYPE_CHECKING:
    from workbench.errors import InputError
    from workbench.model import Catalog


def project_from(args: argparse.Namespace) -> Project:
    """The project named by --project, or the one the current folder is in."""
    explicit = getattr(args, "project", None)
    return find_project(explicit, explicit=explicit is not None)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def is_catalog_path(path: str | Path) -> bool:
    return str(path).endswith((".po", ".pot"))


def catalog_paths(args: argparse.Namespace) -> tuple[list[Path], Project | None]:
    """The PO files named by `args.paths` (folders searched) or, with none, the project's;
    and the project when there is one (named paths need none)."""
    from workbench.errors import InputError, WorkbenchError

    try:
        project: Project | None = project_from(args)
    except WorkbenchError:
        if not args.paths:
            raise
        project = None
    if not args.paths:
        assert project is not None
        return project.po_files(), project
    found: list[Path] = []
    for name in args.paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(path.rglob("*.po")))
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or folder", path)
    return found, project


def read_catalogs(paths: list[Path], unreadable: list[InputError]
                  ) -> Iterator[tuple[Path, Catalog]]:
    """Each catalog with its path. Among several, one that cannot be read (a truncated file in
    a docs tree) is said on stderr and put in `unreadable`, and the rest are still read: the
    command reports them and exits 2 all the same. A single one raises its error."""
    from workbench.errors import InputError
    from workbench.formats.po import read_po

    for path in paths:
        try:
            catalog = read_po(path)
        except InputError as exc:
            if len(paths) == 1:
                raise
            print(f"workbench: {exc}", file=sys.stderr)
            unreadable.append(exc)
            continue
        yield path, catalog
