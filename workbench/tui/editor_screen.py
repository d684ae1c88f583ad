"""The editor screen: the unit list on top, the source, the editable target and the context
beside the suggestions, progress and keys at the bottom.

The session (workbench.editor) owns the catalog; this screen shows it and turns keys into
session calls. Four mixins hold the rest of its behaviour: loading.py (the rest of a large
catalog read after the first screen), background.py (workers compute word counts, the memory,
suggestions and post messages; handlers on the UI thread set reactives), saving.py (save, quit,
the file on disk) and toolkit.py (the translator's toolkit).
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer

from workbench.editor import loading
from workbench.editor.memory import TranslationMemory
from workbench.editor.progress import Progress, WordTotals
from workbench.editor.saving import SaveState, is_read_only
from workbench.editor.session import EditSession, add_glossary_term
from workbench.editor.suggestions import Suggestion
from workbench.editor.undo import UndoBook
from workbench.editor.view import CatalogView
from workbench.errors import WorkbenchError
from workbench.glossary import Glossary
from workbench.model import State, Unit
from workbench.tui import actions
from workbench.tui.background import BackgroundWork, while_open
from workbench.tui.dialogs import (
    FullTextScreen,
    HelpScreen,
    PluralScreen,
    PromptScreen,
    TermScreen,
    TooSmallScreen,
)
from workbench.tui.loading import ProgressiveLoading
from workbench.tui.saving import SavingActions
from workbench.tui.text import from_editor, safe_text, to_editor, visible, wrap_text
from workbench.tui.toolkit import ToolkitActions, glossary_marked
from workbench.tui.widgets.panels import (
    MORE,
    FittedPanel,
    SuggestionsPane,
    context_text,
    suggestions_text,
)
from workbench.tui.widgets.progress import ProgressView
from workbench.tui.widgets.source_area import SourceArea
from workbench.tui.widgets.target_area import TargetArea
from workbench.tui.widgets.title import TitleBar
from workbench.tui.widgets.unit_list import MARKS, UnitList

if TYPE_CHECKING:
    from workbench.tui.app import EditorApp

SHORT_BELOW = 30
"""Under this many rows (an 80x24 terminal) the screen has the class `-short`, and editor.tcss
shrinks the source and context panels so the target keeps a few lines."""
COMPACT_BELOW = 22
"""Under this many rows (a horizontally split tmux window) the class is `-compact`: one or two
lines of source, the target, no context panel (editor.tcss)."""
MIN_SIZE = (40, 13)
"""The least columns and rows the editor works in: the compact layout's list, source and
target; smaller, it says so and takes no text (TooSmallScreen)."""


def wrapped(text: Text, width: int) -> Text:
    """`text` broken into lines by Chinese rules (no line starts with 、。，」) for a panel
    `width` cells wide; as it is while the panel has no width yet (Rich wraps it then)."""
    return wrap_text(text, width) if width > 1 else text


class EditorScreen(Screen[None], ProgressiveLoading, BackgroundWork, SavingActions,
                   ToolkitActions):
    """Translate a catalog sentence by sentence.

    Its state is in `var`s (reactives that repaint nothing): their watchers update the widgets
    that show them. A reactive of the screen would repaint the whole screen at each change, a
    full redraw of the terminal that was half of a commit's time."""

    languages: var[str] = var("")
    """The catalog's languages and where they come from (the title shows them)."""
    catalog_name: var[str] = var("")
    """The catalog, as the project names it (the title shows it)."""
    total: var[int] = var(0)
    """Units of the catalog."""
    unsaved: var[int] = var(0)
    """Units committed since the last save (the title shows it)."""
    save_state: var[SaveState] = var(SaveState)
    """Where saving and quitting stand (the title shows writing, read-only, changed on disk)."""
    list_filter: var[str] = var("all")
    """The unit list's state filter, as last applied (the title shows it)."""
    search: var[str] = var("")
    """The unit list's search, as last applied (the title shows it)."""
    shown: var[int] = var(0)
    """Units the list shows (the title says "n of m shown" when some are hidden)."""
    progress: var[Progress | None] = var(None)
    """Units and words per state (the progress bar shows it)."""
    words: var[WordTotals | None] = var(None, always_update=True, init=False)
    """Source words per state, once counted (the progress bar follows)."""
    memory: var[TranslationMemory | None] = var(None, always_update=True, init=False)
    """The translation memory, once built (the unit's suggestions are looked up again)."""
    glossary: var[Glossary | None] = var(None, always_update=True, init=False)
    """The project glossary, once read or added to (the source's terms are marked again and
    the suggestions looked up again)."""
    references: var[loading.References] = var(dict, always_update=True, init=False)
    """The unit in the project's other target languages (the context panel shows it)."""

    # Textual declares this an instance attribute: no ClassVar here
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-compact"), (COMPACT_BELOW, "-short"), (SHORT_BELOW, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings()
    AUTO_FOCUS = "#target"

    app: EditorApp

    def __init__(self, session: EditSession, *, watch_disk: float | None = 2.0,
                 word_processes: bool | None = None, cursor_blink: bool = True) -> None:
        """`watch_disk`: seconds between checks of the file on disk (None: never);
        `word_processes`: count words in a separate process (None: for large catalogs);
        `cursor_blink`: False for a steady cursor (snapshot tests)."""
        super().__init__()
        self.cursor_blink = cursor_blink
        self.session = session
        self.view = CatalogView(session)
        """The rows the unit list shows: filter and search."""
        self.watch_disk = watch_disk
        self.word_processes = word_processes
        self.current: int | None = None
        """Index of the unit in the editor."""
        self.suggestions: list[Suggestion] = []
        """What Alt+1 … Alt+9 insert: the current unit's suggestions (empty until they come)."""
        self.suggestions_unit: int | None = None
        """The unit `suggestions` are for (None until they come)."""
        self.context_text = Text()
        """What the context panel shows for the current unit (all of it, if the panel cuts it)."""
        self.first_screen_at: float | None = None
        """perf_counter() when the first screen was drawn (the benchmark reads it)."""
        self.undo: UndoBook[State] = UndoBook()
        """Each unit's undo history and what "revert unit" restores (with its state)."""
        self.words_counted = -1
        """Sentences whose words were counted, not found in the cache (-1: not yet)."""
        self.background_started = asyncio.Event()
        """Set once the first screen is drawn: tests and the benchmark wait on it. The
        background workers (word counts, memory, other languages, glossary) start then, or once
        the whole catalog is read (`catalog_loaded`) when it opened progressively."""
        self._init_loading()

    @property
    def memory_origin(self) -> str:
        """How the memory names this catalog."""
        return self.session.name_of(self.session.path)

    # Layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title").data_bind(
            EditorScreen.languages, EditorScreen.total, EditorScreen.unsaved,
            EditorScreen.save_state, EditorScreen.list_filter, EditorScreen.search,
            EditorScreen.shown, path=EditorScreen.catalog_name)
        yield UnitList(self.session.units, id="units", on_choose=self._choose_unit)
        with Horizontal(id="workspace"):
            with Vertical(id="editor-pane"):
                yield FittedPanel(id="source")
                source_area = SourceArea(id="source-select")
                source_area.cursor_blink = self.cursor_blink
                yield source_area
                target = TargetArea(self.commit_and_next, id="target", soft_wrap=True,
                                    show_line_numbers=False, tab_behavior="focus")
                target.cursor_blink = self.cursor_blink
                yield target
                yield FittedPanel(id="context")
            with SuggestionsPane(id="suggestions-pane"):
                yield FittedPanel(id="suggestions")
        yield ProgressView(id="progress").data_bind(EditorScreen.progress)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#units").border_title = "Units"
        self.query_one("#source").border_title = "Source"
        self.query_one("#source-select").border_title = "Source: select (Esc: back)"
        self.query_one("#target").border_title = "Target"
        self.query_one("#context").border_title = "Context"
        self.query_one("#suggestions-pane").border_title = "Suggestions"
        self._show_session()
        self.save_state = self.save_state.looked_at(is_read_only(self.session.path))
        first = self.view.next_needing_work(-1)
        units = self.unit_list
        if first is not None:
            units.move_to_unit(first.index)
        if self.session.units:
            self._show_unit(units.unit_index or 0)
        else:
            self._show_empty()
        self.target_area.focus()
        if self.session.restored:
            self.notify(f"Restored {self.session.restored} unsaved edits from the journal "
                        f"{self.session.journal.path.name}.", markup=False, timeout=6)
        if self.session.skipped:
            self.notify(f"{self.session.skipped} journal edits were not restored: their "
                        "sentence changed on disk.", markup=False, severity="warning")
        # after the first screen is drawn: the workers compete with it for the GIL
        self.call_after_refresh(self._first_screen_drawn)
        if self.watch_disk:
            self.set_interval(self.watch_disk, self.check_disk)
        self._check_size()

    def _show_session(self) -> None:
        """The session's facts the title and the progress bar show (on opening, on reload)."""
        session = self.session
        self.languages = session.languages.describe()
        self.catalog_name = session.name_of(session.path)
        self.total = len(session)
        self.shown = len(self.view.rows)
        self.unsaved = len(session.unsaved)
        self._update_progress()

    def _first_screen_drawn(self) -> None:
        self.first_screen_at = time.perf_counter()
        self._start_loading()
        self.background_started.set()
        # Edits restored from the journal were committed before the crash: their `!` marks
        # went with it.
        for unit_id in sorted(self.session.unsaved) if self.session.restored else ():
            index = self.session.index_of(unit_id)
            if index is not None and self.session.units[index].target:
                self.check_unit(index)

    @property
    def target_area(self) -> TargetArea:
        return self.query_one(TargetArea)

    @property
    def unit_list(self) -> UnitList:
        return self.query_one(UnitList)

    # Showing a unit ---------------------------------------------------------------------------

    def _panel(self, selector: str) -> FittedPanel:
        return self.query_one(selector, FittedPanel)

    def on_resize(self) -> None:
        # a resize lays out every panel anew (at another width, perhaps another breakpoint):
        # the heights noted for the last content no longer tell whether a layout is needed,
        # nor whether a panel cuts its text
        for panel in self.query(FittedPanel):
            panel.forget_height()
        self.call_after_refresh(self._show_panels)
        self._check_size()

    def _check_size(self) -> None:
        """Too small for the source and the target: a screen saying so covers the editor and
        takes the keys (none reaches the hidden target); it goes when the terminal grows."""
        width, height = self.app.size
        if (width < MIN_SIZE[0] or height < MIN_SIZE[1]) and \
                not any(isinstance(s, TooSmallScreen) for s in self.app.screen_stack):
            self.app.push_screen(TooSmallScreen(MIN_SIZE))

    def _show_panels(self) -> None:
        if self.current is not None and self.current < len(self.session.units):
            unit = self.session.units[self.current]
            self._show_source(self.current, unit)
            self._show_context(self.current, unit)
            self._show_suggestions()  # wrapped for the old width

    def _show_unit(self, index: int) -> None:
        """Put unit `index` in the editor (keeping the edit of the unit it replaces)."""
        if self.current is not None and self.current != index:
            self._keep_edit()
        session = self.session
        unit = session.units[index]
        if self.current != index:
            self.leave_source(focus=False)
        self.current = index
        self._show_source(index, unit)
        area = self.target_area
        text = to_editor(unit.target)
        self.undo.note_baseline(index, unit.target, unit.state)
        lines = text.split("\n")
        area.show(text, self.undo.history(index, text, (len(lines) - 1, len(lines[-1]))))
        self._show_context(index, unit)
        self.show_findings(index)
        # The previous unit's suggestions stay on screen (not insertable) until this unit's
        # come, a few ms later: redrawing the panel twice per move would cost more than that.
        self.suggestions, self.suggestions_unit = [], None
        self._suggest(index, unit.source, unit.id)

    def _show_empty(self) -> None:
        """A catalog without units (or only obsolete ones): nothing to type into."""
        self._panel("#source").update(
            Text("This catalog has no units to translate.", style="italic"))
        area = self.target_area
        area.show("", None)
        area.read_only = True

    def _show_source(self, index: int, unit: Unit) -> None:
        panel = self._panel("#source")
        # the number and state in the border: a repaint, never a layout (no file text here)
        panel.border_title = f"Source #{index + 1} {MARKS[unit.state]} {unit.state.label}"
        cut = panel.show(wrapped(glossary_marked(safe_text(unit.source), unit.source,
                                                 self.glossary),
                                 panel.content_region.width))
        panel.border_subtitle = MORE if cut else ""

    def _show_context(self, index: int, unit: Unit) -> None:
        panel = self._panel("#context")
        before, after = self.session.paragraph_neighbours(index)
        width = max(10, panel.content_region.width - 2)
        self.context_text = context_text(unit, self.references, before, after, width)
        cut = panel.show(wrapped(self.context_text, panel.content_region.width))
        panel.border_subtitle = MORE if cut else ""

    def _show_suggestions(self) -> None:
        panel = self._panel("#suggestions")
        # less the indent, and the pane's scrollbar (it may appear with this text)
        width = max(10, panel.content_region.width - 5)
        # whole pages of the pane: a list of another length then seldom changes the height
        page = max(1, self.query_one("#suggestions-pane").content_region.height)
        panel.show(wrapped(suggestions_text(self.suggestions, width),
                           panel.content_region.width - 2), page=page)  # the scrollbar

    # Editing ----------------------------------------------------------------------------------

    def _editor_text(self) -> str:
        unit = self.session.units[self.current] if self.current is not None else None
        return from_editor(self.target_area.text, unit.target if unit else "")

    def keep_typing(self) -> None:
        """What is typed in the target, kept (journaled as fuzzy) before the editor ends
        without asking (the terminal gone)."""
        self._keep_edit()

    def _keep_edit(self) -> None:
        """Keep what was typed in the unit being left. Moving away does not confirm a
        translation: a changed target is kept as fuzzy; Enter is what marks it translated."""
        if self.current is None:
            return
        unit = self.session.units[self.current]
        text = self._editor_text()
        if text != unit.target:
            self._commit(self.current, text, State.FUZZY)

    def _commit(self, index: int, target: str, state: State,
                plurals: list[str] | None = None) -> None:
        session = self.session
        unit = session.units[index]
        old_state = unit.state
        session.commit(index, target, state, plurals)
        if session.journal_error is not None:
            self.notify(f"Edit not journaled ({session.journal_error}): it is lost if the "
                        "editor dies before a save. Save with Ctrl+S.", severity="error",
                        markup=False, timeout=8)
        self.unit_list.refresh_unit(index)
        if self.memory is not None:
            self.memory.add(unit.source, unit.target if unit.is_translated else "",
                            self.memory_origin, unit.id)
        if self.words is not None:
            self.words.move(index, old_state, unit.state)
        self.unsaved = len(session.unsaved)
        self._update_progress()

    def _update_progress(self) -> None:
        words = dict(self.words.totals) if self.words is not None else None
        loading = self.session.loading
        self.progress = Progress(self.session.counts(), words,
                                 None if loading is None else loading.fraction)

    def commit_and_next(self) -> None:
        """Enter: the target is translated; go to the next unit that needs work."""
        if self.current is None:
            return
        index = self.current
        self._commit(index, self._editor_text(), State.TRANSLATED)
        self.check_committed(index)  # findings beside the target; the commit stands
        if not self._go_to_next_needing_work(index):
            self._show_unit(index)  # staying: show the new state mark

    def _go_to_next_needing_work(self, index: int) -> bool:
        found = self.view.next_needing_work(index, wrap=not self.reading)
        if found is None and self.reading:
            self.next_when_read(index)  # it may be in the part not read yet
            return False
        if found is None:
            self.notify("Nothing left to translate here.", timeout=3)
            return False
        if found.wrapped:
            self.notify("Wrapped around to the top.", timeout=3)
        self._move_to(found.index)
        return True

    def _move_to(self, index: int) -> None:
        if not self.unit_list.move_to_unit(index):
            # not in the filtered list: show everything rather than jump blind
            self.view.show_all()
            self._show_rows(keep_unit=index)
        self._show_unit(index)

    @on(UnitList.Highlighted)
    @while_open
    def _unit_highlighted(self, message: UnitList.Highlighted) -> None:
        if message.unit_index != self.unit_list.unit_index:
            # stale: the list moved on since (Enter moves it, and keys typed in one burst run
            # before this message): following it would jump back, commit the text being typed
            # as fuzzy and put the cursor at its end
            return
        if message.unit_index != self.current:
            self._show_unit(message.unit_index)

    @while_open
    def _choose_unit(self, unit_index: int) -> None:
        """Enter or a double click in the list: that unit, in the target. Called as the key
        is handled, so the keys typed after Enter in the same burst land in the target."""
        if unit_index != self.current:
            self._show_unit(unit_index)
        self.target_area.focus()

    def action_next_unit(self) -> None:
        self.unit_list.action_cursor_down()

    def action_previous_unit(self) -> None:
        self.unit_list.action_cursor_up()

    def action_toggle_fuzzy(self) -> None:
        if self.current is None:
            return
        unit = self.session.units[self.current]
        text = self._editor_text()
        if not text:
            self.notify("An empty target cannot be fuzzy.", severity="warning", timeout=3)
            return
        state = State.TRANSLATED if unit.state is State.FUZZY else State.FUZZY
        self._commit(self.current, text, state)
        self._show_unit(self.current)

    def action_plural_forms(self) -> None:
        if self.current is None:
            return
        index = self.current
        unit = self.session.units[index]
        if unit.source_plural is None:
            self.notify("Not a plural entry: the target is its only form.", timeout=3)
            return

        def done(forms: list[str]) -> None:
            if self.current != index:
                return
            self._commit(index, forms[0], State.TRANSLATED, forms[1:])
            self._show_unit(index)
            if self.session.units[index].state is not State.TRANSLATED:
                self.notify("A plural entry with an empty form stays untranslated.",
                            severity="warning", timeout=4)

        forms = [self._editor_text(), *unit.target_plurals]
        self.app.push_screen(PluralScreen(unit.source, unit.source_plural, forms, done))

    def action_revert_unit(self) -> None:
        """The unit as it was when the editor opened or last saved (target and state)."""
        if self.current is None:
            return
        index = self.current
        baseline = self.undo.baseline(index)
        if baseline is None:
            return
        target, state = baseline
        unit = self.session.units[index]
        if (self._editor_text(), unit.state) == (target, state):
            self.notify("Nothing to revert: the unit is as it was.", timeout=2)
            return
        area = self.target_area
        # in the target's history too: Ctrl+Z brings the edit back
        area.replace(to_editor(target), (0, 0), area.document.end,
                     maintain_selection_offset=False)
        if (target, state) != (unit.target, unit.state):
            self._commit(index, target, state)
            self._show_source(index, self.session.units[index])  # the state mark
        self.notify("Reverted to the unit as it was opened or last saved.", timeout=2)

    def action_copy_source(self) -> None:
        if self.current is None:
            return
        area = self.target_area
        area.replace(to_editor(self.session.units[self.current].source),
                     (0, 0), area.document.end, maintain_selection_offset=False)
        area.focus()

    def action_insert_suggestion(self, number: int) -> None:
        self.suggestions_now()
        if not 1 <= number <= len(self.suggestions):
            self.notify(f"No suggestion {number}.", severity="warning", timeout=2)
            return
        area = self.target_area
        start, end = sorted(area.selection)
        area.replace(to_editor(self.suggestions[number - 1].text), start, end,
                     maintain_selection_offset=False)
        area.focus()

    # Moving, filtering, searching -------------------------------------------------------------

    def _show_rows(self, keep_unit: int | None) -> None:
        """Show the view's rows in the list (the cursor on `keep_unit`, or the next row)."""
        rows = self.view.rows
        self.unit_list.set_rows(rows, keep_unit)
        self.list_filter, self.search, self.shown = self.view.filter, self.view.search, len(rows)
        if not rows:
            self.notify("No unit matches.", timeout=3)

    def action_set_filter(self, name: str) -> None:
        self.view.set_filter(name)
        self._show_rows(self.current)

    def action_cycle_filter(self) -> None:
        self.action_set_filter(self.view.next_filter())

    def action_search(self) -> None:
        def done(query: str) -> None:
            self.view.set_search(query)
            rows = self.view.rows
            # the first match from the top, in its target: the next thing typed is its text
            self._show_rows(rows[0] if query and rows else self.current)
            if query and rows:
                self._show_unit(rows[0])
            self.target_area.focus()

        self.app.push_screen(PromptScreen("Search source and target (empty: show all)",
                                          self.view.search, "text to find", on_answer=done))

    def action_goto(self) -> None:
        def done(answer: str) -> None:
            if not answer:
                return
            try:
                number = int(answer.strip().lstrip("#").replace(",", ""))  # "#1,024"
            except ValueError:
                self.notify("Type a unit number.", severity="warning", timeout=3)
                return
            if self.reading and number > len(self.session):
                self.still_reading(f"Going to unit {number:,}")
                return
            if not 1 <= number <= len(self.session):
                self.notify(f"There are {len(self.session):,} units.", severity="warning")
                return
            self._move_to(number - 1)
            self.target_area.focus()

        read = " read so far" if self.reading else ""
        self.app.push_screen(PromptScreen(f"Go to unit (1–{len(self.session):,}{read})",
                                          on_answer=done))

    def action_full_text(self) -> None:
        """The whole source and context of the unit, in a scrolling window."""
        if self.current is None:
            return
        unit = self.session.units[self.current]
        body = Text(end="")
        body.append(f"Source #{self.current + 1}\n", style="bold underline")
        body.append_text(safe_text(unit.source))
        if unit.target:
            body.append("\n\nTarget (as saved)\n", style="bold underline")
            body.append_text(safe_text(unit.target))
        # the context again, its neighbouring sentences and notes whole (the panel cuts them)
        before, after = self.session.paragraph_neighbours(self.current)
        context = context_text(unit, self.references, before, after, width=0)
        if context.plain:
            body.append("\n\nContext\n", style="bold underline")
            body.append_text(context)
        self.app.push_screen(FullTextScreen(f"Unit #{self.current + 1}", body))

    def action_help(self) -> None:
        if not isinstance(self.app.screen, HelpScreen):
            self.app.push_screen(HelpScreen())

    # Glossary ---------------------------------------------------------------------------------

    def action_add_term(self) -> None:
        project = self.session.project
        if project is None or project.glossary_path is None:
            self.notify("No project glossary: set glossary = \"glossary.csv\" in the project.",
                        severity="warning", markup=False)
            return
        selected = self.target_area.selected_text.strip()
        term = self.selected_source_text()

        self.app.push_screen(TermScreen(self.session.source_lang, self.session.target_lang,
                                        self._add_term, selected, source=term))

    def _add_term(self, source: str, target: str, note: str) -> None:
        project = self.session.project
        assert project is not None and project.glossary_path is not None
        try:
            glossary = add_glossary_term(project.glossary_path, source, target,
                                         self.session.source_lang, self.session.target_lang,
                                         note)
        except (WorkbenchError, OSError) as exc:
            self.notify(f"Glossary not saved: {exc}", severity="error", markup=False)
            return
        self.glossary = glossary
        self.notify(f"Added to the glossary: {visible(source)} → {visible(target)}",
                    markup=False, timeout=3)

    def _reload(self) -> None:
        self._keep_edit()  # what is typed but not committed goes to the journal, then back
        try:
            session = self.session.reload()
        except WorkbenchError as exc:
            self.notify(f"Cannot reload: {exc}", severity="error", markup=False)
            return
        current_id = self.session.units[self.current].id if self.current is not None else None
        self.session = session
        self.undo.clear()
        self.current = None
        self.words = None
        self.unit_list.set_units(session.units)
        filter_name, search = self.view.filter, self.view.search
        self.view = CatalogView(session)
        self.view.filter, self.view.search = filter_name, search
        self.view.refresh()
        index = session.index_of(current_id) if current_id else None
        self._show_rows(keep_unit=index if index is not None else 0)
        if session.units:
            self.target_area.read_only = False
            self._show_unit(self.unit_list.unit_index or 0)
        else:
            self._show_empty()
        self._show_session()
        self.notify(f"Reloaded; {session.restored} unsaved edits re-applied.", markup=False)
        self._start_background()
