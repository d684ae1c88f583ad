"""The editor: a catalog's units in a list, the current sentence beside its editable target,
suggestions and context, progress always in view.

`make_app` builds it for the CLI, the Pilot tests, the snapshot tests and the benchmark. The
session (workbench.session) owns the catalog; this module only shows it and turns keys into
session calls. Workers compute (word counts, translation memory, suggestions, saving) and post
messages; handlers on the UI thread apply the results.
"""

from __future__ import annotations

import difflib
import functools
import gc
import os
import time
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.events import Key, Paste
from textual.markup import escape as escape_markup
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea
from textual.worker import get_current_worker

from workbench.errors import ConflictError, WorkbenchError
from workbench.glossary import Glossary
from workbench.model import State, Unit
from workbench.project import Project
from workbench.session import DiskSignature, EditSession, SaveJob, add_glossary_term
from workbench.tm import TranslationMemory
from workbench.tui import actions
from workbench.tui.screens import (
    ChoiceScreen,
    FullTextScreen,
    HelpScreen,
    PluralScreen,
    PromptScreen,
    TermScreen,
)
from workbench.tui.suggestions import Suggestion, suggestions_for
from workbench.tui.text import fit, from_editor, pasted, safe_text, to_editor, visible
from workbench.tui.unit_list import MARKS, UnitList
from workbench.words import is_han

FILTERS = ("all", "untranslated", "fuzzy", "translated")
FILTER_STATES = {"untranslated": State.UNTRANSLATED, "fuzzy": State.FUZZY,
                 "translated": State.TRANSLATED}
# Content lines of the source and context panels: keep in step with min-height and max-height
# in editor.tcss (which count the border too). A panel whose height stays put costs no layout.
SOURCE_LINES = (3, 5)
CONTEXT_LINES = (3, 5)
# Under this many rows (an 80x24 terminal) the panels shrink (the `-short` rules of
# editor.tcss), so the target keeps a few lines and the context its bottom border.
SHORT_BELOW = 30
SHORT_LINES = (1, 2)
MORE = "more: F2 ↓"  # the border of a panel that cuts its text
PROCESS_WORDS_ABOVE = 20_000  # units: count words in a separate process (jieba holds the GIL)


# Messages from workers ----------------------------------------------------------------------

class WordsCounted(Message):
    def __init__(self, counts: array[int], session: EditSession) -> None:
        super().__init__()
        self.counts = counts
        self.session = session


class MemoryBuilt(Message):
    def __init__(self, memory: TranslationMemory, catalogs: int) -> None:
        super().__init__()
        self.memory = memory
        self.catalogs = catalogs


class ReferencesLoaded(Message):
    def __init__(self, references: dict[str, dict[str, tuple[str, str, State]]]) -> None:
        super().__init__()
        self.references = references  # lang -> unit id -> (source, target, state)


class GlossaryLoaded(Message):
    def __init__(self, glossary: Glossary) -> None:
        super().__init__()
        self.glossary = glossary


class SuggestionsReady(Message):
    def __init__(self, unit_index: int, suggestions: list[Suggestion]) -> None:
        super().__init__()
        self.unit_index = unit_index
        self.suggestions = suggestions


class SaveFinished(Message):
    def __init__(self, job: SaveJob, signature: DiskSignature | None,
                 error: WorkbenchError | OSError | None, then_quit: bool) -> None:
        super().__init__()
        self.job = job
        self.signature = signature
        self.error = error
        self.then_quit = then_quit


def while_open(handler: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """A handler of a message that may arrive while the app closes (a worker's result, a
    highlight): then the widgets it would update are gone, and it does nothing."""

    @functools.wraps(handler)
    def run(app: Any, message: Any) -> None:
        try:
            handler(app, message)
        except NoMatches:
            if app.is_running and app.screen_stack and app.screen_stack[0].children:
                raise  # open: a real bug

    return run


# Widgets ------------------------------------------------------------------------------------

class TargetArea(TextArea):
    """The target editor: Enter commits, Ctrl+J and Shift+Enter insert a line break, Alt+key
    is left to the app's bindings.

    Enter and the line break are handled here, as the key arrives, not through bindings (which
    run later): keys a terminal delivers in one burst ("abc", Enter, "def") must land in order,
    "def" in the next unit and not in the one being committed.
    """

    NEWLINE_KEYS = frozenset({"ctrl+j", "shift+enter", "newline"})

    def __init__(self, on_commit: Callable[[], None], **options: Any) -> None:
        super().__init__(**options)
        self.on_commit = on_commit

    async def _on_key(self, event: Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.on_commit()
            return
        if event.key in self.NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.action_newline()
            return
        if event.key.startswith("alt+"):
            # to the app's bindings, and not typed: without prevent_default TextArea's own
            # handler (next in the MRO) would type the letter of Alt+U and stop the event
            event.prevent_default()
            return
        await super()._on_key(event)

    async def _on_paste(self, event: Paste) -> None:
        # TextArea would insert ESC and other controls as they are, and draw them raw
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        start, end = self.selection
        self.replace(pasted(event.text), start, end, maintain_selection_offset=False)

    def action_newline(self) -> None:
        start, end = self.selection
        # as typing does: the cursor goes after the break
        self.replace("\n", start, end, maintain_selection_offset=False)


def parse_alt_digits() -> None:
    """Let Alt+1 … Alt+9 arrive as such. Textual reads ESC + digit (what xterm, tmux and most
    terminals send for Alt+digit) as the character macOS's Option+digit types (ESC 1 as "¡"),
    so the suggestion keys would type symbols instead. Only the Escape-prefixed sequences are
    dropped: a typed "¡" or "£" is still a character."""
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    for digit in "0123456789":
        ANSI_SEQUENCES_KEYS.pop("\x1b" + digit, None)


class SuggestionsPane(VerticalScroll, can_focus=False):
    """Scrolls with the mouse; Tab goes between the list and the target only."""


@dataclass
class Progress:
    """Units and words per state; words arrive later (a worker counts them)."""

    units: dict[State, int]
    words: dict[State, int] | None = None


class ProgressView(Static):
    """Progress as a bar and figures, by units and by words."""

    progress: Progress | None = None

    def show(self, progress: Progress) -> None:
        self.progress = progress
        width = max(10, self.size.width or 80)
        self.update(progress_text(progress, width), layout=False)  # fixed height

    def on_resize(self) -> None:
        if self.progress is not None:
            self.show(self.progress)


def _bar(counts: dict[State, int], width: int) -> Text:
    total = sum(counts.values()) or 1
    done = round(width * counts[State.TRANSLATED] / total)
    fuzzy = round(width * counts[State.FUZZY] / total)
    fuzzy = min(fuzzy, width - done)
    bar = Text(no_wrap=True, end="")
    bar.append("█" * done, style="green")
    bar.append("█" * fuzzy, style="yellow")
    bar.append("░" * (width - done - fuzzy), style="red dim")
    return bar


def _figures(label: str, counts: dict[State, int], compact: bool = False) -> Text:
    total = sum(counts.values())
    percent = 100.0 * counts[State.TRANSLATED] / total if total else 100.0
    text = Text(f"{label:<6}", style="bold", end="")
    if compact:  # a narrow terminal: the marks of the unit list instead of words
        text.append(f"✓{counts[State.TRANSLATED]:,} ", style="green")
        text.append(f"~{counts[State.FUZZY]:,} ", style="yellow")
        text.append(f"·{counts[State.UNTRANSLATED]:,} ", style="red")
        text.append(f"/{total:,} {percent:.0f}%")
        return text
    text.append(f"{counts[State.TRANSLATED]:>7,} translated ", style="green")
    text.append(f"{counts[State.FUZZY]:>6,} fuzzy ", style="yellow")
    text.append(f"{counts[State.UNTRANSLATED]:>7,} untranslated ", style="red")
    text.append(f"of {total:,}  {percent:5.1f}% done")
    return text


def progress_text(progress: Progress, width: int) -> Text:
    bar_width = max(10, min(40, width // 3))
    compact = width - bar_width < 80
    out = Text(no_wrap=True, end="", overflow="ellipsis")
    out.append_text(_bar(progress.units, bar_width))
    out.append(" ")
    out.append_text(_figures("units", progress.units, compact))
    out.append("\n")
    if progress.words is None:
        out.append("░" * bar_width + " ", style="dim")
        out.append("words counting…", style="dim italic")
    else:
        out.append_text(_bar(progress.words, bar_width))
        out.append(" ")
        out.append_text(_figures("words", progress.words, compact))
    return out


def char_diff(old: str, new: str) -> Text:
    """What changed from `old` to `new`, character by character: removed struck through in
    red, added underlined in green."""
    text = Text(end="")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            text.append(visible(old[a1:a2]))
            continue
        if op in ("delete", "replace"):
            text.append(visible(old[a1:a2]), style="strike red")
        if op in ("insert", "replace"):
            text.append(visible(new[b1:b2]), style="underline bold green")
    return text


# Word counting (may run in another process: it must be a top-level function) ----------------

def count_words(sources: Sequence[str], lang: str) -> array[int]:
    from workbench.words import count

    return array("I", (count(s, lang).words for s in sources))


_COUNT_SCRIPT = """
import json, sys
from array import array
from workbench.words import count
data = json.load(sys.stdin)
words = array("I", (count(s, data["lang"]).words for s in data["sources"]))
sys.stdout.buffer.write(words.tobytes())
"""


def count_words_elsewhere(sources: Sequence[str], lang: str) -> array[int] | None:
    """Word counts from a child process, so jieba (pure Python, ~1.4 MB/s) does not hold this
    process's GIL for seconds; None if the child failed (then count here)."""
    import json
    import subprocess
    import sys

    payload = json.dumps({"lang": lang, "sources": list(sources)}, ensure_ascii=False)
    try:
        done = subprocess.run([sys.executable, "-c", _COUNT_SCRIPT], input=payload.encode(),
                              capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    counts = array("I")
    if done.returncode != 0 or len(done.stdout) != counts.itemsize * len(sources):
        return None
    counts.frombytes(done.stdout)
    return counts


# The app ------------------------------------------------------------------------------------

class EditorApp(App[int]):
    """Translate a catalog sentence by sentence."""

    CSS_PATH = "editor.tcss"
    TITLE = "workbench edit"
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-short"), (SHORT_BELOW, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings()

    def __init__(self, session: EditSession, *, watch_disk: float | None = 2.0,
                 word_processes: bool | None = None, cursor_blink: bool = True) -> None:
        """`watch_disk`: seconds between checks of the file on disk (None: never);
        `word_processes`: count words in a separate process (None: for large catalogs);
        `cursor_blink`: False for a steady cursor (snapshot tests)."""
        super().__init__()
        parse_alt_digits()
        self.cursor_blink = cursor_blink
        self.session = session
        self.watch_disk = watch_disk
        self.word_processes = word_processes
        self.current: int | None = None
        """Index of the unit in the editor."""
        self.list_filter = "all"
        self.search_text = ""
        self.memory: TranslationMemory | None = None
        self.glossary: Glossary | None = None
        self.references: dict[str, dict[str, tuple[str, str, State]]] = {}
        self.suggestions: list[Suggestion] = []
        self._simplified_sources: list[str] | None = None  # for searches in either script
        self.context_text = Text()
        """What the context panel shows for the current unit (all of it, if the panel cuts it)."""
        self.word_counts: array[int] | None = None
        self.word_totals: dict[State, int] | None = None
        self._prompting_disk = False
        self._disk_declined: tuple[int, int] | None = None
        """The file's (mtime, size) when the translator cancelled the changed-on-disk question."""
        self._saving = False
        self._read_only_ok = False  # the translator chose to save over a read-only file
        self._save_queued = False  # Ctrl+S, or save and quit, while a save was being written
        self._quit_queued = False
        self.first_screen_at: float | None = None
        self._heights: dict[str, int] = {}  # content height of the auto-height panels
        """perf_counter() when the first screen was drawn (the benchmark reads it)."""
        self.memory_origin = self._origin(session.path)

    # Layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield UnitList(self.session.units, id="units")
        with Horizontal(id="workspace"):
            with Vertical(id="editor-pane"):
                yield Static(id="source")
                target = TargetArea(self.commit_and_next, id="target", soft_wrap=True,
                                    show_line_numbers=False, tab_behavior="focus")
                target.cursor_blink = self.cursor_blink
                yield target
                yield Static(id="context")
            with SuggestionsPane(id="suggestions-pane"):
                yield Static(id="suggestions")
        yield ProgressView(id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#units").border_title = "Units"
        self.query_one("#source").border_title = "Source"
        self.query_one("#target").border_title = "Target"
        self.query_one("#context").border_title = "Context"
        self.query_one("#suggestions-pane").border_title = "Suggestions"
        self._update_title()
        self._update_progress()
        first = self.session.next_needing_work(-1) if self.session.units else None
        units = self.query_one(UnitList)
        if first is not None:
            units.move_to_unit(first)
        if self.session.units:
            self._show_unit(units.unit_index or 0)
        else:
            self._show_empty()
        self.query_one(TargetArea).focus()
        if self.session.restored:
            self.notify(f"Restored {self.session.restored} unsaved edits from the journal "
                        f"{self.session.journal.path.name}.", markup=False, timeout=6)
        if self.session.skipped:
            self.notify(f"{self.session.skipped} journal edits were not restored: their "
                        "sentence changed on disk.", markup=False, severity="warning")
        # after the first screen is drawn: the workers compete with it for the GIL
        self.call_after_refresh(self._first_screen_drawn)
        if self.watch_disk:
            self.set_interval(self.watch_disk, self._check_disk)

    def _first_screen_drawn(self) -> None:
        self.first_screen_at = time.perf_counter()
        self._start_background()

    def _start_background(self) -> None:
        self._count_words(self.session)
        self._build_memory(self.session)
        self._load_references(self.session)
        self._load_glossary()

    @property
    def target_area(self) -> TargetArea:
        return self.query_one(TargetArea)

    @property
    def unit_list(self) -> UnitList:
        return self.query_one(UnitList)

    # Commands -------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists every action of the registry (and Textual's own)."""
        for action in actions.ACTIONS:
            # the palette reads help as markup: escape it (key labels hold no file text)
            yield SystemCommand(action.description,
                                escape_markup(f"{action.help}  ({action.key_label})"),
                                lambda a=action.action: self.run_action(a))
        yield from super().get_system_commands(screen)

    # Showing a unit ---------------------------------------------------------------------------

    def _show_in(self, selector: str, content: Text, lines: tuple[int, int] = (0, 1000),
                 page: int = 0) -> bool:
        """Update a Static whose height follows its content, and lay out the screen only when
        that height changes: a layout re-renders every widget, three times the work of a key.

        `lines`: the least and most content lines the CSS lets the widget have. `page`: round
        the height up to whole pages of this many lines, set it (a widget in a scrolling pane).
        Returns whether the content is taller than the widget may be (then it is cut).
        """
        widget = self.query_one(selector, Static)
        if page == 0 and widget.screen.has_class("-short"):
            lines = SHORT_LINES
        widget.update(content, layout=False)
        width = widget.content_region.width
        height = widget.visual.get_height(widget.styles, width) if width > 0 else -1
        cut = height > lines[1] and page == 0
        if height >= 0:
            height = max(lines[0], min(lines[1], height))
            if page > 0:
                height = max(1, -(-height // page)) * page
        if height < 0 or self._heights.get(selector) != height:
            self._heights[selector] = height
            if page > 0 and height > 0:
                widget.styles.height = height  # lays out
            else:
                widget.refresh(layout=True)
        return cut

    def on_resize(self) -> None:
        # a resize lays out every panel anew (at another width, perhaps another breakpoint):
        # the heights noted for the last content no longer tell whether a layout is needed,
        # nor whether a panel cuts its text
        self._heights.clear()
        self.call_after_refresh(self._show_panels)
        self.call_after_refresh(self._update_title)

    def _show_panels(self) -> None:
        if self.current is not None and self.current < len(self.session.units):
            unit = self.session.units[self.current]
            self._show_source(self.current, unit)
            self._show_context(self.current, unit)

    def _suggestion_page(self) -> int:
        """The suggestions take whole pages of their pane: a list of another length then
        seldom changes their height (a layout)."""
        return max(1, self.query_one("#suggestions-pane").content_region.height)

    def _update_title(self) -> None:
        """What is in force first (a narrow terminal cuts the end of the line), the file last."""
        session = self.session
        title = Text(no_wrap=True, end="", overflow="ellipsis")
        title.append(" workbench edit ", style="bold")
        title.append(f" {session.languages.describe()} ")
        if self._saving:
            title.append(" saving… ", style="bold")
        elif session.dirty:
            title.append(f" ● {len(session.unsaved):,} unsaved ", style="bold red")
        if self._disk_declined is not None:
            title.append(" ⚠ changed on disk ", style="bold red")
        if self.is_mounted and self._read_only() and not self._read_only_ok:
            title.append(" read-only ", style="bold yellow")
        if self.list_filter != "all":
            title.append(f" filter: {self.list_filter} ", style="bold yellow")
        if self.search_text:
            title.append(" search: ", style="bold yellow")
            title.append_text(safe_text(self.search_text, one_line=True))
            title.append(" ")
        rows = self.unit_list.rows if self.is_mounted else range(len(session))
        if len(rows) != len(session):
            title.append(f" ({len(rows):,} of {len(session):,} shown) ")
        shown = session.project.relative(session.path) if session.project else str(session.path)
        title.append(" ")
        title.append_text(safe_text(shown, one_line=True))
        # cut to the line (with …): the Static would wrap the rest onto a line it has not got
        title.truncate(max(1, self.size.width), overflow="ellipsis")
        self.query_one("#title", Static).update(title, layout=False)  # one line

    def _show_unit(self, index: int) -> None:
        """Put unit `index` in the editor (keeping the edit of the unit it replaces)."""
        if self.current is not None and self.current != index:
            self._keep_edit()
        session = self.session
        unit = session.units[index]
        self.current = index
        self._show_source(index, unit)
        area = self.target_area
        area.load_text(to_editor(unit.target))
        area.move_cursor(area.document.end)
        self._show_context(index, unit)
        # The previous unit's suggestions stay on screen (not insertable) until this unit's
        # come, a few ms later: redrawing the panel twice per move would cost more than that.
        self.suggestions = []
        self._suggest(index, unit.source, unit.id)

    def _show_empty(self) -> None:
        """A catalog without units (or only obsolete ones): nothing to type into."""
        self.query_one("#source", Static).update(
            Text("This catalog has no units to translate.", style="italic"))
        area = self.target_area
        area.load_text("")
        area.read_only = True

    def _show_source(self, index: int, unit: Unit) -> None:
        source_panel = self.query_one("#source", Static)
        # the number and state in the border: a repaint, never a layout (no file text here)
        source_panel.border_title = f"Source #{index + 1} {MARKS[unit.state]} {unit.state.label}"
        cut = self._show_in("#source", safe_text(unit.source), SOURCE_LINES)
        source_panel.border_subtitle = MORE if cut else ""

    def _show_context(self, index: int, unit: Unit) -> None:
        text = Text(end="")
        for lang, by_id in self.references.items():
            ref = by_id.get(unit.id)
            if ref and ref[1] and ref[0] == unit.source:
                text.append(f"{lang} ({ref[2].label}): ", style="bold")
                text.append_text(safe_text(ref[1]))
                text.append("\n")
        if unit.state is State.FUZZY and unit.previous_source is not None:
            text.append("source changed: ", style="bold")
            text.append_text(char_diff(unit.previous_source, unit.source))
            text.append("\n")
        before, after = self.session.paragraph_neighbours(index)
        width = max(10, self.query_one("#context").content_region.width - 2)
        for mark, neighbour in [("↑", n) for n in before] + [("↓", n) for n in after]:
            text.append(f"{mark} ", style="dim")
            text.append(fit(visible(neighbour.source, newline="↵", tab="→"), width).rstrip(),
                        style="dim")
            text.append("\n")
        if unit.source_plural is not None:  # the target is msgstr[0]; F3 edits them all
            text.append("plural (F3 edits every form): ", style="bold")
            text.append_text(safe_text(unit.source_plural, one_line=True))
            for n, form in enumerate(unit.target_plurals, 1):
                text.append(f"\nmsgstr[{n}]: ", style="bold")
                text.append_text(safe_text(form, one_line=True))
            text.append("\n")
        for comment in unit.comments:
            text.append("note: ", style="bold")
            text.append_text(safe_text(comment, one_line=True))
            text.append("\n")
        text.rstrip()
        self.context_text = text
        cut = self._show_in("#context", text, CONTEXT_LINES)
        self.query_one("#context", Static).border_subtitle = MORE if cut else ""

    def _show_suggestions(self) -> None:
        text = Text(end="")
        if not self.suggestions:
            text.append("no suggestions", style="dim")
        for n, suggestion in enumerate(self.suggestions, 1):
            key = f"Alt+{n}" if n <= 9 else "    "
            text.append(f"{key} ", style="bold")
            text.append(visible(suggestion.label, newline="↵", tab="→") + "\n", style="cyan")
            text.append_text(safe_text(suggestion.text))
            text.append("\n")
            if suggestion.detail:  # one line, cut to fit: the text above is what counts
                # less the indent, and the pane's scrollbar (it may appear with this text)
                width = max(10, self.query_one("#suggestions").content_region.width - 5)
                text.append("   ")
                text.append(fit(visible(suggestion.detail, newline="↵", tab="→"),
                                width).rstrip(), style="dim")
                text.append("\n")
        text.rstrip()
        self._show_in("#suggestions", text, page=self._suggestion_page())

    # Editing ----------------------------------------------------------------------------------

    def _editor_text(self) -> str:
        unit = self.session.units[self.current] if self.current is not None else None
        return from_editor(self.target_area.text, unit.target if unit else "")

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
        if self.word_counts is not None and self.word_totals is not None:
            words = self.word_counts[index]
            self.word_totals[old_state] -= words
            self.word_totals[unit.state] += words
        self._update_progress()
        self._update_title()

    def _update_progress(self) -> None:
        self.query_one(ProgressView).show(Progress(self.session.counts(), self.word_totals))

    def commit_and_next(self) -> None:
        """Enter: the target is translated; go to the next unit that needs work."""
        if self.current is None:
            return
        index = self.current
        self._commit(index, self._editor_text(), State.TRANSLATED)
        if not self._go_to_next_needing_work(index):
            self._show_unit(index)  # staying: show the new state mark

    def _go_to_next_needing_work(self, index: int) -> bool:
        units = self.unit_list
        rows = units.rows
        if isinstance(rows, range):
            nxt = self.session.next_needing_work(index)
        else:
            states = self.session.states
            start = units.row_of(index, nearest=True)
            nxt = next((rows[r] for r in range(start + 1, len(rows))
                        if states[rows[r]] != State.TRANSLATED), None)
        if nxt is None or nxt == index:
            self.notify("Nothing left to translate here.", timeout=3)
            return False
        self._move_to(nxt)
        return True

    def _move_to(self, index: int) -> None:
        if not self.unit_list.move_to_unit(index):
            # not in the filtered list: show everything rather than jump blind
            self.list_filter, self.search_text = "all", ""
            self._apply_rows(keep_unit=index)
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

    @on(UnitList.Chosen)
    @while_open
    def _unit_chosen(self, message: UnitList.Chosen) -> None:
        if message.unit_index != self.current:
            self._show_unit(message.unit_index)
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

        def done(forms: list[str] | None) -> None:
            if forms is None or self.current != index:
                return
            self._commit(index, forms[0], State.TRANSLATED, forms[1:])
            self._show_unit(index)
            if self.session.units[index].state is not State.TRANSLATED:
                self.notify("A plural entry with an empty form stays untranslated.",
                            severity="warning", timeout=4)

        forms = [self._editor_text(), *unit.target_plurals]
        self.push_screen(PluralScreen(unit.source, unit.source_plural, forms), done)

    def action_copy_source(self) -> None:
        if self.current is None:
            return
        area = self.target_area
        area.replace(to_editor(self.session.units[self.current].source),
                     (0, 0), area.document.end, maintain_selection_offset=False)
        area.focus()

    def action_insert_suggestion(self, number: int) -> None:
        if not 1 <= number <= len(self.suggestions):
            self.notify(f"No suggestion {number}.", severity="warning", timeout=2)
            return
        area = self.target_area
        start, end = sorted(area.selection)
        area.replace(to_editor(self.suggestions[number - 1].text), start, end,
                     maintain_selection_offset=False)
        area.focus()

    # Moving, filtering, searching -------------------------------------------------------------

    def _apply_rows(self, keep_unit: int | None) -> None:
        units = self.session.units
        rows: Sequence[int]
        wanted = FILTER_STATES.get(self.list_filter)
        needle = self.search_text.casefold()
        if wanted is None and not needle:
            rows = range(len(units))
        else:
            states = self.session.states
            rows = [i for i, u in enumerate(units)
                    if (wanted is None or states[i] == wanted)
                    and (not needle or needle in u.source.casefold()
                         or needle in u.target.casefold())]
            if needle and any(is_han(ch) for ch in needle):
                rows = self._search_across_scripts(needle, wanted, rows)
        self.unit_list.set_rows(rows, keep_unit)
        self._update_title()
        if not rows:
            self.notify("No unit matches.", timeout=3)

    def _search_across_scripts(self, needle: str, wanted: State | None, found: list[int]
                               ) -> list[int]:
        """Matches of a Chinese search whatever its script: 党委 finds 黨委 in a Traditional
        source, 黨委 finds 党委 in a Simplified target (as the glossary matches)."""
        from workbench.convert import to_simplified

        simple = to_simplified(needle)
        units = self.session.units
        if self._simplified_sources is None:  # once: the sources never change while open
            joined = to_simplified("\n".join(u.source.replace("\n", " ") for u in units))
            sources = joined.casefold().split("\n")
            if len(sources) != len(units):  # one conversion is faster; this one is certain
                sources = [to_simplified(u.source).casefold() for u in units]
            self._simplified_sources = sources
        sources = self._simplified_sources
        states = self.session.states
        hits = set(found)
        hits.update(i for i, u in enumerate(units)
                    if (wanted is None or states[i] == wanted)
                    and (simple in sources[i] or simple in u.target.casefold()))
        return sorted(hits)

    def action_set_filter(self, name: str) -> None:
        self.list_filter = name if name in FILTERS else "all"
        self._apply_rows(self.current)

    def action_cycle_filter(self) -> None:
        self.action_set_filter(FILTERS[(FILTERS.index(self.list_filter) + 1) % len(FILTERS)])

    def action_search(self) -> None:
        def done(query: str | None) -> None:
            if query is None:
                return
            self.search_text = query
            self._apply_rows(self.current)
            if query and self.unit_list.rows:
                self.unit_list.focus()

        self.push_screen(PromptScreen("Search source and target (empty: show all)",
                                      self.search_text, "text to find"), done)

    def action_goto(self) -> None:
        def done(answer: str | None) -> None:
            if not answer:
                return
            try:
                number = int(answer.strip().lstrip("#").replace(",", ""))  # "#1,024"
            except ValueError:
                self.notify("Type a unit number.", severity="warning", timeout=3)
                return
            if not 1 <= number <= len(self.session):
                self.notify(f"There are {len(self.session):,} units.", severity="warning")
                return
            self._move_to(number - 1)
            self.target_area.focus()

        self.push_screen(PromptScreen(f"Go to unit (1–{len(self.session):,})"), done)

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
        if self.context_text.plain:
            body.append("\n\nContext\n", style="bold underline")
            body.append_text(self.context_text)
        self.push_screen(FullTextScreen(f"Unit #{self.current + 1}", body))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # Glossary ---------------------------------------------------------------------------------

    def action_add_term(self) -> None:
        project = self.session.project
        if project is None or project.glossary_path is None:
            self.notify("No project glossary: set glossary = \"glossary.csv\" in the project.",
                        severity="warning", markup=False)
            return
        area = self.target_area
        selected = area.selected_text

        def done(answer: tuple[str, str, str] | None) -> None:
            if answer is None:
                return
            self._add_term(*answer)

        self.push_screen(TermScreen(self.session.source_lang, self.session.target_lang,
                                    selected), done)

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
        if self.current is not None:
            unit = self.session.units[self.current]
            self._suggest(self.current, unit.source, unit.id)

    # Saving, quitting, the file on disk -------------------------------------------------------

    def action_save(self) -> None:
        self._save()

    def _read_only(self) -> bool:
        """The file has no write permission (`chmod a-w`): a save would still replace it (a
        rename ignores the mode, and root ignores modes), so the translator is asked first."""
        try:
            return not self.session.path.stat().st_mode & 0o222
        except OSError:
            return False

    def _save(self, force: bool = False, then_quit: bool = False) -> None:
        if self._saving:
            # one write at a time; this save (and the quit) follows when it ends, rather than
            # being dropped: "Save and quit" during a long save must still quit
            self._save_queued = True
            self._quit_queued = self._quit_queued or then_quit
            return
        self._keep_edit()
        if not self._read_only_ok and self._read_only():
            def done(answer: str | None) -> None:
                if answer == "save":
                    self._read_only_ok = True
                    self._save(force, then_quit)

            self.push_screen(ChoiceScreen(
                f"{self.session.path} is read-only. Save over it anyway (it stays read-only)? "
                "Your edits are in the journal meanwhile.",
                [("save", "y", "Save anyway"), ("cancel", "escape", "Cancel")]), done)
            return
        if not force and self.session.disk_changed():
            self._ask_about_disk(saving=True, then_quit=then_quit)
            return
        self._saving = True
        job = self.session.snapshot()
        self._update_title()
        self._write(job, force, then_quit)

    @work(thread=True, exclusive=True, group="save")
    def _write(self, job: SaveJob, force: bool, then_quit: bool) -> None:
        try:
            signature = self.session.write(job, force)
        except (WorkbenchError, OSError) as exc:
            self.post_message(SaveFinished(job, None, exc, then_quit))
            return
        self.post_message(SaveFinished(job, signature, None, then_quit))

    @on(SaveFinished)
    def _save_finished(self, message: SaveFinished) -> None:
        self._saving = False
        queued, then_quit = self._save_queued, message.then_quit or self._quit_queued
        self._save_queued = self._quit_queued = False
        if message.error is not None:
            self._update_title()
            if isinstance(message.error, ConflictError):
                self._ask_about_disk(saving=True, then_quit=then_quit)
                return
            self.notify(f"Not saved: {message.error}", severity="error", markup=False)
            return
        self.session.finish_save(message.job, message.signature)
        self._disk_declined = None
        self._update_title()
        self.notify(f"Saved {self.session.path.name}", markup=False, timeout=2)
        if then_quit:
            if self.session.dirty:  # edits committed while it was written
                self._save(then_quit=True)
            else:
                self.exit(0)
        elif queued and self.session.dirty:
            self._save()

    async def action_quit(self) -> None:
        """Textual's own quit (Ctrl+Q is bound by App with priority, and the palette has it)."""
        self.action_quit_editor()

    def action_quit_editor(self) -> None:
        self._keep_edit()
        if not self.session.dirty:
            self.exit(0)
            return

        def done(answer: str | None) -> None:
            if answer == "save":
                self._save(then_quit=True)
            elif answer == "discard":
                self.session.journal.clear()
                self.exit(0)

        self.push_screen(ChoiceScreen(
            f"{len(self.session.unsaved):,} "
            f"{'unit has' if len(self.session.unsaved) == 1 else 'units have'} unsaved edits.",
            [("save", "s", "Save & quit"), ("discard", "d", "Quit, don't save"),
             ("cancel", "escape", "Cancel")]), done)

    def _disk_state(self) -> tuple[int, int]:
        try:
            stat = self.session.path.stat()
        except OSError:
            return -1, -1  # gone
        return stat.st_mtime_ns, stat.st_size

    def _check_disk(self) -> None:
        if self._prompting_disk or self._saving:
            return
        if self._disk_declined == self._disk_state():
            return  # asked about this very change already: Cancel means "not now"
        if not self.session.disk_changed():
            return
        self._ask_about_disk(saving=False, then_quit=False)

    def _ask_about_disk(self, saving: bool, then_quit: bool) -> None:
        if self._prompting_disk:
            return
        self._prompting_disk = True
        keep = "Keep mine and save" if saving else "Keep mine"

        def done(answer: str | None) -> None:
            self._prompting_disk = False
            # Cancel: not asked again every 2 s for the same change (the title keeps saying
            # it, and a save still asks); any other answer settles it
            self._disk_declined = self._disk_state() if answer not in ("reload", "keep") \
                else None
            self._update_title()
            if answer == "reload":
                self._reload()
            elif answer == "keep":
                # the translator's version wins: the next save may overwrite the file
                self.session.signature = DiskSignature.of(self.session.path)
                if saving:
                    self._save(force=True, then_quit=then_quit)

        self.push_screen(ChoiceScreen(
            f"{self.session.path} changed on disk since it was opened (another tool, a git "
            "pull?). Reload it (your unsaved edits are re-applied where their sentence is "
            "unchanged) or keep your version?",
            [("reload", "r", "Reload"), ("keep", "k", keep), ("cancel", "escape", "Cancel")]),
            done)

    def _reload(self) -> None:
        self._keep_edit()  # what is typed but not committed goes to the journal, then back
        try:
            session = self.session.reload()
        except WorkbenchError as exc:
            self.notify(f"Cannot reload: {exc}", severity="error", markup=False)
            return
        current_id = self.session.units[self.current].id if self.current is not None else None
        self.session = session
        self.current = None
        self._simplified_sources = None
        self.word_counts = None
        self.word_totals = None
        self.unit_list.set_units(session.units)
        index = session.index_of(current_id) if current_id else None
        self._apply_rows(keep_unit=index if index is not None else 0)
        if session.units:
            self.target_area.read_only = False
            self._show_unit(self.unit_list.unit_index or 0)
        else:
            self._show_empty()
        self._update_progress()
        self._update_title()
        self.notify(f"Reloaded; {session.restored} unsaved edits re-applied.", markup=False)
        self._start_background()

    # Workers ----------------------------------------------------------------------------------

    def _origin(self, path: Path) -> str:
        project = self.session.project
        return project.relative(path) if project else str(path)

    @work(thread=True, exclusive=True, group="words")
    def _count_words(self, session: EditSession) -> None:
        sources = [u.source for u in session.units]
        lang = session.source_lang
        use_process = self.word_processes
        if use_process is None:
            use_process = len(sources) > PROCESS_WORDS_ABOVE
        counts = count_words_elsewhere(sources, lang) if use_process else None
        if counts is None:
            counts = count_words(sources, lang)
        if not get_current_worker().is_cancelled:
            self.post_message(WordsCounted(counts, session))

    @on(WordsCounted)
    @while_open
    def _words_counted(self, message: WordsCounted) -> None:
        if message.session is not self.session:
            return
        self.word_counts = message.counts
        totals = dict.fromkeys(State, 0)
        states = self.session.states
        for state, words in zip(states, message.counts, strict=True):
            totals[State(state)] += words
        self.word_totals = totals
        self._update_progress()

    @work(thread=True, exclusive=True, group="memory")
    def _build_memory(self, session: EditSession) -> None:
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
            memory.add_catalog(catalog, self._origin(path))
            catalogs += 1
            if get_current_worker().is_cancelled:
                return
        self.post_message(MemoryBuilt(memory, catalogs))

    @on(MemoryBuilt)
    @while_open
    def _memory_built(self, message: MemoryBuilt) -> None:
        memory = message.memory
        # commits made while the memory was being built
        for unit_id in list(self.session.unsaved):
            index = self.session.index_of(unit_id)
            if index is not None:
                unit = self.session.units[index]
                memory.add(unit.source, unit.target if unit.is_translated else "",
                           self.memory_origin, unit.id)
        self.memory = memory
        if self.current is not None:
            unit = self.session.units[self.current]
            self._suggest(self.current, unit.source, unit.id)

    @work(thread=True, exclusive=True, group="references")
    def _load_references(self, session: EditSession) -> None:
        from workbench.formats.po import read_po

        references: dict[str, dict[str, tuple[str, str, State]]] = {}
        for lang, path in session.sibling_catalog_paths().items():
            try:
                catalog = read_po(path)
            except WorkbenchError:
                continue
            references[lang] = {u.id: (u.source, u.target, u.state) for u in catalog.active}
        self.post_message(ReferencesLoaded(references))

    @on(ReferencesLoaded)
    @while_open
    def _references_loaded(self, message: ReferencesLoaded) -> None:
        self.references = message.references
        if self.current is not None:
            self._show_context(self.current, self.session.units[self.current])

    @work(thread=True, exclusive=True, group="glossary")
    def _load_glossary(self) -> None:
        from workbench.glossary import load_glossary

        project = self.session.project
        if project is None or project.glossary_path is None:
            return
        try:
            glossary = load_glossary(project.glossary_path, self.session.source_lang)
            glossary.find("")  # builds its index here, not on the UI thread
        except (WorkbenchError, OSError) as exc:
            self.call_from_thread(self.notify, f"Glossary not loaded: {exc}",
                                  severity="warning", markup=False)
            return
        self.post_message(GlossaryLoaded(glossary))

    @on(GlossaryLoaded)
    @while_open
    def _glossary_loaded(self, message: GlossaryLoaded) -> None:
        self.glossary = message.glossary
        if self.current is not None:
            unit = self.session.units[self.current]
            self._suggest(self.current, unit.source, unit.id)

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, index: int, source: str, unit_id: str) -> None:
        session = self.session
        try:
            found = suggestions_for(source, session.source_lang, session.target_lang,
                                    self.memory, self.glossary, (self.memory_origin, unit_id))
        except Exception as exc:  # a suggestion source failing must not take the editor down
            self.call_from_thread(self.notify, f"Suggestions failed: {exc}",
                                  severity="warning", markup=False)
            found = []
        if not get_current_worker().is_cancelled:
            self.post_message(SuggestionsReady(index, found))

    @on(SuggestionsReady)
    @while_open
    def _suggestions_ready(self, message: SuggestionsReady) -> None:
        if message.unit_index == self.current:
            self.suggestions = message.suggestions
            self._show_suggestions()

    def on_unmount(self) -> None:
        self.session.close()
        gc.unfreeze()  # see make_app: the catalog may go now


def make_app(path: str | os.PathLike[str], project: Project | None = None, *,
             source_lang: str | None = None, target_lang: str | None = None, **options: Any
             ) -> EditorApp:
    """The editor on a PO file (journal replayed). Raises InputError for a malformed file.
    `source_lang` / `target_lang`: the user's overrides of the catalog's languages."""
    session = EditSession.open(path, project, source_lang, target_lang)
    # The catalog lives as long as the editor: keep the collector from walking its millions of
    # objects again and again (full collections would cost tens of ms per keypress).
    gc.freeze()
    return EditorApp(session, **options)
