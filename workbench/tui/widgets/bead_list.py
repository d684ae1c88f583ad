"""The beads of an alignment under review: one Line-API widget that renders only the rows on
screen, a line a bead.

A DataTable of wrapped rows was rebuilt after every merge or split: 3-4 s a key for a book of
5,000 beads. Here an edit changes the list the widget reads and the rows on screen are drawn
again; the full texts of the bead under the cursor and its neighbours are the review
screen's detail pane.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from workbench import langs
from workbench.align.editing import BeadEditor
from workbench.tui.text import fit, visible
from workbench.tui.widgets.line_list import LineList


class BeadList(LineList, can_focus=True):
    """Every bead as one line: number, kind, confidence (✓ once reviewed), source, target."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bead-list--cursor", "bead-list--number", "bead-list--low", "bead-list--reviewed",
        "bead-list--rule", "bead-list--empty",
    }

    DEFAULT_CSS = """
    BeadList { background: $surface; }
    BeadList > .bead-list--cursor { background: $accent 40%; text-style: bold; }
    BeadList:focus > .bead-list--cursor { background: $accent 70%; }
    BeadList > .bead-list--number { color: $text-muted; }
    BeadList > .bead-list--low { color: $error; text-style: bold; }
    BeadList > .bead-list--reviewed { color: $success; }
    BeadList > .bead-list--rule { color: $text-muted; }
    BeadList > .bead-list--empty { color: $text-muted; text-style: italic; }
    """

    class Highlighted(Message):
        """The cursor moved, or the beads under it changed."""

        def __init__(self, bead_index: int) -> None:
            super().__init__()
            self.bead_index = bead_index

    def __init__(self, editor: BeadEditor, threshold: float, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.editor = editor
        self.threshold = threshold
        self.order: Sequence[int] = range(len(editor))
        """Bead indexes of the rows, in view order."""
        self._cache: LRUCache[tuple[int, bool], Strip] = LRUCache(512)
        self._cache_width = -1
        self.virtual_size = Size(0, len(self.order))

    # The model ---------------------------------------------------------------------------

    def set_order(self, order: Sequence[int], row: int) -> None:
        """Show the beads in this order (after an edit, or another order) with the cursor on
        `row`: only the rows on screen are drawn again."""
        self.order = order
        self._cache.clear()
        self.virtual_size = Size(0, len(order))
        self.set_reactive(LineList.cursor, self.validate_cursor(row))
        self.refresh()
        self.scroll_to_cursor()
        self._highlighted()

    def refresh_bead(self, bead_index: int, row: int) -> None:
        """Draw a bead's row again (accepted: its mark changed)."""
        for flag in (True, False):
            self._cache.discard((bead_index, flag))
        self.refresh_line(row)

    @property
    def row_count(self) -> int:
        return len(self.order)

    @property
    def cursor_row(self) -> int:
        return self.cursor

    def move_cursor(self, row: int) -> None:
        self.cursor = row

    # Cursor -------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_cursor()
        self._highlighted()

    def _highlighted(self) -> None:
        if self.order:
            self.post_message(self.Highlighted(self.order[self.cursor]))

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self.page_rows

    def action_edge(self, end: int) -> None:
        self.cursor = len(self.order) - 1 if end else 0

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y + round(self.scroll_offset.y) < len(self.order):
            self.cursor = offset.y + round(self.scroll_offset.y)

    # Rendering ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if row >= len(self.order) or width <= 0:
            return Strip.blank(width, self.rich_style)
        if width != self._cache_width:
            self._cache.clear()
            self._cache_width = width
        key = (self.order[row], row == self.cursor)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = self._render_row(*key, width)
        return strip

    def _render_row(self, k: int, is_cursor: bool, width: int) -> Strip:
        get = self.get_component_rich_style
        base: Style = self.rich_style + get("bead-list--cursor") if is_cursor else self.rich_style
        alignment, bead = self.editor.alignment, self.editor.beads[k]
        reviewed = self.editor.reviewed[k]
        number = f"{k + 1:>{len(str(len(self.editor)))}} {bead.kind:<4}"
        conf = f" {bead.confidence:.2f}{' ✓' if reviewed else '  '} "
        conf_style = ("bead-list--reviewed" if reviewed else
                      "bead-list--low" if bead.confidence < self.threshold else "bead-list--number")
        rest = max(0, width - len(number) - len(conf) - 3)
        sides = []
        for lang, texts, indexes, empty in (
                (alignment.source_lang, alignment.source, bead.source, "(no source)"),
                (alignment.target_lang, alignment.target, bead.target, "(no translation)")):
            joined = langs.sentence_joiner(lang).join(texts[i] for i in indexes)
            sides.append((visible(joined, newline="↵", tab="→"), not indexes, empty))
        segments = [Segment(number, base + get("bead-list--number")),
                    Segment(conf, base + get(conf_style))]
        for n, (text, is_empty, empty) in enumerate(sides):
            cells = (rest + 1) // 2 if n == 0 else rest // 2
            if is_empty:
                segments.append(Segment(fit(empty, cells), base + get("bead-list--empty")))
            else:
                segments.append(Segment(fit(text, cells), base))
            if n == 0:
                segments.append(Segment(" │ ", base + get("bead-list--rule")))
        return Strip(segments, width).adjust_cell_length(width, base)
