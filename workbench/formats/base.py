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
    # One Exchange per <file> of an XLIFF holding several (Okapi, Trados and memoQ packages),
    # each with its own `original`; `catalog` then holds the units of them all.
    parts: list[Exchange] = field(default_factory=list)

    def files(self) -> list[Exchange]:
        """The file's parts, each to be merged into its own catalog."""
        return self.parts or [self]


@dataclass(slots=True, eq=True)
class SegmentedUnit(Unit):
    """A unit another tool split into sentences (XLIFF 2.0 <segment>s, XLIFF 1.2 <seg-source>
    with <mrk mtype="seg">): `source` and `target` are the whole unit, joined, for a catalog
    holding it as one unit; `segments` are the sentences, for a catalog with one unit each."""

    segments: list[Unit] = field(default_factory=list)


def exported_units(catalog: Catalog, include_obsolete: bool = False) -> list[Unit]:
    return [u for u in catalog.units if include_obsolete or not u.obsolete]
