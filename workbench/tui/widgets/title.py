"""The title line: what is in force first (a narrow terminal cuts the end), the file last."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from workbench.editor.saving import SaveState
from workbench.tui.text import safe_text


class TitleBar(Widget):
    """One line, redrawn whenever one of its reactives changes (the editor screen binds them)."""

    DEFAULT_CSS = "TitleBar { height: 1; }"

    languages: reactive[str] = reactive("")
    """\"zh-Hant → en\"."""
    path: reactive[str] = reactive("")
    """The catalog, as the project names it."""
    unsaved: reactive[int] = reactive(0)
    """Units committed since the last save."""
    save_state: reactive[SaveState] = reactive(SaveState)
    """Where saving stands: writing, a change on disk put off, a read-only file."""
    list_filter: reactive[str] = reactive("all")
    """The unit list's state filter."""
    search: reactive[str] = reactive("")
    """The unit list's search ("" for none)."""
    shown: reactive[int] = reactive(0)
    """Units the list shows."""
    total: reactive[int] = reactive(0)
    """Units of the catalog."""

    def render(self) -> Text:
        title = Text(no_wrap=True, end="", overflow="ellipsis")
        title.append(" workbench edit ", style="bold")
        title.append(f" {self.languages} ")
        if self.save_state.writing:
            title.append(" saving… ", style="bold")
        elif self.unsaved:
            title.append(f" ● {self.unsaved:,} unsaved ", style="bold red")
        if self.save_state.declined is not None:
            title.append(" ⚠ changed on disk ", style="bold red")
        if self.save_state.read_only:  # accepted once for saving, the file is read-only still
            title.append(" read-only ", style="bold yellow")
        if self.list_filter != "all":
            title.append(f" filter: {self.list_filter} ", style="bold yellow")
        if self.search:
            title.append(" search: ", style="bold yellow")
            title.append_text(safe_text(self.search, one_line=True))
            title.append(" ")
        if self.shown != self.total:
            title.append(f" ({self.shown:,} of {self.total:,} shown) ")
        title.append(" ")
        title.append_text(safe_text(self.path, one_line=True))
        # cut to the line (with …): the rest would wrap onto a line the title has not got
        title.truncate(max(1, self.size.width), overflow="ellipsis")
        return title
