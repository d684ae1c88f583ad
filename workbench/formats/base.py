"""What every exchange format shares: the file read back, and which units a format writes."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench import __version__
from workbench.model import Catalog, Unit

TOOL_NAME = "workbench"
TOOL_VERSION = __version__


@dataclass
class Exchange:
    """A translated file read back (XLIFF, TMX, PO), before it is merged into a catalog.

    `catalog` holds its units, source and target languages; `original` names the catalog or
    document it was exported from, when the file says so.
    """

    catalog: Catalog
    format: str
    original: str = ""
    notes: list[str] = field(default_factory=list)  # things worth telling the user


def exported_units(catalog: Catalog, include_obsolete: bool = False) -> list[Unit]:
    return [u for u in catalog.units if include_obsolete or not u.obsolete]
