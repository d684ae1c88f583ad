"""The editor screen's background work: word counts, the translation memory, the other
languages' catalogs, the glossary and each unit's suggestions are computed on worker threads,
which post what they found (workbench.tui.messages); the handlers here set the screen's
reactives, whose watchers refresh what shows them. The attributes used are the screen's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from textual import work
from textual.css.query import NoMatches
from textual.worker import get_current_worker

from workbench.editor import loading
from workbench.editor.progress import PROCESS_WORDS_ABOVE, WordTotals, count_words
from workbench.editor.session import EditSession
from workbench.editor.suggestions import Suggestion, suggestions_for
from workbench.editor.word_cache import cached_catalog, cached_counts, cached_counts_elsewhere
from workbench.errors import WorkbenchError
from workbench.tui.messages import (
    GlossaryLoaded,
    MemoryBuilt,
    ReferencesLoaded,
    SuggestionsReady,
    WordsCounted,
)


def while_open(handler: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """A handler of a message that may arrive while the app closes (a worker's result, a
    highlight): then the widgets it would update are gone, and it does nothing."""

    @functools.wraps(handler)
    def run(screen: Any, message: Any) -> None:
        try:
            handler(screen, message)
        except NoMatches:
            app = screen.app
            if app.is_running and app.screen_stack and app.screen_stack[0].children:
                raise  # open: a real bug

    return run


class BackgroundWork:
    """Workers and their handlers, a mixin of the editor screen."""

    # the editor screen's (annotations only: the screen defines them)
    session: Any
    current: int | None
    word_processes: bool | None
    words_counted: int
    words: Any
    memory: Any
    glossary: Any
    references: Any
    suggestions: Any
    suggestions_unit: int | None
    reference_memory: Any
    app: Any
    notify: Any
    post_message: Any
    run_worker: Any
    _update_progress: Any
    _show_source: Any
    _show_context: Any
    _show_suggestions: Any
    load_reference_memory: Any

    @property
    def memory_origin(self) -> str:
        """How the memory names the open catalog (the editor screen says)."""
        raise NotImplementedError

    def _start_background(self) -> None:
        self._count_words(self.session)
        self._build_memory(self.session)
        self._load_references(self.session)
        self._load_glossary()
        self.load_reference_memory()
        self._warm_checks(self.session)

    @work(thread=True, exclusive=True, group="checks")
    def _warm_checks(self, session: EditSession) -> None:
        """Import the checks and compile their patterns here, so that the first Enter (which
        checks the committed unit) does not spend a tenth of a second on it."""
        from workbench.editor.unitcheck import catalog_context, unit_findings

        try:
            context = catalog_context(session.catalog, session.project)
            if session.units:
                unit_findings(session.units[0], context)
        except (WorkbenchError, OSError):
            pass  # said by the first commit's own check, with the error


    @work(thread=True, exclusive=True, group="words")
    def _count_words(self, session: EditSession) -> None:
        sources = [u.source for u in session.units]
        lang = session.source_lang
        elsewhere = self.word_processes
        if elsewhere is None:
            elsewhere = len(sources) > PROCESS_WORDS_ABOVE
        # a sentence's count never changes: a catalog opened before is counted at once; in a
        # child process for a large catalog (hashing and jieba would hold this one's GIL)
        whole = cached_catalog(sources, lang)  # as last time: one lookup
        found = (whole, 0) if whole is not None else None
        if found is None and elsewhere:
            found = cached_counts_elsewhere(sources, lang)
        if found is None:
            found = cached_counts(sources, lang, count_words)
        counts, self.words_counted = found
        if not get_current_worker().is_cancelled:
            self.post_message(WordsCounted(WordTotals(counts, session.states), session))

    @while_open
    def on_words_counted(self, message: WordsCounted) -> None:
        if message.session is not self.session:
            return
        self.words = message.words

    @work(thread=True, exclusive=True, group="memory")
    def _build_memory(self, session: EditSession) -> None:
        worker = get_current_worker()
        built = loading.build_memory(session, lambda: worker.is_cancelled)
        if built is not None:
            self.post_message(MemoryBuilt(*built))

    @while_open
    def on_memory_built(self, message: MemoryBuilt) -> None:
        loading.add_unsaved(message.memory, self.session)  # commits made while it was built
        self.memory = message.memory

    @work(thread=True, exclusive=True, group="references")
    def _load_references(self, session: EditSession) -> None:
        self.post_message(ReferencesLoaded(loading.load_references(session)))

    @while_open
    def on_references_loaded(self, message: ReferencesLoaded) -> None:
        self.references = message.references

    @work(thread=True, exclusive=True, group="glossary")
    def _load_glossary(self) -> None:
        try:
            glossary = loading.load_project_glossary(self.session)
        except (WorkbenchError, OSError) as exc:
            self.app.call_from_thread(self.notify, f"Glossary not loaded: {exc}",
                                      severity="warning", markup=False)
            return
        if glossary is not None:
            self.post_message(GlossaryLoaded(glossary))

    @while_open
    def on_glossary_loaded(self, message: GlossaryLoaded) -> None:
        self.glossary = message.glossary

    # What the background brings, shown as it comes -----------------------------------------

    def watch_words(self) -> None:
        self._update_progress()

    def watch_memory(self) -> None:
        self._suggest_current()

    def watch_glossary(self) -> None:
        if self.current is not None:
            self._show_source(self.current, self.session.units[self.current])  # terms marked
        self._suggest_current()

    def watch_references(self) -> None:
        if self.current is not None:
            self._show_context(self.current, self.session.units[self.current])

    def _suggest_current(self) -> None:
        if self.current is not None:
            unit = self.session.units[self.current]
            self._suggest(self.current, unit.source, unit.id)

    def _lookup_suggestions(self, source: str, unit_id: str) -> list[Suggestion]:
        session = self.session
        return suggestions_for(source, session.source_lang, session.target_lang, self.memory,
                               self.glossary, (self.memory_origin, unit_id),
                               self.reference_memory)

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, index: int, source: str, unit_id: str) -> None:
        try:
            found = self._lookup_suggestions(source, unit_id)
        except Exception as exc:  # a suggestion source failing must not take the editor down
            self.app.call_from_thread(self.notify, f"Suggestions failed: {exc}",
                                      severity="warning", markup=False)
            found = []
        if not get_current_worker().is_cancelled:
            self.post_message(SuggestionsReady(index, found))

    def suggestions_now(self) -> None:
        """The current unit's suggestions, looked up at once if their worker has not brought
        them yet: Enter then Alt+1 typed ahead (one burst, a quick hand) inserted nothing ("No
        suggestion 1"), the next unit's suggestions still on their way."""
        index = self.current
        if index is None or self.suggestions_unit == index:
            return
        unit = self.session.units[index]
        try:
            self.suggestions = self._lookup_suggestions(unit.source, unit.id)
        except Exception:  # the worker says why
            return
        self.suggestions_unit = index
        self._show_suggestions()

    @while_open
    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        if message.unit_index == self.current:
            self.suggestions = message.suggestions
            self.suggestions_unit = message.unit_index
            self._show_suggestions()
