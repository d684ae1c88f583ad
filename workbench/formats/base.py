"""What every exchange format shares: the file read back, and which units a format writes."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
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
    """A unit read from another tool's file that a catalog may hold otherwise. Split into
    sentences (XLIFF 2.0 <segment>s, XLIFF 1.2 <seg-source> with <mrk mtype="seg">): `source`
    and `target` are the whole unit, joined, for a catalog holding it as one unit; `segments`
    are the sentences, for a catalog with one unit each. With inline codes: `plain_source`."""

    segments: list[Unit] = field(default_factory=list)
    # The source without its inline codes (placeholders kept as text in `source`), when it
    # had some: a catalog whose source never had them still matches.
    plain_source: str | None = None
    # An OmegaT alternative translation: the translation of this sentence only where it
    # follows the sentence `prev_source` and precedes `next_source` (project_save.tmx's
    # `<prop type="prev">`, `<prop type="next">`; None: the document's start or end).
    alternative: bool = False
    prev_source: str | None = None
    next_source: str | None = None


def exported_units(catalog: Catalog, include_obsolete: bool = False) -> list[Unit]:
    return [u for u in catalog.units if include_obsolete or not u.obsolete]


_NMTOKEN = re.compile(r"[\w.:-]+\Z")  # \Z: `$` would let "0\n" through


def context_of(unit: Unit) -> str | None:
    """The unit's gettext context (msgctxt), None when its entry has none."""
    return unit.msgctxt


def _digest(unit: Unit) -> str:
    context = context_of(unit)
    key = unit.source if context is None else f"{context}\x04{unit.source}"  # gettext's joint
    return hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def exchange_ids(units: list[Unit], nmtoken: bool = False) -> list[str]:
    """An id for each unit, unique in the list and the same at every export of the catalog.

    A unit's own id when no other unit has it: its msgctxt, or for an entry without one, with
    `msgctxt ""` or sharing one with others (GNOME's 127 `unit-symbols`) the hash of context
    and source the PO reader gives it. Should two units still share one (a catalog built in
    memory), the id and a hash of context and source: `unit-symbols.1f3a9c0b2e7d`.
    `nmtoken`: ids XLIFF 2.0 accepts (letters, digits, `.:-_`): `u` and the hash otherwise.
    The context itself is written where the format keeps a name (XLIFF `resname`/`name`, TMX
    `x-context`) when it is not the id.
    """
    counts = Counter(u.id for u in units)
    out: list[str] = []
    taken: set[str] = set()
    for unit in units:
        uid = unit.id
        if not uid or counts[uid] > 1 or (nmtoken and not _NMTOKEN.match(uid)):
            base = f"{uid}.{_digest(unit)}" if uid else _digest(unit)
            uid = base if not nmtoken or _NMTOKEN.match(base) else f"u{_digest(unit)}"
        candidate, n = uid, 1
        while candidate in taken:  # two identical entries (a duplicate the reader accepted)
            n += 1
            candidate = f"{uid}-{n}"
        taken.add(candidate)
        out.append(candidate)
    return out
