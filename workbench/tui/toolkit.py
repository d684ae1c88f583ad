"""The translator's toolkit in the editor: the actions that open the concordance, the reading
view, find and replace, the project overview, merge and split, and what a commit shows (the
`check` findings of the unit). A mixin of the editor screen, so the screen itself only gains
a base class and two calls; every key is in the action registry (`tui/actions.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text

from workbench.editor.replace import Change, undo_plan
from workbench.errors import WorkbenchError
from workbench.tui.text import visible

if TYPE_CHECKING:
    from workbench.concordance import Hit
    from workbench.editor.unitcheck import CatalogContext, Finding
    from workbench.glossary import Glossary
    from workbench.refmemory import ReferenceMemory
    from workbench.tui.widgets.source_area import SourceArea

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}
LINE_MARK = " | "
"""Separates the lines of a translator's comment in its one-line prompt."""


def findings_text(findings: list[Finding], width: int = 0) -> Text:
    """The findings of a unit on one line: check name and message, errors in red."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for n, finding in enumerate(findings):
        if n:
            text.append(" · ")
        text.append(f"⚠ {finding.check}: ", style=SEVERITY_STYLE.get(finding.severity, ""))
        text.append(visible(finding.message, newline="↵", tab="→"))  # it may quote the unit
    if width:
        text.truncate(width, overflow="ellipsis")
    return text


def glossary_marked(text: Text, source: str, glossary: Glossary | None) -> Text:
    """The source as shown, with the glossary's terms underlined (the suggestions panel lists
    their translations)."""
    if glossary is None or len(text.plain) != len(source):  # offsets must be the source's
        return text
    for match in glossary.find(source):
        text.stylize("underline bold cyan", match.start, match.end)
    return text


class ToolkitActions:
    """Actions of the editor screen (the attributes used are the screen's)."""

    # the editor screen's (annotations only: the screen defines them)
    session: Any
    current: int | None
    app: Any
    target_area: Any
    unit_list: Any
    unsaved: int
    notify: Any
    still_reading: Any
    run_worker: Any
    _move_to: Any
    _show_unit: Any
    _show_context: Any
    _keep_edit: Any
    _update_progress: Any
    _reload: Any
    _suggest: Any
    query_one: Any

    @property
    def memory_origin(self) -> str:
        """How the memory names the open catalog (the editor screen says)."""
        raise NotImplementedError

    # state kept by the toolkit
    _check_context: CatalogContext | None = None
    _findings: dict[str, list[Finding]]
    _last_replace: list[Change] | None = None
    _just_committed: tuple[int, list[Finding]] | None = None
    reference_memory: ReferenceMemory | None = None

    # What a commit shows ------------------------------------------------------------------

    def findings_of(self, index: int) -> list[Finding]:
        """The check findings of unit `index` as last committed (cached by unit id)."""
        if not hasattr(self, "_findings"):
            self._findings = {}
        unit = self.session.units[index]
        return self._findings.get(unit.id, [])

    def check_committed(self, index: int) -> list[Finding]:
        """Run the `check` checks on a committed unit and show what they find beside the
        target (the commit has gone through either way)."""
        found = self.check_unit(index)
        # The editor moves on to the next unit: its target's border says what was found in
        # this one until the translator moves again (a repaint; a notice would cost a layout,
        # a third of a commit's time at 100,000 units). The list keeps the `!`.
        self._just_committed = (index, found)
        return found

    def check_unit(self, index: int) -> list[Finding]:
        """Run the `check` checks on a unit and mark it `!` in the list if they find
        something (a commit, or an edit restored from the journal)."""
        from workbench.editor.unitcheck import catalog_context, unit_findings

        if not hasattr(self, "_findings"):
            self._findings = {}
        unit = self.session.units[index]
        try:
            if self._check_context is None:
                self._check_context = catalog_context(self.session.catalog,
                                                      self.session.project)
            found = unit_findings(unit, self._check_context)
        except WorkbenchError as exc:  # a broken check configuration: say it once
            self._findings[unit.id] = []
            self.notify(f"Checks not run: {exc}", severity="warning",
                        markup=False, timeout=5)
            return []
        self._findings[unit.id] = found
        flagged = self.unit_list.flagged
        if found or index in flagged:
            if found:
                flagged.add(index)
            else:
                flagged.discard(index)
            self.unit_list.refresh_unit(index)
        return found

    def show_findings(self, index: int) -> None:
        """The findings of the unit in the editor, in the target's bottom border; right after
        a commit moved here, those of the unit committed."""
        found = self.findings_of(index)
        area = self.target_area
        width = max(area.size.width - 6, 20)
        committed, self._just_committed = self._just_committed, None
        if not found and committed is not None and committed[0] != index and committed[1]:
            note = Text()
            note.append(f"↑ #{committed[0] + 1} ", style="bold")
            area.border_subtitle = note.append_text(findings_text(committed[1],
                                                                  width - note.cell_len))
            return
        area.border_subtitle = findings_text(found, width) if found else ""

    # Selecting in the source --------------------------------------------------------------

    @property
    def source_area(self) -> SourceArea:
        from workbench.tui.widgets.source_area import SourceArea

        return self.query_one("#source-select", SourceArea)

    def action_select_source(self) -> None:
        """The source as read-only text in place of its panel, with the cursor: Shift+arrows
        select (Ctrl+N offers the selection as a term), F9 splits at the cursor."""
        if self.current is None:
            return
        area = self.source_area
        source = self.session.units[self.current].source
        if not area.display or area.text != source:
            area.load_text(source)
        area.display = True
        self.query_one("#source").display = False
        area.focus()

    def action_leave_source(self) -> None:
        self.leave_source()

    def leave_source(self, focus: bool = True) -> None:
        """Back from selecting in the source: its panel again, the target focused."""
        area = self.source_area
        if area.display:
            area.display = False
            self.query_one("#source").display = True
            if focus:
                self.target_area.focus()

    def selected_source_text(self) -> str:
        """What is selected in the source (while it is shown for selecting), on one line."""
        area = self.source_area
        if not area.display:
            return ""
        return "".join(area.selected_text.split("\n")).strip()


    # The unit's notes ---------------------------------------------------------------------

    def action_edit_comment(self) -> None:
        """The translator's comment of the unit in a prompt (lines separated by |), saved
        with the catalog and journaled like a commit."""
        from workbench.editor.unitnotes import translator_comment
        from workbench.tui.dialogs import PromptScreen

        if self.current is None:
            return
        index = self.current
        unit = self.session.units[index]

        def done(answer: str | None) -> None:
            if answer is None or self.current != index:
                return
            lines = (line.strip() for line in answer.split(LINE_MARK.strip()))
            self.session.set_translator_comment(index, "\n".join(lines))
            self._notes_changed(index)

        self.app.push_screen(PromptScreen(
            f"Translator's comment of #{index + 1} ({LINE_MARK.strip()} separates lines; "
            "empty: none)", translator_comment(unit).replace("\n", LINE_MARK)), done)

    def action_clear_conflicts(self) -> None:
        """Remove the unit's import conflict notes: the translator has resolved them."""
        if self.current is None:
            return
        removed = self.session.clear_conflicts(self.current)
        if not removed:
            self.notify("This unit has no import conflict notes.", timeout=3)
            return
        self._notes_changed(self.current)
        self.notify(f"Removed {removed} import conflict note{'s' * (removed > 1)}.",
                    timeout=3)

    def _notes_changed(self, index: int) -> None:
        if self.session.journal_error is not None:
            self.notify(f"Not journaled: {self.session.journal_error}", severity="error",
                        markup=False)
        self.unsaved = len(self.session.unsaved)
        self._show_context(index, self.session.units[index])

    # Screens ----------------------------------------------------------------------------------

    def _selected_target_text(self) -> str:
        area = self.target_area
        return area.selected_text.strip() if area.selected_text else ""

    def action_concordance(self) -> None:
        from workbench.concordance import LiveCatalog
        from workbench.tui.concordance_screen import ConcordanceScreen

        project = self.session.project
        if self.still_reading("The concordance"):
            return
        if project is None:
            self.notify("The concordance searches a project: this catalog is in none.",
                        severity="warning", timeout=4)
            return

        def done(hit: Hit | None) -> None:
            if hit is None:
                return
            index = self.session.index_of(hit.unit_id) if hit.kind == "catalog" and \
                hit.origin == project.relative(self.session.path) else None
            if index is None:
                self.notify(visible(f"{hit.origin}: {hit.target or hit.source}"),
                            title="In another file", markup=False, timeout=6)
                return
            self._move_to(index)
            self.target_area.focus()

        self._keep_edit()
        session = self.session
        live = LiveCatalog(project.relative(session.path), session.target_lang, session.units,
                           frozenset(session.unsaved))
        self.app.push_screen(ConcordanceScreen(project, self._selected_target_text(),
                                               extra_tm=tuple(getattr(self.app, "extra_tm",
                                                                      ())), live=live), done)

    def action_reading_view(self) -> None:
        from workbench.tui.reading_screen import ReadingScreen

        if self.still_reading("The reading view"):
            return
        self._keep_edit()

        def done(index: int | None) -> None:
            if index is not None:
                self._move_to(index)
                self.target_area.focus()

        self.app.push_screen(ReadingScreen(self.session.units, self.current or 0,
                                           self.session.source_lang, self.session.target_lang),
                             done)

    def action_replace(self) -> None:
        from workbench.tui.replace_screen import ReplaceScreen

        if self.still_reading("Replace"):
            return
        self._keep_edit()

        def done(changes: list[Change] | None) -> None:
            if changes:
                self._apply_changes(changes)
                self._last_replace = changes
                self.notify(f"Replaced in {len(changes)} targets (undo: "
                            f"{_key('undo_replace')}).", markup=False, timeout=5)

        self.app.push_screen(ReplaceScreen(self.session.units, self._selected_target_text()),
                             done)

    def action_undo_replace(self) -> None:
        if not self._last_replace:
            self.notify("No replacement to undo.", timeout=3)
            return
        # what is typed in the unit being edited first (the screen is redrawn from the
        # catalog after); a unit changed since the replacement is left as it is now
        self._keep_edit()
        changes, self._last_replace = self._last_replace, None
        self._apply_changes(undo_plan(changes))
        self.notify(f"Undid the replacement in {len(changes)} targets.", timeout=4)

    def _apply_changes(self, changes: list[Change]) -> None:
        """Commit the targets of a replacement (journaled like any commit), then refresh the
        screen once."""
        session = self.session
        for change in changes:
            unit = session.units[change.index]
            if unit.id != change.unit_id or unit.target != change.before:
                continue  # changed since the plan (a reload): leave it
            session.commit(change.index, change.after, change.state)
            self.unit_list.refresh_unit(change.index)
            memory = getattr(self, "memory", None)
            if memory is not None:
                memory.add(unit.source, unit.target if unit.is_translated else "",
                           self.memory_origin, unit.id)
        self.unsaved = len(session.unsaved)
        self._update_progress()
        if self.current is not None:
            self._show_unit(self.current)

    def action_overview(self) -> None:
        from workbench.tui.overview_screen import OverviewScreen

        project = self.session.project
        if self.still_reading("The overview"):
            return
        if project is None:
            self.notify("Not in a project: there is no overview.", severity="warning",
                        timeout=4)
            return

        def done(path: Path | None) -> None:
            if path is None or path.resolve() == self.session.path.resolve():
                return
            self._keep_edit()
            if self.session.dirty:
                try:
                    self.session.save()
                except WorkbenchError as exc:
                    self.notify(f"Not switched: saving failed ({exc}).", severity="error",
                                markup=False)
                    return
            # `workbench edit` opens the next catalog once this one is closed and unlocked
            self.app.next_catalog = path
            self.app.exit(0)

        self.app.push_screen(OverviewScreen(project, self.session.path), done)

    # Merge and split ----------------------------------------------------------------------

    def _resegment(self, change: Any, index: int, what: str) -> None:
        """Save, change the document's segments in every catalog, reload, show unit `index`."""
        if self.still_reading("Merging" if what == "merged" else "Splitting"):
            return
        project = self.session.project
        if project is None:
            self.notify(f"Only a project's catalogs can be {what}.", severity="warning",
                        timeout=4)
            return
        document = project.document_for(self.session.path)
        if document is None:
            self.notify("The source document of this catalog is missing.",
                        severity="warning", timeout=4)
            return
        self._keep_edit()
        try:
            if self.session.dirty:
                self.session.save()
            change(project, document)
        except WorkbenchError as exc:
            self.notify(str(exc), severity="warning", markup=False, timeout=6)
            return
        self._reload()
        from workbench.tui.widgets.title import TitleBar

        self.query_one(TitleBar).total = len(self.session)  # a merge or split changed it
        self._move_to(min(index, len(self.session.units) - 1))

    def action_merge_next(self) -> None:
        """Merge the unit with the next sentence of its paragraph (kept in the project)."""
        from workbench.segment_overrides import merge_in_project

        if self.current is None:
            return
        index, unit_id = self.current, self.session.units[self.current].id
        held = self.session.path
        self._resegment(lambda project, doc: merge_in_project(project, doc, unit_id, held),
                        index, "merged")

    def action_split(self) -> None:
        """Split the unit at the cursor of the source (Alt+S), else before a text of its source
        (asked for); kept in the project."""
        from workbench.segment_overrides import split_in_project
        from workbench.tui.dialogs import PromptScreen

        if self.current is None:
            return
        index = self.current
        unit = self.session.units[index]
        area = self.source_area
        if area.display:  # selecting in the source: split at its cursor
            offset = area.offset_of_cursor()
            if not 0 < offset < len(unit.source):
                self.notify("Put the cursor where the second sentence starts.",
                            severity="warning", timeout=4)
                return
            held = self.session.path
            self._resegment(lambda project, doc: split_in_project(project, doc, unit.id,
                                                                  offset, held), index, "split")
            return

        def done(answer: str | None) -> None:
            if not answer or self.current != index:
                return
            offset = unit.source.find(answer)
            if offset <= 0:
                self.notify(f"{answer!r} is not in the sentence after its start.",
                            severity="warning", markup=False, timeout=4)
                return
            held = self.session.path
            self._resegment(lambda project, doc: split_in_project(project, doc, unit.id,
                                                                  offset, held), index, "split")

        self.app.push_screen(PromptScreen("Split the sentence before this text (the second "
                                          "sentence's start)"), done)

    # Reference memories -------------------------------------------------------------------

    def load_reference_memory(self) -> None:
        """Load the project's reference memories (tm/ and --tm) in a worker."""
        project = self.session.project
        extra = tuple(getattr(self.app, "extra_tm", ()))
        if project is None and not extra:
            return
        self.run_worker(self._reference_worker, thread=True, exclusive=True,
                        group="reference-memory")

    def _reference_worker(self) -> None:
        from workbench.refmemory import load_reference_memory, reference_files

        project = self.session.project
        extra = tuple(getattr(self.app, "extra_tm", ()))
        try:
            files = reference_files(project.root, extra) if project else list(extra)
            memory = load_reference_memory(files, self.session.source_lang,
                                           self.session.target_lang,
                                           project.relative if project else None)
        except WorkbenchError as exc:
            self.app.call_from_thread(self.notify, f"Reference memory not loaded: {exc}",
                                      severity="warning", markup=False)
            return
        self.app.call_from_thread(self._reference_loaded, memory)

    def _reference_loaded(self, memory: ReferenceMemory) -> None:
        self.reference_memory = memory
        if self.current is not None:
            unit = self.session.units[self.current]
            self._suggest(self.current, unit.source, unit.id)


def _key(action_id: str) -> str:
    from workbench.tui import actions

    for action in actions.ACTIONS:
        if action.id == action_id:
            return action.key_label
    return action_id
