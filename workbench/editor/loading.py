"""What the editor loads off the UI thread: the rest of a large catalog opened progressively
(its first screenful is shown at once), then the translation memory of the project, the same
document's catalogs in the other target languages, and the glossary.

Each function is safe on a worker thread; a broken sibling catalog is skipped, never fatal.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.editor.memory import TranslationMemory
from workbench.errors import WorkbenchError
from workbench.model import State, Unit

if TYPE_CHECKING:
    from workbench.editor.session import EditSession
    from workbench.formats.po import PoReader
    from workbench.glossary import Glossary

References = dict[str, dict[str, tuple[str, str, State]]]
"""Other languages' translations: lang -> unit id -> (source, target, state)."""


def build_memory(session: EditSession, cancelled: Callable[[], bool] = lambda: False
                 ) -> tuple[TranslationMemory, int] | None:
    """The memory of every catalog in the session's target language, and how many were read;
    None if `cancelled()` turned true meanwhile."""
    from workbench.formats.po import read_po

    memory = TranslationMemory()
    catalogs = 0
    for path in session.memory_catalog_paths():
        try:
            same = path.resolve() == session.path.resolve()
        except OSError:
            continue
        try:
            catalog = session.catalog if same else read_po(path)
        except WorkbenchError:
            continue  # a broken sibling catalog must not stop this one
        memory.add_catalog(catalog, session.name_of(path))
        catalogs += 1
        if cancelled():
            return None
    return memory, catalogs


def add_unsaved(memory: TranslationMemory, session: EditSession) -> None:
    """Put the session's unsaved commits in a memory built from the files on disk."""
    origin = session.name_of(session.path)
    for unit_id in list(session.unsaved):
        index = session.index_of(unit_id)
        if index is not None:
            unit = session.units[index]
            memory.add(unit.source, unit.target if unit.is_translated else "", origin, unit.id)


def load_references(session: EditSession) -> References:
    """The same document's units in the project's other target languages."""
    from workbench.formats.po import read_po

    references: References = {}
    for lang, path in session.sibling_catalog_paths().items():
        try:
            catalog = read_po(path)
        except WorkbenchError:
            continue
        references[lang] = {u.id: (u.source, u.target, u.state) for u in catalog.active}
    return references


def load_project_glossary(session: EditSession) -> Glossary | None:
    """The project's glossary with its index built (None without one). Raises WorkbenchError
    or OSError when it cannot be read."""
    from workbench.glossary import load_glossary

    project = session.project
    if project is None or project.glossary_path is None:
        return None
    glossary = load_glossary(project.glossary_path, session.source_lang)
    glossary.find("")  # builds its index here, not on the UI thread
    return glossary


# Progressive open -----------------------------------------------------------------------------

PROGRESSIVE_ABOVE = 2_000_000
"""PO files larger than this many bytes (about 8,000 units) open progressively: the editor
shows the first screenful while a worker reads the rest (smaller ones are read in under 0.1 s)."""
FIRST_READ = 1_000
"""Units read at a time until the first one needing work (where the editor opens) is found."""
SCREENFUL = 300
"""Units read past that one before the first screen: the list around it, in a tall terminal."""
BATCH = 10_000
"""Units a worker reads before handing them to the session (about 0.1 s of reading)."""


@dataclass(frozen=True, slots=True)
class Batch:
    """Units read by the worker, to be put into the session on the UI thread."""

    units: list[Unit]
    """In file order, obsolete ones too."""
    fraction: float
    """How much of the file is read with these, 0 to 1."""
    done: bool
    """The last batch: the whole file is read."""
    id_changes: list[tuple[Unit, str, str | None]] = field(default_factory=list)
    """With the last batch: units whose id the whole file decides otherwise (see
    `PoReader.read`), with that id and context."""
    digest: str | None = None
    """With the last batch: the hash of the file's bytes (`DiskSignature.digest`)."""


class CatalogLoad:
    """The rest of a catalog, read after its first screenful (`EditSession.open`).

    `read_batch` runs on a worker thread and touches only the reader; the session takes each
    batch on the UI thread (`EditSession.add_batch`), so the units the translator edits are
    never changed from two threads.
    """

    def __init__(self, reader: PoReader, data: bytes | None = None) -> None:
        self.reader = reader
        self.fraction = reader.fraction
        """How much of the file the session holds, 0 to 1 (set as batches are added)."""
        self._data = data
        self._digest: str | None = None

    def read_batch(self, size: int | None = None) -> Batch:
        """The next units of the file (`size`, default BATCH). Raises InputError
        (`path:line: message`) when the file is malformed there: the catalog cannot be edited
        then."""
        if self._data is not None:  # hashed here, not before the first screen
            self._digest = hashlib.blake2b(self._data).hexdigest()
            self._data = None
        reader = self.reader
        units = reader.read(size or BATCH)
        if not reader.done:
            return Batch(units, reader.fraction, False)
        return Batch(units, 1.0, True, reader.id_changes, self._digest)


def read_first_screen(reader: PoReader) -> None:
    """Read up to the first unit needing work (the editor opens there) and a screenful past
    it; all of the file if no unit needs work."""
    units = reader.units
    found: int | None = None
    while not reader.done:
        new = reader.read(FIRST_READ)
        if found is None:
            found = next((i for i in range(len(units) - len(new), len(units))
                          if not units[i].obsolete and units[i].state is not State.TRANSLATED),
                         None)
        if found is not None and len(units) >= found + SCREENFUL:
            return
