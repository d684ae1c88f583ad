"""The target editor."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.document._document import EditResult
from textual.document._edit import Edit
from textual.events import Paste

from workbench.editor.undo import TextHistory
from workbench.tui.actions import keys_of
from workbench.tui.keys import OrderedTextArea
from workbench.tui.text import pasted


class TargetArea(OrderedTextArea):
    """The target editor: Enter commits, Ctrl+J and Shift+Enter insert a line break, Alt+key
    is left to the screen's bindings, and every key of a burst applies in order
    (workbench.tui.keys). Ctrl+Z and Ctrl+Y undo and redo by words, in the unit's own history
    (`unit_history`, kept by the screen while the editor is open)."""

    COMMIT_KEYS = keys_of("commit")
    NEWLINE_KEYS = keys_of("newline") | {"newline"}  # "newline": a bare line feed

    def __init__(self, on_commit: Callable[[], None], **options: Any) -> None:
        super().__init__(**options)
        self.on_commit = on_commit
        self.unit_history: TextHistory | None = None
        """The unit's undo history; None: the area is empty (no unit)."""

    def enter_pressed(self) -> None:
        self.on_commit()

    def edit(self, edit: Edit) -> EditResult:
        """Every change of the text goes through here: note it in the unit's history."""
        result = super().edit(edit)
        if self.unit_history is not None:
            self.unit_history.record(self.text, self.cursor_location, time.monotonic())
        return result

    def show(self, text: str, history: TextHistory | None) -> None:
        """Put `text` in the area, the cursor at its end, with its unit's history."""
        self.unit_history = None
        self.load_text(text)
        self.move_cursor(self.document.end)
        self.unit_history = history

    def action_undo(self) -> None:
        self._go_to(self.unit_history.undo() if self.unit_history else None)

    def action_redo(self) -> None:
        self._go_to(self.unit_history.redo() if self.unit_history else None)

    def _go_to(self, snapshot: Any) -> None:
        if snapshot is None or self.read_only:
            return
        history, self.unit_history = self.unit_history, None  # not an edit to record
        self.replace(snapshot.text, (0, 0), self.document.end, maintain_selection_offset=False)
        self.move_cursor(snapshot.cursor)
        self.unit_history = history

    async def _on_paste(self, event: Paste) -> None:
        # TextArea would insert ESC and other controls as they are, and draw them raw
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        start, end = self.selection
        self.replace(pasted(event.text), start, end, maintain_selection_offset=False)
