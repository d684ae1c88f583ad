"""The concordance screen: type a word or phrase, see every sentence of the project's catalogs
and reference memories holding it (either script), source and translation side by side.

The search runs in a worker thread (the first one folds every catalog, which takes seconds at
100,000 units; later ones are milliseconds), so typing never waits; each keystroke cancels the
search before it (`exclusive`). Enter on a row dismisses the screen with the hit, so the
editor can go to that unit when it is in the open catalog.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from workbench.concordance import DEFAULT_LIMIT, Hit, LiveCatalog, concordance
from workbench.project import Project
from workbench.tui.text import visible


class ConcordanceScreen(ModalScreen[Hit | None]):
    """Search the whole project for a term; dismissed with the chosen hit or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("down", "to_table", "Results", show=False),
    ]
    DEFAULT_CSS = """
    ConcordanceScreen { align: center middle; }
    ConcordanceScreen > Vertical { width: 96%; height: 92%; border: round $accent;
        background: $surface; padding: 0 1; }
    ConcordanceScreen Input { margin: 0 0 0 0; }
    ConcordanceScreen #concordance-status { height: 1; color: $text-muted; }
    ConcordanceScreen DataTable { height: 1fr; }
    """

    class Searched(Message):
        """A search finished (posted from the worker)."""

        def __init__(self, term: str, hits: list[Hit], error: str = "") -> None:
            super().__init__()
            self.term = term
            self.hits = hits
            self.error = error

    def __init__(self, project: Project, term: str = "", *, extra_tm: tuple[Path, ...] = (),
                 limit: int = DEFAULT_LIMIT, live: LiveCatalog | None = None) -> None:
        super().__init__()
        self.project = project
        self.live = live
        self.initial = term
        self.extra_tm = extra_tm
        self.limit = limit
        self.hits: list[Hit] = []
        """The hits shown, in the table's order."""
        self.searches = 0
        """Searches finished (tests wait on it)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(self.initial, placeholder="Concordance: a word or phrase (either "
                        "script)", id="concordance-term")
            yield Static("", id="concordance-status")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="concordance-hits")

    def on_mount(self) -> None:
        if self.initial.strip():
            self._search(self.initial)

    @on(Input.Changed, "#concordance-term")
    def _term_changed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self._status("searching…")
            self._search(event.value)
        else:
            self._show(event.value, [])

    @on(Input.Submitted, "#concordance-term")
    def _submitted(self) -> None:
        self.action_to_table()

    @work(thread=True, exclusive=True, group="concordance")
    def _search(self, term: str) -> None:
        try:
            hits = concordance(self.project, term, extra_tm=self.extra_tm, limit=self.limit,
                               live=self.live)
            self.post_message(self.Searched(term, hits))
        except Exception as exc:  # a malformed catalog or memory: say so, keep the screen
            self.post_message(self.Searched(term, [], str(exc)))

    @on(Searched)
    def _searched(self, message: Searched) -> None:
        if message.term != self.query_one(Input).value:
            return  # an older search, overtaken by typing
        self.searches += 1
        if message.error:
            self._show(message.term, [])
            self._status(message.error)
            return
        self._show(message.term, message.hits)

    def _show(self, term: str, hits: list[Hit]) -> None:
        self.hits = hits
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # Source and translation share the width, each wrapped in its column (a long
        # sentence grows its row instead of pushing the translation off screen).
        width = max(self.query_one(Vertical).size.width - 4, 40)
        where_width = min(24, width // 5)
        text_width = (width - where_width - 6) // 2
        table.add_column("Source", width=text_width)
        table.add_column("Translation", width=text_width)
        table.add_column("Where", width=where_width)
        for n, hit in enumerate(hits):
            where = f"{hit.origin.rsplit('/', 1)[-1]} {hit.lang}"
            if hit.kind == "catalog" and hit.state != "translated":
                where += f" ({hit.state})"
            # Text objects: the file's text is never read as markup, its controls never
            # reach the terminal
            table.add_row(Text(visible(hit.source), overflow="fold"),
                          Text(visible(hit.target or "—"), overflow="fold"),
                          Text(visible(where), overflow="fold"), key=str(n), height=None)
        if not term.strip():
            self._status("")
        elif hits:
            more = "+" if len(hits) >= self.limit else ""
            self._status(f"{len(hits)}{more} sentences · Enter: go to the sentence · Esc: close")
        else:
            self._status("no translated sentence holds it (untranslated ones are left out, as "
                         "by `workbench concordance` without --all)")

    def on_resize(self) -> None:
        if self.hits:
            self._show(self.query_one(Input).value, self.hits)

    def _status(self, text: str) -> None:
        self.query_one("#concordance-status", Static).update(Text(text))

    def action_to_table(self) -> None:
        if self.hits:
            self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#concordance-hits")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        self.dismiss(self.hits[event.cursor_row])

    def action_close(self) -> None:
        self.dismiss(None)
