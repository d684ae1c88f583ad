"""Helpers the subcommands share: finding the project, reading documents and catalogs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbench.project import Project, find_project


def project_from(args: argparse.Namespace) -> Project:
    """The project named by --project, or the one the current folder is in."""
    explicit = getattr(args, "project", None)
    return find_project(explicit, explicit=explicit is not None)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def is_catalog_path(path: str | Path) -> bool:
    return str(path).endswith((".po", ".pot"))
