"""The list of units: one Line-API widget that renders only the rows on screen.

A widget per unit, or a DataTable, costs seconds at 100,000 units. This list keeps the units
(owned by the session), an index array of the rows it shows (a `range` for all of them, a list
after filtering) and an LRU cache of rendered rows; moving the cursor re-renders two rows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.events import Blur, Click, Focus, Key
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from workbench.model import State, Unit
from workbench.tui.actions import list_bindings
from workbench.tui.keys import InOrder
from workbench.tui.text import fit, visible
from workbench.tui.widgets.line_list import LineList

MARKS = {State.TRANSLATED: "✓", State.FUZZY: "~", State.UNTRANSLATED: "·"}


class UnitList(InOrder, LineList, can_focus=True):
    """Every unit of the catalog (or of a filter) as one line: number, state, source, target.

    Its keys apply in the order they arrive, like the target's (see `workbench.tui.keys`):
    Down Down Enter and a translation, in one burst, open the second unit down and type there.
    """

    BINDINGS: ClassVar[list[BindingType]] = list_bindings()

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "unit-list--cursor",
        "unit-list--number",
        "unit-list--translated",
        "unit-list--fuzzy",
        "unit-list--untranslated",
        "unit-list--target",
        "unit-list--rule",
        "unit-list--flagged",
    }

    DEFAULT_CSS = """
    UnitList { background: $surface; }
    UnitList > .unit-list--cursor { background: $accent 40%; text-style: bold; }
    UnitList:focus > .unit-list--cursor { background: $accent 70%; }
    UnitList > .unit-list--number { color: $text-muted; }
    UnitList > .unit-list--translated { color: $success; }
    UnitList > .unit-list--fuzzy { color: $warning; text-style: bold; }
    UnitList > .unit-list--untranslated { color: $error; }
    UnitList > .unit-list--target { color: $text; }
    UnitList > .unit-list--rule { color: $text-muted; }
    UnitList > .unit-list--flagged { color: $error; text-style: bold; }
    """

    class Highlighted(Message):
        """The cursor moved to another unit."""

        def __init__(self, unit_index: int) -> None:
            super().__init__()
            self.unit_index = unit_index

    class Chosen(Message):
        """The translator wants to edit the highlighted unit (Enter or a click)."""

        def __init__(self, unit_index: int) -> None:
            super().__init__()
            self.unit_index = unit_index

    def __init__(self, units: Sequence[Unit], *, id: str | None = None,
                 on_choose: Callable[[int], None] | None = None) -> None:
        """`on_choose`: called with the unit index as Enter (or a double click) is handled;
        without it a Chosen message is posted, which runs after the keys behind Enter."""
        super().__init__(id=id)
        self._init_in_order()
        self.on_choose = on_choose
        self.units = units
        self.rows: Sequence[int] = range(len(units))
        """Unit indices of the rows shown, in order (sorted)."""
        self._cache: LRUCache[tuple[int, bool], Strip] = LRUCache(1024)
        """Rendered rows by (unit index, is cursor row), for the current width."""
        self._cache_width = -1
        self._number_width = len(str(max(1, len(units))))
        self.flagged: set[int] = set()
        """Unit indices whose last commit had `check` findings (marked `!` after the state)."""
        self.virtual_size = Size(0, len(self.rows))

    # The model ---------------------------------------------------------------------------

    def set_units(self, units: Sequence[Unit]) -> None:
        """Show another list of units (the catalog was reloaded)."""
        self.units = units
        self._number_width = len(str(max(1, len(units))))
        self.set_rows(range(len(units)), None)

    def add_rows(self, rows: Sequence[int]) -> None:
        """The same rows and more after them (a catalog still being read): the cursor and
        the scroll stay where they are."""
        self.rows = rows
        width = len(str(max(1, len(self.units))))
        if width != self._number_width:
            self._number_width = width
            self._cache.clear()
        self.virtual_size = Size(0, len(rows))
        self.refresh()

    def set_rows(self, rows: Sequence[int], keep_unit: int | None) -> None:
        """Show only these unit indices (a filter); keep the cursor on `keep_unit` if shown,
        else on the next row after it."""
        self.rows = rows
        self._cache.clear()
        self.virtual_size = Size(0, len(rows))
        position = 0
        if keep_unit is not None and rows:
            position = min(self.row_of(keep_unit, nearest=True), len(rows) - 1)
        self.set_reactive(LineList.cursor, position)
        self.refresh()
        self.scroll_to_cursor(center=True)
        if rows:
            self.post_message(self.Highlighted(rows[position]))

    def row_of(self, unit_index: int, nearest: bool = False) -> int:
        """Row showing a unit; with `nearest`, the row where it would be. -1 if absent."""
        rows = self.rows
        if isinstance(rows, range):
            return unit_index if 0 <= unit_index < len(rows) else -1
        pos = bisect_left(rows, unit_index)
        if pos < len(rows) and rows[pos] == unit_index:
            return pos
        return pos if nearest else -1

    @property
    def unit_index(self) -> int | None:
        """Index of the highlighted unit, or None when the list is empty."""
        if not self.rows:
            return None
        return self.rows[min(self.cursor, len(self.rows) - 1)]

    def refresh_unit(self, unit_index: int) -> None:
        """Re-render a unit's row after its target or state changed."""
        for cursor_flag in (True, False):
            self._cache.discard((unit_index, cursor_flag))
        row = self.row_of(unit_index)
        if row >= 0:
            self.refresh_line(row)

    def move_to_unit(self, unit_index: int) -> bool:
        """Put the cursor on a unit; False when the unit is not shown."""
        row = self.row_of(unit_index)
        if row < 0:
            return False
        self.cursor = row
        return True

    # Cursor -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_cursor()
        if self.rows:
            self.post_message(self.Highlighted(self.rows[new]))

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self.page_rows

    def action_page_down(self) -> None:
        self.cursor += self.page_rows

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_choose(self) -> None:
        if self.rows:
            self._choose(self.rows[self.cursor])

    def _choose(self, unit_index: int) -> None:
        if self.on_choose is not None:
            self.on_choose(unit_index)
        else:
            self.post_message(self.Chosen(unit_index))

    async def _on_key(self, event: Key) -> None:
        if self._passed_on(event):
            return
        await self._run_binding_now(event, event.key)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)  # inside the border and padding
        if offset is None:
            return
        row = offset.y + round(self.scroll_offset.y)
        if 0 <= row < len(self.rows):
            self.cursor = row
            if event.chain > 1:
                self._choose(self.rows[row])

    # Rendering ----------------------------------------------------------------------------

    def _on_focus(self, event: Focus) -> None:
        super()._on_focus(event)
        self._restyle_cursor()

    def _on_blur(self, event: Blur) -> None:
        super()._on_blur(event)
        self._restyle_cursor()

    def _restyle_cursor(self) -> None:
        """The cursor row looks different with focus: its cached strips are stale."""
        if self.rows:
            self.refresh_unit(self.rows[min(self.cursor, len(self.rows) - 1)])

    def render_line(self, y: int) -> Strip:
        row = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if row >= len(self.rows) or width <= 0:
            return Strip.blank(width, self.rich_style)
        if width != self._cache_width:  # resized: every cached row has the old width
            self._cache.clear()
            self._cache_width = width
        unit_index = self.rows[row]
        key = (unit_index, row == self.cursor)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(unit_index, row == self.cursor, width)
            self._cache[key] = strip
        return strip

    def _render_row(self, unit_index: int, is_cursor: bool, width: int) -> Strip:
        unit = self.units[unit_index]
        get = self.get_component_rich_style
        base: Style = self.rich_style
        if is_cursor:
            base = base + get("unit-list--cursor")
        number = f"{unit_index + 1:>{self._number_width}} "
        mark = MARKS[unit.state]
        flag = "!" if unit_index in self.flagged else " "
        rest = max(0, width - len(number) - len(mark) - 1 - 3)
        source_width = (rest + 1) // 2
        target_width = rest - source_width
        source = fit(visible(unit.source, newline="↵", tab="→"), source_width)
        target = fit(visible(unit.target, newline="↵", tab="→"), target_width)
        segments = [
            Segment(number, base + get("unit-list--number")),
            Segment(mark, base + get(f"unit-list--{unit.state.label}")),
            Segment(flag, base + get("unit-list--flagged")),
            Segment(source, base),
            Segment(" │ ", base + get("unit-list--rule")),
            Segment(target, base + get("unit-list--target")),
        ]
        return Strip(segments, width).adjust_cell_length(width, base)
