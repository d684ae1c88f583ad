"""Messages the editor's workers post to the editor screen: each says what was done (past
tense), and the screen, on the UI thread, applies it."""

from __future__ import annotations

from textual.message import Message

from workbench.editor.loading import Batch, References
from workbench.editor.memory import TranslationMemory
from workbench.editor.progress import WordTotals
from workbench.editor.session import DiskSignature, EditSession, SaveJob
from workbench.editor.suggestions import Suggestion
from workbench.errors import InputError, WorkbenchError
from workbench.glossary import Glossary


class UnitsRead(Message):
    """More of `session`'s catalog was read (a progressive open)."""

    def __init__(self, batch: Batch, session: EditSession) -> None:
        super().__init__()
        self.batch = batch
        self.session = session


class CatalogReadFailed(Message):
    """The rest of `session`'s catalog is malformed: it cannot be edited."""

    def __init__(self, error: InputError, session: EditSession) -> None:
        super().__init__()
        self.error = error
        self.session = session


class WordsCounted(Message):
    """The source words of `session`'s units were counted."""

    def __init__(self, words: WordTotals, session: EditSession) -> None:
        super().__init__()
        self.words = words
        self.session = session


class MemoryBuilt(Message):
    """The translation memory of the project's catalogs in the target language is ready."""

    def __init__(self, memory: TranslationMemory, catalogs: int) -> None:
        super().__init__()
        self.memory = memory
        self.catalogs = catalogs


class ReferencesLoaded(Message):
    """The same document's catalogs in the other target languages were read."""

    def __init__(self, references: References) -> None:
        super().__init__()
        self.references = references


class GlossaryLoaded(Message):
    """The project glossary was read and indexed."""

    def __init__(self, glossary: Glossary) -> None:
        super().__init__()
        self.glossary = glossary


class SuggestionsReady(Message):
    """The suggestions for unit `unit_index` were computed."""

    def __init__(self, unit_index: int, suggestions: list[Suggestion]) -> None:
        super().__init__()
        self.unit_index = unit_index
        self.suggestions = suggestions


class SaveFinished(Message):
    """A save ended: written (`signature` of the new file) or not (`error`)."""

    def __init__(self, job: SaveJob, signature: DiskSignature | None,
                 error: WorkbenchError | OSError | None, then_quit: bool) -> None:
        super().__init__()
        self.job = job
        self.signature = signature
        self.error = error
        self.then_quit = then_quit
