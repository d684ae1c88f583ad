"""What the editor loads off the UI thread once a catalog is open: the translation memory of
the project, the same document's catalogs in the other target languages, and the glossary.

Each function is safe on a worker thread; a broken sibling catalog is skipped, never fatal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workbench.editor.memory import TranslationMemory
from workbench.errors import WorkbenchError
from workbench.model import State

if TYPE_CHECKING:
    from workbench.editor.session import EditSession
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
