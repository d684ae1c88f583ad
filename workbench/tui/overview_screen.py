"""The project overview and switcher: documents × target languages with their progress;
Enter on a cell dismisses the screen with that catalog's path, for the editor to open.

The figures are the `workbench stats` ones (units and words translated), computed in a worker
one catalog at a time so the table appears at once and fills in.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from workbench.editor.overview import Cell, cell_stats, cells
from workbench.model import State
from workbench.project import Project
from workbench.stats import CatalogStats


def figures(stats: CatalogStats | None, width: int = 40) -> Text:
    """A cell's text: percent of units translated, then translated/total units and fuzzy."""
    if stats is None:
        return Text("not started", style="dim")
    done, total = stats.units[State.TRANSLATED], stats.total_units
    text = Text(f"{stats.percent_units():3.0f}% ", style="bold green" if done == total
                else "bold")
    text.append(f"{done}/{total}")
    if stats.units[State.FUZZY]:
        text.append(f" ~{stats.units[State.FUZZY]}", style="yellow")
    words = f" · {stats.percent_words():.0f}% words"
    if text.cell_len + len(words) <= width:  # a narrow terminal keeps the units only
        text.append(words, style="dim")
    return text


class OverviewScreen(ModalScreen[Path | None]):
    """Every catalog of the project; dismissed with the chosen PO path, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    OverviewScreen { align: center middle; }
    OverviewScreen > Vertical { width: 96%; height: 90%; border: round $accent;
        background: $surface; padding: 0 1; }
    OverviewScreen #overview-status { height: 1; color: $text-muted; }
    OverviewScreen DataTable { height: 1fr; }
    """

    class Figured(Message):
        def __init__(self, row: int, column: int, stats: CatalogStats | None,
                     error: str = "") -> None:
            super().__init__()
            self.row, self.column, self.stats, self.error = row, column, stats, error

    def __init__(self, project: Project, current: Path | None = None) -> None:
        super().__init__()
        self.project = project
        self.current = current.resolve() if current else None
        self.grid: list[list[Cell]] = []
        self.cell_width = 34
        self.stats: dict[tuple[int, int], CatalogStats | None] = {}
        """Figures computed so far, by (row, column)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Project {self.project.root.name} · {self.project.source_lang}"
                              " → " + ", ".join(self.project.targets) +
                              " · Enter: open · Esc: close"), id="overview-status")
            yield DataTable(cursor_type="cell", zebra_stripes=True, id="overview-table")

    def on_mount(self) -> None:
        self.grid = cells(self.project)
        table = self.query_one(DataTable)
        names = [self.project.relative(row[0].document) for row in self.grid]
        available = int(self.app.size.width * 0.96) - 6
        name_width = min(max((len(n) for n in names), default=8), max(12, available // 3))
        self.cell_width = max(14, min(34, (available - name_width - 2 * len(
            self.project.targets)) // max(1, len(self.project.targets))))
        table.add_column("Document", width=name_width)
        for target in self.project.targets:
            table.add_column(target, width=self.cell_width)
        for name, row in zip(names, self.grid, strict=True):
            table.add_row(Text(name, overflow="ellipsis", no_wrap=True),
                          *[Text("…", style="dim") for _ in row])
        for r, row in enumerate(self.grid):
            for c, cell in enumerate(row):
                if self.current is not None and cell.path.resolve() == self.current:
                    table.move_cursor(row=r, column=c + 1)
        table.focus()
        self._figure()

    @work(thread=True, exclusive=True, group="overview")
    def _figure(self) -> None:
        for r, row in enumerate(self.grid):
            for c, cell in enumerate(row):
                try:
                    self.post_message(self.Figured(r, c, cell_stats(self.project, cell)))
                except Exception as exc:  # a malformed catalog: shown in its cell
                    self.post_message(self.Figured(r, c, None, str(exc)))

    @on(Figured)
    def _figured(self, message: Figured) -> None:
        self.stats[(message.row, message.column)] = message.stats
        content = Text(message.error, style="red") if message.error else \
            figures(message.stats, self.cell_width)
        self.query_one(DataTable).update_cell_at(Coordinate(message.row, message.column + 1),
                                                content)

    @on(DataTable.CellSelected, "#overview-table")
    def _chosen(self, event: DataTable.CellSelected) -> None:
        row, column = event.coordinate.row, event.coordinate.column
        if column == 0:  # the document's name: its first target
            column = 1
        self.dismiss(self.grid[row][column - 1].path)

    def action_close(self) -> None:
        self.dismiss(None)
