"""What the editor's unit list and the alignment review's bead list share: a Line-API list
(a line a row, only the rows on screen drawn) with a cursor row kept in sight."""

from __future__ import annotations

from textual.events import Resize
from textual.reactive import reactive
from textual.scroll_view import ScrollView


class LineList(ScrollView):
    """A list of `row_count` rows, one line each, with a cursor row: moved, or the window
    resized, the list scrolls so that the cursor stays in sight."""

    cursor: reactive[int] = reactive(0, always_update=False, layout=False, repaint=False)
    """Position of the highlighted row (a row of the list, not an index of what it shows)."""

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def validate_cursor(self, value: int) -> int:
        count = self.row_count
        return max(0, min(value, count - 1)) if count else 0

    @property
    def page_rows(self) -> int:
        """How far Page Up and Page Down move: a screenful less one row."""
        return max(1, self.scrollable_content_region.height - 1)

    def scroll_to_cursor(self, center: bool = False, later: bool = True) -> None:
        # force: right after a filter the scrollbar may still be hidden from the last layout
        # (a short list), and an unforced scroll would then be ignored
        height = self.scrollable_content_region.height
        if height <= 0:  # not laid out yet (the first screen): once the height is known
            if later:
                self.call_after_refresh(self.scroll_to_cursor, center, False)
            return
        top = round(self.scroll_offset.y)
        if center:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False, immediate=True,
                           force=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True, force=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True,
                           force=True)

    def on_resize(self, _event: Resize) -> None:
        # a smaller window (a tmux split) keeps the scroll: the cursor row would be out of
        # sight until the next move
        self.scroll_to_cursor()
